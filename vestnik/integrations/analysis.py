"""Running the engine for API callers: rulebook layers, articles and state ports.

The HTTP adapters (our /api/v1/analyze, the Perspective protocol, Coral's
moderation phase) all come through `analyze`, so a client gets the same
verdict whichever protocol it speaks.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import timezone

from vestnik.community.models import Comment, CommentStatus
from vestnik.engine import (
    ArticleContext,
    Context,
    Rulebook,
    Submission,
    Verdict,
    moderate_batch,
)
from vestnik.integrations.state import ClientActivityPort, NamespacedFingerprints
from vestnik.moderation.adapters import article_context
from vestnik.moderation.rulebook_store import current_rulebook

_lock = threading.Lock()
# (site rulebook version, layers as canonical JSON) -> rulebook; a handful per process
_layered: dict[tuple[str, str], Rulebook] = {}


def rulebook_for(*layers: Mapping[str, Any] | None) -> Rulebook:
    """The site's rulebook with each non-empty layer of overrides on top, in order
    (a client's stored override, then a request's). Raises RulebookError."""
    book = current_rulebook()
    present = [dict(layer) for layer in layers if layer]
    if not present:
        return book
    key = (book.version, json.dumps(present, sort_keys=True, default=str))
    with _lock:
        cached = _layered.get(key)
    if cached is not None:
        return cached
    for layer in present:
        book = book.with_overrides(layer)
    with _lock:
        if len(_layered) > 256:
            _layered.clear()
        _layered[key] = book
    return book


def own_article_context(article: Any) -> ArticleContext:
    """One of our articles, with the latest comments published under it."""
    from vestnik.engine.models.relevance import DISCUSSION_MAX

    latest = (
        Comment.objects.filter(article=article, status=CommentStatus.PUBLISHED)
        .order_by("-created_at", "-id")
        .values_list("body", flat=True)[:DISCUSSION_MAX]
    )
    return article_context(article, tuple(reversed(list(latest))))


def analyze(
    items: Sequence[tuple[Submission, ArticleContext | None]],
    *,
    namespace: str,
    rulebook: Rulebook,
    dry_run: bool = False,
) -> list[Verdict]:
    """Moderate `items` in order; author/thread state lives in `namespace`.

    A dry run reads the state but adds nothing to it.
    """
    activity = ClientActivityPort(namespace)
    fingerprints = NamespacedFingerprints(namespace)
    now = timezone.now()
    batch = [
        (
            sub,
            Context(
                article=article,
                now=sub.time or now,
                activity=activity,
                fingerprints=fingerprints,
                record=not dry_run,
            ),
        )
        for sub, article in items
    ]
    return moderate_batch(batch, rulebook)
