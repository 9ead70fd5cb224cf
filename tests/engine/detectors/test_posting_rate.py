from datetime import timedelta

import pytest

from tests.engine.harness import T0
from vestnik.engine import Context, Document, InMemoryActivity, Submission
from vestnik.engine.detectors.posting_rate import PostingRateDetector


def post(
    activity: InMemoryActivity, text: str, author: str, thread: str, minute: float
) -> set[str]:
    at = T0 + timedelta(minutes=minute)
    doc = Document(
        text,
        submission=Submission(text=text, author_id=author, thread_id=thread, time=at),
    )
    findings = PostingRateDetector().detect(doc, Context(now=at, activity=activity))
    activity.record(author, thread, doc.normalized, at)
    return {f.code for f in findings if f.score >= 0.5}


@pytest.mark.parametrize(
    ("texts", "gap_minutes", "expected_last"),
    [
        # six different comments in one thread within ten minutes: flooding
        ([f"point number {i} about the budget" for i in range(6)], 1, {"rate"}),
        # the same text twice
        (["Resign now, minister!", "Resign now, minister!"], 1, {"repeated"}),
        # a burst of short messages
        (["lol", "no", "what", "ha", "ok"], 0.5, {"short-burst"}),
        # near misses: a lively but normal discussion, or spread over hours
        (
            [f"a considered reply number {i} to another reader" for i in range(4)],
            2,
            set(),
        ),
        ([f"point number {i} about the budget" for i in range(6)], 30, set()),
    ],
)
def test_posting_rate(
    texts: list[str], gap_minutes: float, expected_last: set[str]
) -> None:
    activity = InMemoryActivity()
    results = [
        post(activity, text, "a1", "t1", i * gap_minutes)
        for i, text in enumerate(texts)
    ]
    assert expected_last <= results[-1]
    if not expected_last:
        assert results[-1] == set()


def test_other_authors_do_not_count() -> None:
    activity = InMemoryActivity()
    for i in range(10):
        post(activity, f"comment {i} on the match", f"reader{i}", "t1", i * 0.1)
    assert post(activity, "my own first comment", "me", "t1", 1.1) == set()


def test_without_the_port_nothing_is_claimed() -> None:
    doc = Document("hi", submission=Submission(text="hi", author_id="a"))
    assert PostingRateDetector().detect(doc, Context(now=T0)) == []
