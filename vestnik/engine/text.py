"""`Document`: a submission's text, normalised once, with a map back to the original.

Every detector reads the same `Document`, built once per submission by the
pipeline, so normalisation is paid for once and evidence offsets are computed
the same way everywhere.

- `original`: the text as submitted.
- `normalized`: NFKC (per grapheme cluster), zero-width/bidi/format and control
  characters removed, and homoglyphs folded inside mixed-script words (a
  Cyrillic "а" inside a Latin word becomes "a", a Latin "o" inside a Cyrillic
  word becomes "о"). Whole-script words are left alone, so Russian stays
  Russian. Case is preserved.
- `folded`: `normalized` case-folded one character to one character, so it has
  exactly the same length and offsets as `normalized` (a character whose full
  case folding is longer, like "ß", keeps its `lower()` form or itself).
  Leetspeak is NOT undone here; that is the profanity detector's business.
- `to_original(start, end)`: a `Span` of the original text covering the
  normalised range [start, end).
- `sentences`, `words`: spans in normalised coordinates.
- `submission`: the `Submission` (author, thread, time) the text came from.
- `reading`: what the encoder reads (`vestnik.engine.deobfuscate`): the
  normalised text with spelling disguises undone ("i d i o t", "1d10t"), with
  a map back to normalised offsets (`reading_span`).
- `embedding` (base), `task_embedding` (the abuse model's), `task_logits`
  (the abuse model's outputs by name) and `sentence_embeddings`: filled by the
  pipeline, only when an active detector declares `needs_embedding = True`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from vestnik.engine.types import Span, Submission

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from vestnik.engine.deobfuscate import Reading
    from vestnik.engine.links import Link

# Characters that are invisible or reorder text: zero-width (U+200B..U+200D,
# U+2060, U+FEFF), bidi embeddings/overrides/isolates, soft hyphen, variation
# selectors, tag characters. Category Cf covers almost all of them; the
# variation selectors (Mn) are listed explicitly.
_INVISIBLE_EXTRA = frozenset(
    [chr(c) for c in range(0xFE00, 0xFE10)]
    + [chr(c) for c in range(0xE0100, 0xE01F0)]
    + ["\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u180e"]
)
_KEEP_CONTROLS = frozenset("\n\t\r")

# Homoglyphs: Cyrillic/Greek letters that look like Latin ones, and back.
_CYR_TO_LAT = dict(
    zip(
        "аАвВеЕёЁіІјЈкКмМнНоОрРсСтТуУхХѕЅԁԛԜԝһӏ",
        "aABBeEeEiIjJkKmMHHoOpPcCTTyYxXsSdqWwhl",
        strict=True,
    )
)
_GRE_TO_LAT = dict(
    zip(
        "αΑβΒεΕηΗιΙκΚμΜνΝοΟρΡτΤυΥχΧζΖ",
        "aABBeEnHiIkKuMvNoOpPtTuYxXzZ",
        strict=True,
    )
)
_LAT_TO_CYR = dict(
    zip(
        "aAbBcCeEHiIjJkKMoOpPsSTxXyY",
        "аАьВсСеЕНіІјЈкКМоОрРѕЅТхХуУ",
        strict=True,
    )
)

_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A sentence ends at terminal punctuation followed by space or the end, at a
# line break, or where a pasted or scraped comment lost the space after a full
# stop ("is fashion.It was", "make?The", "want to.I will", "reason:I") --
# punctuation between a lower-case word and a capitalised one or the pronoun
# I (not "U.S.A", "e.g.", "3.5", "10:30"). Closing quotes after the stop
# belong to the sentence, curly (’ ”) and the doubled backticks of pasted
# wiki text (``like this.``) included.
_SENTENCE_END_RE = re.compile(
    r"[.!?…。！？]+[\"'»”’`)\]]*(?=\s|$)|(?<=[a-z]{2})[.!?…:]+(?=[A-Z][a-z]|I[\s'’])"
    r"|\n\s*\n|\n"
)


class Word(NamedTuple):
    """A word of the normalised text and its span in normalised coordinates."""

    text: str
    start: int
    end: int


def _script(ch: str) -> str:
    """A coarse script tag: "L" Latin, "C" Cyrillic, "G" Greek, "" other."""
    if ch.isascii():
        return "L" if ch.isalpha() else ""
    code = ord(ch)
    if 0x0400 <= code <= 0x052F:
        return "C"
    if 0x0370 <= code <= 0x03FF:
        return "G"
    if 0x00C0 <= code <= 0x024F:
        return "L"
    return ""


def _fold_mixed_word(word: str) -> str:
    """Fold a word mixing Latin with Cyrillic/Greek into its majority script."""
    counts = {"L": 0, "C": 0, "G": 0}
    for ch in word:
        tag = _script(ch)
        if tag:
            counts[tag] += 1
    scripts = [tag for tag, n in counts.items() if n]
    if len(scripts) < 2:
        return word
    # A letter with no look-alike in the other script decides ("xyй" is Cyrillic:
    # "й" has no Latin twin); otherwise the majority does.
    cyrillic_only = any(_script(ch) == "C" and ch not in _CYR_TO_LAT for ch in word)
    latin_only = any(
        _script(ch) == "L" and ch.isascii() and ch not in _LAT_TO_CYR for ch in word
    )
    if cyrillic_only != latin_only:
        majority = "C" if cyrillic_only else "L"
    else:
        majority = max(scripts, key=lambda tag: (counts[tag], tag == "L"))
    if majority == "C":
        return "".join(_LAT_TO_CYR.get(ch, ch) for ch in word)
    # Latin (or Greek-majority, rare): fold the look-alikes into Latin.
    return "".join(_CYR_TO_LAT.get(ch, _GRE_TO_LAT.get(ch, ch)) for ch in word)


def _is_invisible(ch: str) -> bool:
    if ch in _KEEP_CONTROLS:
        return False
    category = unicodedata.category(ch)
    return category in ("Cf", "Cc", "Cs", "Zl", "Zp") or ch in _INVISIBLE_EXTRA


def _fold_char(ch: str) -> str:
    folded = ch.casefold()
    if len(folded) == 1:
        return folded
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


class Document:
    """A submission's text, normalised once; see the module docstring."""

    def __init__(self, text: str, submission: Submission | None = None) -> None:
        if not isinstance(text, str):  # defensive: callers pass str, but never raise
            text = str(text)
        self.original: str = text
        # The submission this text came from: stateful detectors (flooding,
        # flash-mob) read its author, thread and time from here.
        self.submission: Submission = submission or Submission(text=text)
        self.normalized: str
        # starts[i], ends[i]: the original range that normalised char i came from.
        # None means the identity map (the common, all-clean case).
        self._starts: list[int] | None
        self._ends: list[int] | None
        self.normalized, self._starts, self._ends = _normalize(text)
        # Scratch space for values one detector computes and another (or the
        # same one's `remember`) reuses, e.g. the MinHash signature.
        self.derived: dict[str, object] = {}
        self.embedding: npt.NDArray[np.float32] | None = None
        self.task_embedding: npt.NDArray[np.float32] | None = None
        # the abuse model's logits by output name ("hate", "threat", ...)
        self.task_logits: dict[str, float] | None = None
        # full [base | task | logits] rows, one per sentence (see encoder.embed_documents)
        self.sentence_embeddings: npt.NDArray[np.float32] | None = None

    def __len__(self) -> int:
        return len(self.normalized)

    @cached_property
    def reading(self) -> Reading:
        """What the encoder reads: `normalized` with its disguises undone."""
        from vestnik.engine.deobfuscate import read

        return read(self.normalized)

    def reading_span(self, start: int, end: int) -> Span:
        """The original-text `Span` behind range [start, end) of `reading`."""
        s, e = self.reading.to_source(start, end)
        return self.to_original(s, e)

    def __repr__(self) -> str:
        return f"Document({self.original[:40]!r}{'...' if len(self.original) > 40 else ''})"

    @cached_property
    def folded(self) -> str:
        text = self.normalized
        if text.isascii():
            return text.lower()
        return "".join(_fold_char(ch) for ch in text)

    def to_original(self, start: int, end: int) -> Span:
        """Map a normalised range [start, end) to the original text's range."""
        n = len(self.normalized)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if self._starts is None or self._ends is None:
            return Span(start, end)
        if start == end:
            pos = self._starts[start] if start < n else len(self.original)
            return Span(pos, pos)
        return Span(self._starts[start], self._ends[end - 1])

    def original_slice(self, start: int, end: int) -> str:
        span = self.to_original(start, end)
        return self.original[span.start : span.end]

    @cached_property
    def words(self) -> tuple[Word, ...]:
        return tuple(
            Word(m.group(), m.start(), m.end())
            for m in _WORD_RE.finditer(self.normalized)
        )

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Sentence spans (normalised coordinates), stripped of surrounding space."""
        text = self.normalized
        spans: list[tuple[int, int]] = []
        begin = 0
        for match in _SENTENCE_END_RE.finditer(text):
            _append_stripped(text, begin, match.end(), spans)
            begin = match.end()
        _append_stripped(text, begin, len(text), spans)
        return tuple(spans)

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """Links in the normalised text (see vestnik.engine.links), found once."""
        from vestnik.engine.links import extract_links

        return extract_links(self.normalized)

    def sentence_texts(self) -> list[str]:
        return [self.normalized[s:e] for s, e in self.sentences]


def _append_stripped(
    text: str, start: int, end: int, out: list[tuple[int, int]]
) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def _normalize(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    if text.isascii() and text.isprintable():
        return text, None, None
    if (
        unicodedata.is_normalized("NFKC", text)
        and not any(_is_invisible(ch) for ch in text)
        and not _has_mixed_script_word(text)
    ):
        return text, None, None

    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if _is_invisible(ch):
            i += 1
            continue
        # A grapheme-ish cluster: a base character and its combining marks.
        j = i + 1
        while j < n and unicodedata.combining(text[j]) and not _is_invisible(text[j]):
            j += 1
        cluster = text[i:j]
        try:
            piece = unicodedata.normalize("NFKC", cluster)
        except ValueError:  # pragma: no cover - unicodedata never raises on str today
            piece = cluster
        piece = "".join(c for c in piece if not _is_invisible(c))
        for c in piece:
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    normalized = "".join(out)
    if _has_mixed_script_word(normalized):
        normalized = _WORD_RE.sub(lambda m: _fold_mixed_word(m.group()), normalized)
    return normalized, starts, ends


def _has_mixed_script_word(text: str) -> bool:
    if text.isascii():
        return False
    for match in _WORD_RE.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        tags = {_script(ch) for ch in word} - {""}
        if len(tags) > 1:
            return True
    return False
