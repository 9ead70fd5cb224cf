"""NearDuplicateDetector: organised posting of the same text (rule `flash-mob`).

Fingerprints each comment with MinHash (datasketch, `num_perm` permutations)
over word pairs (character 5-grams for texts under 8 words) of its
case-folded, punctuation-free text, and asks
the `FingerprintIndex` port (MinHash LSH; in-memory in the engine, Redis in
the app) for similar comments within `window`, across all threads. Fires when
at least `min_authors` distinct authors (this one included) posted the same or
nearly the same text: score 0.6 at the minimum, +0.1 per extra author. The
finding names the cluster (its earliest member's key) and its size.

Comments shorter than `min_chars` are ignored: "Thank you!" from five readers
is politeness, not a flash mob. After the verdict the pipeline calls
`remember`, which adds the fingerprint (unless `Context.record` is False).
Known false positives: quoting the same viral sentence; petitions the
publisher itself asked readers to sign (raise `min_authors` per publisher).
Measured on tests/engine/corpus/flash-mob.jsonl (`vestnik eval`, task flash-mob/corpus).
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from vestnik.engine.types import Finding, Span

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

#: datasketch's 64-bit permutation scheme: signatures are uint64 and comparable
#: across processes (the Redis index in the app stores the same bytes).
SCHEME = "affine64"
_PUNCT_RE = re.compile(r"[\W_]+")
_LOCK = threading.Lock()
_PERMUTATIONS: dict[int, Any] = {}


def _permutations(num_perm: int) -> tuple[Any, Any]:
    """datasketch's affine64 permutations (a, b) for seed 1, computed once."""
    with _LOCK:
        if num_perm not in _PERMUTATIONS:
            from datasketch import MinHash

            a, b = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME).permutations
            _PERMUTATIONS[num_perm] = (
                np.asarray(a, np.uint64),
                np.asarray(b, np.uint64),
            )
        return _PERMUTATIONS[num_perm]  # type: ignore[no-any-return]


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    from datasketch.hashfunc import sha1_hash64

    return int(sha1_hash64(word.encode()))


_PAIR_MIX = np.uint64(
    0x9E3779B97F4A7C15
)  # golden-ratio multiplier: order matters in a pair


def signature(text: str, num_perm: int = 64, k: int = 5) -> bytes:
    """MinHash signature bytes (uint64 x num_perm) of a normalised text.

    Shingles are hashed with datasketch's 64-bit SHA-1 hash (word pairs: the
    two words' cached hashes combined; short texts: character 5-grams), then
    datasketch's affine64 permutations are applied in one vectorised step -
    building a datasketch `MinHash` object per comment costs more than the
    hashing itself. Deterministic across processes (no Python `hash()`).
    """
    from datasketch.hashfunc import sha1_hash64

    words = _PUNCT_RE.sub(" ", text.casefold()).split()[:1000]
    if len(words) >= 8:
        # Word pairs: a tenth of the shingles of character 5-grams, still
        # robust to the small edits (an added word, changed case) mobs make.
        per_word = np.fromiter(
            (_word_hash(w) for w in words), dtype=np.uint64, count=len(words)
        )
        with np.errstate(over="ignore"):
            hashed = np.unique(per_word[:-1] * _PAIR_MIX ^ per_word[1:])
    else:
        flat = " ".join(words)
        shingles = {flat[i : i + k].encode() for i in range(max(1, len(flat) - k + 1))}
        hashed = np.fromiter(
            (sha1_hash64(s) for s in sorted(shingles)), dtype=np.uint64
        )
    a, b = _permutations(num_perm)
    with np.errstate(over="ignore"):
        permuted = hashed[:, None] * a[None, :] + b[None, :]  # wraps modulo 2**64
    return np.asarray(permuted.min(axis=0), dtype=np.uint64).tobytes()


@dataclass(frozen=True)
class NearDuplicateDetector:
    name: ClassVar[str] = "near_duplicate"
    window: timedelta = timedelta(hours=6)
    min_authors: int = 3
    min_chars: int = 25
    num_perm: int = 64

    def _signature(self, doc: Document) -> bytes | None:
        if len(doc.normalized.strip()) < self.min_chars:
            return None
        cached = doc.derived.get(self.name)
        if isinstance(cached, bytes):
            return cached
        sig = signature(doc.normalized, self.num_perm)
        doc.derived[self.name] = sig
        return sig

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        if ctx.fingerprints is None or ctx.now is None:
            return []
        sig = self._signature(doc)
        if sig is None:
            return []
        sub = doc.submission
        since = (sub.time or ctx.now) - self.window
        matches = ctx.fingerprints.similar(sig, since)
        authors = {author for _, author, _ in matches if author is not None}
        if sub.author_id is not None:
            authors.add(sub.author_id)
        if len(authors) < self.min_authors:
            return []
        threads = {thread for _, _, thread in matches if thread is not None}
        cluster = min(key for key, _, _ in matches)
        size = len(matches) + 1
        score = min(1.0, 0.6 + 0.1 * (len(authors) - self.min_authors))
        return [
            Finding(
                rule="flash-mob",
                detector=self.name,
                score=round(score, 4),
                explanation=(
                    f"part of cluster {cluster}: {size} near-identical comments by "
                    f"{len(authors)} authors in {max(1, len(threads))} thread(s)"
                ),
                spans=(Span(0, len(doc.original)),),
                code="cluster",
                data={
                    "cluster": cluster,
                    "size": size,
                    "authors": len(authors),
                    "threads": len(threads),
                },
            )
        ]

    def remember(self, doc: Document, ctx: Context) -> None:
        if ctx.fingerprints is None:
            return
        sig = self._signature(doc)
        if sig is None:
            return
        sub = doc.submission
        at = sub.time or ctx.now
        if at is None:
            return
        key = (
            sub.id
            or "h"
            + hashlib.sha1(
                f"{sub.author_id}|{at.isoformat()}|{doc.normalized}".encode(),
                usedforsecurity=False,
            ).hexdigest()[:16]
        )
        ctx.fingerprints.add(key, sig, sub.author_id, sub.thread_id, at)
