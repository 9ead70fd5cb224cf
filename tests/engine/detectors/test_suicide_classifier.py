"""SuicideClassifier: incitement is held for a human, with support resources."""

from __future__ import annotations

import pytest

from vestnik.engine import Context, Submission, default_rulebook, moderate
from vestnik.engine.detectors.suicide_classifier import (
    SUPPORT_RESOURCES,
    SuicideClassifier,
)
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Outcome

pytestmark = pytest.mark.slow


def _finding_score(text: str) -> float:
    detector = next(
        d
        for d in default_rulebook()["suicide"].detectors
        if isinstance(d, SuicideClassifier)
    )
    doc = Document(text)
    embed_documents([doc])
    return max((f.score for f in detector.detect(doc, Context())), default=0.0)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Just kill yourself already, nobody would miss you.", True),
        ("kys loser, do the world a favour.", True),
        ("The new helpline cut suicide rates among teenagers, great news.", False),
        ("That budget is political suicide for the minister, mark my words.", False),
    ],
)
def test_clear_cases(text: str, fires: bool) -> None:
    rule = default_rulebook()["suicide"]
    assert (rule.outcome_for(_finding_score(text)) is not None) is fires


def test_rule_holds_and_explains_with_support_resources() -> None:
    assert default_rulebook()["suicide"].outcome is Outcome.HOLD
    verdict = moderate(
        Submission("Just kill yourself already, nobody would miss you."),
        Context(record=False),
    )
    fired = {r.rule: r for r in verdict.fired}
    assert "suicide" in fired
    finding = fired["suicide"].findings[0]
    assert SUPPORT_RESOURCES in finding.explanation
    assert finding.data["support"] == SUPPORT_RESOURCES
