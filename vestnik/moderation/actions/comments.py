"""Moderators' decisions about comments: approve, reject, edit, feature, bulk."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from vestnik.community.models import Comment, CommentStatus, Report
from vestnik.moderation import notifications
from vestnik.moderation.audit import record_decision
from vestnik.moderation.errors import ModerationError
from vestnik.moderation.models import Decision, DecisionKind
from vestnik.moderation.queries import check_moderator
from vestnik.moderation.rulebook_store import current_rulebook
from vestnik.moderation.statements import check_rule_ids, comment_rejection_statement
from vestnik.moderation.submission import comment_rulebook

MAX_EDIT_LENGTH = 5000


def _locked(comment: Comment) -> Comment:
    """Re-read the comment under a row lock, so two moderators can't race."""
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=comment.pk)
    )


def _set_status(comment: Comment, status: str) -> None:
    """Change a comment's visibility and keep the thread's published counters right."""
    was_visible = comment.status == CommentStatus.PUBLISHED
    comment.status = status
    comment.save(update_fields=["status"])
    now_visible = status == CommentStatus.PUBLISHED
    if was_visible != now_visible:
        _recount_thread(comment)


def _recount_thread(comment: Comment) -> None:
    # The community app keeps the published counters; recount through its action.
    from vestnik.community.actions.comments import recount_thread

    recount_thread(comment.article_id, comment.parent_id)


def _resolve_reports(comment: Comment) -> None:
    Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )


def approve_comment(actor: Any, comment: Comment, *, note: str = "") -> Decision:
    """Publish a held or rejected comment, or confirm a published one after review.

    The author is told when a held comment is published (the hold's outcome).
    """
    check_moderator(actor)
    with transaction.atomic():
        comment = _locked(comment)
        if comment.status == CommentStatus.DELETED:
            raise ModerationError("This comment was deleted; it can't be approved.")
        was_held = comment.status != CommentStatus.PUBLISHED
        _set_status(comment, CommentStatus.PUBLISHED)
        _resolve_reports(comment)
        decision = record_decision(
            DecisionKind.APPROVE,
            actor=actor,
            comment=comment,
            action="publish",
            rules=[],
            scores=dict(comment.verdict.get("scores", {})) if comment.verdict else {},
            reasons="A moderator checked your comment and published it."
            if was_held
            else "",
            note=note,
            versions=dict(comment.verdict.get("versions", {}))
            if comment.verdict
            else {},
        )
        if was_held:
            notifications.notify_comment_decision(decision, comment)
    return decision


def reject_comment(
    actor: Any,
    comment: Comment,
    *,
    rules: Iterable[str],
    message: str = "",
    note: str = "",
) -> Decision:
    """Remove a comment citing rule ids; the author gets the statement of reasons,
    in the words of the rulebook that judges the comment (an API key's
    override for its authors' comments, #13)."""
    check_moderator(actor)
    rulebook, book_versions = comment_rulebook(comment)
    rule_ids = check_rule_ids(rulebook, rules, required=True)
    reasons = comment_rejection_statement(rulebook, rule_ids, message)
    with transaction.atomic():
        comment = _locked(comment)
        if comment.status == CommentStatus.DELETED:
            raise ModerationError(
                "This comment was deleted; there is nothing to reject."
            )
        if comment.status == CommentStatus.REJECTED:
            raise ModerationError("This comment is already rejected.")
        _set_status(comment, CommentStatus.REJECTED)
        if comment.is_featured:
            comment.is_featured = False
            comment.save(update_fields=["is_featured"])
        _resolve_reports(comment)
        decision = record_decision(
            DecisionKind.REJECT,
            actor=actor,
            comment=comment,
            action="reject",
            rules=rule_ids,
            scores=dict(comment.verdict.get("scores", {})) if comment.verdict else {},
            reasons=reasons,
            note=note,
            versions={"rulebook": rulebook.version, **book_versions},
        )
        notifications.notify_comment_decision(decision, comment)
    return decision


def edit_comment(actor: Any, comment: Comment, *, body: str, reason: str) -> Decision:
    """A moderator's edit: the revision (before, after, diff, reason) is kept."""
    import difflib

    from vestnik.community.formatting import render_body
    from vestnik.community.models import Revision, RevisionRole

    check_moderator(actor)
    body = body.strip()
    if not body:
        raise ModerationError("The edited comment can't be empty; reject it instead.")
    if len(body) > MAX_EDIT_LENGTH:
        raise ModerationError(
            f"The edited comment is longer than {MAX_EDIT_LENGTH} characters."
        )
    if not reason.strip():
        raise ModerationError("Say why you edit the comment (the author sees it).")
    with transaction.atomic():
        comment = _locked(comment)
        if comment.status == CommentStatus.DELETED:
            raise ModerationError("This comment was deleted; it can't be edited.")
        before = comment.body
        if before == body:
            raise ModerationError("Nothing changed.")
        diff = "\n".join(
            difflib.unified_diff(
                before.splitlines(), body.splitlines(), "before", "after", lineterm=""
            )
        )
        Revision.objects.create(
            comment=comment,
            editor=actor,
            role=RevisionRole.MODERATOR,
            reason=reason.strip()[:500],
            body_before=before,
            body_after=body,
            diff=diff,
        )
        comment.body = body
        comment.body_html = render_body(body)
        comment.moderator_edited_at = timezone.now()
        comment.save(update_fields=["body", "body_html", "moderator_edited_at"])
        decision = record_decision(
            DecisionKind.EDIT,
            actor=actor,
            comment=comment,
            evidence=[{"diff": diff}],
            reasons=f"A moderator edited your comment: {reason.strip()}",
        )
    return decision


def feature_comment(actor: Any, comment: Comment, *, featured: bool = True) -> Decision:
    """Feature (or unfeature) a published comment in its thread."""
    check_moderator(actor)
    with transaction.atomic():
        comment = _locked(comment)
        if featured and comment.status != CommentStatus.PUBLISHED:
            raise ModerationError("Only published comments can be featured.")
        if comment.is_featured == featured:
            raise ModerationError(
                "This comment is already featured."
                if featured
                else "This comment isn't featured."
            )
        comment.is_featured = featured
        comment.save(update_fields=["is_featured"])
        return record_decision(
            DecisionKind.FEATURE if featured else DecisionKind.UNFEATURE,
            actor=actor,
            comment=comment,
        )


def bulk_decide(
    actor: Any,
    comments: Iterable[Comment],
    *,
    decision: str,
    rules: Iterable[str] = (),
    message: str = "",
) -> tuple[int, list[str]]:
    """Approve or reject many comments; returns (done, errors). Each is audited."""
    check_moderator(actor)
    rules = list(rules)
    if decision == "reject":
        check_rule_ids(current_rulebook(), rules, required=True)
    elif decision != "approve":
        raise ModerationError("Bulk decision must be approve or reject.")
    done, errors = 0, []
    for comment in comments:
        try:
            if decision == "approve":
                approve_comment(actor, comment)
            else:
                reject_comment(actor, comment, rules=rules, message=message)
            done += 1
        except ModerationError as exc:
            errors.append(f"#{comment.pk}: {' '.join(exc.messages)}")
    return done, errors
