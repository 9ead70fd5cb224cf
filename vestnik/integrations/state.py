"""The engine's state ports for API clients and Coral tenants.

Flooding and flash-mob judge a comment against the same author's (or
everyone's) recent comments. For an API caller those comments are not rows of
ours, so `ClientActivityPort` keeps them in `ClientActivity`, and
`NamespacedFingerprints` stores their fingerprints in the site's near-duplicate
index under keys prefixed by the namespace. A namespace is one client (or one
Coral tenant): its authors and fingerprints never meet another's, nor the
site's own comments.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.utils import timezone

from vestnik.integrations.models import ClientActivity
from vestnik.moderation.adapters import DatabaseFingerprints

KEY_LENGTH = 64
#: Author and thread ids longer than this are hashed (`short_id`), so that the
#: namespaced form fits the index and compares equal to the submission's id.
ID_LENGTH = 40
KEEP = timedelta(days=1)  # longer than any window the posting-rate rule reads


def storable(text: str) -> str:
    """PostgreSQL text cannot hold NUL characters; callers may send them."""
    return text.replace("\x00", "\ufffd")


def short_id(value: str | None) -> str | None:
    if value is None:
        return None
    value = storable(value)
    if len(value) <= ID_LENGTH:
        return value
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[
        :ID_LENGTH
    ]


class ClientActivityPort:
    """`RecentActivity` for one namespace's authors."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def _recent(self, author_id: str, since: datetime):  # type: ignore[no-untyped-def]  # a QuerySet
        return ClientActivity.objects.filter(
            namespace=self.namespace, author_key=author_id, created_at__gte=since
        )

    def count_by_author(
        self, author_id: str, since: datetime, thread_id: str | None = None
    ) -> int:
        qs = self._recent(author_id, since)
        if thread_id is not None:
            qs = qs.filter(thread_key=thread_id)
        return int(qs.count())

    def recent_texts_by_author(
        self, author_id: str, since: datetime, limit: int = 20
    ) -> list[str]:
        return list(
            self._recent(author_id, since)
            .order_by("-created_at", "-id")
            .values_list("text", flat=True)[:limit]
        )

    def record(
        self, author_id: str, thread_id: str | None, text: str, at: datetime
    ) -> None:
        ClientActivity.objects.create(
            namespace=self.namespace,
            author_key=storable(author_id)[:200],
            thread_key=storable(thread_id or "")[:200],
            text=storable(text)[:5000],
            created_at=at,
        )


class NamespacedFingerprints:
    """`FingerprintIndex` over the site's index, confined to one namespace."""

    def __init__(self, namespace: str) -> None:
        self.prefix = f"{namespace}|"
        self.index = DatabaseFingerprints()

    def _wrap(self, value: str | None) -> str:
        wrapped = self.prefix + storable(value or "")
        if len(wrapped) > KEY_LENGTH:  # the index's columns hold 64 characters
            digest = hashlib.sha256(
                wrapped.encode("utf-8", "surrogatepass")
            ).hexdigest()
            wrapped = self.prefix + digest[: KEY_LENGTH - len(self.prefix)]
        return wrapped

    def _unwrap(self, value: str | None) -> str | None:
        if not value or not value.startswith(self.prefix):
            return None
        return value[len(self.prefix) :] or None

    def similar(
        self, signature: bytes, since: datetime
    ) -> list[tuple[str, str | None, str | None]]:
        return [
            (key[len(self.prefix) :], self._unwrap(author), self._unwrap(thread))
            for key, author, thread in self.index.similar(signature, since)
            if key.startswith(self.prefix)
        ]

    def add(
        self,
        key: str,
        signature: bytes,
        author_id: str | None,
        thread_id: str | None,
        at: datetime,
    ) -> None:
        self.index.add(
            self._wrap(key),
            signature,
            self._wrap(author_id) if author_id else None,
            self._wrap(thread_id) if thread_id else None,
            at,
        )


def prune_activity(older_than: timedelta = KEEP) -> int:
    deleted, _ = ClientActivity.objects.filter(
        created_at__lt=timezone.now() - older_than
    ).delete()
    return deleted


def forget_author(namespace: str, author_id: str) -> int:
    """Erase what the engine keeps of one author of a namespace (their recent
    texts and their comments' fingerprints); returns the rows deleted."""
    from vestnik.community.models import Fingerprint

    key = short_id(author_id) or ""
    deleted, _ = ClientActivity.objects.filter(
        namespace=namespace, author_key=key
    ).delete()
    wrapped = NamespacedFingerprints(namespace)._wrap(key)
    prints, _ = Fingerprint.objects.filter(author_key=wrapped).delete()
    return int(deleted + prints)
