"""Posting, editing and deleting comments.

The engine judges every new text inside the request (`submit_for_moderation`),
so the author learns at once whether the comment is published, held or rejected.
"""

from __future__ import annotations

import difflib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max
from django.utils import timezone

from vestnik.community import queries, ratelimit
from vestnik.community.actions.errors import (
    CannotPostError,
    CommentNotEditableError,
    CommentsClosedError,
    InvalidCommentError,
)
from vestnik.community.actions.threads import bump_thread
from vestnik.community.app_settings import app_settings
from vestnik.community.formatting import render_body
from vestnik.community.models import (
    Comment,
    CommentStatus,
    Discussion,
    Revision,
    RevisionRole,
)
from vestnik.engine import Verdict
from vestnik.moderation.submission import run_engine, submit_for_moderation

PATH_WIDTH = 10


@dataclass
class PostResult:
    """What happened to a submission. `comment` is unsaved for a dry run."""

    comment: Comment
    verdict: Verdict | None
    created: bool
    dry_run: bool = False

    @property
    def status(self) -> str:
        return self.comment.status


def check_can_post(user: Any) -> None:
    """Raise CannotPostError unless `user` may write in the community now."""
    from vestnik.accounts.queries import needs_policy_acceptance
    from vestnik.moderation.queries import user_can_participate

    if user is None or not user.is_authenticated:
        raise CannotPostError("Log in or register to comment.", code="anonymous")
    if getattr(user, "is_deleted", False):
        raise CannotPostError("This account has been deleted.", code="deleted")
    if not user_can_participate(user):
        raise CannotPostError(
            "Your account is blocked from commenting. You can ask the moderators to unlock it.",
            code="blocked",
        )
    if needs_policy_acceptance(user):
        raise CannotPostError(
            "Please accept the updated privacy policy before commenting.", code="policy"
        )


def check_open(article: Any, now: datetime | None = None) -> None:
    if not queries.comments_are_open(article, now):
        raise CommentsClosedError("Comments on this article are closed.")


def check_body(body: str) -> str:
    text = body.strip()
    if len(text) < app_settings.MIN_LENGTH:
        raise InvalidCommentError(
            "Write a little more: the comment is too short.", code="short"
        )
    if len(text) > app_settings.MAX_LENGTH:
        raise InvalidCommentError(
            f"Comments are limited to {app_settings.MAX_LENGTH} characters "
            f"(this one has {len(text)}).",
            code="long",
        )
    return text


def recount_thread(article_id: int, parent_id: int | None = None) -> None:
    """Recount the published comments (and the parent's replies) from the rows.

    Counting beats incrementing here: a comment changes visibility through several
    paths (engine, edit, report, moderator, deletion) and a recount can't drift.
    """
    from vestnik.news.models import Article

    published = Comment.objects.filter(
        article_id=article_id, status=CommentStatus.PUBLISHED
    )
    stats = published.aggregate(count=Count("pk"), last=Max("created_at"))
    count = stats["count"]
    Article.objects.filter(pk=article_id).update(comments_count=count)
    if parent_id is not None:
        Comment.objects.filter(pk=parent_id).update(
            reply_count=published.filter(parent_id=parent_id).count()
        )
    # The counts and the thread's version in one UPDATE (what bump_thread does,
    # without a second write to the same row).
    if not Discussion.objects.filter(article_id=article_id).update(
        comment_count=count, last_comment_at=stats["last"], version=F("version") + 1
    ):
        bump_thread(article_id)
        Discussion.objects.filter(article_id=article_id).update(
            comment_count=count, last_comment_at=stats["last"]
        )


def _place(comment: Comment, parent: Comment | None) -> None:
    """Set depth before saving; path and root need the row's id (see `_link`)."""
    if parent is None:
        comment.depth = 0
        return
    comment.depth = min(parent.depth + 1, app_settings.MAX_DEPTH)


def _link(comment: Comment, parent: Comment | None) -> None:
    own = str(comment.pk).zfill(PATH_WIDTH)
    if parent is None:
        comment.root_id = comment.pk
        comment.path = own
    else:
        comment.root_id = parent.root_id
        if parent.depth < app_settings.MAX_DEPTH:
            comment.path = f"{parent.path}/{own}"
        else:
            # Past the depth limit the reply becomes the parent's sibling in display
            # ("in reply to ..."), so a long back-and-forth stays readable.
            prefix = parent.path.rsplit("/", 1)[0]
            comment.path = f"{prefix}/{own}"
    Comment.objects.filter(pk=comment.pk).update(
        root_id=comment.root_id, path=comment.path
    )


