"""/api/comments: read a thread, post (or dry-run), react and report.

The same actions as the HTML views; session authentication (with CSRF) for writes.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.security import django_auth

from vestnik.api.errors import errors
from vestnik.community import queries, threadcache
from vestnik.community.actions import comments as comment_actions
from vestnik.community.actions import reactions as reaction_actions
from vestnik.community.actions import reports as report_actions
from vestnik.community.actions.errors import CannotPostError
from vestnik.community.app_settings import app_settings
from vestnik.community.models import Comment, ReactionKind
from vestnik.community.ratelimit import RateLimitedError
from vestnik.site.clientip import client_ip
from vestnik.site.metrics import observe_cache

router = Router(tags=["comments"])


class RuleOut(Schema):
    rule: str
    wording: str


class CommentOut(Schema):
    id: int
    article: int
    parent: int | None
    depth: int
    author: str
    body: str
    body_html: str
    status: str
    created_at: datetime
    edited: bool
    edited_by_moderator: bool
    featured: bool
    reaction_count: int
    reply_count: int
    url: str
    held_for: list[RuleOut] = []
    replies: list[CommentOut] = []


class ThreadOut(Schema):
    article: int
    count: int
    sort: str
    next: str | None
    comments: list[CommentOut]


class PostIn(Schema):
    article: int
    body: str = Field(min_length=1)
    parent: int | None = None
    token: uuid.UUID | None = None
    dry_run: bool = False


class VerdictOut(Schema):
    action: str
    rules: list[RuleOut]
    reasons: str


class PostOut(Schema):
    status: str
    dry_run: bool
    created: bool
    verdict: VerdictOut | None
    comment: CommentOut | None


class ReactionIn(Schema):
    kind: ReactionKind


class ReactionOut(Schema):
    reaction: str | None
    reaction_count: int


class ReportIn(Schema):
    rule: str = Field(min_length=1, description="the id of the rule it breaks")
    text: str = ""


class ReportOut(Schema):
    id: int
    rule: str
    comment_status: str


def _out(comment: Comment, replies: list[Comment] | None = None) -> dict[str, Any]:
    deleted = comment.status == "deleted"
    return {
        "id": comment.pk,
        "article": comment.article_id,
        "parent": comment.parent_id,
        "depth": comment.depth,
        "author": ""
        if deleted
        else getattr(comment, "author_label", queries.author_label(comment)),
        "body": "" if deleted else comment.body,
        "body_html": "" if deleted else comment.body_html,
        "status": comment.status,
        "created_at": comment.created_at,
        "edited": comment.edited_at is not None,
        "edited_by_moderator": comment.moderator_edited_at is not None,
        "featured": comment.is_featured,
        "reaction_count": comment.reaction_count,
        "reply_count": comment.reply_count,
        "url": comment.get_absolute_url(),
        "held_for": getattr(comment, "held_reasons", []),
        "replies": [_out(reply) for reply in replies or []],
    }


def _error(exc: Exception) -> tuple[int, dict[str, str]]:
    message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    if isinstance(exc, RateLimitedError):
        return 429, {"detail": message}
    if isinstance(exc, CannotPostError) and exc.code == "anonymous":
        return 401, {"detail": message}
    if isinstance(exc, PermissionDenied):
        return 403, {"detail": message}
    return 400, {"detail": message}


@router.get("/", response={200: ThreadOut, 304: None, **errors(400, 404, 422)})
def list_thread(
    request: HttpRequest,
    response: HttpResponse,
    article: int,
    sort: str = "newest",
    after: str | None = None,
) -> Any:
    """A page of the thread. Anonymous readers get it from the shared cache with
    an ETag (a repeat request with If-None-Match answers 304)."""
    found = queries.access_article_for_comments(article)
    if not threadcache.is_anonymous_read(request):
        threadcache.finish(request, response, None)
        return _thread_data(request, found, sort, after)
    state = threadcache.thread_state(found, sort=sort, cursor=after)
    etag = threadcache.etag_for("api", state)
    unchanged = threadcache.not_modified(request, etag)
    if unchanged is not None:
        return unchanged
    # Every anonymous reader gets the same bytes: keep the rendered JSON, so a
    # hit skips the queries, the schema validation and the encoding alike.
    from vestnik.api.urls import api  # registers this router: import at run time

    key = f"community:thread:api-json:{state}"
    body = cache.get(key)
    observe_cache(hit=body is not None)
    if body is None:
        data = _thread_data(request, found, sort, after)
        body = api.renderer.render(
            request, ThreadOut.model_validate(data).model_dump(), response_status=200
        )
        cache.set(key, body, app_settings.THREAD_CACHE_SECONDS)
    cached = HttpResponse(body, content_type=api.get_content_type())
    threadcache.finish(request, cached, etag)
    return cached


def _thread_data(
    request: HttpRequest, found: Any, sort: str, after: str | None
) -> dict[str, Any]:
    page = queries.thread_page(
        found, request.user, sort=queries.Sort.parse(sort), cursor=after
    )
    queries.prepare_page(page, request.user)
    return {
        "article": found.pk,
        "count": found.comments_count,
        "sort": page.sort.value,
        "next": page.next_cursor,
        "comments": [
            _out(root, getattr(root, "inline_replies", [])) for root in page.roots
        ],
    }


@router.post(
    "/",
    auth=django_auth,
    response={200: PostOut, 201: PostOut, **errors(400, 401, 403, 404, 422, 429)},
)
def post_comment(request: HttpRequest, payload: PostIn) -> tuple[int, dict[str, Any]]:
    article = queries.access_article_for_comments(payload.article)
    try:
        parent = (
            queries.access_comment(request.user, payload.parent)
            if payload.parent
            else None
        )
        result = comment_actions.post_comment(
            author=request.user,
            article=article,
            body=payload.body,
            parent=parent,
            token=payload.token,
            ip=client_ip(request),
            dry_run=payload.dry_run,
        )
    except (PermissionDenied, ValidationError, RateLimitedError) as exc:
        return _error(exc)
    comment = result.comment
    verdict = comment.verdict or {}
    reasons = queries.held_reasons(comment)
    body: dict[str, Any] = {
        "status": "dry-run" if result.dry_run else comment.status,
        "dry_run": result.dry_run,
        "created": result.created,
        "verdict": {
            "action": verdict.get("action", ""),
            "rules": reasons,
            "reasons": verdict.get("reasons", ""),
        }
        if verdict
        else None,
        "comment": None,
    }
    if not result.dry_run:
        queries.prepare_for_viewer([comment], request.user)
        body["comment"] = _out(comment)
    return (201 if result.created else 200), body


@router.post(
    "/{comment_id}/reactions",
    auth=django_auth,
    response={200: ReactionOut, **errors(400, 401, 403, 404, 422, 429)},
)
def react(
    request: HttpRequest, comment_id: int, payload: ReactionIn
) -> tuple[int, dict[str, Any]]:
    comment = queries.access_comment(request.user, comment_id)
    try:
        kind = reaction_actions.react_to_comment(
            comment, user=request.user, kind=payload.kind.value
        )
    except (PermissionDenied, ValidationError, RateLimitedError) as exc:
        return _error(exc)
    comment.refresh_from_db(fields=["reaction_count"])
    return 200, {"reaction": kind, "reaction_count": comment.reaction_count}


@router.post(
    "/{comment_id}/reports",
    auth=django_auth,
    response={201: ReportOut, **errors(400, 401, 403, 404, 422, 429)},
)
def report(
    request: HttpRequest, comment_id: int, payload: ReportIn
) -> tuple[int, dict[str, Any]]:
    comment = queries.access_comment(request.user, comment_id)
    try:
        filed = report_actions.report_comment(
            comment, reporter=request.user, rule=payload.rule, text=payload.text
        )
    except (PermissionDenied, ValidationError, RateLimitedError) as exc:
        return _error(exc)
    comment.refresh_from_db(fields=["status"])
    return 201, {"id": filed.pk, "rule": filed.rule, "comment_status": comment.status}
