"""GibberishDetector: incoherent keyboard-mash text (rule `flooding`).

Scores every word of 3+ letters with the character-bigram models of twelve
languages (vestnik.engine.charstats: log P(letter | previous letter) per
language, built from 1,000 sentences per language), taking the best-fitting
language per word. A word is gibberish when it scores below the
level that only 2% of real words of that language reach, minus `margin`.
Fires when most words are gibberish ("asdfgh jkl qwpoeiru", "sdkjfhskdjfh").

Known false positives: comments in a language that is neither English nor a
site language (the language rule covers those), lists of foreign names,
chemical formulas and codes; rare-bigram words ("rhythm") alone never fire.
Measured on tests/engine/corpus/flooding.jsonl (`vestnik eval`, task flooding/corpus).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine import charstats
from vestnik.engine.types import Finding

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context


@lru_cache(maxsize=65536)
def _is_gibberish(word: str, languages: tuple[str, ...], margin: float) -> bool:
    models = charstats.models()
    fits = [
        model.word_score(word) - model.cutoff
        for lang in languages
        if (model := models.get(lang)) is not None
    ]
    return bool(fits) and max(fits) < -margin


@dataclass(frozen=True)
class GibberishDetector:
    name: ClassVar[str] = "gibberish"
    margin: float = 0.3
    min_ratio: float = 0.5
    min_letters: int = 8
    max_words: int = 60

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        # Every language with a model, not just the site's: a Russian comment on
        # an English site is the language rule's business, not gibberish.
        languages = tuple(sorted(charstats.models()))
        words = [w for w in doc.words if len(w.text) >= 3 and w.text.isalpha()][
            : self.max_words
        ]
        if not words:
            return []
        folded = doc.folded
        bad = [
            w
            for w in words
            if _is_gibberish(folded[w.start : w.end], languages, self.margin)
        ]
        letters = sum(len(w.text) for w in bad)
        ratio = len(bad) / len(words)
        if ratio < self.min_ratio or letters < self.min_letters:
            return []
        score = min(1.0, 0.3 + 0.6 * ratio + 0.02 * min(len(bad), 5))
        return [
            Finding(
                rule="flooding",
                detector=self.name,
                score=round(score, 4),
                explanation=f"{len(bad)} of {len(words)} words look like keyboard mash",
                spans=tuple(doc.to_original(w.start, w.end) for w in bad[:10]),
                code="gibberish",
                data={"ratio": round(ratio, 3)},
            )
        ]
