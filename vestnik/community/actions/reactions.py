"""Reactions: one per reader per comment."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from vestnik.community import ratelimit
from vestnik.community.actions.comments import check_can_post
from vestnik.community.actions.errors import ReactionNotAllowedError
from vestnik.community.actions.threads import bump_thread
from vestnik.community.app_settings import app_settings
from vestnik.community.models import Comment, CommentStatus, Reaction, ReactionKind


def react_to_comment(comment: Comment, *, user: Any, kind: str) -> str | None:
    """Set the reader's reaction to `kind`; the same kind again takes it back.

    Returns the reaction now in place (None when taken back). The count on the
    comment moves in the same transaction as the row, and the unique constraint
    keeps a double click from counting twice.
    """
    check_can_post(user)
    if kind not in ReactionKind.values:
        raise ReactionNotAllowedError("Unknown reaction.")
    if comment.status != CommentStatus.PUBLISHED:
        raise ReactionNotAllowedError("You can only react to published comments.")
    if comment.author_id == user.pk:
        raise ReactionNotAllowedError("You can't react to your own comment.")
    ratelimit.hit("react-user", str(user.pk), app_settings.REACTION_RATE_USER)
    with transaction.atomic():
        existing = (
            Reaction.objects.select_for_update()
            .filter(comment=comment, user=user)
            .first()
        )
        if existing is not None:
            if existing.kind == kind:
                existing.delete()
                Comment.objects.filter(pk=comment.pk).update(
                    reaction_count=F("reaction_count") - 1
                )
                bump_thread(comment.article_id)
                return None
            existing.kind = kind
            existing.save(update_fields=["kind"])
            return kind
        try:
            with transaction.atomic():
                Reaction.objects.create(comment=comment, user=user, kind=kind)
        except IntegrityError:
            return kind  # a concurrent click won; it counted once
        Comment.objects.filter(pk=comment.pk).update(
            reaction_count=F("reaction_count") + 1
        )
        bump_thread(comment.article_id)
    return kind
