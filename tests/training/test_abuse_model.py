"""The abuse model's training pipeline end to end on a tiny slice of the real data:
fine-tune, save, load into the run-time encoder, calibrate, write the card."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest

from vestnik.training import datasets as D

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not D.data_dir().is_dir(), reason="shared data directory not available"
    ),
]


def test_fine_tune_calibrate_and_load_on_a_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vestnik.engine.encoder import get_encoder, task_outputs
    from vestnik.training.abuse_data import OUTPUTS, TASKS
    from vestnik.training.run import train_all

    monkeypatch.setenv("VESTNIK_ENCODER", "torch")  # no ONNX export in the test
    out = tmp_path / "models"
    results = train_all(
        out_dir=out,
        only=["abuse"],
        limit=4,
        progress=False,
        with_off_topic=False,
        cache_root=tmp_path / "emb",
        fine_tune=True,
        encoder_epochs=1,
    )
    meta = json.loads((out / "abuse.json").read_text())
    # one command, both stages: the focus stage starts from the main stage's file
    assert [s["stage"] for s in meta["stages"]] == ["init", "focus"]
    assert not list(out.glob("*main*")), "the main stage's copy is not left behind"
    assert meta["outputs"] == list(OUTPUTS)
    assert meta["split"] == 2
    # every task calibrated with a reject threshold above its hold threshold
    assert set(meta["calibration"]) <= set(TASKS) and "hate" in meta["calibration"]
    for cal in meta["calibration"].values():
        assert 0.0 <= cal["hold_threshold"] <= cal["threshold"] <= 1.0
    assert (out / "abuse.md").read_text().startswith("# Model card: `abuse`")
    assert "abuse" in results
    # the run-time encoder loads the file and gives one logit per output
    monkeypatch.setenv("VESTNIK_TASK_MODEL", str(out / "abuse.safetensors"))
    assert task_outputs() == OUTPUTS
    rows = get_encoder("torch").encode_all(["you are all vermin", "lovely day"])
    assert rows.shape == (2, 2 * 384 + len(OUTPUTS))


def test_no_focus_stops_after_the_main_stage(tmp_path: Path) -> None:
    from vestnik.training.run import _fine_tune

    results: dict = {}
    _fine_tune(tmp_path, 4, 1, None, False, False, results)
    assert [s["stage"] for s in results["abuse"]["stages"]] == ["main"]
    assert "generated:compose_abuse" not in results["abuse"]["data_files"]


def test_focus_stage_starts_from_a_trained_model_on_a_slice(tmp_path: Path) -> None:
    from vestnik.engine.encoder import SHIPPED_TASK_MODEL
    from vestnik.training.abuse_model import train_abuse_model

    meta = train_abuse_model(
        tmp_path, limit=4, progress=False, init=SHIPPED_TASK_MODEL, log=lambda _: None
    )
    stages = [s["stage"] for s in meta["stages"]]
    assert stages == ["init", "focus"]  # no full pass: it starts from the file
    shipped = hashlib.sha256(SHIPPED_TASK_MODEL.read_bytes()).hexdigest()[:12]
    assert meta["stages"][0]["from"] == shipped
    assert "generated:compose_abuse" in meta["data_files"]
    assert (tmp_path / "abuse.safetensors").is_file()


def test_average_of_two_models_lies_between_them(tmp_path: Path) -> None:
    from safetensors.torch import load_file

    from vestnik.engine.encoder import SHIPPED_TASK_MODEL
    from vestnik.training.abuse_model import average_models, train_abuse_model

    later_dir = tmp_path / "later"
    train_abuse_model(
        later_dir, limit=4, progress=False, init=SHIPPED_TASK_MODEL, log=lambda _: None
    )
    later = later_dir / "abuse.safetensors"
    meta = average_models(tmp_path, SHIPPED_TASK_MODEL, later, alpha=0.25, limit=4)
    assert [s["stage"] for s in meta["stages"]] == ["init", "focus", "average"]
    assert meta["stages"][-1]["alpha"] == 0.25
    assert meta["validation"][-1]["stage"] == "average"
    a, b = load_file(str(SHIPPED_TASK_MODEL)), load_file(str(later))
    mixed = load_file(str(tmp_path / "abuse.safetensors"))
    moved = [k for k in a if not bool((a[k] == b[k]).all())]
    assert moved  # the focus stage changed something to average
    for key in moved[:5]:
        expected = 0.75 * a[key].float() + 0.25 * b[key].float()
        error = (mixed[key].float() - expected).abs()
        assert bool((error <= 2e-3 * (1 + expected.abs())).all())  # float16 storage
    with pytest.raises(ValueError, match="between 0 and 1"):
        average_models(tmp_path, SHIPPED_TASK_MODEL, later, alpha=1.0, limit=4)
    broken = tmp_path / "broken.safetensors"
    broken.write_bytes(b"not a model")
    with pytest.raises(ValueError, match="not a readable abuse model"):
        average_models(tmp_path, SHIPPED_TASK_MODEL, broken, limit=4)


def test_without_init_there_is_no_focus_stage_and_no_compositional_data() -> None:
    from vestnik.training.abuse_data import Mixture, synthetic_rows

    plain, focused = Mixture(), Mixture()
    synthetic_rows(plain)
    synthetic_rows(focused, with_compose=True)
    assert "generated:compose_abuse" not in plain.files
    assert "generated:compose_abuse" in focused.files
    assert not any("compose" in r.family for r in plain.rows)
    assert any("compose" in r.family for r in focused.rows)


def test_damaged_model_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vestnik.engine.encoder import EncoderError, task_outputs

    bad = tmp_path / "abuse.safetensors"
    bad.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json}......")
    monkeypatch.setenv("VESTNIK_TASK_MODEL", str(bad))
    with pytest.raises(EncoderError, match="damaged header"):
        task_outputs()


def test_contrast_pairs_share_a_batch() -> None:
    from vestnik.training.abuse_data import MultiRow
    from vestnik.training.abuse_model import _batches

    rows = [
        MultiRow(f"text {i}", {}, "s", "train", pair=f"p{i // 2}") for i in range(40)
    ]
    rows += [MultiRow(f"single {i}", {}, "s", "train") for i in range(30)]
    batches = _batches(rows, random.Random(1), 8)
    where = {i: b for b, batch in enumerate(batches) for i in batch}
    for i in range(0, 40, 2):
        assert where[i] == where[i + 1]
    assert sorted(i for batch in batches for i in batch) == list(range(70))


def test_augmentation_reads_the_disguise_back() -> None:
    from vestnik.training.abuse_model import augmented

    rng = random.Random(3)
    outputs = {
        augmented("Immigrants are vermin and should leave", rng) for _ in range(60)
    }
    # most disguises of "vermin" are undone by the reading; some survive
    assert "Immigrants are vermin and should leave" in outputs
    assert len(outputs) > 1


def test_generated_training_data_is_labelled_and_paired() -> None:
    from vestnik.training.synthetic.abuse import rows

    generated = rows()
    assert len(generated) > 4000
    hateful = [r for r in generated if r.labels["hate"] == 1]
    assert hateful and all(r.target != "none" for r in hateful)
    pairs: dict[str, set[int | None]] = {}
    for row in generated:
        if row.pair:
            pairs.setdefault(row.pair, set()).add(row.labels["hate"])
    # most pairs hold a hateful case and its non-hateful twin
    assert sum(1 for v in pairs.values() if v == {0, 1}) > len(pairs) / 2


def test_train_init_refuses_a_missing_or_damaged_model_file(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from vestnik.cli import main

    missing = tmp_path / "none.safetensors"
    damaged = tmp_path / "damaged.safetensors"
    damaged.write_bytes(b"not a model")
    assert main(["train", "--init", str(missing), "--quiet"]) == 2
    assert "no such model file" in capsys.readouterr().err
    assert main(["train", "--init", str(damaged), "--quiet"]) == 2
    assert "not a readable abuse model" in capsys.readouterr().err


def test_average_command_refuses_bad_input_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from vestnik.engine.encoder import SHIPPED_TASK_MODEL
    from vestnik.training import abuse_model

    shipped = str(SHIPPED_TASK_MODEL)
    cases = [
        (["--average", str(tmp_path / "nope.safetensors"), shipped], "no such model"),
        (["--average", shipped, shipped, "--alpha", "2"], "between 0 and 1"),
    ]
    for args, message in cases:
        monkeypatch.setattr("sys.argv", ["abuse_model", "--out", str(tmp_path), *args])
        with pytest.raises(SystemExit) as exit_info:
            abuse_model._main()
        assert exit_info.value.code == 2
        assert message in capsys.readouterr().err
    assert not (tmp_path / "abuse.safetensors").exists()
