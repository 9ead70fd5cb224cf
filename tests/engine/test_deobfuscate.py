"""The encoder's reading: disguises undone, ordinary text untouched, offsets kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vestnik.engine.deobfuscate import read
from vestnik.engine.text import Document


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("you are an i d i o t", "you are an idiot"),
        ("what a f.u.c.k.i.n.g joke", "what a fucking joke"),
        ("He is a r e t a r d", "He is a retard"),
        ("you are an id iot", "you are an idiot"),
        ("Black people are sub human", "Black people are subhuman"),
        ("wet backs go home", "wetbacks go home"),
        ("you 1d10t", "you idiot"),
        ("Jews are p4r4s1t3s", "Jews are parasites"),
        ("$cum like you", "scum like you"),
        ("gays are an abominati0n", "gays are an abomination"),
        ("k!kes run everything", "kikes run everything"),
        ("idiooooot", "idiot"),
        ("I haet muslmis", "I hate muslims"),
        ("imigrants are vermn", "immigrants are vermin"),
        ("f*ck you", "fuck you"),
        ("c*nt", "cunt"),
        ("youidiot", "you idiot"),
        ("Immigrants arevermin", "Immigrants are vermin"),
        ("Muslims are v e r m i n", "Muslims are vermin"),
        ("kys loser", "kill yourself loser"),
        ("STFU already", "shut the fuck up already"),
        # a spaced-out run that is several words, or a word the vocabularies
        # lack, is still read as words, a leading "I" kept apart
        ("h a t e a l l of them", "hate all of them"),
        ("I d e s p i s e them", "I despise them"),
        ("like m o u l d in a bathroom", "like mould in a bathroom"),
        ("a bunch of l e f t a r d s", "a bunch of leftards"),
        # two words run together, neither abusive
        ("They are notwelcome here", "They are not welcome here"),
        ("a better placewithout them", "a better place without them"),
        ("treated ashuman beings", "treated as human beings"),
        ("the only good one is adead one", "the only good one is a dead one"),
        ("overrun bygay people", "overrun by gay people"),
    ],
)
def test_disguises_are_undone(text: str, reading: str) -> None:
    assert read(text).text == reading


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19 cases rose 20% in 2024, see e.g. the B&Q report!",
        "covid19 and mp3 and 4chan h1n1",
        "I went to the is land",
        "The mass acre of forest burned.",
        "a b c",
        "Trans women are women.",
        "This is a t-shirt, hello!!!",
        "The minister is a liar and should resign.",
        "Email me at jo.smith@example.com about the 3pm meeting",
        # names and words no vocabulary lists stay whole
        "Johnson and Smithers said the Redditors were right",
        "the U S A and the B B C",
        "organisation and programme",
    ],
)
def test_ordinary_text_is_read_as_it_is(text: str) -> None:
    assert read(text).text == text


def test_offsets_point_into_the_source() -> None:
    text = "Honestly, im migrants are v e r m i n and 1d10ts."
    reading = read(text)
    start = reading.text.index("vermin")
    s, e = reading.to_source(start, start + len("vermin"))
    assert text[s:e] == "v e r m i n"
    start = reading.text.index("idiots")
    s, e = reading.to_source(start, start + len("idiots"))
    assert text[s:e] == "1d10ts"


def test_document_maps_reading_spans_to_the_original() -> None:
    doc = Document("\u200bthey are p4r4s1t3s")  # a zero-width char is dropped first
    start = doc.reading.text.index("parasites")
    span = doc.reading_span(start, start + len("parasites"))
    assert doc.original[span.start : span.end] == "p4r4s1t3s"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_reads_and_maps_back(text: str) -> None:
    reading = read(text)
    assert len(reading.offsets) == len(reading.text) + 1
    for start in range(0, len(reading.text) + 1, 7):
        for end in (start, min(len(reading.text), start + 5)):
            s, e = reading.to_source(start, end)
            assert 0 <= s <= e <= len(text)


def test_the_reading_can_be_switched_off_for_ablation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert read("you are an i d i o t").text == "you are an idiot"
    monkeypatch.setenv("VESTNIK_DEOBFUSCATE", "off")
    off = read("you are an i d i o t")
    assert off.text == "you are an i d i o t"
    assert off.to_source(11, 20) == (11, 20)


def test_a_very_long_spaced_run_reads_its_first_word_and_maps_back() -> None:
    """A run of thousands of single letters is searched only at its start (the
    unbounded search tried millions of windows and took minutes per comment):
    the first spelled word is still undone and offsets still map back."""
    text = "f.u.c.k " * 1000
    reading = read(text)
    assert reading.text.startswith("fuck f.u.c.k")
    assert reading.to_source(0, 4) == (0, 7)
