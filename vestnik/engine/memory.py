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
    hashes: np.ndarray
    author_id: str | None
    thread_id: str | None
    at: datetime


class _Sketch:
    """What MinHashLSH reads from a MinHash (its values and scheme), without
    rebuilding the permutations a full `MinHash` object computes on creation."""

    scheme = "affine64"

    def __init__(self, hashvalues: np.ndarray) -> None:
        self.hashvalues = hashvalues

    def __len__(self) -> int:
        return int(self.hashvalues.size)


class InMemoryFingerprints:
    """`FingerprintIndex` over datasketch's `MinHashLSH`.

    Signatures are MinHash hash values (uint64, `num_perm` of them) serialised
    with `tobytes()`. LSH gives candidates; each is confirmed by its estimated
    Jaccard similarity reaching `threshold` and by the time window.
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
        self._lsh = MinHashLSH(
            threshold=max(0.2, threshold - 0.2), num_perm=num_perm, weights=(0.2, 0.8)
        )
        self._items: dict[str, _Print] = {}
        self._lock = threading.Lock()

    def _minhash(self, hashes: np.ndarray) -> _Sketch:
        return _Sketch(hashes)

    def similar(
        self, signature: bytes, since: datetime
    ) -> list[tuple[str, str | None, str | None]]:
        hashes = np.frombuffer(signature, dtype=np.uint64)
        if hashes.size != self.num_perm:
            return []
        with self._lock:
            candidates = [
                item
                for key in sorted(self._lsh.query(self._minhash(hashes)))
                if (item := self._items.get(key)) is not None
                and _at_or_after(item.at, since)
            ]
        if not candidates:
            return []
        # One vectorised comparison for all candidates: the estimated Jaccard
        # similarity is the share of equal MinHash values.
        same = (np.stack([item.hashes for item in candidates]) == hashes).sum(axis=1)
        return [
            (item.key, item.author_id, item.thread_id)
            for item, count in zip(candidates, same.tolist(), strict=True)
            if count >= self.threshold * hashes.size
        ]

    def add(
        self,
        key: str,
        signature: bytes,
        author_id: str | None,
        thread_id: str | None,
        at: datetime,
    ) -> None:
        hashes = np.frombuffer(signature, dtype=np.uint64).copy()
        if hashes.size != self.num_perm:
            return
        with self._lock:
            if key in self._items:
                return
            if len(self._items) >= self.max_items:
                oldest = next(iter(self._items))
                del self._items[oldest]
                self._lsh.remove(oldest)
            self._items[key] = _Print(key, hashes, author_id, thread_id, at)
            self._lsh.insert(key, self._minhash(hashes))


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
