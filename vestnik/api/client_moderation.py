"""/api/v1/moderation: approve or reject a comment with a `moderation` key.

The publisher's own moderation tools decide through the moderators' actions.
A key acts for the person who created it in the admin, and only while that
person is a moderator: the audit log names a human for every decision, with
the client's name in the note. A key made on the command line has no such
person and is refused (403).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from vestnik.api.client_comments import ERRORS, logged_call
from vestnik.api.keys import ApiKeyAuth
from vestnik.community.models import Comment
from vestnik.integrations.models import ApiClient, Scope
from vestnik.moderation.actions import comments as moderation_actions
from vestnik.moderation.models import Decision
from vestnik.moderation.roles import is_moderator

router = Router(tags=["moderation (API keys)"])

MODERATION = ApiKeyAuth(Scope.MODERATION.value)


class ClientApproveIn(Schema):
    note: str = Field("", max_length=1000, description="for the audit log")


class ClientRejectIn(Schema):
    rules: list[str] = Field(
        min_length=1, max_length=20, description="rule ids, e.g. insult-threat"
    )
    message: str = Field("", max_length=2000, description="added to the reasons")
    note: str = Field("", max_length=1000, description="for the audit log")


class ClientDecisionOut(Schema):
    id: int
    comment: int
    comment_status: str
    kind: str
    action: str
    rules: list[str]
    reasons: str
    overrides_engine: bool
    created_at: datetime


def _moderator_for(client: ApiClient) -> Any:
    actor = client.created_by
    if actor is None or not actor.is_active or not is_moderator(actor):
        raise PermissionDenied(
            "This key acts for the moderator who created it in the admin; "
            "it has none (or that person is no longer a moderator)."
        )
    return actor


def _comment(comment_id: int) -> Comment:
    found = Comment.objects.select_related("author").filter(pk=comment_id).first()
    if found is None:
        raise Http404("No such comment.")
    return found


def _out(decision: Decision, comment: Comment) -> dict[str, Any]:
    comment.refresh_from_db(fields=["status"])
    return {
        "id": decision.pk,
        "comment": comment.pk,
        "comment_status": comment.status,
        "kind": decision.kind,
        "action": decision.action,
        "rules": list(decision.rules),
        "reasons": decision.reasons,
        "overrides_engine": decision.overrides_engine,
        "created_at": decision.created_at,
    }


def _note(client: ApiClient, note: str) -> str:
    return f"[API client {client.name}] {note}".strip()


@router.post(
    "/moderation/comments/{comment_id}/approve",
    auth=MODERATION,
    response={200: ClientDecisionOut, **ERRORS},
    summary="Publish a held or rejected comment",
)
def approve(request: HttpRequest, comment_id: int, payload: ClientApproveIn) -> Any:
    def work(client: ApiClient) -> tuple[int, Any]:
        actor = _moderator_for(client)
        comment = _comment(comment_id)
        decision = moderation_actions.approve_comment(
            actor, comment, note=_note(client, payload.note)
        )
        return 200, _out(decision, comment)

    return logged_call(request, "approve_comment", work)


@router.post(
    "/moderation/comments/{comment_id}/reject",
    auth=MODERATION,
    response={200: ClientDecisionOut, **ERRORS},
    summary="Reject a comment, citing the rules it breaks",
)
def reject(request: HttpRequest, comment_id: int, payload: ClientRejectIn) -> Any:
    def work(client: ApiClient) -> tuple[int, Any]:
        actor = _moderator_for(client)
        comment = _comment(comment_id)
        decision = moderation_actions.reject_comment(
            actor,
            comment,
            rules=payload.rules,
            message=payload.message,
            note=_note(client, payload.note),
        )
        return 200, _out(decision, comment)

    return logged_call(request, "reject_comment", work)
