"""/api/v1/comments: an API client's own site reads threads and posts, edits and
deletes comments on behalf of its authors, through the site's posting path.

`comments:read` lists an article's comments and reads one: published ones, the
client's own authors' comments in any state, and everything with the
`moderation` scope (a webhook receiver reads the held comment an event names).
`comments:write` posts as one of the client's authors (a shadow account per
client and author id, vestnik/integrations/authors.py): the engine's verdict in
the request, judged by the key's rulebook (the site's, with the key's override
on top: vestnik/integrations/rulebooks.py), the site's rate limits, flooding
and flash-mob state per author.
Posted to the URL of a page we do not know on one of the client's
`story_origins`, the first comment creates it as an external story, as the
embed does for its origins (vestnik/integrations/stories.py).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from vestnik.api.errors import ErrorOut, ValidationErrorOut
from vestnik.api.keys import ApiKeyAuth
from vestnik.community.actions import comments as comment_actions
from vestnik.community.models import Comment, CommentStatus
from vestnik.community.queries import author_label
from vestnik.community.ratelimit import RateLimitedError
from vestnik.engine import RulebookError
from vestnik.integrations import authors, stories
from vestnik.integrations.actions import record_call
from vestnik.integrations.models import ApiClient, Scope

router = Router(tags=["comments (API keys)"])

READ = ApiKeyAuth(Scope.COMMENTS_READ.value)
WRITE = ApiKeyAuth(Scope.COMMENTS_WRITE.value)


class VerdictRuleOut(Schema):
    rule: str
    score: float = 0.0
    detector: str = ""
    evidence: list[list[int]] = []
    explanation: str = ""
    wording: str = ""


class StoredVerdictOut(Schema):
    action: str = Field(description="publish, hold or reject")
    rules: list[VerdictRuleOut]
    reasons: str = Field(description="the statement of reasons the author reads")
    rulebook: str = Field(
        "",
        description=(
            "the version of the rulebook that judged it: for comments posted "
            "through a key, the site's with that key's override on top (as "
            "/api/v1/analyze names it)"
        ),
    )


class ClientCommentOut(Schema):
    id: int
    article: int
    article_url: str
    parent: int | None
    author: int | None
    author_name: str
    external_author: str | None = Field(
        description="your id for the author, when the comment came through your key"
    )
    status: str = Field(description="published, held, rejected or deleted")
    body: str
    created_at: datetime
    edited_at: datetime | None
    url: str
    verdict: StoredVerdictOut | None


class ClientThreadOut(Schema):
    article: int
    next: str | None = Field(description="pass as `after` for the next page")
    comments: list[ClientCommentOut]


class AuthorIn(Schema):
    id: str = Field(
        min_length=1,
        max_length=authors.MAX_EXTERNAL_ID,
        description="your site's id for the author; yours alone (not shared with other keys)",
    )
    name: str = Field(
        min_length=1,
        max_length=authors.MAX_DISPLAY_NAME,
        description="shown on the comment",
    )


class ClientCommentIn(Schema):
    article: int | None = Field(None, description="our article id")
    url: str | None = Field(
        None,
        max_length=2000,
        description=(
            "or the article's URL: one of our pages, or an external story's. A "
            "page on one of your key's story origins that we do not know yet "
            "becomes an external story on its first comment"
        ),
    )
    title: str | None = Field(
        None,
        max_length=500,
        description="the page's title: the headline of an external story created "
        "by this post (ignored otherwise)",
    )
    parent: int | None = Field(None, description="the published comment replied to")
    author: AuthorIn
    body: str = Field(max_length=100_000)
    token: uuid.UUID | None = Field(
        None, description="idempotency: the same token posted twice makes one comment"
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "article": 12,
                    "author": {"id": "u-1042", "name": "Maria K."},
                    "body": "The new timetable adds a late bus, which helps night workers.",
                }
            ]
        }
    }


class ClientEditIn(Schema):
    body: str = Field(min_length=1, max_length=100_000)


class PostedOut(Schema):
    status: str = Field(description="published, held or rejected")
    created: bool = Field(description="false when `token` was already used")
    comment: ClientCommentOut


#: 400: our own refusal, one message; 422: the schema check's list of issues
#: (the convention of vestnik/api/errors.py).
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
    429: ErrorOut,
}


def comment_out(comment: Comment, client: ApiClient) -> dict[str, Any]:
    deleted = comment.status == CommentStatus.DELETED
    verdict = comment.verdict if isinstance(comment.verdict, dict) else {}
    versions = verdict.get("versions")
    versions = versions if isinstance(versions, dict) else {}
    return {
        "id": comment.pk,
        "article": comment.article_id,
        "article_url": comment.article.get_absolute_url(),
        "parent": comment.parent_id,
        "author": comment.author_id,
        "author_name": "" if deleted else author_label(comment),
        "external_author": authors.external_id_of(comment, client),
        "status": comment.status,
        "body": "" if deleted else comment.body,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "url": comment.get_absolute_url(),
        "verdict": {
            "action": str(verdict.get("action", "")),
            "rules": [r for r in verdict.get("rules", []) if isinstance(r, dict)],
            "reasons": str(verdict.get("reasons", "")),
            "rulebook": str(versions.get("rulebook", "")),
        }
        if verdict and not deleted
        else None,
    }


def _refusal(exc: Exception) -> tuple[int, dict[str, str]]:
    if isinstance(exc, Http404):
        return 404, {"detail": str(exc) or "Not found."}
    if isinstance(exc, RateLimitedError):
        return 429, {"detail": str(exc)}
    if isinstance(exc, PermissionDenied):
        return 403, {"detail": str(exc) or "Forbidden."}
    if isinstance(exc, ValidationError):
        return 400, {"detail": " ".join(exc.messages)}
    if isinstance(exc, RulebookError):
        # The key's override judges its authors' comments (#13); one the site's
        # rulebook no longer takes is the key's to fix, not a server error.
        return 400, {"detail": f"This key's rulebook override is invalid: {exc}"}
    return 400, {"detail": str(exc)}


REFUSED = (Http404, PermissionDenied, ValidationError, RateLimitedError, RulebookError)


def logged_call(
    request: HttpRequest, endpoint: str, work: Callable[[ApiClient], tuple[int, Any]]
) -> Any:
    """Run `work` for the key's client, log the call, and turn our refusals into
    their documented statuses (a rate limit with its Retry-After)."""
    started = time.perf_counter()
    client: ApiClient = request.auth  # type: ignore[attr-defined]  # set by ApiKeyAuth
    retry_after = None
    try:
        status, body = work(client)
    except REFUSED as exc:
        status, body = _refusal(exc)
        if isinstance(exc, RateLimitedError):
            retry_after = exc.retry_after
    record_call(client, endpoint, status, (time.perf_counter() - started) * 1000)
    if retry_after is not None:
        from vestnik.api.urls import api  # registers this router: import at run time

        response = api.create_response(request, body, status=status)
        response["Retry-After"] = str(retry_after)
        return response
    return status, body


@router.get(
    "/comments",
    auth=READ,
    response={200: ClientThreadOut, **ERRORS},
    summary="An article's comments, oldest first, a page at a time",
)
def list_comments(
    request: HttpRequest,
    article: int | None = None,
    url: str | None = None,
    after: str | None = None,
    status: str | None = None,
    limit: int = authors.PAGE_SIZE,
) -> Any:
    def work(client: ApiClient) -> tuple[int, Any]:
        if (article is None) == (not url):
            return 400, {"detail": "give either `article` (our id) or `url`"}
        if not 1 <= limit <= 100:
            return 400, {"detail": "`limit` is between 1 and 100"}
        found = authors.access_article_for_client(article, url)
        try:
            page = authors.client_thread(
                client, found, after=after, status=status, limit=limit
            )
        except PermissionError as exc:
            return 403, {"detail": str(exc)}
        except ValueError as exc:
            return 400, {"detail": str(exc)}
        return 200, {
            "article": found.pk,
            "next": page.next_cursor,
            "comments": [comment_out(c, client) for c in page.comments],
        }

    return logged_call(request, "list_comments", work)


@router.get(
    "/comments/{comment_id}",
    auth=READ,
    response={200: ClientCommentOut, **ERRORS},
    summary="One comment with its status and the engine's verdict",
)
def read_comment(request: HttpRequest, comment_id: int) -> Any:
    return logged_call(
        request,
        "read_comment",
        lambda client: (
            200,
            comment_out(authors.access_comment_for_client(client, comment_id), client),
        ),
    )


@router.post(
    "/comments",
    auth=WRITE,
    response={200: PostedOut, 201: PostedOut, **ERRORS},
    summary="Post a comment as one of your site's authors; the verdict comes back",
)
def create_comment(request: HttpRequest, payload: ClientCommentIn) -> Any:
    def work(client: ApiClient) -> tuple[int, Any]:
        if (payload.article is None) == (not payload.url):
            return 400, {"detail": "give either `article` (our id) or `url`"}
        if not payload.author.id.strip() or not payload.author.name.strip():
            return 400, {"detail": "`author.id` and `author.name` may not be blank"}
        article = authors.find_article_for_client(payload.article, payload.url)
        story = None
        if article is None and payload.parent is None:
            story = authors.story_url_for_client(client, payload.url)
        if article is None and story is None:
            return 404, {"detail": "No such article."}
        author = authors.external_author(client, payload.author.id, payload.author.name)
        parent = None
        if payload.parent is not None:
            parent = authors.access_comment_for_client(client, payload.parent)
        if story is not None:
            # The first comment on a page of the client's own site (#13, item 6).
            article = stories.start_external_story(
                author, url=story, title=payload.title or "", body=payload.body
            )
        # No per-address limit: every author of a client posts from the client's
        # servers. The key's own limit and each author's limits apply.
        result = comment_actions.post_comment(
            author=author,
            article=article,
            body=payload.body,
            parent=parent,
            token=payload.token,
            ip=None,
        )
        comment = result.comment
        return (201 if result.created else 200), {
            "status": comment.status,
            "created": result.created,
            "comment": comment_out(comment, client),
        }

    return logged_call(request, "create_comment", work)


@router.patch(
    "/comments/{comment_id}",
    auth=WRITE,
    response={200: PostedOut, **ERRORS},
    summary="Edit a comment posted through your key (within the edit window)",
)
def edit_comment(request: HttpRequest, comment_id: int, payload: ClientEditIn) -> Any:
    def work(client: ApiClient) -> tuple[int, Any]:
        comment = authors.access_own_comment(client, comment_id)
        comment_actions.edit_own_comment(
            comment, author=comment.author, body=payload.body
        )
        comment = authors.access_own_comment(client, comment_id)
        return 200, {
            "status": comment.status,
            "created": False,
            "comment": comment_out(comment, client),
        }

    return logged_call(request, "edit_comment", work)


@router.delete(
    "/comments/{comment_id}",
    auth=WRITE,
    response={204: None, **ERRORS},
    summary="Delete a comment posted through your key",
)
def delete_comment(request: HttpRequest, comment_id: int) -> Any:
    def work(client: ApiClient) -> tuple[int, Any]:
        comment = authors.access_own_comment(client, comment_id)
        comment_actions.delete_comment(comment, actor=comment.author)
        return 204, None

    return logged_call(request, "delete_comment", work)
