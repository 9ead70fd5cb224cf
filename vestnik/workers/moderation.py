"""Community moderation tasks: re-moderating comments and pruning fingerprints.

Tasks take ids, reload rows, call one action, and are safe to run twice.
"""

from __future__ import annotations

import time
from typing import Any

from vestnik.site.celery import app

# A re-moderation delivery works this long, then queues the rest (see below).
BUDGET_SECONDS = 60.0


@app.task(name="vestnik.workers.moderation.remoderate_comment")  # type: ignore[untyped-decorator]  # celery is untyped
def remoderate_comment(comment_id: int) -> str:
    from vestnik.community.actions.comments import remoderate_comment as remoderate
    from vestnik.community.models import Comment

    comment = (
        Comment.objects.filter(pk=comment_id)
        .select_related("article", "author", "parent")
        .first()
    )
    if comment is None:
        return "gone"
    verdict = remoderate(comment)
    return "skipped" if verdict is None else verdict.action.value


@app.task(name="vestnik.workers.moderation.remoderate_thread")  # type: ignore[untyped-decorator]  # celery is untyped
def remoderate_thread(article_id: int) -> int:
    """Queue every engine-decided comment of one article (e.g. after its text changed)."""
    from vestnik.community.models import Comment, CommentStatus

    ids = list(
        Comment.objects.filter(article_id=article_id)
        .exclude(status=CommentStatus.DELETED)
        .values_list("pk", flat=True)
    )
    for comment_id in ids:
        remoderate_comment.delay(comment_id)
    return len(ids)


@app.task(name="vestnik.workers.moderation.prune_fingerprints")  # type: ignore[untyped-decorator]  # celery is untyped
def prune_fingerprints() -> int:
    from vestnik.moderation.adapters import prune_fingerprints as prune

    return prune()


@app.task(bind=True, name="vestnik.workers.moderation.remoderate_recent")  # type: ignore[untyped-decorator]  # celery is untyped
def remoderate_recent(self: Any, run_id: int) -> str:
    """Work through one re-moderation run (after a rulebook save), batch by batch.

    A worker gives itself a time budget and then queues the rest as a new
    message, so no delivery outlives the broker's visibility timeout; run eagerly
    (the embedded set-up) it goes on to the end. Safe to run twice: each batch
    commits with the run's cursor (vestnik/moderation/actions/remoderation.py).
    """
    from vestnik.moderation.actions.remoderation import (
        note_remoderation_error,
        remoderate_batch,
    )

    deadline = time.monotonic() + BUDGET_SECONDS
    more = True
    try:
        while more and (self.request.is_eager or time.monotonic() < deadline):
            more = remoderate_batch(run_id)
    except Exception as exc:
        retrying = isinstance(exc, self.autoretry_for) and (
            self.request.retries < self.max_retries
        )
        note_remoderation_error(run_id, exc, final=not retrying)
        raise
    if more:
        remoderate_recent.delay(run_id)
        return "continued"
    return "done"
