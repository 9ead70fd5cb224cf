"""MinorsClassifier: real head, real encoder, clear cases (rule `minors`)."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.minors_classifier import MinorsClassifier
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector() -> MinorsClassifier:
    rule = default_rulebook()["minors"]
    found = [d for d in rule.detectors if isinstance(d, MinorsClassifier)]
    assert found, "the default rulebook must use MinorsClassifier for minors"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        (
            "Anyone got pics of the young girls from that school? asking for a friend.",
            True,
        ),
        ("Kids that age should be beaten until they learn to shut up.", True),
        ("The school opened a new playground for the children last week.", False),
        ("Child protection services need more funding, this report shows why.", False),
    ],
)
def test_clear_cases(detector: MinorsClassifier, text: str, fires: bool) -> None:
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context())
    score = max((f.score for f in findings), default=0.0)
    rule = default_rulebook()["minors"]
    assert (rule.outcome_for(score) is not None) is fires, f"score {score:.3f}"
    for finding in findings:
        assert finding.rule == "minors"
        assert finding.spans and 0 <= finding.spans[0].start < finding.spans[
            0
        ].end <= len(text)
