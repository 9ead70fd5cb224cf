"""Protocols: the detector shape and the state the engine reads through ports.

The engine ships in-memory implementations (vestnik.engine.memory); the Django
app implements the same protocols against the database and Redis.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context, Finding


@runtime_checkable
class Detector(Protocol):
    """One module, one class. `detect` must never raise on any text."""

    name: ClassVar[str]

    def detect(self, doc: Document, ctx: Context) -> list[Finding]: ...


class RecentActivity(Protocol):
    """Counts of recent comments, for flooding and rate rules."""

    def count_by_author(
        self, author_id: str, since: datetime, thread_id: str | None = None
    ) -> int: ...

    def recent_texts_by_author(
        self, author_id: str, since: datetime, limit: int = 20
    ) -> list[str]: ...

    def record(
        self, author_id: str, thread_id: str | None, text: str, at: datetime
    ) -> None: ...


class FingerprintIndex(Protocol):
    """A near-duplicate index across all threads and authors (MinHash LSH)."""

    def similar(
        self, signature: bytes, since: datetime
    ) -> list[tuple[str, str | None, str | None]]:
        """Return (key, author_id, thread_id) of stored items similar to `signature`."""
        ...

    def add(
        self,
        key: str,
        signature: bytes,
        author_id: str | None,
        thread_id: str | None,
        at: datetime,
    ) -> None: ...


WINDOW_DEFAULT = timedelta(minutes=10)
