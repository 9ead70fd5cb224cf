"""SlurUseDetector: an identity slur used against a group (rule `hate`).

A slur aimed at a group is hate, not only profanity: this detector is the
lexical half of the rule, beside the abuse model (`hate_classifier`).  It
reads the comment with its disguises undone (`Document.reading`, so
"tr00ns" and "k i k e s" count) and looks for the slurs of
`vestnik.engine.slurs` that

- are used in the plural ("typical wetbacks", "nobody wants you troons
  here"): aimed at the group, not at one person (a slur thrown at one
  person is an insult the model judges);
- have no innocent sense and are not commonly reclaimed (`slurs.HOMONYMS`:
  a faggot with gravy, a dyke on the river, "me and my niggas" are the
  model's to judge);
- are used, not mentioned: not in quotation marks, not named as a word
  ("the word", "a slur like"), not reported in a condemning sentence
  ("stop calling them ...", "nobody should call them ..."), not in-group
  ("us", "we", "me and my fellow ...").

Every hit scores 0.6: above the rule's hold threshold and below its reject
threshold in the default rulebook, so the lexicon alone sends the comment to
a moderator and never rejects it; the abuse model decides rejection.
Known false positives (held for a moderator): news that quotes a slur
without quotation marks ("the MP was suspended after calling migrants
rapefugees"); fiction and lyrics.  Known misses: slurs not in the table,
singular slurs aimed at a group ("every kike is ..."), which are left to the
model.
Measured on the functional suite (tests/training/functional/, never used to
choose the word list, which predates it): `vestnik eval --task functional`,
figures in docs/trained-models.md; the counter-speech, benign and
identity-term goals (`vestnik eval --goals`) with and without it, same page.
Latency: a regex pass over the reading the encoder pass already made, well
under 0.1 ms; not on the fast path (`Rulebook.fast_path`), where the reading
would cost ~0.6 ms a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.detectors.hate_classifier import slur_matches
from vestnik.engine.slurs import GROUP_LABELS, HOMONYMS, SLURS
from vestnik.engine.types import Finding

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

SCORE = 0.6

_QUOTES = "\"'‘’“”«»„‚`"
_PLURAL = ("s", "es", "z")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: "the word X", "a slur like X", "terms such as X": named, not used
_MENTION_RE = re.compile(
    r"\b(?:words?|slurs?|terms?|names?|labels?|insults?|epithets?)"
    r"(?:\s+(?:like|such\s+as|as))?\s*[:,]?\s*$",
    re.IGNORECASE,
)
_CALL_RE = re.compile(r"\b(?:call(?:s|ed|ing)?|label(?:s|led|ling)?)\b", re.IGNORECASE)
_CONDEMN_RE = re.compile(
    r"\b(?:not|never|no\s+one|nobody\s+should|stop|don'?t|do\s+not|shouldn'?t|"
    r"mustn'?t|wrong|disgusting|disgraceful|shameful|unacceptable|vile|racist|"
    r"bigoted|ban(?:ned)?|suspended|sacked|fired|condemn(?:ed|s)?|apologi[sz]ed?)\b",
    re.IGNORECASE,
)
_IN_GROUP_RE = re.compile(
    r"\b(?:us|we|fellow|me\s+and\s+my|my\s+fellow|as\s+an?|proud|our)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class SlurUseDetector:
    """See the module docstring."""

    name: ClassVar[str] = "slur_use"
    rule: ClassVar[str] = "hate"
    #: reads `Document.reading`, which the encoder pass computes anyway; on the
    #: fast path (no encoder) the normaliser would cost ~0.6 ms a comment
    needs_reading: ClassVar[bool] = True

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        text = doc.reading.text
        found = []
        for start, end, span, word, group in slur_matches(doc):
            source = doc.original[span.start : span.end]
            if not _plural(word) or _plural_of_possessive(source):
                continue
            if _base(word) in HOMONYMS:
                continue
            if _mentioned(text, start, end):
                continue
            found.append((span, word, group))
        if not found:
            return []
        groups = sorted({GROUP_LABELS.get(g, g) for _, _, g in found})
        words = sorted({w.casefold() for _, w, _ in found})
        return [
            Finding(
                rule="hate",
                detector=self.name,
                score=SCORE,
                explanation=(
                    f"a slur used against a group ({', '.join(groups)}): "
                    f"{', '.join(words)}"
                ),
                spans=tuple(span for span, _, _ in found),
                code="slur-against-group",
                data={"slurs": ", ".join(words), "target": found[0][2]},
            )
        ]


def _base(word: str) -> str:
    """The table's base form of a (plural) slur."""
    word = word.casefold()
    for suffix in ("es", "s", "z"):
        if word.endswith(suffix) and word[: -len(suffix)] in SLURS:
            return word[: -len(suffix)]
    return word


def _plural_of_possessive(source: str) -> bool:
    """The reading drops apostrophes: "Shylock's speech" reads "shylocks"."""
    return re.search(r"['’`]\s*s\s*$", source, re.IGNORECASE) is not None


def _plural(word: str) -> bool:
    word = word.casefold()
    return word.endswith(_PLURAL) and not word.endswith(("'s", "’s", "ss"))


def _mentioned(text: str, start: int, end: int) -> bool:
    """Quoted, named as a word, reported in condemnation, or said in-group."""
    before, after = text[max(0, start - 120) : start], text[end:]
    sentence = re.split(r"[.!?\n]", before)[-1]
    if (before and before[-1] in _QUOTES) or (after and after[0] in _QUOTES):
        return True
    if sum(sentence.count(q) for q in '"“”«»') % 2 == 1:
        return True  # inside an open double quotation in this sentence
    if _MENTION_RE.search(sentence):
        return True
    if _CALL_RE.search(sentence) and _CONDEMN_RE.search(sentence):
        return True
    last_words = " ".join(_WORD_RE.findall(sentence)[-4:])
    return bool(_IN_GROUP_RE.search(last_words))
