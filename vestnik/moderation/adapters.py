"""The engine's ports implemented against our database, and Comment -> engine types.

The engine stays pure (style guide §3): it reads recent activity and the
near-duplicate index through the `RecentActivity` and `FingerprintIndex`
protocols, and this module answers them from Comment rows and the
Fingerprint tables. Both work the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from vestnik.community.models import (
    Comment,
    CommentStatus,
    Fingerprint,
    FingerprintBucket,
)
from vestnik.engine import ArticleContext, AuthorHistory, Context, Submission

# LSH banding for 64-value MinHash signatures: 16 bands of 4 rows put the
# candidate threshold near Jaccard 0.5, under the engine's confirming 0.6.
ROWS_PER_BAND = 4
SIMILARITY_THRESHOLD = 0.6
MAX_CANDIDATES = 500


class CommentActivity:
    """`RecentActivity` read from Comment rows.

    Every submission that is not a dry run becomes a Comment row (rejected ones
    included), so the rows *are* the record and `record()` has nothing to add.
    The engine moderates a new comment before its row is written; an edited one
    already has a row, passed as `exclude`. Either way the counts never include
    the comment being judged, the same as the in-memory port.
    """

    def __init__(self, exclude: int | None = None) -> None:
        self.exclude = exclude

    def _recent(self, author_id: str, since: datetime) -> Any:
        qs = Comment.objects.filter(author_id=_int(author_id), created_at__gte=since)
        return qs.exclude(pk=self.exclude) if self.exclude is not None else qs

    def count_by_author(
        self, author_id: str, since: datetime, thread_id: str | None = None
    ) -> int:
        qs = self._recent(author_id, since)
        if thread_id is not None:
            qs = qs.filter(article_id=_int(thread_id))
        return int(qs.count())

    def recent_texts_by_author(
        self, author_id: str, since: datetime, limit: int = 20
    ) -> list[str]:
        return list(
            self._recent(author_id, since)
            .order_by("-created_at", "-id")
            .values_list("body", flat=True)[:limit]
        )

    def record(
        self, author_id: str, thread_id: str | None, text: str, at: datetime
    ) -> None:
        return None


class DatabaseFingerprints:
    """`FingerprintIndex` in two tables: signatures, and one LSH bucket per band.

    `similar` looks up the buckets of the query signature (one indexed query),
    then confirms each candidate by its estimated Jaccard similarity, exactly as
    the engine's in-memory index does.
    """

    def __init__(
        self,
        threshold: float = SIMILARITY_THRESHOLD,
        pending: list[PendingFingerprint] | None = None,
    ) -> None:
        """With `pending`, `add` collects the rows there instead of writing them:
        the caller stores them in its own transaction (`store_fingerprints`)."""
        self.threshold = threshold
        self.pending = pending

    @staticmethod
    def buckets(hashes: np.ndarray) -> list[int]:
        out = []
        for band, start in enumerate(
            range(0, hashes.size - ROWS_PER_BAND + 1, ROWS_PER_BAND)
        ):
            digest = hashlib.blake2b(
                bytes([band]) + hashes[start : start + ROWS_PER_BAND].tobytes(),
                digest_size=8,
            ).digest()
            out.append(int.from_bytes(digest, "big", signed=True))
        return out

    def similar(
        self, signature: bytes, since: datetime
    ) -> list[tuple[str, str | None, str | None]]:
        if len(signature) % 8:
            return []
        hashes = np.frombuffer(signature, dtype=np.uint64)
        if hashes.size < ROWS_PER_BAND:
            return []
        candidate_ids = (
            FingerprintBucket.objects.filter(
                bucket__in=self.buckets(hashes), created_at__gte=since
            )
            .values_list("fingerprint_id", flat=True)
            .distinct()[:MAX_CANDIDATES]
        )
        out = []
        for print_ in Fingerprint.objects.filter(pk__in=list(candidate_ids)).order_by(
            "key"
        ):
            other = np.frombuffer(bytes(print_.signature), dtype=np.uint64)
            if other.size != hashes.size:
                continue
            if float(np.mean(other == hashes)) >= self.threshold:
                out.append(
                    (print_.key, print_.author_key or None, print_.thread_key or None)
                )
        return out

    def add(
        self,
        key: str,
        signature: bytes,
        author_id: str | None,
        thread_id: str | None,
        at: datetime,
    ) -> None:
        if len(signature) % 8:
            return
        hashes = np.frombuffer(signature, dtype=np.uint64)
        if hashes.size < ROWS_PER_BAND:
            return
        row = PendingFingerprint(key, bytes(signature), author_id, thread_id, at)
        if self.pending is not None:
            self.pending.append(row)
            return
        _store(row, self.buckets(hashes))


@dataclass(frozen=True)
class PendingFingerprint:
    """A fingerprint the engine remembered, not written yet (see `pending`)."""

    key: str
    signature: bytes
    author_id: str | None
    thread_id: str | None
    at: datetime


def _store(row: PendingFingerprint, buckets: list[int]) -> None:
    try:
        with transaction.atomic():
            print_ = Fingerprint.objects.create(
                key=row.key,
                author_key=row.author_id or "",
                thread_key=row.thread_id or "",
                signature=row.signature,
                created_at=row.at,
            )
            FingerprintBucket.objects.bulk_create(
                FingerprintBucket(fingerprint=print_, bucket=b, created_at=row.at)
                for b in buckets
            )
    except IntegrityError:
        return  # already indexed under this key: adding is idempotent


def store_fingerprints(rows: Sequence[PendingFingerprint]) -> None:
    """Write fingerprints collected by `DatabaseFingerprints(pending=...)`, in the
    caller's transaction (each in a savepoint: a duplicate key is skipped)."""
    for row in rows:
        hashes = np.frombuffer(row.signature, dtype=np.uint64)
        _store(row, DatabaseFingerprints.buckets(hashes))


