"""OffTopicDetector: similarity to the article against a background of other comments."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.off_topic import OffTopicDetector
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import ArticleContext, Context, Submission

pytestmark = pytest.mark.slow

ARTICLE = ArticleContext(
    title="City approves eastern tram extension",
    standfirst="The council voted 31 to 12 to extend the tram line to the eastern districts, "
    "with construction due to start next spring and a budget of £240 million.",
    body="Councillors said the new line would cut journey times to the city centre by twenty minutes. "
    "Opponents argued the money should go to buses and road repairs instead.",
)


def _score(text: str, reply_to: str | None = None) -> float:
    detector = next(
        d
        for d in default_rulebook()["off-topic"].detectors
        if isinstance(d, OffTopicDetector)
    )
    doc = Document(text, submission=Submission(text, reply_to_text=reply_to))
    embed_documents([doc])
    return max(
        (f.score for f in detector.detect(doc, Context(article=ARTICLE))), default=0.0
    )


def test_unrelated_comment_scores_higher_than_related_ones() -> None:
    off = _score(
        "Does anyone know a good vet in the north end? My cat has been off her food for days."
    )
    on = _score(
        "240 million for a tram line to the eastern districts is a waste, buses would be cheaper."
    )
    assert off > on
    rule = default_rulebook()["off-topic"]
    assert rule.outcome_for(on) is None


@pytest.mark.parametrize("text", ["Agreed.", "Source?", "Well said, thank you."])
def test_short_replies_are_not_judged(text: str) -> None:
    assert _score(text) == 0.0


def test_no_article_no_finding() -> None:
    doc = Document("Does anyone know a good vet in the north end? My cat is ill.")
    embed_documents([doc])
    assert OffTopicDetector().detect(doc, Context()) == []
