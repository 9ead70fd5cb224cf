import pytest

from vestnik.engine import Document


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("plain ascii", "plain ascii"),
        ("ｆｕｌｌ width", "full width"),
        ("zero\u200bwidth\u200d joiners\ufeff", "zerowidth joiners"),
        ("bidi \u202eoverride\u202c here", "bidi override here"),
        ("pаypal", "paypal"),  # Cyrillic а inside a Latin word
        ("Москва", "Москва"),  # a whole-Cyrillic word stays Cyrillic
        ("xyй", "хуй"),  # Latin look-alikes inside a Cyrillic-majority word
        ("e\u0301te\u0301", "été"),  # combining accents compose
        ("soft\u00adhyphen", "softhyphen"),
    ],
)
def test_normalization(text: str, normalized: str) -> None:
    assert Document(text).normalized == normalized


def test_offsets_map_back_to_the_original() -> None:
    text = "ab\u200bcd ｆｕｃｋ\u202e end"
    doc = Document(text)
    start = doc.normalized.index("fuck")
    span = doc.to_original(start, start + 4)
    assert text[span.start : span.end] == "ｆｕｃｋ"
    end_span = doc.to_original(len(doc.normalized) - 3, len(doc.normalized))
    assert text[end_span.start : end_span.end] == "end"


def test_folded_keeps_offsets() -> None:
    doc = Document("Straße İstanbul ΣΊΣΥΦΟΣ")
    assert len(doc.folded) == len(doc.normalized)
    assert doc.folded.startswith("straße")


def test_sentences_and_words() -> None:
    doc = Document("First one. Second one! Third?\nFourth line")
    assert doc.sentence_texts() == [
        "First one.",
        "Second one!",
        "Third?",
        "Fourth line",
    ]
    assert [w.text for w in doc.words][:3] == ["First", "one", "Second"]


def test_closing_quotes_after_a_stop_end_the_sentence() -> None:
    doc = Document("He said ``we are done.`` Then he left. She wrote ‘no.’ And went.")
    assert doc.sentence_texts() == [
        "He said ``we are done.``",
        "Then he left.",
        "She wrote ‘no.’",
        "And went.",
    ]


def test_links_are_found_once_and_deobfuscated() -> None:
    doc = Document("see example[.]com/a and hxxps://foo.org/b.")
    assert [(link.host, link.path, link.obfuscated) for link in doc.links] == [
        ("example.com", "/a", True),
        ("foo.org", "/b", True),
    ]
