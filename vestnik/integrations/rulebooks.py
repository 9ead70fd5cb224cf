"""Which rulebook judges what: the site's, or an API client's override on top of it.

/api/v1/analyze, comments:analyze and Coral layer the client's stored override
(and a request's own) over the site's rulebook of the moment (`rulebook_for`).

A comment posted through a client's key (comments:write) is written by one of
that client's shadow accounts (`ExternalAuthor`), and a shadow account belongs
to one client for good. So the author names the rulebook: posting, the author's
edits, re-moderation on request and after the publisher saves the site's
rulebook (and the settings page's dry run of it) all judge the comment with the site's rulebook of that moment plus the
client's override (`rulebook_for_author`), and the stored verdict says so
(`versions.rulebook` is the layered version, `versions.rulebook_client` the
client). Nothing switches such a comment to the site's rulebook alone (#13,
item 1). Human decisions run no engine; a moderator's rejection cites the
rules in the words of the comment's rulebook. Appeals concern blocks, not
verdicts.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from vestnik.engine import Rulebook
from vestnik.integrations.models import ApiClient, ExternalAuthor

_lock = threading.Lock()
# (base rulebook version, layers as canonical JSON) -> rulebook; a handful per process
_layered: dict[tuple[str, str], Rulebook] = {}


def layered(base: Rulebook, *layers: Mapping[str, Any] | None) -> Rulebook:
    """`base` with each non-empty layer of overrides on top, in order.

    Raises RulebookError.
    """
    present = [dict(layer) for layer in layers if layer]
    if not present:
        return base
    key = (base.version, json.dumps(present, sort_keys=True, default=str))
    with _lock:
        cached = _layered.get(key)
    if cached is not None:
        return cached
    book = base
    for layer in present:
        book = book.with_overrides(layer)
    with _lock:
        if len(_layered) > 256:
            _layered.clear()
        _layered[key] = book
    return book


def rulebook_for(*layers: Mapping[str, Any] | None) -> Rulebook:
    """The site's rulebook in force with `layers` on top (a client's stored
    override, then a request's). Raises RulebookError."""
    from vestnik.moderation.rulebook_store import current_rulebook

    return layered(current_rulebook(), *layers)


def client_label(client: ApiClient) -> str:
    """How verdicts and the audit log name the client whose override judged."""
    return f"#{client.pk} {client.name}"


def clients_of_authors(author_ids: Iterable[int | None]) -> dict[int, ApiClient]:
    """The API client of each shadow account among `author_ids` (one query)."""
    ids = {pk for pk in author_ids if pk is not None}
    if not ids:
        return {}
    return {
        link.user_id: link.client
        for link in ExternalAuthor.objects.filter(user_id__in=ids).select_related(
            "client"
        )
    }


def rulebook_of_client(
    client: ApiClient | None, base: Rulebook
) -> tuple[Rulebook, dict[str, str]]:
    """The rulebook for a comment by `client`'s author (None: a site reader's),
    over `base` (the site's rulebook at that moment), and the versions that
    the stored verdict adds. Raises RulebookError."""
    if client is None:
        return base, {}
    return layered(base, client.rulebook), {"rulebook_client": client_label(client)}


def rulebook_for_author(author: Any, base: Rulebook) -> tuple[Rulebook, dict[str, str]]:
    """`rulebook_of_client` for a comment by `author` (a user, or None). A
    site reader's costs no query: only shadow accounts are `is_external`."""
    if author is None or not getattr(author, "is_external", False):
        return base, {}
    return rulebook_of_client(clients_of_authors([author.pk]).get(author.pk), base)
