"""TrollingClassifier: real head, real encoder, clear cases (rule `trolling`)."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.trolling_classifier import TrollingClassifier
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector() -> TrollingClassifier:
    rule = default_rulebook()["trolling"]
    found = [d for d in rule.detectors if isinstance(d, TrollingClassifier)]
    assert found, "the default rulebook must use TrollingClassifier for trolling"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        (
            "LOL imagine being this dumb, cry harder snowflakes, your tears are delicious.",
            True,
        ),
        ("Haha triggered much? Go back to your safe space, crybabies.", True),
        ("I see your point, but I think the data says otherwise.", False),
        ("Good article, well balanced.", False),
    ],
)
def test_clear_cases(detector: TrollingClassifier, text: str, fires: bool) -> None:
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context())
    score = max((f.score for f in findings), default=0.0)
    rule = default_rulebook()["trolling"]
    assert (rule.outcome_for(score) is not None) is fires, f"score {score:.3f}"
    for finding in findings:
        assert finding.rule == "trolling"
        assert finding.spans and 0 <= finding.spans[0].start < finding.spans[
            0
        ].end <= len(text)
