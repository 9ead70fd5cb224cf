"""ExtremismClassifier: real head, real encoder, clear cases (rule `extremism`)."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.extremism_classifier import ExtremismClassifier
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector() -> ExtremismClassifier:
    rule = default_rulebook()["extremism"]
    found = [d for d in rule.detectors if isinstance(d, ExtremismClassifier)]
    assert found, "the default rulebook must use ExtremismClassifier for extremism"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        (
            "Join the armed struggle, the only answer to this government is bombs and bullets.",
            True,
        ),
        (
            "We need to burn down the parliament and overthrow these traitors by force.",
            True,
        ),
        ("The documentary about the 1970s terror groups was well researched.", False),
        ("I will vote against this government at the next election.", False),
    ],
)
def test_clear_cases(detector: ExtremismClassifier, text: str, fires: bool) -> None:
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context())
    score = max((f.score for f in findings), default=0.0)
    rule = default_rulebook()["extremism"]
    assert (rule.outcome_for(score) is not None) is fires, f"score {score:.3f}"
    for finding in findings:
        assert finding.rule == "extremism"
        assert finding.spans and 0 <= finding.spans[0].start < finding.spans[
            0
        ].end <= len(text)
