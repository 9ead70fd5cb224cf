"""OffTopicDetector with the real encoder and the shipped model.

``PROBES`` is the benign probe table: on-topic, meta (about the article, its
reporting or sources), broader-subject comments and in-thread replies.  None of
them may be held: holding a good comment is much worse than letting a mildly
off-topic one through.  It is a test table only — `vestnik train` never reads it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.off_topic import OffTopicDetector
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import ArticleContext, Context, Submission

pytestmark = pytest.mark.slow

ARTICLES = {
    "budget": ArticleContext(
        title="Parliament passes the budget after an all-night session",
        standfirst="MPs approved spending plans at 5am after a marathon debate.",
    ),
    "tram": ArticleContext(
        title="City approves eastern tram extension",
        standfirst="The council voted 31 to 12 to extend the tram line to the eastern "
        "districts, with construction due to start next spring and a budget of £240 million.",
        body="Councillors said the new line would cut journey times to the city centre by "
        "twenty minutes. Opponents argued the money should go to buses and road repairs instead.",
    ),
    "snow": ArticleContext(
        title="Heavy snow closes schools and the airport",
        standfirst="Forecasters expect another 20cm overnight as temperatures fall to minus ten.",
    ),
    "fourday": ArticleContext(
        title="Study finds four-day week boosts productivity",
        standfirst="Firms in the six-month trial reported steady revenue and fewer sick days.",
    ),
    "promotion": ArticleContext(
        title="Town promoted after dramatic final-day win",
        standfirst="A stoppage-time goal sealed a 2-1 victory and a place in the league above.",
    ),
}

# (article, comment, parent comment or None)
PROBES: list[tuple[str, str, str | None]] = [
    ("budget", "Thank you for the clear reporting, this was really helpful.", None),
    (
        "budget",
        "Great article, but I wonder whether the opposition will challenge this in court.",
        None,
    ),
    ("budget", "Who wrote this? Some of the numbers look off to me.", None),
    ("budget", "Do you have a link to the full spending plans?", None),
    ("budget", "So what actually changes for pensioners next year?", None),
    ("budget", "Passing anything at 5am is no way to run a country.", None),
    ("budget", "Typical politicians, they will waste it all anyway.", None),
    ("budget", "I wish they spent as much energy on fixing the hospitals.", None),
    (
        "budget",
        "My council tax has doubled in ten years and services keep getting worse.",
        None,
    ),
    ("budget", "Interesting that nobody mentions the deficit anymore.", None),
    ("budget", "The headline undersells how chaotic that debate was.", None),
    (
        "budget",
        "I watched the whole debate on the parliament channel, painful stuff.",
        None,
    ),
    (
        "budget",
        "Schools have been cut every year since I was a kid, it's shameful.",
        "The defence budget went up again while schools get nothing.",
    ),
    (
        "budget",
        "Yes, it's in there for another year according to the summary.",
        "Anyone know if the fuel duty freeze survived?",
    ),
    (
        "tram",
        "Thanks for covering this, the local press usually ignores the east side.",
        None,
    ),
    (
        "tram",
        "Where did the £240 million figure come from? Last year it was quoted at half that.",
        None,
    ),
    ("tram", "Can't wait, my commute will finally be bearable.", None),
    (
        "tram",
        "Just another vanity project while the potholes on my street get worse.",
        None,
    ),
    (
        "tram",
        "The reporter should ask the council who pays if it goes over budget.",
        None,
    ),
    ("tram", "Will the construction close any roads next spring?", None),
    ("tram", "Good piece. The vote was closer than I expected.", None),
    (
        "tram",
        "Cheaper maybe, but buses get stuck in the same traffic as cars.",
        "Buses would have been far cheaper.",
    ),
    (
        "tram",
        "According to the council website it will run seven days a week.",
        "Will it run on Sundays?",
    ),
    ("snow", "Stay safe everyone and check on your elderly neighbours.", None),
    (
        "snow",
        "My kids are thrilled, I'm less thrilled about working from home with them.",
        None,
    ),
    ("snow", "Thanks for the live updates, really useful this morning.", None),
    ("snow", "The gritters didn't come down our road at all.", None),
    ("snow", "Every year the country grinds to a halt over a few centimetres.", None),
    ("snow", "Is there a list of which schools are closed?", None),
    (
        "snow",
        "Still closed as of ten minutes ago, flights are being diverted.",
        "Is the airport open again?",
    ),
    (
        "fourday",
        "Would love to see this tried in the hospitals, though I doubt it would work.",
        None,
    ),
    ("fourday", "Who funded this study? That matters a lot.", None),
    ("fourday", "My company tried it last year and nobody wants to go back.", None),
    ("fourday", "Interesting read, thank you for the balanced take.", None),
    ("fourday", "This only works for office jobs, not for nurses or drivers.", None),
    ("fourday", "Great, now do something about the cost of childcare.", None),
    (
        "fourday",
        "True, but rotating shifts could cover that easily enough.",
        "Sounds great until you run a shop that needs staff six days a week.",
    ),
    ("promotion", "What a day to be a fan, I'm still hoarse.", None),
    ("promotion", "Nice write-up, you captured the atmosphere perfectly.", None),
    ("promotion", "The ref nearly ruined it with that red card.", None),
    (
        "promotion",
        "Now the board has to back the manager in the transfer window.",
        None,
    ),
    (
        "promotion",
        "The young lad from the academy, his first senior goal.",
        "Who scored the winner?",
    ),
    (
        "promotion",
        "He was robbed of a penalty in the first half too, could have been 3-1.",
        "The ref nearly ruined it for us today.",
    ),
    (
        "snow",
        "My cat hates it too, she won't go out of the cat flap at all.",
        "Our dog refuses to go outside in this weather, can't blame him.",
    ),
]

# Clear hits: chatter that belongs under no news article.  (Recall is low by
# design — see models/off_topic.md — so milder cases are not asserted here.)
HITS: list[tuple[str, str]] = [
    (
        "budget",
        "Does anyone know a good vet in the north end? My cat has been off her food for days.",
    ),
    (
        "budget",
        "Can anyone recommend a good plumber? My boiler packed in again this morning.",
    ),
    (
        "fourday",
        "My tomato plants have got some kind of white mould on the leaves, what should I spray?",
    ),
    ("fourday", "Who else is watching the darts final tonight? Come on Luke!"),
    (
        "promotion",
        "My grandmother's recipe for apple crumble is the best, the secret is brown sugar.",
    ),
]


def _detector() -> OffTopicDetector:
    return next(
        d
        for d in default_rulebook()["off-topic"].detectors
        if isinstance(d, OffTopicDetector)
    )


def _score(article: str, text: str, reply_to: str | None = None) -> float:
    doc = Document(text, submission=Submission(text, reply_to_text=reply_to))
    embed_documents([doc])
    findings = _detector().detect(doc, Context(article=ARTICLES[article]))
    return max((f.score for f in findings), default=0.0)


def _held(score: float) -> bool:
    return default_rulebook()["off-topic"].outcome_for(score) is not None


@pytest.mark.parametrize(("article", "text"), HITS)
def test_clear_off_topic_comments_are_held(article: str, text: str) -> None:
    assert _held(_score(article, text))


@pytest.mark.parametrize(("article", "text", "parent"), PROBES)
def test_benign_probes_are_not_held(
    article: str, text: str, parent: str | None
) -> None:
    assert not _held(_score(article, text, parent))


def test_probe_table_is_large_enough() -> None:
    assert len(PROBES) >= 40
    assert sum(parent is not None for _, _, parent in PROBES) >= 8


def test_unrelated_comment_scores_higher_than_near_misses() -> None:
    off = _score(
        "tram",
        "Does anyone know a good vet in the north end? My cat has been off her food for days.",
    )
    # near misses: the article's subject seen from another angle
    for text in (
        "240 million for a tram line to the eastern districts is a waste, buses would be cheaper.",
        "The buses out east are so unreliable that anything on rails would be an improvement.",
    ):
        assert _score("tram", text) < off


def test_reply_on_topic_with_its_parent_is_not_held() -> None:
    text = "Honestly the vet on Mill Road is great, they saw my dog the same day last month."
    parent = "Does anyone know a good vet in the north end? My cat has been off her food for days."
    alone = _score("tram", text)
    as_reply = _score("tram", text, parent)
    assert as_reply < alone
    assert not _held(as_reply)


def test_one_on_topic_sentence_keeps_a_long_comment() -> None:
    aside = (
        "Anyway, happy birthday to my little brother Dave, have a brilliant day mate!"
    )
    text = (
        "The tram extension will finally connect the eastern districts to the centre. "
        + aside
    )
    assert _score("tram", text) < _score("tram", aside)
    assert not _held(_score("tram", text))


@pytest.mark.parametrize("text", ["Agreed.", "Source?", "Well said, thank you."])
def test_short_replies_are_not_judged(text: str) -> None:
    assert _score("tram", text) == 0.0


def test_no_article_no_finding() -> None:
    doc = Document("Does anyone know a good vet in the north end? My cat is ill.")
    embed_documents([doc])
    assert OffTopicDetector().detect(doc, Context()) == []


def test_score_is_a_probability_and_finding_names_the_rule() -> None:
    text, article = HITS[0][1], ARTICLES[HITS[0][0]]
    doc = Document(text)
    embed_documents([doc])
    (finding,) = OffTopicDetector().detect(doc, Context(article=article))
    assert finding.rule == "off-topic" and 0.0 <= finding.score <= 1.0
    assert "not about the article" in finding.explanation


def test_discussion_features_are_zero_without_a_discussion() -> None:
    import numpy as np

    from vestnik.engine.models.relevance import FEATURES, context_features

    vec = np.ones(4, dtype=np.float32) / 2
    assert context_features(vec, None, np.zeros((0, 4))) == [0.0, 0.0, 0.0, 0.0]
    assert FEATURES[-4:] == ("ctx_max", "ctx_top3", "ctx_z", "has_ctx")


def test_the_discussion_so_far_vouches_for_a_comment_the_title_does_not_explain() -> (
    None
):
    """Readers under a budget story talk about the bus cuts in it: a comment on
    the number 12 bus is on topic in that thread, not under another story's."""
    article = ArticleContext(
        title="Council approves next year's budget",
        standfirst="The spending plan passed by 28 votes to 19.",
    )
    text = "The number 12 bus is the only way my mother gets to the hospital now."
    about_buses = (
        "Cutting the evening bus services will leave whole estates stranded.",
        "Three bus routes lose their night service under this plan.",
        "My bus to work was already cut to one an hour last year.",
        "Who will pay for the school buses if the routes go?",
    )
    about_libraries = (
        "Closing two libraries to save a few thousand is short-sighted.",
        "The reading room in the old library is where kids do homework.",
        "Libraries are the last free warm space in this town.",
        "Volunteers cannot run a library on their own forever.",
    )
    doc = Document(text)
    embed_documents([doc])
    assert doc.embedding is not None
    detector = _detector()

    def score(discussion: tuple[str, ...]) -> float:
        ctx = replace(article, discussion=discussion)
        return detector.score(doc.embedding, doc.normalized, ctx)

    assert score(about_buses) < score(about_libraries)
    # the comment itself in its own thread (an edit) is not evidence for it
    assert score((text,)) == pytest.approx(score(()))
