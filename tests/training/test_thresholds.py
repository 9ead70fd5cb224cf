"""Precision-targeted thresholds and their sync into the default rulebook."""

from __future__ import annotations

import numpy as np

from vestnik.engine import default_rulebook
from vestnik.engine.models.head import load_head
from vestnik.training.heads import choose_thresholds
from vestnik.training.sync_thresholds import RULE_HEADS, synced


def _precision(y: np.ndarray, s: np.ndarray, t: float) -> float:
    flagged = s >= t
    return float((flagged & (y == 1)).sum()) / max(1, int(flagged.sum()))


def test_thresholds_meet_the_precision_targets_on_validation() -> None:
    rng = np.random.default_rng(0)
    y = np.r_[np.ones(300, dtype=int), np.zeros(3000, dtype=int)]
    s = np.r_[rng.beta(5, 2, 300), rng.beta(2, 6, 3000)]
    fire, hold, stats = choose_thresholds(y, s)
    assert 0 < hold <= fire < 1
    assert _precision(y, s, fire) >= 0.9
    assert _precision(y, s, hold) >= 0.75
    # the hold band is wider than the reject band but not the F1 point's
    assert stats["val_recall_at_hold"] >= stats["val_recall_at_fire"]
    assert stats["f1_threshold"] <= fire


def test_prior_correction_raises_thresholds_for_abuse_heavy_validation() -> None:
    rng = np.random.default_rng(1)
    y = np.r_[np.ones(1000, dtype=int), np.zeros(1000, dtype=int)]  # 50% positive
    s = np.r_[rng.beta(4, 2, 1000), rng.beta(2, 4, 1000)]
    plain = choose_thresholds(y, s)
    corrected = choose_thresholds(y, s, prior=0.1)
    assert corrected[1] > plain[1]


def test_rulebook_carries_the_shipped_thresholds() -> None:
    from vestnik.training.sync_thresholds import RULEBOOK

    source = RULEBOOK.read_text(encoding="utf-8")
    assert synced(source)[1] == [], "run python -m vestnik.training.sync_thresholds"
    book = default_rulebook()
    for rule, head in RULE_HEADS.items():
        assert book[rule].threshold == round(load_head(head).threshold, 3)
        assert book[rule].hold_threshold == round(load_head(head).hold_threshold, 3)
