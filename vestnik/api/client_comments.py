"""/api/v1/comments/{id}: a comment, its status and the engine's verdict, for a
client's key with the `comments:read` scope (the receiver of a webhook reads
the comment the event names)."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from vestnik.api.errors import ValidationErrorOut
from vestnik.api.keys import ApiKeyAuth
from vestnik.community.models import CommentStatus
from vestnik.integrations.actions import record_call
from vestnik.integrations.models import ApiClient, Scope
from vestnik.integrations.queries import access_comment_for_client

router = Router(tags=["comments (API keys)"])


class VerdictRuleOut(Schema):
    rule: str
    score: float = 0.0
    detector: str = ""
    evidence: list[list[int]] = []
    explanation: str = ""
    wording: str = ""


class StoredVerdictOut(Schema):
    action: str
    rules: list[VerdictRuleOut]
    reasons: str


class ClientCommentOut(Schema):
    id: int
    article: int
    article_url: str
    parent: int | None
    author: int | None
    status: str
    body: str
    created_at: datetime
    edited_at: datetime | None
    url: str
    verdict: StoredVerdictOut | None


class ErrorOut(Schema):
    detail: str


def _out(comment: Any) -> dict[str, Any]:
    deleted = comment.status == CommentStatus.DELETED
    verdict = comment.verdict if isinstance(comment.verdict, dict) else {}
    return {
        "id": comment.pk,
        "article": comment.article_id,
        "article_url": comment.article.get_absolute_url(),
        "parent": comment.parent_id,
        "author": comment.author_id,
        "status": comment.status,
        "body": "" if deleted else comment.body,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "url": comment.get_absolute_url(),
        "verdict": {
            "action": str(verdict.get("action", "")),
            "rules": [r for r in verdict.get("rules", []) if isinstance(r, dict)],
            "reasons": str(verdict.get("reasons", "")),
        }
        if verdict and not deleted
        else None,
    }


@router.get(
    "/comments/{comment_id}",
    auth=ApiKeyAuth(Scope.COMMENTS_READ.value),
    response={
        200: ClientCommentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,  # a comment id that is not a number
        429: ErrorOut,
    },
    summary="A comment with its status and verdict, whatever its status",
)
def read_comment(request: HttpRequest, comment_id: int) -> tuple[int, dict[str, Any]]:
    started = time.perf_counter()
    client: ApiClient = request.auth  # type: ignore[attr-defined]  # set by ApiKeyAuth
    try:
        status, body = 200, _out(access_comment_for_client(comment_id))
    except Http404 as exc:
        status, body = 404, {"detail": str(exc)}
    record_call(client, "read_comment", status, (time.perf_counter() - started) * 1000)
    return status, body
