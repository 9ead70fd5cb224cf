"""The training pipeline end to end on a tiny slice of the real data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from vestnik.training import datasets as D

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not D.data_dir().is_dir(), reason="shared data directory not available"
    ),
]


def test_train_spam_and_off_topic_on_a_slice(tmp_path: Path) -> None:
    from vestnik.engine.models.head import load_head
    from vestnik.training.run import train_all

    out = tmp_path / "models"
    results = train_all(
        out_dir=out,
        only=["spam", "off_topic"],
        limit=60,
        progress=False,
        cache_root=tmp_path / "emb",
    )
    assert set(results) == {"spam", "off_topic"}
    meta = json.loads((out / "spam.json").read_text())
    # data versions recorded, thresholds chosen, test metrics present
    assert meta["data_files"]["sms_spam_collection"][
        "sms_spam_collection/SMSSpamCollection.tsv"
    ]
    assert 0.0 < meta["threshold"] < 1.0
    assert "sms_spam_collection" in meta["test"]
    assert (out / "spam.md").read_text().startswith("# Model card: `spam`")
    assert (out / "off_topic.npz").is_file()
    head = load_head("spam", out)
    from vestnik.engine.encoder import get_encoder

    texts = [
        "WINNER!! You have won a £1000 prize, call 09061701461 to claim now",
        "See you at lunch tomorrow?",
    ]
    scores = head.score(get_encoder().encode_full(texts), texts)
    assert scores[0] > scores[1]


def test_training_is_reproducible(tmp_path: Path) -> None:
    from vestnik.training.run import train_all

    cache = tmp_path / "emb"
    train_all(
        out_dir=tmp_path / "a",
        only=["spam"],
        limit=40,
        progress=False,
        with_off_topic=False,
        cache_root=cache,
    )
    train_all(
        out_dir=tmp_path / "b",
        only=["spam"],
        limit=40,
        progress=False,
        with_off_topic=False,
        cache_root=cache,
    )
    a, b = np.load(tmp_path / "a" / "spam.npz"), np.load(tmp_path / "b" / "spam.npz")
    assert np.array_equal(a["w_emb"], b["w_emb"])
    assert (
        json.loads((tmp_path / "a" / "spam.json").read_text())["digest"]
        == json.loads((tmp_path / "b" / "spam.json").read_text())["digest"]
    )


def test_hash_splits_are_stable_and_test_rows_never_train() -> None:
    assert D.hash_split("Hello there") == D.hash_split("hello there ")
    ex = D.sms_spam()
    train = set(ex.subset("train").texts)
    assert not train & set(ex.subset("test").texts)


def test_evaluation_only_sets_are_never_train() -> None:
    for reader in (D.sfu_eval, D.elf_eval):
        assert set(reader().splits) == {"test"}
