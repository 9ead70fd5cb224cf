"""RepetitionDetector: excessive repeated characters and punctuation (rule `form`).

Catches "soooooooo", "!!!!!!!!", "?!?!?!?!", "........." and the same word
typed over and over ("no no no no no no"). Letters may repeat up to 3 times
(real words have doubles, "Aaah" is fine); punctuation up to 3 (an ellipsis
is fine). One stretch is a nudge (score 0.4, below the default threshold);
the score rises with the number of stretches.

Known false positives: ASCII art and separators ("-----" lines are ignored,
"=====", "*****" and the "::::" indentation of threaded replies too), laughter strings ("hahahahaha" counts as a word repeat only if
the whole word repeats), numbers like 1000000 (digits are ignored).
Measured on tests/engine/scenarios/form.jsonl (`vestnik eval --task form`, task form/scenarios).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.types import Finding, Span

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

_LETTER_RUN = re.compile(r"([^\W\d_])\1{4,}", re.IGNORECASE)
# "::::::" (threaded-reply indentation) and "********" (a separator, a
# masked word) are layout like "-----", not emphasis
_PUNCT_RUN = re.compile(r"[!?]{4,}|([.,;])\1{5,}")
_WORD_REPEAT = re.compile(r"\b(\w{1,20})(?:[\s,]+\1\b){4,}", re.IGNORECASE)


@dataclass(frozen=True)
class RepetitionDetector:
    name: ClassVar[str] = "repetition"
    max_spans: int = 10

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        text = doc.normalized
        if len(text) < 5:
            return []
        spans: list[Span] = []
        for pattern in (_LETTER_RUN, _PUNCT_RUN, _WORD_REPEAT):
            for match in pattern.finditer(text):
                spans.append(doc.to_original(match.start(), match.end()))
                if len(spans) >= self.max_spans:
                    break
        if not spans:
            return []
        score = min(1.0, 0.3 + 0.15 * len(spans))
        spans.sort(key=lambda s: s.start)
        return [
            Finding(
                rule="form",
                detector=self.name,
                score=round(score, 4),
                explanation=f"{len(spans)} stretch(es) of repeated characters or words",
                spans=tuple(spans),
                code="repetition",
                data={"stretches": len(spans)},
            )
        ]
