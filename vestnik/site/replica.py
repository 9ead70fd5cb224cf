"""Anonymous reading pages read from a PostgreSQL replica; everything else, the primary.

`DATABASE_REPLICA_URL` adds a `replica` database (docs/deployment.md, "Topology").
`ReplicaReadMiddleware` marks a request as a replica read only when all hold:

- a replica is configured;
- GET or HEAD, by an anonymous visitor (a signed-in reader must see their own
  writes at once, and the replica lags the primary by a moment);
- the view is one of `REPLICA_VIEWS`: the newsroom pages, the thread, the feeds
  and the sitemap — pages that only read.

`PrimaryReplicaRouter` then sends that request's reads to the replica, except
inside a transaction on the primary (a read there must see the transaction's own
writes). Every write, and every read of any other request, goes to the primary:
the router answers "default" itself rather than letting Django follow an
object's `_state.db`, so an object read from the replica is never saved there.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"

REPLICA_VIEWS = frozenset(
    {
        "news:home",
        "news:live",
        "news:article",
        "news:section",
        "news:section_rss",
        "news:section_atom",
        "news:tag",
        "news:tag_rss",
        "news:tag_atom",
        "news:multimedia",
        "news:gallery",
        "news:feed_rss",
        "news:feed_atom",
        "news:sitemap",
        "community:thread",
        "community:feed",
    }
)

_replica_reads: ContextVar[bool] = ContextVar("vestnik_replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class PrimaryReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        if _replica_reads.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema


class ReplicaReadMiddleware:
    """Marks anonymous GET/HEAD requests to `REPLICA_VIEWS` as replica reads.

    Goes after AuthenticationMiddleware: the session (read from the primary)
    says whether the visitor is anonymous.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _replica_reads.set(False)
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> None:
        match = request.resolver_match
        if (
            replica_configured()
            and request.method in ("GET", "HEAD")
            and match is not None
            and match.view_name in REPLICA_VIEWS
            and not request.user.is_authenticated
        ):
            _replica_reads.set(True)
