"""/api/moderation: the console's queues and decisions, blocks and appeals, as JSON.

The same actions and `access_*` checks as the HTML console; session
authentication (with CSRF) for everything, moderators only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.security import django_auth

from vestnik.api.errors import errors
from vestnik.moderation import transparency
from vestnik.moderation.actions import appeals as appeal_actions
from vestnik.moderation.actions import comments as comment_actions
from vestnik.moderation.actions import users as user_actions
from vestnik.moderation.app_settings import app_settings
from vestnik.moderation.models import Appeal, AppealStatus, Decision
from vestnik.moderation.queries import (
    access_appeal_for_moderator,
    access_comment_for_moderator,
    access_user_for_moderator,
    check_can_block,
    check_moderator,
)
from vestnik.moderation.queues import (
    QUEUES,
    QueueFilters,
    page_of,
    queue_comments,
    queue_counts,
)
from vestnik.moderation.roles import can_view_transparency

router = Router(tags=["moderation"])


class QueueItemOut(Schema):
    id: int
    article: int
    author: int | None
    status: str
    body: str
    language: str
    created_at: datetime
    open_reports: int
    score: float
    rules: list[dict[str, Any]]


class QueueOut(Schema):
    queue: str
    counts: dict[str, int]
    items: list[QueueItemOut]


class DecisionOut(Schema):
    id: int
    kind: str
    action: str
    rules: list[str]
    reasons: str
    overrides_engine: bool
    created_at: datetime


class RejectIn(Schema):
    rules: list[str] = Field(min_length=1, description="the ids of the rules broken")
    message: str = ""
    note: str = ""


class NoteIn(Schema):
    note: str = ""


class EditIn(Schema):
    body: str = Field(min_length=1, max_length=comment_actions.MAX_EDIT_LENGTH)
    reason: str = Field(min_length=1, description="why, for the audit log")


class FeatureIn(Schema):
    featured: bool = True


class BlockIn(Schema):
    rules: list[str] = Field(min_length=1, description="the ids of the rules broken")
    note: str = ""


class BlockOut(Schema):
    user: int
    number: int
    final: bool
    rules: list[str]


class AppealOut(Schema):
    id: int
    user: int
    block_number: int
    subject: str
    explanation: str
    status: str
    reason: str
    created_at: datetime


class AppealDecisionIn(Schema):
    reason: str = ""


class AppealRefusalIn(Schema):
    reason: str = Field(min_length=1, description="the reason the user reads")


def _error(exc: Exception) -> tuple[int, dict[str, str]]:
    if isinstance(exc, Http404):
        return 404, {"detail": str(exc) or "Not found."}
    if isinstance(exc, PermissionDenied):
        return 403, {"detail": str(exc) or "Forbidden."}
    message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    return 400, {"detail": message}


def _decision(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "kind": decision.kind,
        "action": decision.action,
        "rules": list(decision.rules),
        "reasons": decision.reasons,
        "overrides_engine": decision.overrides_engine,
        "created_at": decision.created_at,
    }


def _appeal(appeal: Appeal) -> dict[str, Any]:
    return {
        "id": appeal.pk,
        "user": appeal.user_id,
        "block_number": appeal.block.number,
        "subject": appeal.subject,
        "explanation": appeal.explanation,
        "status": appeal.status,
        "reason": appeal.reason,
        "created_at": appeal.created_at,
    }


# A decision posts a JSON body: unparsable (400) or off-schema (422), then the
# session (401), the role or CSRF (403) and the object (404).
ERRORS = errors(400, 401, 403, 404, 422)


@router.get(
    "/queues/{queue}",
    auth=django_auth,
    response={200: QueueOut, **errors(401, 403, 404)},
)
def get_queue(request: HttpRequest, queue: str) -> tuple[int, dict[str, Any]]:
    try:
        check_moderator(request.user)
    except PermissionDenied as exc:
        return _error(exc)
    if queue not in QUEUES:
        return 404, {"detail": "No such queue."}
    filters = QueueFilters.from_params(request.GET)
    items = page_of(
        queue_comments(queue, filters),
        0,
        app_settings.QUEUE_PAGE_SIZE,
        queue=queue,
        filters=filters,
    )
    return 200, {
        "queue": queue,
        "counts": queue_counts(),
        "items": [
            {
                "id": c.pk,
                "article": c.article_id,
                "author": c.author_id,
                "status": c.status,
                "body": c.body,
                "language": c.language,
                "created_at": c.created_at,
                "open_reports": getattr(c, "open_reports", 0),
                "score": getattr(c, "priority_score", 0.0),
                "rules": c.rules_fired,
            }
            for c in items
        ],
    }


@router.post(
    "/comments/{comment_id}/approve",
    auth=django_auth,
    response={200: DecisionOut, **ERRORS},
)
def approve(
    request: HttpRequest, comment_id: int, payload: NoteIn
) -> tuple[int, dict[str, Any]]:
    try:
        comment = access_comment_for_moderator(request.user, comment_id)
        return 200, _decision(
            comment_actions.approve_comment(request.user, comment, note=payload.note)
        )
    except (PermissionDenied, ValidationError, Http404) as exc:
        return _error(exc)


@router.post(
    "/comments/{comment_id}/reject",
    auth=django_auth,
    response={200: DecisionOut, **ERRORS},
)
def reject(
    request: HttpRequest, comment_id: int, payload: RejectIn
) -> tuple[int, dict[str, Any]]:
    try:
        comment = access_comment_for_moderator(request.user, comment_id)
        decision = comment_actions.reject_comment(
            request.user,
            comment,
            rules=payload.rules,
            message=payload.message,
            note=payload.note,
        )
        return 200, _decision(decision)
    except (PermissionDenied, ValidationError, Http404) as exc:
        return _error(exc)


@router.post(
    "/comments/{comment_id}/edit",
    auth=django_auth,
    response={200: DecisionOut, **ERRORS},
)
def edit(
    request: HttpRequest, comment_id: int, payload: EditIn
) -> tuple[int, dict[str, Any]]:
    try:
        comment = access_comment_for_moderator(request.user, comment_id)
        decision = comment_actions.edit_comment(
            request.user, comment, body=payload.body, reason=payload.reason
        )
        return 200, _decision(decision)
    except (PermissionDenied, ValidationError, Http404) as exc:
        return _error(exc)


@router.post(
    "/comments/{comment_id}/feature",
    auth=django_auth,
    response={200: DecisionOut, **ERRORS},
)
def feature(
    request: HttpRequest, comment_id: int, payload: FeatureIn
) -> tuple[int, dict[str, Any]]:
    try:
        comment = access_comment_for_moderator(request.user, comment_id)
        return 200, _decision(
            comment_actions.feature_comment(
                request.user, comment, featured=payload.featured
            )
        )
    except (PermissionDenied, ValidationError, Http404) as exc:
        return _error(exc)


@router.post(
    "/users/{user_id}/block", auth=django_auth, response={201: BlockOut, **ERRORS}
)
def block(
    request: HttpRequest, user_id: int, payload: BlockIn
) -> tuple[int, dict[str, Any]]:
    try:
        subject = access_user_for_moderator(request.user, user_id)
        made = user_actions.block_user(
            request.user, subject, rules=payload.rules, note=payload.note
        )
    except (PermissionDenied, ValidationError, Http404) as exc:
        return _error(exc)
    return 201, {
        "user": subject.pk,
        "number": made.number,
        "final": made.is_final,
        "rules": made.rules,
    }


@router.post(
    "/users/{user_id}/unblock", auth=django_auth, response={200: DecisionOut, **ERRORS}
)
def unblock(
    request: HttpRequest, user_id: int, payload: NoteIn
) -> tuple[int, dict[str, Any]]:
    try:
        subject = access_user_for_moderator(request.user, user_id)
        return 200, _decision(
            user_actions.unblock_user(request.user, subject, note=payload.note)
        )
    except (PermissionDenied, ValidationError, Http404) as exc:
        return _error(exc)


@router.get(
    "/appeals", auth=django_auth, response={200: list[AppealOut], **errors(401, 403)}
)
def list_appeals(request: HttpRequest) -> tuple[int, Any]:
    try:
        check_can_block(request.user)
    except PermissionDenied as exc:
        return _error(exc)
    appeals = (
        Appeal.objects.filter(status=AppealStatus.OPEN)
        .select_related("block")
        .order_by("created_at")[:100]
    )
    return 200, [_appeal(a) for a in appeals]


@router.post(
    "/appeals/{appeal_id}/accept", auth=django_auth, response={200: AppealOut, **ERRORS}
)
def accept_appeal(
    request: HttpRequest, appeal_id: int, payload: AppealDecisionIn
) -> tuple[int, dict[str, Any]]:
    try:
        appeal = access_appeal_for_moderator(request.user, appeal_id)
        return 200, _appeal(
            appeal_actions.accept_appeal(request.user, appeal, reason=payload.reason)
        )
    except (PermissionDenied, ValidationError, Http404) as exc:
        return _error(exc)


@router.post(
    "/appeals/{appeal_id}/refuse", auth=django_auth, response={200: AppealOut, **ERRORS}
)
def refuse_appeal(
    request: HttpRequest, appeal_id: int, payload: AppealRefusalIn
) -> tuple[int, dict[str, Any]]:
    try:
        appeal = access_appeal_for_moderator(request.user, appeal_id)
        return 200, _appeal(
            appeal_actions.refuse_appeal(request.user, appeal, reason=payload.reason)
        )
    except (PermissionDenied, ValidationError, Http404) as exc:
        return _error(exc)


@router.get(
    "/transparency",
    auth=django_auth,
    response={200: dict[str, Any], **errors(401, 403, 422)},
)
def get_transparency(
    request: HttpRequest, days: int = 84
) -> tuple[int, dict[str, Any]]:
    if not can_view_transparency(request.user):
        return 403, {"detail": "Moderators and the publisher only."}
    days = max(7, min(days, 366))
    return 200, transparency.as_dict(transparency.build_report(days))
