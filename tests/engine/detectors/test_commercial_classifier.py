"""CommercialClassifier: real head, real encoder, clear cases (rule `commercial`)."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.commercial_classifier import CommercialClassifier
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector() -> CommercialClassifier:
    rule = default_rulebook()["commercial"]
    found = [d for d in rule.detectors if isinstance(d, CommercialClassifier)]
    assert found, "the default rulebook must use CommercialClassifier for commercial"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        (
            "Best prices on laptops this week only at cheaptechdeals dot com, order now!",
            True,
        ),
        (
            "Vote Smith for mayor on May 5th - paid for by the Smith campaign. Visit votesmith.com",
            True,
        ),
        (
            "The shop on the high street closed after forty years, sad to see it go.",
            False,
        ),
        ("Interesting analysis of the housing market.", False),
    ],
)
def test_clear_cases(detector: CommercialClassifier, text: str, fires: bool) -> None:
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context())
    score = max((f.score for f in findings), default=0.0)
    rule = default_rulebook()["commercial"]
    assert (rule.outcome_for(score) is not None) is fires, f"score {score:.3f}"
    for finding in findings:
        assert finding.rule == "commercial"
        assert finding.spans and 0 <= finding.spans[0].start < finding.spans[
            0
        ].end <= len(text)
