"""The engine never raises, whatever the text, and evidence always slices the original."""

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vestnik.engine import (
    Context,
    Outcome,
    Rulebook,
    Submission,
    default_rulebook,
    moderate,
    verdict_to_dict,
)
from vestnik.engine.text import Document

FAST = default_rulebook().fast_path()

TRICKY = [
    "",
    " ",
    "\x00\x01\x02",
    "\ud800 lone surrogate",
    "\u202e\u2066\u200b\u200c\u200d\ufeff",
    "ﷺ" * 50,
    "e\u0301" * 200,
    "𝕗𝕦𝕔𝕜 𝖙𝖍𝖎𝖘",
    "http://" + "a." * 500 + "com",
    "a" * 10_000,
    "@" * 5000 + "." * 5000,
    "1.2.3.4.5.6.7.8.9" * 100,
    "f.u.c.k " * 1000,
]


def check(text: str, rulebook: Rulebook = FAST) -> None:
    verdict = moderate(Submission(text=text), Context(), rulebook)
    assert verdict.action in Outcome
    for result in verdict.fired:
        for span in result.spans:
            assert 0 <= span.start <= span.end <= len(text)
    verdict_to_dict(verdict, text)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts(text: str) -> None:
    check(text)


@pytest.mark.slow
def test_tricky_texts_through_the_whole_engine() -> None:
    """The same texts through every detector, the trained heads included."""
    full = default_rulebook()
    for text in TRICKY:
        check(text, full)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300))
def test_any_unicode_never_raises_and_spans_slice_the_original(text: str) -> None:
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.integers(0, 400), st.integers(0, 400))
def test_offset_map_is_monotonic_and_in_bounds(text: str, a: int, b: int) -> None:
    doc = Document(text)
    start, end = sorted((a, b))
    span = doc.to_original(start, end)
    assert 0 <= span.start <= span.end <= len(text)


def test_binary_junk() -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(20_000)).decode("latin-1")
    check(junk)
    check(
        bytes(rng.randrange(256) for _ in range(20_000)).decode(
            "utf-8", errors="replace"
        )
    )


def test_one_megabyte_comment_is_handled_in_reasonable_time() -> None:
    rng = random.Random(3)
    words = [
        "the",
        "council",
        "said",
        "ПРИВЕТ",
        "fuck",
        "bbc.co.uk",
        "€5",
        "\u200b",
        "ｆｕｌｌ",
    ]
    text = " ".join(rng.choice(words) for _ in range(150_000))[:1_000_000]
    started = time.perf_counter()
    check(text)
    assert time.perf_counter() - started < 60  # ~10 s on a loaded 2-core box


def test_deterministic() -> None:
    text = "f**k THIS!!!!!! buy at amazon.com/dp/1 for $5 — call +1 415 555 2671"
    first = verdict_to_dict(moderate(Submission(text=text), rulebook=FAST), text)
    second = verdict_to_dict(moderate(Submission(text=text), rulebook=FAST), text)
    first.pop("timings_ms"), second.pop("timings_ms")
    assert first == second
