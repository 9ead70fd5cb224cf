"""ViolenceClassifier: real head, real encoder, clear cases (rule `violence`)."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.violence_classifier import ViolenceClassifier
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector() -> ViolenceClassifier:
    rule = default_rulebook()["violence"]
    found = [d for d in rule.detectors if isinstance(d, ViolenceClassifier)]
    assert found, "the default rulebook must use ViolenceClassifier for violence"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        (
            "They should drag him into the street and beat him until he stops breathing.",
            True,
        ),
        (
            "I tied the dog to the fence and kicked it until it stopped whimpering.",
            True,
        ),
        (
            "The report says the war has displaced two million people since March.",
            False,
        ),
        (
            "Police arrested a suspect after Saturday's assault, the article says.",
            False,
        ),
    ],
)
def test_clear_cases(detector: ViolenceClassifier, text: str, fires: bool) -> None:
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context())
    score = max((f.score for f in findings), default=0.0)
    rule = default_rulebook()["violence"]
    assert (rule.outcome_for(score) is not None) is fires, f"score {score:.3f}"
    for finding in findings:
        assert finding.rule == "violence"
        assert finding.spans and 0 <= finding.spans[0].start < finding.spans[
            0
        ].end <= len(text)
