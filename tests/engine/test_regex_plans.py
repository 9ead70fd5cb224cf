"""Prepared patterns (vestnik/engine/regex_plans.py) find what the originals find."""

import json
import re
from pathlib import Path

import pytest

from vestnik.engine.commercial_patterns import _TABLE, SIGNALS
from vestnik.engine.detectors.commercial_signals import _AUTOMATON, _PLAN, _signal_match
from vestnik.engine.regex_plans import (
    alternatives,
    prepared,
    required_word,
    required_words,
)
from vestnik.engine.text import Document

CORPORA = Path(__file__).parent / "corpus"


@pytest.mark.parametrize(
    ("branch", "word"),
    [
        (r"chek(?:\s*out)?", "chek"),
        (r"sub(?:s?c?r?)i?be\s+to", "sub"),
        (r"(?:it|this)\s+(?:has\s+)?changed\s+my\s+(?:life|finances)", "changed"),
        (r"(?:\w+\s+){0,30}?x", "x"),
        (r"lol?", "lo"),
        (r"[a-z]+\s+\d", ""),
    ],
)
def test_required_word(branch: str, word: str) -> None:
    assert required_word(branch) == word


def test_required_words_of_a_leading_group() -> None:
    assert required_words(r"(?:order|book|shop)\s+\d") == ("order", "book", "shop")
    assert required_words(r"(?:order|\d+)\s+at") == ("at",)
    assert required_words(r"(?:order|\d+)\s+[a-z]") == ()


def test_prepared_moves_the_boundary_and_the_case_out() -> None:
    pattern, folded, word_start = prepared(re.compile(r"\bfoo\s+[A-Z]\b|\bBar", re.I))
    assert (pattern.pattern, folded, word_start) == (r"foo\s+[a-z]\b|bar", True, True)
    assert alternatives(r"(?:a\d|b)\b") == [r"a\d\b", r"b\b"]


def test_prepared_signals_match_where_the_originals_match() -> None:
    texts = [
        json.loads(line)["text"]
        for path in sorted(CORPORA.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(texts) > 4000
    for text in texts:
        doc = Document(text)
        present = {word for _, word in _AUTOMATON.iter(doc.folded)}
        for raw, (signal, _, branches) in zip(_TABLE, _PLAN, strict=True):
            source = doc.folded if signal.folded else doc.normalized
            found = _signal_match(signal, branches, source, [], present) is not None
            assert found == (raw.pattern.search(doc.normalized) is not None), (
                signal.code,
                text,
            )
    assert len(SIGNALS) == len(_TABLE)
