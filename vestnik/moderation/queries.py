"""Reads other code reuses, and the permission-gated `access_*` fetches.

Every console view and API endpoint fetches its objects through an `access_*`
function here, so the permission check is written (and tested) once.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from vestnik.moderation import roles
from vestnik.moderation.models import Appeal, AppealStatus, Block, Premoderation

AnyUser = AbstractBaseUser | AnonymousUser | None


class NotAModeratorError(PermissionDenied):
    """The user is not in the moderators or publisher-admins group."""


def check_moderator(user: AnyUser) -> None:
    if not roles.is_moderator(user):
        raise NotAModeratorError("Moderators only.")


def check_can_block(user: AnyUser) -> None:
    if not roles.can_block(user):
        raise NotAModeratorError("Only moderators may block users and decide appeals.")


def check_publisher_admin(user: AnyUser) -> None:
    if not roles.is_publisher_admin(user):
        raise NotAModeratorError("Publisher administrators only.")


# --- participation -------------------------------------------------------------


def active_block(user: AnyUser) -> Block | None:
    """The user's unlifted block, if any (the strictest one: a final block wins)."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Block.objects.filter(user_id=user.pk, lifted_at__isnull=True)
        .order_by("-number")
        .first()
    )


def block_count(user: Any) -> int:
    return Block.objects.filter(user_id=user.pk).count()


def user_can_participate(user: AnyUser) -> bool:
    """May this user comment, react or report? False for visitors and blocked users."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return not Block.objects.filter(user_id=user.pk, lifted_at__isnull=True).exists()


def user_is_premoderated(user: AnyUser) -> bool:
    """True when every new comment by this user must be held for a moderator."""
    if user is None or not user.is_authenticated:
        return False
    return Premoderation.objects.filter(
        user_id=user.pk, lifted_at__isnull=True
    ).exists()


def open_appeal(user: AnyUser) -> Appeal | None:
    if user is None or not user.is_authenticated:
        return None
    return Appeal.objects.filter(user_id=user.pk, status=AppealStatus.OPEN).first()


def can_appeal(user: AnyUser) -> bool:
    """A first (non-final) active block and no appeal already open."""
    block = active_block(user)
    return block is not None and not block.is_final and open_appeal(user) is None


# --- moderator-gated fetches ------------------------------------------------------


def access_appeal_for_moderator(user: AnyUser, appeal_id: int) -> Appeal:
    check_can_block(user)
    try:
        return Appeal.objects.select_related("user", "block").get(pk=appeal_id)
    except Appeal.DoesNotExist:
        raise Http404("No such appeal.") from None


def access_user_for_moderator(user: AnyUser, user_id: int) -> Any:
    from django.contrib.auth import get_user_model

    check_moderator(user)
    try:
        return get_user_model().objects.get(pk=user_id)
    except get_user_model().DoesNotExist:
        raise Http404("No such user.") from None


def access_comment_for_moderator(user: AnyUser, comment_id: int) -> Any:
    """The comment, for a moderator; PermissionDenied for anyone else, 404 if absent."""
    from vestnik.community.models import Comment

    check_moderator(user)
    try:
        return Comment.objects.select_related(
            "author", "article", "article__section", "parent", "parent__author"
        ).get(pk=comment_id)
    except Comment.DoesNotExist:
        raise Http404("No such comment.") from None


def access_comments_for_moderator(user: AnyUser, comment_ids: list[int]) -> list[Any]:
    from vestnik.community.models import Comment

    check_moderator(user)
    found = {c.pk: c for c in Comment.objects.filter(pk__in=comment_ids)}
    return [found[i] for i in comment_ids if i in found]


def thread_context(comment: Any, limit: int = 5) -> list[Any]:
    """The comments around this one: its parent chain's neighbours, published only."""
    from vestnik.community.models import Comment, CommentStatus

    root_id = comment.root_id or comment.pk
    return list(
        Comment.objects.filter(root_id=root_id, status=CommentStatus.PUBLISHED)
        .exclude(pk=comment.pk)
        .select_related("author")
        .order_by("path")[: limit * 4]
    )


def user_history(subject: Any, limit: int = 30) -> dict[str, Any]:
    """Previous decisions, blocks, appeals and comment counts for a user's page."""
    from django.db.models import Count

    from vestnik.community.models import Comment
    from vestnik.moderation.models import Decision

    status_counts = dict(
        Comment.objects.filter(author=subject)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "decisions": list(
            Decision.objects.filter(subject_user=subject)
            .select_related("actor", "comment")
            .order_by("-created_at", "-id")[:limit]
        ),
        "blocks": list(
            Block.objects.filter(user=subject)
            .select_related("created_by", "lifted_by")
            .order_by("number")
        ),
        "appeals": list(
            Appeal.objects.filter(user=subject)
            .select_related("decided_by")
            .order_by("-created_at")
        ),
        "comment_counts": status_counts,
        "premoderated": user_is_premoderated(subject),
    }


# --- re-moderation after a rulebook save ------------------------------------------


def recent_remoderations(limit: int = 5) -> list[Any]:
    """The newest re-moderation runs, for the settings page's progress panel."""
    from vestnik.moderation.models import RemoderationRun

    return list(
        RemoderationRun.objects.select_related("rulebook_settings", "created_by")
        .defer("comment_ids")
        .order_by("-created_at", "-id")[:limit]
    )