def prune_fingerprints(older_than: timedelta = timedelta(days=7)) -> int:
    """Forget fingerprints older than the longest window any rule looks back."""
    deleted, _ = Fingerprint.objects.filter(
        created_at__lt=timezone.now() - older_than
    ).delete()
    return deleted


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --- Comment -> engine types ---------------------------------------------------------


def article_context(article: Any, discussion: tuple[str, ...] = ()) -> ArticleContext:
    return ArticleContext(
        title=article.headline,
        standfirst=article.standfirst or "",
        body=article.body_text or "",
        id=str(article.pk),
        discussion=discussion,
    )


def discussion_for(comment: Comment) -> tuple[str, ...]:
    """The discussion the comment joined: the latest comments published under
    its article before it (oldest first), never the comment itself."""
    from vestnik.engine.models.relevance import DISCUSSION_MAX

    rows = Comment.objects.filter(
        article_id=comment.article_id, status=CommentStatus.PUBLISHED
    )
    if comment.created_at is not None:
        rows = rows.filter(created_at__lt=comment.created_at)
    if comment.pk is not None:
        rows = rows.exclude(pk=comment.pk)
    latest = rows.order_by("-created_at", "-id").values_list("body", flat=True)
    return tuple(reversed(list(latest[:DISCUSSION_MAX])))


def author_history(user: Any, now: datetime) -> AuthorHistory:
    if user is None:
        return AuthorHistory()
    from vestnik.moderation.models import Block

    counts = dict(
        Comment.objects.filter(
            author=user, status__in=[CommentStatus.PUBLISHED, CommentStatus.REJECTED]
        )
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return AuthorHistory(
        account_age_days=(now - user.date_joined).total_seconds() / 86400,
        published_count=counts.get(CommentStatus.PUBLISHED, 0),
        rejected_count=counts.get(CommentStatus.REJECTED, 0),
        blocks=Block.objects.filter(user=user).count(),
    )


def submission_for(comment: Comment) -> Submission:
    parent_text = None
    if comment.parent_id is not None and comment.parent is not None:
        parent_text = comment.parent.body
    return Submission(
        text=comment.body,
        # An edit is a new text: its own key, so the index keeps both versions.
        id=f"{comment.token}@{comment.edited_at.timestamp():.0f}"
        if comment.edited_at
        else str(comment.token),
        author_id=str(comment.author_id) if comment.author_id else None,
        thread_id=str(comment.article_id),
        time=comment.edited_at or comment.created_at,
        language=comment.language or None,
        reply_to_text=parent_text,
    )


def context_for(
    comment: Comment,
    *,
    now: datetime,
    record: bool,
    pending: list[PendingFingerprint] | None = None,
) -> Context:
    """The engine's context for `comment`; with `pending`, the fingerprint it
    remembers is collected there, for the caller to store (`store_fingerprints`)."""
    # An external story is another site's page: we hold its title only, and
    # that on the embedding page's word, so it is judged without an article
    # (as Coral's stories are), never held as off-topic against a bare title.
    article = None
    if not getattr(comment.article, "external_url", None):
        article = article_context(comment.article, discussion_for(comment))
    return Context(
        article=article,
        now=now,
        author=author_history(comment.author, now),
        activity=CommentActivity(exclude=comment.pk),
        fingerprints=DatabaseFingerprints(pending=pending),
        record=record,
    )
