"""InsultClassifier: real head, real encoder, clear cases (rule `insult-threat`)."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.insult_classifier import InsultClassifier
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector() -> InsultClassifier:
    rule = default_rulebook()["insult-threat"]
    found = [d for d in rule.detectors if isinstance(d, InsultClassifier)]
    assert found, "the default rulebook must use InsultClassifier for insult-threat"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("You are a pathetic idiot and everyone here knows it.", True),
        ("Shut up you brainless moron, nobody asked for your opinion.", True),
        ("I know where you live and I will make you pay for this.", True),
        (
            "I will find you and break every bone in your worthless body, you scum.",
            True,
        ),
        (
            "I disagree with your point about the budget, the numbers don't add up.",
            False,
        ),
        ("Thanks for the thoughtful reply, you changed my mind.", False),
    ],
)
def test_clear_cases(detector: InsultClassifier, text: str, fires: bool) -> None:
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context())
    score = max((f.score for f in findings), default=0.0)
    rule = default_rulebook()["insult-threat"]
    assert (rule.outcome_for(score) is not None) is fires, f"score {score:.3f}"
    for finding in findings:
        assert finding.rule == "insult-threat"
        assert finding.spans and 0 <= finding.spans[0].start < finding.spans[
            0
        ].end <= len(text)
