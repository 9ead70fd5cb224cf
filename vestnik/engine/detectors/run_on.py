"""RunOnDetector: long text not broken into sentences (rule `form`).

Fires when a comment has a run of at least `min_words` words with no sentence
break (., !, ?, …, a line break) that is the bulk of the comment (at least
`bulk_share` of its words), or a run of `long_words` words anywhere: the
standard asks for text broken into sentences, and a long comment whose prose
holds one 60-word sentence among many is broken into sentences. Commas do not
break a sentence: a 120-word comment held together by commas is still a
run-on. Words inside links do not count: a pasted URL is not a sentence.

Known false positives: pasted lists separated only by commas; poetry written
on one line; very long legal sentences quoted from documents.
Measured on tests/engine/scenarios/form.jsonl (`vestnik eval --task form`, task form/scenarios).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.types import Finding

if TYPE_CHECKING:
    from vestnik.engine.links import Link
    from vestnik.engine.text import Document, Word
    from vestnik.engine.types import Context


@dataclass(frozen=True)
class RunOnDetector:
    name: ClassVar[str] = "run_on"
    min_words: int = 60
    saturate_words: int = 120
    bulk_share: float = 0.5
    long_words: int = 100

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        words: Sequence[Word] = doc.words
        if len(words) < self.min_words:
            return []
        if doc.links:  # a URL is not prose: its parts are not words of a sentence
            words = _outside(words, doc.links)
            if len(words) < self.min_words:
                return []
        best = (0, 0, 0)  # (word count, start, end)
        index = 0
        for start, end in doc.sentences:
            count = 0
            while index < len(words) and words[index].start < end:
                if words[index].start >= start:
                    count += 1
                index += 1
            if count > best[0]:
                best = (count, start, end)
        count, start, end = best
        if count < self.min_words:
            return []
        if count < self.long_words and count < self.bulk_share * len(words):
            return []  # one long sentence in a comment of many
        extra = (count - self.min_words) / max(1, self.saturate_words - self.min_words)
        score = min(1.0, 0.6 + 0.4 * extra)
        return [
            Finding(
                rule="form",
                detector=self.name,
                score=round(score, 4),
                explanation=f"a sentence of {count} words with no full stop",
                spans=(doc.to_original(start, end),),
                code="run-on",
                data={"words": count},
            )
        ]


def _outside(words: Sequence[Word], links: Sequence[Link]) -> list[Word]:
    """The words that start outside every link (both in text order: one pass)."""
    out: list[Word] = []
    i = 0
    for word in words:
        while i < len(links) and links[i].end <= word.start:
            i += 1
        if i < len(links) and links[i].start <= word.start:
            continue
        out.append(word)
    return out
