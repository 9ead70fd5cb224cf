"""HateClassifier: real head, real encoder, clear cases (rule `hate`)."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.hate_classifier import HateClassifier
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def detector() -> HateClassifier:
    rule = default_rulebook()["hate"]
    found = [d for d in rule.detectors if isinstance(d, HateClassifier)]
    assert found, "the default rulebook must use HateClassifier for hate"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("All Muslims are terrorists and should be thrown out of this country.", True),
        ("Jews control the banks and the media, wake up people.", True),
        ("Immigrants are vermin who breed like rats and ruin everything.", True),
        ("I am a gay man and I loved this article about the new library.", False),
        (
            "The mosque on our street runs a food bank every Friday, good on them.",
            False,
        ),
        (
            "Calling people vermin because of their religion is disgusting and has no place here.",
            False,
        ),
    ],
)
def test_clear_cases(detector: HateClassifier, text: str, fires: bool) -> None:
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context())
    score = max((f.score for f in findings), default=0.0)
    rule = default_rulebook()["hate"]
    assert (rule.outcome_for(score) is not None) is fires, f"score {score:.3f}"
    for finding in findings:
        assert finding.rule == "hate"
        assert finding.spans and 0 <= finding.spans[0].start < finding.spans[
            0
        ].end <= len(text)


def test_evidence_points_at_the_hateful_sentence() -> None:
    text = "Nice weather today. Muslims are a disease and every one of them should be thrown out of this country."
    doc = Document(text)
    embed_documents([doc])
    (finding,) = HateClassifier().detect(doc, Context())
    assert [text[s.start : s.end] for s in finding.spans] == [
        text[text.index("Muslims") :]
    ]
