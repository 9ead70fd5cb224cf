"""PromotionClassifier: real head, real encoder, clear cases (rule `promotion`)."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.promotion_classifier import PromotionClassifier
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector() -> PromotionClassifier:
    rule = default_rulebook()["promotion"]
    found = [d for d in rule.detectors if isinstance(d, PromotionClassifier)]
    assert found, "the default rulebook must use PromotionClassifier for promotion"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        (
            "Forget this, try GlowSkin serum instead, use my code GLOW20 for 20% off!",
            True,
        ),
        (
            "Everyone should switch to NordShield VPN, best deal out there, use my link for 70% off!",
            True,
        ),
        ("Check out my YouTube channel for the real story, like and subscribe!", True),
        ("I bought a Toyota years ago and it still runs, for what it's worth.", False),
        ("The minister visited the factory on Monday.", False),
    ],
)
def test_clear_cases(detector: PromotionClassifier, text: str, fires: bool) -> None:
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context())
    score = max((f.score for f in findings), default=0.0)
    rule = default_rulebook()["promotion"]
    assert (rule.outcome_for(score) is not None) is fires, f"score {score:.3f}"
    for finding in findings:
        assert finding.rule == "promotion"
        assert finding.spans and 0 <= finding.spans[0].start < finding.spans[
            0
        ].end <= len(text)
