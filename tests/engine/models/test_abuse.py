"""The abuse model's artefacts and the plumbing that turns its logits into rule scores."""

from __future__ import annotations

import json

import pytest

from vestnik.engine.models.abuse import (
    MODELS_DIR,
    AbuseModel,
    TaskCalibration,
    load_abuse_model,
    target_group,
)
from vestnik.engine.slurs import TARGET_GROUPS


def test_shipped_model_has_card_outputs_and_calibration() -> None:
    model = load_abuse_model()
    meta = json.loads((MODELS_DIR / "abuse.json").read_text())
    assert model.outputs == tuple(meta["outputs"])
    assert model.outputs[: len(model.meta["tasks"])] == tuple(model.meta["tasks"])
    assert [
        o.split(":", 1)[1] for o in model.outputs if o.startswith("target:")
    ] == list(TARGET_GROUPS)
    for task in ("hate", "insult", "threat", "profanity", "toxicity"):
        cal = model.calibration(task)
        assert 0.0 < cal.hold_threshold <= cal.threshold < 1.0
    assert meta["test"], "the card reports held-out test metrics"
    card = (MODELS_DIR / "abuse.md").read_text()
    assert card.startswith("# Model card: `abuse`")
    assert meta["digest"] in model.version


def test_calibration_is_monotonic_and_bounded() -> None:
    cal = TaskCalibration(a=1.7, b=-0.4, threshold=0.8, hold_threshold=0.5)
    values = [cal.probability(z) for z in (-1e6, -3.0, 0.0, 3.0, 1e6)]
    assert values == sorted(values)
    assert 0.0 <= values[0] < values[-1] <= 1.0


def test_target_group_never_answers_none() -> None:
    logits = {
        "hate": 2.0,
        "target:none": 9.0,
        "target:muslim": 1.0,
        "target:women": 0.5,
    }
    assert target_group(logits) == "muslim"
    assert target_group({"hate": 2.0}) is None


def test_a_task_without_calibration_is_an_error() -> None:
    with pytest.raises(KeyError, match="no calibration"):
        AbuseModel({"outputs": ["hate"], "calibration": {}}).calibration("hate")
