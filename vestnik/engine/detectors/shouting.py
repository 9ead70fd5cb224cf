"""ShoutingDetector: comments typed fully or mostly in capitals (rule `form`).

Counts cased letters outside quotes, URLs, @handles and acronyms (all-caps
words of up to 5 letters, which are mostly names like NATO, USA, COVID), and
fires when the share of upper-case letters is high on a comment long enough to
judge. Short replies ("OK", "LOL") never fire, nor does one long word in
capitals ("Call 1 800THEWHITEHOUSE"): shouting takes at least three words.

Known false positives: comments quoting a headline typed in capitals without
quote marks; long lists of acronyms longer than 5 letters.
Measured on tests/engine/scenarios/form.jsonl (`vestnik eval --task form`, task form/scenarios):
see docs/engine.md for the latest figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.types import Finding

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

_SKIP_RE = re.compile(
    r"\"[^\"]{0,400}\"|“[^”]{0,400}”|«[^»]{0,400}»|https?://\S+|www\.\S+|[@#]\w+"
)


@dataclass(frozen=True)
class ShoutingDetector:
    name: ClassVar[str] = "shouting"
    min_letters: int = 20
    min_words: int = 3  # one long word in capitals ("1 800THEWHITEHOUSE") is no shout
    acronym_max_len: int = 5
    upper_ratio: float = 0.7

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        text = doc.normalized
        if len(text) < self.min_letters:
            return []
        # Most comments have few capitals: no need to look word by word.
        if sum(map(str.isupper, text)) < self.min_letters * self.upper_ratio:
            return []
        masked = _SKIP_RE.sub(lambda m: " " * len(m.group()), text)
        if doc.links:  # bare domains too: a link's case says nothing
            chars = list(masked)
            for link in doc.links:
                chars[link.start : link.end] = " " * (link.end - link.start)
            masked = "".join(chars)
        chunks = [
            (word.start, word.end, chunk)
            for word in doc.words
            if (chunk := masked[word.start : word.end]).strip()
        ]
        if not chunks:
            return []
        # Short all-caps words are acronyms (NATO, EU) in normal prose, but not
        # when most words are in capitals: then the whole comment is shouting.
        caps_words = sum(1 for _, _, c in chunks if c.isupper())
        acronyms_count = caps_words / len(chunks) < 0.6
        upper = lower = shouted = 0
        first = last = -1
        for start, end, chunk in chunks:
            n_upper = sum(map(str.isupper, chunk))
            n_lower = sum(map(str.islower, chunk))
            if acronyms_count and n_lower == 0 and n_upper <= self.acronym_max_len:
                continue
            upper += n_upper
            lower += n_lower
            if n_upper > n_lower:
                shouted += 1
                first = start if first < 0 else first
                last = end
        letters = upper + lower
        if letters < self.min_letters or shouted < self.min_words:
            return []
        ratio = upper / letters
        if ratio < self.upper_ratio:
            return []
        # 0.7 -> 0.6 (fires at the default 0.5 threshold), 1.0 -> 1.0
        score = min(
            1.0, 0.6 + (ratio - self.upper_ratio) / (1.0 - self.upper_ratio) * 0.4
        )
        span = doc.to_original(first, last)
        return [
            Finding(
                rule="form",
                detector=self.name,
                score=round(score, 4),
                explanation=f"{ratio:.0%} of the letters are capitals",
                spans=(span,),
                code="capitals",
                data={"upper_ratio": round(ratio, 3)},
            )
        ]
