"""In-memory implementations of the state ports, for tests, the CLI and one process.

The Django app implements the same protocols against the database and Redis;
these keep everything in lists and dicts and forget it when the process ends.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

_MAX_ITEMS = 100_000  # bounded memory: the oldest entries are forgotten first


@dataclass(frozen=True)
class _Activity:
    author_id: str
    thread_id: str | None
    text: str
    at: datetime


class InMemoryActivity:
    """`RecentActivity` with a bounded deque per author, newest last."""

    def __init__(self, max_items: int = _MAX_ITEMS, per_author: int = 500) -> None:
        self._by_author: dict[str, deque[_Activity]] = {}
        self._order: deque[str] = (
            deque()
        )  # authors in insertion order, for the global bound
        self.max_items = max_items
        self.per_author = per_author
        self._lock = threading.Lock()

    def count_by_author(
        self, author_id: str, since: datetime, thread_id: str | None = None
    ) -> int:
        count = 0
        with self._lock:
            for item in reversed(self._by_author.get(author_id, ())):
                if not _at_or_after(item.at, since):
                    break
                if thread_id is None or item.thread_id == thread_id:
                    count += 1
        return count

    def recent_texts_by_author(
        self, author_id: str, since: datetime, limit: int = 20
    ) -> list[str]:
        out: list[str] = []
        with self._lock:
            for item in reversed(self._by_author.get(author_id, ())):
                if len(out) >= limit or not _at_or_after(item.at, since):
                    break
                out.append(item.text)
        return out

    def record(
        self, author_id: str, thread_id: str | None, text: str, at: datetime
    ) -> None:
        with self._lock:
            items = self._by_author.setdefault(author_id, deque(maxlen=self.per_author))
            items.append(_Activity(author_id, thread_id, text, at))
            self._order.append(author_id)
            if len(self._order) > self.max_items:  # forget the oldest record
                oldest = self._order.popleft()
                queue = self._by_author.get(oldest)
                if queue:
                    queue.popleft()
                    if not queue:
                        del self._by_author[oldest]


@dataclass(frozen=True)
class _Print:
    key: str
    signature: bytes
    bands: tuple[bytes, ...]
    author_id: str | None
    thread_id: str | None
    at: datetime


class InMemoryFingerprints:
    """`FingerprintIndex`: MinHash LSH banding (datasketch's parameters) in plain dicts.

    Signatures are MinHash hash values (uint64, `num_perm` of them) serialised
    with `tobytes()`. The bands and rows are the ones datasketch's `MinHashLSH`
    picks for the same threshold and weights, and a band's key is its slice of
    the signature bytes, so the candidates are exactly `MinHashLSH.query`'s -
    without its per-call MinHash wrapping and byte-swapping. Each candidate is
    confirmed by its estimated Jaccard similarity reaching `threshold` and by
    the time window.
    """

    def __init__(
        self, threshold: float = 0.6, num_perm: int = 64, max_items: int = _MAX_ITEMS
    ) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.max_items = max_items
        # Candidates from a looser LSH (misses cost more than extra candidates,
        # which the exact signature comparison below throws out).
        lsh = MinHashLSH(
            threshold=max(0.2, threshold - 0.2), num_perm=num_perm, weights=(0.2, 0.8)
        )
        item = np.dtype(np.uint64).itemsize
        self._ranges: tuple[tuple[int, int], ...] = tuple(
            (start * item, end * item) for start, end in lsh.hashranges
        )
        self._tables: list[dict[bytes, set[str]]] = [{} for _ in self._ranges]
        self._items: dict[str, _Print] = {}
        self._lock = threading.Lock()

    def _bands(self, signature: bytes) -> tuple[bytes, ...]:
        return tuple(signature[start:end] for start, end in self._ranges)

    def similar(
        self, signature: bytes, since: datetime
    ) -> list[tuple[str, str | None, str | None]]:
        if len(signature) != self.num_perm * 8:
            return []
        hashes = np.frombuffer(signature, dtype=np.uint64)
        with self._lock:
            found: set[str] = set()
            for band, table in zip(self._bands(signature), self._tables, strict=True):
                bucket = table.get(band)
                if bucket:
                    found |= bucket
            candidates = [
                item
                for key in sorted(found)
                if (item := self._items.get(key)) is not None
            ]
        if not candidates:
            return []
        # One vectorised comparison for all candidates: the estimated Jaccard
        # similarity is the share of equal MinHash values. The window test runs
        # only on the (few) similar ones.
        matrix = np.frombuffer(
            b"".join([item.signature for item in candidates]), dtype=np.uint64
        ).reshape(len(candidates), hashes.size)
        similar = (matrix == hashes).sum(axis=1) >= self.threshold * hashes.size
        return [
            (item.key, item.author_id, item.thread_id)
            for item, ok in zip(candidates, similar.tolist(), strict=True)
            if ok and _at_or_after(item.at, since)
        ]

    def add(
        self,
        key: str,
        signature: bytes,
        author_id: str | None,
        thread_id: str | None,
        at: datetime,
    ) -> None:
        if len(signature) != self.num_perm * 8:
            return
        signature = bytes(signature)
        with self._lock:
            if key in self._items:
                return
            if len(self._items) >= self.max_items:
                oldest = self._items.pop(next(iter(self._items)))
                for band, table in zip(oldest.bands, self._tables, strict=True):
                    bucket = table.get(band)
                    if bucket is not None:
                        bucket.discard(oldest.key)
                        if not bucket:
                            del table[band]
            bands = self._bands(signature)
            self._items[key] = _Print(key, signature, bands, author_id, thread_id, at)
            for band, table in zip(bands, self._tables, strict=True):
                table.setdefault(band, set()).add(key)


def _at_or_after(at: datetime, since: datetime) -> bool:
    """Compare datetimes even when one side is naive (treated as UTC)."""
    if (at.tzinfo is None) != (since.tzinfo is None):
        at = _naive_utc(at)
        since = _naive_utc(since)
    return at >= since


def _naive_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)
