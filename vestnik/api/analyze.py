"""/api/v1/analyze: the engine's full verdict for one comment or a batch.

The same verdict as `vestnik check --json`; state (flooding, flash mobs,
near-duplicates) carries across calls per client through the `author` and
`thread` ids. Authenticated with a client's key (`Authorization: Bearer vk_...`,
scope `analyze`).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from vestnik.api.errors import errors
from vestnik.api.keys import ApiKeyAuth
from vestnik.engine import ArticleContext, RulebookError, Submission, verdict_to_dict
from vestnik.integrations import analysis, rulebooks
from vestnik.integrations.actions import record_call
from vestnik.integrations.models import ApiClient, Scope
from vestnik.integrations.queries import article_for_url
from vestnik.integrations.state import short_id

router = Router(tags=["analyze"])

MAX_BATCH = 100
MAX_TEXT = 20_480  # characters; Perspective's limit is the same number of bytes


class CommentIn(Schema):
    text: str = Field(max_length=MAX_TEXT)
    id: str | None = Field(None, max_length=200)
    author: str | None = Field(
        None, max_length=200, description="your id for the author (flooding state)"
    )
    thread: str | None = Field(
        None, max_length=200, description="your id for the thread (flooding state)"
    )
    time: datetime | None = None
    language: str | None = Field(None, max_length=12)


class ArticleIn(Schema):
    """The article, given in full, or the `url` of one of this site's articles."""

    title: str = Field("", max_length=1000)
    standfirst: str = Field("", max_length=5000)
    body: str = Field("", max_length=200_000)
    url: str | None = Field(None, max_length=2000)
    discussion: list[str] = Field(default_factory=list, max_length=50)


class AnalyzeIn(Schema):
    comment: CommentIn | None = None
    comments: list[CommentIn] | None = Field(None, max_length=MAX_BATCH)
    article: ArticleIn | None = None
    rulebook: dict[str, Any] | None = Field(
        None, description="overrides as in `vestnik check --config`"
    )
    dry_run: bool = Field(False, description="judge without adding to the state")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"comment": {"text": "You are an idiot and everyone knows it."}},
                {
                    "comments": [
                        {"id": "c1", "text": "Great reporting.", "author": "u7"},
                        {"id": "c2", "text": "BUY CHEAP PILLS NOW", "author": "u8"},
                    ],
                    "article": {"title": "City council passes the budget"},
                    "rulebook": {"rules": {"form": {"enabled": False}}},
                    "dry_run": True,
                },
            ]
        }
    }


class AnalyzedRuleOut(Schema):
    rule: str
    score: float
    detector: str
    evidence: list[list[int]]
    explanation: str


class AnalyzedVerdictOut(Schema):
    id: str | None
    action: str = Field(description="publish, hold or reject")
    rules: list[AnalyzedRuleOut]
    scores: dict[str, float]
    reasons: str
    versions: dict[str, str]
    timings_ms: dict[str, float]


class AnalyzeOut(Schema):
    results: list[AnalyzedVerdictOut]
    dry_run: bool
    rulebook: str = Field(description="the version of the rulebook applied")
    article: str = Field(description="none, given, or own (one of our articles)")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "results": [
                        {
                            "id": None,
                            "action": "reject",
                            "rules": [
                                {
                                    "rule": "insult-threat",
                                    "score": 0.97,
                                    "detector": "insult_classifier",
                                    "evidence": [[0, 39]],
                                    "explanation": "an insult aimed at a person or group (classifier score 0.97)",
                                }
                            ],
                            "scores": {"insult-threat": 0.97, "hate": 0.0},
                            "reasons": "Your comment was removed because ...",
                            "versions": {"engine": "1.0.0", "rulebook": "default"},
                            "timings_ms": {"total": 6.1},
                        }
                    ],
                    "dry_run": False,
                    "rulebook": "default",
                    "article": "none",
                }
            ]
        }
    }


def _submission(item: CommentIn) -> Submission:
    when = item.time
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return Submission(
        text=item.text,
        id=item.id,
        author_id=short_id(item.author),
        thread_id=short_id(item.thread),
        time=when,
        language=item.language,
    )


def _article(data: ArticleIn | None) -> tuple[ArticleContext | None, str]:
    if data is None:
        return None, "none"
    if data.url:
        own = article_for_url(data.url)
        if own is not None:
            return analysis.own_article_context(own), "own"
    if not (data.title or data.standfirst or data.body):
        return None, "none"
    return (
        ArticleContext(
            title=data.title,
            standfirst=data.standfirst,
            body=data.body,
            discussion=tuple(data.discussion),
        ),
        "given",
    )


@router.post(
    "/analyze",
    auth=ApiKeyAuth(Scope.ANALYZE.value),
    response={200: AnalyzeOut, **errors(400, 401, 403, 422, 429)},
    summary="Moderate one comment or a batch of up to 100",
)
def analyze(request: HttpRequest, payload: AnalyzeIn) -> tuple[int, dict[str, Any]]:
    started = time.perf_counter()
    client: ApiClient = request.auth  # type: ignore[attr-defined]  # set by ApiKeyAuth
    status, body, count = _analyze(client, payload)
    record_call(
        client, "analyze", status, (time.perf_counter() - started) * 1000, count
    )
    return status, body


def _analyze(client: ApiClient, payload: AnalyzeIn) -> tuple[int, dict[str, Any], int]:
    if (payload.comment is None) == (payload.comments is None):
        return 400, {"detail": "give either `comment` or `comments`"}, 0
    items = [payload.comment] if payload.comment is not None else payload.comments or []
    if not items:
        return 400, {"detail": "`comments` is empty"}, 0
    try:
        rulebook = rulebooks.rulebook_for(client.rulebook, payload.rulebook)
    except RulebookError as exc:
        return 400, {"detail": f"rulebook: {exc}"}, 0
    article, article_kind = _article(payload.article)
    subs = [_submission(item) for item in items]
    verdicts = analysis.analyze(
        [(sub, article) for sub in subs],
        namespace=f"c{client.pk}",
        rulebook=rulebook,
        dry_run=payload.dry_run,
    )
    return (
        200,
        {
            "results": [
                verdict_to_dict(verdict, sub.text, id=sub.id)
                for sub, verdict in zip(subs, verdicts, strict=True)
            ],
            "dry_run": payload.dry_run,
            "rulebook": rulebook.version,
            "article": article_kind,
        },
        len(items),
    )
