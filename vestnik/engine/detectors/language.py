"""LanguageDetector: comments in a language other than the site's (rule `language`).

Identifies the comment's language with py3langid (97 languages, naive Bayes
over byte n-grams) on the comment's own words: quotes, links, e-mail
addresses, @handles, #tags, numbers and capitalised names inside sentences are
removed first, so "I loved Dostoevsky's «Преступление и наказание»" stays
English. Comments with fewer than `min_letters` letters left are not judged
(too short to tell "ok", "merci" or a name from a language). The rule fires
only when the identifier gives the site languages together at most
1 - `min_confidence` and each less than `site_floor` probability. The publisher chooses what happens: remove, hold or
allow (`language_action` in the rulebook).

Why py3langid and not lingua (measured by the engine helper on
../shared/data/lingua_language_testdata, 60 random lines per language and
kind, 75 languages, one core):

| kind         | py3langid acc | ms/text | lingua acc | ms/text |
|--------------|---------------|---------|------------|---------|
| sentences    | 0.913         | 0.26    | 0.965      | 2.72    |
| word pairs   | 0.759         | 0.05    | 0.882      | 1.31    |
| single words | 0.559         | 0.04    | 0.721      | 0.62    |

Lingua is more accurate on short texts but ten times slower, and needs 22 s
and ~1 GB to preload all models: the fast path's budget is 2 ms for *all*
detectors. Short texts are where both are weak, so this detector does not
judge them at all. `vestnik eval --task language/lingua` measures the
detector as deployed (site language English, all 75 languages as input).

Known false positives: comments that are mostly a long unquoted passage in
another language; closely related languages (Bosnian/Croatian/Serbian,
Danish/Norwegian) when the site uses one of them (tolerated by `site_floor`).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from vestnik.engine.types import Finding, Span

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

_NOISE_RE = re.compile(
    r"\"[^\"]{0,2000}\"|“[^”]{0,2000}”|«[^»]{0,2000}»|„[^“”]{0,2000}[“”]"
    r"|^\s*>.*$|https?://\S+|www\.\S+|\S+@\S+|[@#]\w+|\d+",
    re.MULTILINE,
)
#: The commonest function words: when a comment is full of the site language's
#: own, the identifier need not run (most comments, a tenth of the cost).
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and to of a in is that it for on was with be are this not you have but they at",
        "ru": "и в не на что я с он как это по но они к у же вы за бы так от все она мы",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als",
        "fr": "de la le et les des en un du une que est pour qui dans pas sur au ne se",
        "es": "de la que el en y a los del se las por un para con no una su al lo",
        "it": "di e il la che in un per è non una del le si con da al sono come",
        "pt": "de a o que e do da em um para é com não uma os no se na por",
        "nl": "de en van het een in is dat op te zijn voor met niet die er",
        "pl": "i w nie na się z że do to jest jak a o co ale po tak jego",
        "uk": "і в не на що я з він як це та до але у ви за так від все ми",
    }.items()
}
_NAME_RE = re.compile(r"(?<=[\w,;:] )[A-ZА-ЯЁ][\w'’-]+")
_SAMPLE_CHARS = 240  # py3langid's cost grows with length; 240 chars decide

_LOCK = threading.Lock()
_IDENTIFIER: list[Any] = []


def _identifier() -> Any:
    """py3langid's identifier with normalised probabilities, loaded once per process."""
    with _LOCK:
        if not _IDENTIFIER:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _IDENTIFIER.append(
                LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            )
        return _IDENTIFIER[0]


def _dense(char: str) -> bool:
    code = ord(char)
    return (
        0x1100 <= code <= 0x11FF  # Hangul Jamo
        or 0x3040 <= code <= 0x30FF  # Hiragana, Katakana
        or 0x3400 <= code <= 0x9FFF  # CJK
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
    )


def _content(text: str) -> str:
    text = _NOISE_RE.sub(" ", text)
    return _NAME_RE.sub(" ", text)


@dataclass(frozen=True)
class LanguageDetector:
    name: ClassVar[str] = "language"
    version: ClassVar[str] = "py3langid-0.4"
    min_letters: int = 25
    min_confidence: float = 0.9
    site_floor: float = 0.05

    def _clearly_site_language(self, doc: Document, site: tuple[str, ...]) -> bool:
        """A fifth or more of the first 60 words are a site language's function words."""
        words = [w.text.lower() for w in doc.words[:60]]
        if len(words) < 8:
            return False
        for lang in site:
            stop = STOPWORDS.get(lang)
            if stop and sum(1 for w in words if w in stop) >= 0.2 * len(words):
                return True
        return False

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        if ctx.site.language_action == "allow" or not doc.normalized.strip():
            return []
        if self._clearly_site_language(doc, ctx.site.languages):
            return []
        content = _content(doc.normalized[: _SAMPLE_CHARS * 4])
        # A Chinese, Japanese or Korean character carries about a word's worth.
        letters = sum(
            3 if c >= "\u1100" and _dense(c) else 1 for c in content if c.isalpha()
        )
        if letters < self.min_letters:
            return []
        sample = " ".join(content.split())[:_SAMPLE_CHARS]
        ranked = _identifier().rank(sample)
        probs = {str(lang): float(p) for lang, p in ranked}
        lang = str(ranked[0][0])
        site = ctx.site.languages
        # Confidence that it is *not* a site language: close relatives (Bosnian,
        # Croatian, Serbian) split the probability between them, but together
        # they can still be certain that the comment is not English.
        confidence = 1.0 - sum(probs.get(code, 0.0) for code in site)
        if lang in site or confidence < self.min_confidence:
            return []
        if any(probs.get(code, 0.0) >= self.site_floor for code in site):
            return []
        # Long, confident text scores high; borderline length stays near the threshold.
        length_factor = min(1.0, 0.55 + 0.45 * (letters - self.min_letters) / 75)
        score = round(confidence * length_factor, 4)
        return [
            Finding(
                rule="language",
                detector=self.name,
                score=score,
                explanation=f"written in '{lang}' ({confidence:.0%} sure); the site uses {', '.join(site)}",
                spans=(Span(0, len(doc.original)),),
                code=f"lang-{lang}",
                data={"language": lang, "confidence": round(confidence, 4)},
            )
        ]
