"""PostingRateDetector: one author flooding a thread (rule `flooding`).

Reads the `RecentActivity` port (in-memory in the engine, Redis/DB in the
app) for the submission's author, within `window`:

- more than `max_per_thread` comments in this thread, or `max_total` across
  the site -> 0.55 at the limit, rising to 1.0 at twice the limit;
- the same (case- and space-insensitive) text already posted `max_repeats`
  times -> 0.7, rising with each repeat;
- a burst of short messages (`short_words` words or fewer), the current one
  short too -> 0.55.

The current comment is not yet recorded when the detector runs: the pipeline
records it afterwards (unless `Context.record` is False).
Known false positives: live threads (match reports, election nights) where
one person answers many replies quickly; raise the limits per publisher.
Measured on tests/engine/corpus/flooding.jsonl (`vestnik eval`, task flooding/corpus).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.types import Finding

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class PostingRateDetector:
    name: ClassVar[str] = "posting_rate"
    window: timedelta = timedelta(minutes=10)
    max_per_thread: int = 5
    max_total: int = 15
    max_repeats: int = 1
    short_words: int = 4
    max_short_burst: int = 4

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        sub = doc.submission
        activity = ctx.activity
        if activity is None or sub.author_id is None or ctx.now is None:
            return []
        now = sub.time or ctx.now
        since = now - self.window
        minutes = int(self.window.total_seconds() // 60)
        findings: list[Finding] = []
        in_thread = (
            activity.count_by_author(sub.author_id, since, sub.thread_id)
            if sub.thread_id
            else 0
        )
        total = activity.count_by_author(sub.author_id, since)
        for count, limit, where in (
            (in_thread, self.max_per_thread, "in this thread"),
            (total, self.max_total, "on the site"),
        ):
            if count >= limit:
                score = min(1.0, 0.55 + 0.45 * (count - limit) / max(1, limit))
                findings.append(
                    self._finding(
                        score,
                        f"{count + 1} comments {where} within {minutes} minutes",
                        "rate",
                        count + 1,
                    )
                )
                break
        recent = activity.recent_texts_by_author(sub.author_id, since, limit=50)
        key = _key(doc.normalized)
        repeats = sum(1 for text in recent if _key(text) == key) if key else 0
        if repeats >= self.max_repeats:
            score = min(1.0, 0.7 + 0.1 * (repeats - self.max_repeats))
            findings.append(
                self._finding(
                    score,
                    f"the same text posted {repeats + 1} times within {minutes} minutes",
                    "repeated",
                    repeats + 1,
                )
            )
        if len(doc.words) <= self.short_words:
            short = sum(
                1 for text in recent[:20] if len(text.split()) <= self.short_words
            )
            if short >= self.max_short_burst:
                findings.append(
                    self._finding(
                        0.55,
                        f"{short + 1} short messages in a row",
                        "short-burst",
                        short + 1,
                    )
                )
        return findings

    def _finding(
        self, score: float, explanation: str, code: str, count: int
    ) -> Finding:
        return Finding(
            rule="flooding",
            detector=self.name,
            score=round(score, 4),
            explanation=explanation,
            code=code,
            data={"count": count},
        )
