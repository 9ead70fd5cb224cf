"""`vestnik eval --tradeoff`: each rule's threshold sweep."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from vestnik.cli import main
from vestnik.evaluation.tradeoff import curve


def test_curve_counts_each_side_at_each_threshold() -> None:
    benign = np.array([0.1, 0.2, 0.6, 0.9])
    positive = np.array([0.4, 0.7, 0.95])
    points = curve(benign, positive, [0.5, 0.8])
    assert points == [
        {"threshold": 0.5, "benign_flagged": 0.5, "recall": 0.6667},
        {"threshold": 0.8, "benign_flagged": 0.25, "recall": 0.3333},
    ]


def test_sweep_never_rises_as_the_threshold_rises() -> None:
    rng = np.random.default_rng(0)
    points = curve(rng.random(200), rng.random(100))
    for a, b in zip(points, points[1:], strict=False):
        assert b["benign_flagged"] <= a["benign_flagged"]
        assert b["recall"] <= a["recall"]


def test_eval_tradeoff_writes_the_curve_and_marks_the_shipped_thresholds(
    tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    code = main(
        ["eval", "--tradeoff", "promotion", "--limit", "15", "--out", str(tmp_path)]
    )
    assert code == 0
    result = json.loads((tmp_path / "tradeoff.json").read_text())
    promo = result["rules"]["promotion"]
    assert sum(promo["positives"].values()) > 10
    assert promo["shipped"]["reject"]["threshold"] > 0
    assert len(promo["curve"]) == 19
    assert (tmp_path / "tradeoff.png").stat().st_size > 1000
    assert "| promotion |" in (tmp_path / "tradeoff.md").read_text()
    assert "promotion" in capsys.readouterr().out


def test_unknown_rule_is_a_clear_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["eval", "--tradeoff", "nonsense", "--out", str(tmp_path)]) == 2
    assert "unknown rule(s) nonsense" in capsys.readouterr().err
