"""`vestnik train`: the abuse model (optionally fine-tuned first), every head,
their artefacts and model cards.

Reproducible: fixed seeds, deterministic hash splits, sampled rows chosen by
seeded RNGs, and the sha256 of every data file recorded in each head's
metadata (plus the encoder version and its pinned weights digest).
"""

from __future__ import annotations

import json
import os
import platform
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from vestnik.engine.encoder import TASK_FILE_NAME, WEIGHTS_SHA256, get_encoder
from vestnik.engine.models.head import MODELS_DIR
from vestnik.training.cards import write_card
from vestnik.training.embeddings import EmbeddingStore
from vestnik.training.heads import (
    FIRE_PRECISION,
    HOLD_PRECISION,
    SEED,
    binary_metrics,
    fit_head,
    select_input,
)
from vestnik.training.offtopic import train_off_topic, write_off_topic_card
from vestnik.training.specs import HeadSpec, Loader, available_specs


def train_all(
    out_dir: Path = MODELS_DIR,
    only: Sequence[str] = (),
    limit: int | None = None,
    progress: bool = True,
    with_off_topic: bool = True,
    cache_root: Path | None = None,
    encoder_epochs: int | None = None,
    fine_tune: bool = False,
    encoder_init: Path | None = None,
    focus: bool = True,
) -> dict[str, dict[str, Any]]:
    """``fine_tune``: first fine-tune the abuse model (`abuse_model`, the
    long step: hours on two cores) into ``out_dir``: its main stage, then
    (``focus``) its focus stage started from the main stage's file, exactly as
    ``encoder_init`` would; then calibrate it (also when only ``abuse`` is
    asked for) and fit the heads, which read its embedding.
    ``encoder_init``: start from that model file and run only the focus
    stage (see `train_abuse_model`)."""
    random.seed(SEED)
    np.random.seed(SEED)
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    weights = out_dir / TASK_FILE_NAME
    if fine_tune:
        _fine_tune(
            out_dir, limit, encoder_epochs, encoder_init, focus, progress, results
        )
    previous = os.environ.get("VESTNIK_TASK_MODEL")
    if weights.is_file():
        # the heads and the calibration must read embeddings made with the
        # abuse model in out_dir, whatever the environment said
        os.environ["VESTNIK_TASK_MODEL"] = str(weights)
    try:
        return _train(
            out_dir,
            only,
            limit,
            progress,
            with_off_topic,
            cache_root,
            fine_tune,
            weights,
            results,
        )
    finally:
        if previous is None:
            os.environ.pop("VESTNIK_TASK_MODEL", None)
        else:
            os.environ["VESTNIK_TASK_MODEL"] = previous


def _fine_tune(
    out_dir: Path,
    limit: int | None,
    epochs: int | None,
    init: Path | None,
    focus: bool,
    progress: bool,
    results: dict[str, dict[str, Any]],
) -> None:
    """The abuse model's stages into ``out_dir``.  Without ``init`` the main
    stage runs first; the focus stage then starts from a copy of its file, so
    that one command and the two-step way (``--no-focus``, then ``--init``)
    give the same weights."""
    import shutil
    import tempfile

    from vestnik.training.abuse_model import EPOCHS, train_abuse_model

    def log(line: str) -> None:
        if progress:
            tqdm.write(line)

    with tempfile.TemporaryDirectory(prefix="vestnik-main-stage-") as tmp:
        if init is None:
            results["abuse"] = train_abuse_model(
                out_dir,
                limit=limit,
                epochs=epochs or EPOCHS,
                focus_epochs=0,
                progress=progress,
                log=log,
            )
            if not focus:
                return
            init = Path(tmp) / TASK_FILE_NAME
            shutil.copyfile(out_dir / TASK_FILE_NAME, init)
        results["abuse"] = train_abuse_model(
            out_dir, limit=limit, init=init, progress=progress, log=log
        )


