"""Community moderation tasks: re-moderating comments and pruning fingerprints.

Tasks take ids, reload rows, call one action, and are safe to run twice.
"""

from __future__ import annotations

from vestnik.site.celery import app


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
