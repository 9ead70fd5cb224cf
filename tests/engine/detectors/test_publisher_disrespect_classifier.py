"""PublisherDisrespectClassifier: uses the publisher's names from the rulebook overrides."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.publisher_disrespect_classifier import (
    PublisherDisrespectClassifier,
)
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context, SiteProfile

pytestmark = pytest.mark.slow

SITE = SiteProfile(publisher_names=("The Daily Bugle", "Ben Urich"))


def _score(text: str, site: SiteProfile = SITE) -> float:
    book = default_rulebook()
    detector = next(
        d
        for d in book["publisher-disrespect"].detectors
        if isinstance(d, PublisherDisrespectClassifier)
    )
    doc = Document(text)
    embed_documents([doc])
    findings = detector.detect(doc, Context(site=site))
    return max((f.score for f in findings), default=0.0)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The Daily Bugle is a worthless rag run by clueless hacks.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known miss since the heads were retrained on the focus-stage "
                "abuse model (3 Dec): 0.44, under the hold band; the head's test "
                "F1 rose 0.465 -> 0.533 (models/publisher_disrespect.md)",
            ),
        ),
        "Ben Urich is a lying idiot who can't write a sentence.",
        "This rag gets worse every day, the editors are total clowns.",
    ],
)
def test_disrespect_to_the_publisher_fires(text: str) -> None:
    rule = default_rulebook()["publisher-disrespect"]
    assert rule.outcome_for(_score(text)) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to Ben Urich for a careful, well-sourced report.",
        "I think the article misses the point about pensions, but it is well written.",
    ],
)
def test_civil_comments_do_not_fire(text: str) -> None:
    rule = default_rulebook()["publisher-disrespect"]
    assert rule.outcome_for(_score(text)) is None


def test_naming_the_publisher_raises_the_score() -> None:
    text = "Ben Urich is a lying idiot who can't write a sentence."
    assert _score(text) > _score(text, SiteProfile())