def post_comment(
    *,
    author: Any,
    article: Any,
    body: str,
    parent: Comment | None = None,
    token: uuid.UUID | None = None,
    ip: str | None = None,
    language: str = "",
    dry_run: bool = False,
) -> PostResult:
    """Post a comment (or, with `dry_run`, only ask the engine what it would say).

    The same `token` posted twice returns the first comment: a double click or a
    resent form never makes two comments.
    """
    check_can_post(author)
    check_open(article)
    text = check_body(body)
    if parent is not None and (
        parent.article_id != article.pk or parent.status != CommentStatus.PUBLISHED
    ):
        raise InvalidCommentError(
            "You can only reply to a published comment in this thread."
        )
    if token is not None and not dry_run:
        existing = Comment.objects.filter(token=token).first()
        if existing is not None:
            if existing.author_id != author.pk:
                raise InvalidCommentError(
                    "This form was already used. Reload the page."
                )
            return PostResult(existing, None, created=False)

    if dry_run:
        ratelimit.hit("dry-run-user", str(author.pk), app_settings.DRY_RUN_RATE_USER)
    else:
        ratelimit.hit_all(
            [
                ("post-user", str(author.pk), app_settings.POST_RATE_USER),
                ("post-ip", ip or "", app_settings.POST_RATE_IP),
            ]
        )

    comment = Comment(
        article=article,
        author=author,
        parent=parent,
        body=text,
        body_html=render_body(text),
        created_at=timezone.now(),
        token=token or uuid.uuid4(),
        language=language[:12],
        status=CommentStatus.HELD,
    )
    _place(comment, parent)
    if dry_run:
        verdict = submit_for_moderation(comment, dry_run=True)
        return PostResult(comment, verdict, created=False, dry_run=True)
    # The engine judges before the transaction that stores the comment: its tens
    # of milliseconds must not hold the database's write lock (#14).
    # Its fingerprint is stored with the comment: one write transaction.
    fingerprints: list[Any] = []
    judged = run_engine(comment, record=True, pending=fingerprints)
    try:
        with transaction.atomic():
            verdict = submit_for_moderation(
                comment, judged=judged, fingerprints=fingerprints
            )
            _link(comment, parent)
            if comment.status == CommentStatus.PUBLISHED:
                recount_thread(article.pk, parent.pk if parent else None)
    except IntegrityError:
        # The same token raced in from a second request: return the winner.
        existing = Comment.objects.filter(
            token=comment.token, author_id=author.pk
        ).first()
        if existing is None:
            raise
        return PostResult(existing, None, created=False)
    return PostResult(comment, verdict, created=True)


def _diff(before: str, after: str) -> str:
    return "\n".join(
        difflib.unified_diff(
            before.splitlines(), after.splitlines(), "before", "after", lineterm=""
        )
    )


def edit_own_comment(comment: Comment, *, author: Any, body: str) -> Verdict:
    """The author's edit, within the edit window: re-moderated like a new comment.

    The new text may be held or rejected; the author then sees why, as when posting.
    """
    if queries.edit_role(author, comment) != "author":
        raise CommentNotEditableError("The time to edit this comment has passed.")
    check_can_post(author)
    text = check_body(body)
    if text == comment.body:
        raise InvalidCommentError("Nothing changed.", code="unchanged")
    ratelimit.hit("post-user", str(author.pk), app_settings.POST_RATE_USER)
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("article", "author", "parent")
            .get(pk=comment.pk)
        )
        before = comment.body
        was_published = comment.status == CommentStatus.PUBLISHED
        Revision.objects.create(
            comment=comment,
            editor=author,
            role=RevisionRole.AUTHOR,
            body_before=before,
            body_after=text,
            diff=_diff(before, text),
        )
        comment.body = text
        comment.body_html = render_body(text)
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "body_html", "edited_at"])
        verdict = submit_for_moderation(comment)
        if was_published != (comment.status == CommentStatus.PUBLISHED):
            if comment.status != CommentStatus.PUBLISHED and comment.is_featured:
                comment.is_featured = False
                comment.save(update_fields=["is_featured"])
            recount_thread(comment.article_id, comment.parent_id)
    return verdict


def edit_comment_as_moderator(
    comment: Comment, *, moderator: Any, body: str, reason: str
) -> None:
    """A moderator's edit: kept as a revision (who, when, why, diff) and audited."""
    from vestnik.moderation.actions.comments import edit_comment

    if not queries.is_moderator(moderator):
        raise CommentNotEditableError("Moderators only.")
    if len(body.strip()) > app_settings.MAX_LENGTH:
        raise InvalidCommentError(
            f"Comments are limited to {app_settings.MAX_LENGTH} characters."
        )
    edit_comment(moderator, comment, body=body, reason=reason)


def delete_comment(comment: Comment, *, actor: Any, reason: str = "") -> None:
    """The author deletes their comment, or a moderator removes it.

    The row stays (replies keep their place; the audit log keeps its subject);
    the text is no longer shown to anyone.
    """
    from vestnik.moderation.audit import record_decision
    from vestnik.moderation.models import ActorKind, DecisionKind

    if not queries.can_delete(actor, comment):
        raise CommentNotEditableError("You can't delete this comment.")
    by_author = comment.author_id == actor.pk
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if comment.status == CommentStatus.DELETED:
            return
        was_published = comment.status == CommentStatus.PUBLISHED
        comment.status = CommentStatus.DELETED
        comment.deleted_at = timezone.now()
        comment.is_featured = False
        comment.save(update_fields=["status", "deleted_at", "is_featured"])
        record_decision(
            DecisionKind.DELETE_COMMENT,
            actor=actor,
            actor_kind=ActorKind.USER if by_author else ActorKind.MODERATOR,
            comment=comment,
            action="delete",
            reasons="" if by_author else reason,
            note="deleted by its author" if by_author else reason,
        )
        if was_published:
            recount_thread(comment.article_id, comment.parent_id)