def _train(
    out_dir: Path,
    only: Sequence[str],
    limit: int | None,
    progress: bool,
    with_off_topic: bool,
    cache_root: Path | None,
    fine_tune: bool,
    weights: Path,
    results: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    encoder = get_encoder()
    store = EmbeddingStore(encoder, root=cache_root, progress=progress)
    loader = Loader(store, limit=limit)
    if weights.is_file() and (fine_tune or not only or "abuse" in only):
        from vestnik.training import abuse_data
        from vestnik.training.abuse_calibration import calibrate, test_metrics
        from vestnik.training.cards import write_abuse_card

        trained = json.loads((out_dir / "abuse.json").read_text(encoding="utf-8"))
        focused = any(s.get("stage") == "focus" for s in trained.get("stages", []))
        # calibrated on the validation rows of the data it was trained on
        mix = abuse_data.build(limit=limit, with_compose=focused)
        calibration = calibrate(out_dir, store, mix)
        tests = test_metrics(out_dir, store, mix)
        meta = json.loads((out_dir / "abuse.json").read_text(encoding="utf-8"))
        write_abuse_card(out_dir, meta)
        results["abuse"] = {
            "threshold": None,
            "calibration": calibration,
            "test": tests,
        }
    specs: list[HeadSpec] = [s for s in available_specs() if not only or s.name in only]
    bar = tqdm(specs, desc="heads", unit="head", disable=not progress)
    for spec in bar:
        bar.set_postfix_str(spec.name)
        started = time.perf_counter()
        data = spec.recipe(loader)
        train = select_input([c for c in data.train if len(c)], spec.input)
        val = select_input([c for c in data.val if len(c)], spec.input)
        head = fit_head(
            spec.name, train, val, spec.use_chars, c=spec.c, prior=spec.val_prior
        )
        tests = {}
        for name, full in data.tests.items():
            (chunk,) = select_input([full], spec.input)
            if len(chunk) and len(set(chunk.labels.tolist())) >= 1:
                scores = head.scores(chunk.texts, chunk.embeddings)
                tests[name] = binary_metrics(chunk.labels, scores, head.threshold)
        meta = {
            "name": spec.name,
            "rules": list(spec.rules),
            "summary": spec.summary,
            "weaknesses": spec.weaknesses,
            "encoder": encoder.version,
            "encoder_weights_sha256": WEIGHTS_SHA256,
            "features": "embedding+char(2-5)" if spec.use_chars else "embedding",
            "input": spec.input,
            "C": spec.c,
            "seed": SEED,
            "fire_precision": FIRE_PRECISION,
            "hold_precision": HOLD_PRECISION,
            "precision_judged_at_prior": spec.val_prior,
            "f1_threshold": head.val.get("f1_threshold"),
            "train": {
                c.source: {
                    "rows": len(c),
                    "positives": int(c.labels.sum()),
                    "weight": c.weight,
                }
                for c in train
            },
            "val": {
                c.source: {"rows": len(c), "positives": int(c.labels.sum())}
                for c in val
            },
            "validation": head.val,
            "test": tests,
            "data_files": data.sources,
            "trained_seconds": round(time.perf_counter() - started, 1),
            "python": platform.python_version(),
            "limit": limit,
        }
        meta = head.save(out_dir, meta)
        write_card(out_dir, meta)
        results[spec.name] = meta
    if with_off_topic and (not only or "off_topic" in only):
        meta = train_off_topic(store, out_dir, limit=limit)
        write_off_topic_card(out_dir, meta)
        results["off_topic"] = meta
    # merged into the existing summary, so that training some heads keeps the
    # others' entries
    summary_path = out_dir / "training_summary.json"
    summary: dict[str, Any] = (
        json.loads(summary_path.read_text(encoding="utf-8"))
        if summary_path.is_file()
        else {}
    )
    # entries of heads that no longer exist (replaced by the abuse model) go
    known = {spec.name for spec in available_specs()} | {"off_topic", "abuse"}
    summary = {k: v for k, v in summary.items() if k in known}
    summary.update(
        {
            k: {"threshold": v.get("threshold"), "test": v.get("test")}
            for k, v in results.items()
        }
    )
    summary_path.write_text(
        json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return results
