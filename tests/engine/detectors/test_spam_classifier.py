"""SpamClassifier: real head, real encoder, clear cases (rule `spam`)."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.spam_classifier import SpamClassifier
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector() -> SpamClassifier:
    rule = default_rulebook()["spam"]
    found = [d for d in rule.detectors if isinstance(d, SpamClassifier)]
    assert found, "the default rulebook must use SpamClassifier for spam"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        (
            "WINNER!! You have been selected for a £1000 cash prize. Call 09061701461 now to claim!",
            True,
        ),
        (
            "Earn $5000 a week working from home! Click here to start, limited places.",
            True,
        ),
        ("See you at the match on Saturday, I'll bring the tickets.", False),
        ("The article says the council will spend 2 million on roads.", False),
    ],
)
def test_clear_cases(detector: SpamClassifier, text: str, fires: bool) -> None:
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context())
    score = max((f.score for f in findings), default=0.0)
    rule = default_rulebook()["spam"]
    assert (rule.outcome_for(score) is not None) is fires, f"score {score:.3f}"
    for finding in findings:
        assert finding.rule == "spam"
        assert finding.spans and 0 <= finding.spans[0].start < finding.spans[
            0
        ].end <= len(text)
