from datetime import timedelta

from tests.engine.harness import T0
from vestnik.engine import (
    Context,
    InMemoryFingerprints,
    Submission,
    default_rulebook,
    moderate,
)

FAST = default_rulebook().fast_path()

MOB = "Vote NO on the referendum, the government is lying to all of us again"


def send(
    index: InMemoryFingerprints,
    text: str,
    author: str,
    thread: str,
    minute: float,
    key: str,
):
    at = T0 + timedelta(minutes=minute)
    sub = Submission(text=text, id=key, author_id=author, thread_id=thread, time=at)
    return moderate(sub, Context(now=at, fingerprints=index), FAST)


def test_three_authors_with_the_same_text_are_a_flash_mob() -> None:
    index = InMemoryFingerprints()
    verdicts = [
        send(index, MOB + "!" * i, f"author{i}", f"thread{i % 2}", i, f"c{i}")
        for i in range(5)
    ]
    scores = [v.scores["flash-mob"] for v in verdicts]
    assert scores[:2] == [0.0, 0.0]  # nobody can know the first two are a mob yet
    assert scores[2:] == [0.6, 0.7, 0.8]
    finding = next(f for f in verdicts[-1].findings if f.rule == "flash-mob")
    assert finding.data["cluster"] == "c0"
    assert finding.data["size"] == 5
    assert finding.data["threads"] == 2


def test_near_identical_edits_still_match() -> None:
    index = InMemoryFingerprints()
    send(index, MOB, "a", "t", 0, "k0")
    send(index, MOB.replace("lying", "LYING"), "b", "t", 1, "k1")
    verdict = send(index, MOB + " Share this everywhere", "c", "t", 2, "k2")
    assert verdict.scores["flash-mob"] >= 0.6


def test_one_author_repeating_is_not_a_flash_mob() -> None:
    index = InMemoryFingerprints()
    verdicts = [send(index, MOB, "same", "t", i, f"k{i}") for i in range(4)]
    assert verdicts[-1].scores["flash-mob"] == 0.0


def test_different_texts_and_short_texts_do_not_cluster() -> None:
    index = InMemoryFingerprints()
    texts = [
        "The bridge repairs should have started last spring, not now.",
        "Great reporting on the hospital funding, thank you.",
        "I disagree with the columnist about the tram line.",
    ]
    verdicts = [send(index, t, f"a{i}", "t", i, f"k{i}") for i, t in enumerate(texts)]
    verdicts += [
        send(index, "Thank you!", f"b{i}", "t", 5 + i, f"s{i}") for i in range(5)
    ]
    assert all(v.scores["flash-mob"] == 0.0 for v in verdicts)


def test_outside_the_window_nothing_clusters() -> None:
    index = InMemoryFingerprints()
    verdicts = [send(index, MOB, f"a{i}", "t", i * 400, f"k{i}") for i in range(4)]
    assert verdicts[-1].scores["flash-mob"] == 0.0


def test_dry_runs_do_not_record() -> None:
    index = InMemoryFingerprints()
    for i in range(4):
        at = T0 + timedelta(minutes=i)
        sub = Submission(text=MOB, id=f"k{i}", author_id=f"a{i}", time=at)
        verdict = moderate(sub, Context(now=at, fingerprints=index, record=False), FAST)
    assert verdict.scores["flash-mob"] == 0.0
