"""Running the engine for API callers: articles and state ports (the rulebook
layers are in vestnik/integrations/rulebooks.py).

The HTTP adapters (our /api/v1/analyze, the Perspective protocol, Coral's
moderation phase) all come through `analyze`, so a client gets the same
verdict whichever protocol it speaks.
"""

from __future__ import annotations

from collections.abc import Sequence
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
