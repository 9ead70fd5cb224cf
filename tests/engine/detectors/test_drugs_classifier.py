"""DrugsClassifier: real head, real encoder, clear cases (rule `drugs`)."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.drugs_classifier import DrugsClassifier
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector() -> DrugsClassifier:
    rule = default_rulebook()["drugs"]
    found = [d for d in rule.detectors if isinstance(d, DrugsClassifier)]
    assert found, "the default rulebook must use DrugsClassifier for drugs"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("DM me for cheap coke and molly, fast delivery anywhere in town.", True),
        (
            "Cook the pseudoephedrine with red phosphorus and you get pure meth, easy.",
            True,
        ),
        (
            "Decriminalising cannabis reduced arrests in Portugal according to the study.",
            False,
        ),
        ("My doctor changed my blood pressure medication last week.", False),
    ],
)
def test_clear_cases(detector: DrugsClassifier, text: str, fires: bool) -> None:
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context())
    score = max((f.score for f in findings), default=0.0)
    rule = default_rulebook()["drugs"]
    assert (rule.outcome_for(score) is not None) is fires, f"score {score:.3f}"
    for finding in findings:
        assert finding.rule == "drugs"
        assert finding.spans and 0 <= finding.spans[0].start < finding.spans[
            0
        ].end <= len(text)
