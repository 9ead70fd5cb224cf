"""Perspective's wire protocol (`/v1alpha1/comments:analyze`, `:suggestscore`).

A client built for Google's Perspective API works by changing its endpoint and
key (`?key=`). Requests and errors follow Google's shapes and HTTP codes: every
refusal is `{"error": {"code", "message", "status"[, "details"]}}`, never a
500. Texts sent to `comments:analyze` are never stored (as if `doNotStore`
were always true): Perspective requests carry no author, so there is no
flooding state to keep.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from vestnik.engine import RulebookError, Submission, Verdict
from vestnik.integrations import analysis, rulebooks
from vestnik.integrations.actions import record_call, store_feedback
from vestnik.integrations.attributes import ATTRIBUTES, NOT_MEASURED
from vestnik.integrations.errors import ApiKeyError
from vestnik.integrations.models import ApiClient, Scope
from vestnik.integrations.queries import access_client_by_key

MAX_BYTES = 20_480
ERROR_TYPE = "type.googleapis.com/google.commentanalyzer.v1alpha1.Error"


#: Coral sends a moderator's decision as a pseudo-attribute named after the
#: comment's new status, with value 1 (coral/server/services/perspective):
#: stored as a TOXICITY label (approved or featured 0, rejected 1).
CORAL_STATUS = {"APPROVED": 0.0, "HIGHLIGHTED": 0.0, "DELETED": 1.0, "REJECTED": 1.0}


class PerspectiveError(Exception):
    def __init__(
        self,
        message: str,
        code: int = 400,
        status: str = "INVALID_ARGUMENT",
        error_type: str | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code, self.status, self.error_type = code, status, error_type
        self.extra = dict(extra or {})

    def response(self) -> JsonResponse:
        error: dict[str, Any] = {
            "code": self.code,
            "message": str(self),
            "status": self.status,
        }
        if self.error_type:
            error["details"] = [
                {"@type": ERROR_TYPE, "errorType": self.error_type, **self.extra}
            ]
        return JsonResponse({"error": error}, status=self.code)


def _key(request: HttpRequest) -> str | None:
    key = request.GET.get("key") or request.headers.get("X-Goog-Api-Key")
    if not key:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        key = token.strip() if scheme.lower() == "bearer" else None
    return key or None


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        raw = request.body
    except RequestDataTooBig:
        raise PerspectiveError(
            "Request payload size exceeds the limit: "
            f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
        ) from None
    try:
        data = json.loads(raw or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        raise PerspectiveError(f"Invalid JSON payload received. {exc}") from None
    if not isinstance(data, dict):
        raise PerspectiveError(
            "Invalid JSON payload received. Expected an object at the top level."
        )
    return data


def _text(data: Mapping[str, Any]) -> str:
    comment = data.get("comment")
    if not isinstance(comment, dict):
        raise PerspectiveError("Comment must be specified.", error_type="COMMENT_EMPTY")
    text = comment.get("text")
    if text is not None and not isinstance(text, str):
        raise PerspectiveError("Invalid value at 'comment.text', expected a string.")
    kind = comment.get("type", "PLAIN_TEXT")
    if kind != "PLAIN_TEXT":
        raise PerspectiveError(
            f"Unsupported comment type {kind!r}: only PLAIN_TEXT is supported."
        )
    if not text or not text.strip():
        raise PerspectiveError("Comment must be non-empty.", error_type="COMMENT_EMPTY")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise PerspectiveError(
            f"Comment text too long: the limit is {MAX_BYTES} bytes.",
            error_type="COMMENT_TOO_LONG",
        )
    return text


def _languages(data: Mapping[str, Any]) -> list[str] | None:
    value = data.get("languages")
    if value is None or value == []:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PerspectiveError("Invalid value at 'languages', expected strings.")
    return [v.lower().split("-")[0].split("_")[0] for v in value]


def _requested(data: Mapping[str, Any]) -> dict[str, float | None]:
    value = data.get("requestedAttributes")
    if not isinstance(value, dict) or not value:
        raise PerspectiveError(
            "Request must specify at least one attribute in requestedAttributes.",
            error_type="NO_REQUESTED_ATTRIBUTES",
        )
    out: dict[str, float | None] = {}
    for name, spec in value.items():
        if name in NOT_MEASURED:
            raise PerspectiveError(
                f"Attribute {name} is not supported by this server: none of its "
                "rules measures it.",
                error_type="UNKNOWN_ATTRIBUTE",
            )
        if name not in ATTRIBUTES:
            raise PerspectiveError(
                f"Unknown attribute: {name}", error_type="UNKNOWN_ATTRIBUTE"
            )
        spec = spec or {}
        if not isinstance(spec, dict):
            raise PerspectiveError(f"Invalid value at 'requestedAttributes.{name}'.")
        if spec.get("scoreType", "PROBABILITY") != "PROBABILITY":
            raise PerspectiveError(
                f"Unsupported scoreType for {name}: only PROBABILITY is supported."
            )
        threshold = spec.get("scoreThreshold")
        if threshold is not None and (
            isinstance(threshold, bool)
            or not isinstance(threshold, int | float)
            or not 0 <= threshold <= 1
        ):
            raise PerspectiveError(
                f"Invalid scoreThreshold for {name}: a number between 0 and 1."
            )
        out[name] = None if threshold is None else float(threshold)
    return out


def _check_languages(attributes: list[str], languages: list[str]) -> None:
    for name in attributes:
        missing = [lang for lang in languages if lang not in ATTRIBUTES[name].languages]
        if missing:
            raise PerspectiveError(
                f"Attribute {name} does not support request languages: "
                + ", ".join(missing),
                error_type="LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
                extra={
                    "languageNotSupportedByAttributeError": {
                        "detectedLanguages": missing,
                        "attribute": name,
                    }
                },
            )


def _detected(verdict: Verdict) -> str | None:
    """The language the engine's `language` rule identified, when it was sure."""
    for finding in verdict.findings:
        if finding.rule == "language" and isinstance(finding.data.get("language"), str):
            return str(finding.data["language"])
    return None


def _score(verdict: Verdict, name: str, spans: bool) -> dict[str, Any]:
    value, found = ATTRIBUTES[name].score(verdict)
    out: dict[str, Any] = {"summaryScore": {"value": value, "type": "PROBABILITY"}}
    if spans:
        out["spanScores"] = [
            {"begin": b, "end": e, "score": {"value": s, "type": "PROBABILITY"}}
            for b, e, s in found
        ]
    return out


def _serve(
    request: HttpRequest, endpoint: str, scope: str, handler: Any
) -> HttpResponse:
    started = time.perf_counter()
    client: ApiClient | None = None
    try:
        if request.method != "POST":
            raise PerspectiveError(
                f"Method {request.method} not found: use POST.", 404, "NOT_FOUND"
            )
        try:
            client = access_client_by_key(_key(request), scope)
        except ApiKeyError as exc:
            client = exc.client
            code, status = exc.google
            error = PerspectiveError(str(exc), code, status)
            response = error.response()
            if getattr(exc, "retry_after", None):
                response["Retry-After"] = str(exc.retry_after)  # type: ignore[attr-defined]  # KeyRateLimitedError
            record_call(client, endpoint, code, _ms(started), 0)
            return response
        response = JsonResponse(handler(client, _body(request)))
    except PerspectiveError as exc:
        response = exc.response()
    record_call(client, endpoint, response.status_code, _ms(started))
    return response


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _analyze(client: ApiClient, data: dict[str, Any]) -> dict[str, Any]:
    text = _text(data)
    requested = _requested(data)
    languages = _languages(data)
    if languages is not None:
        _check_languages(list(requested), languages)
    try:
        rulebook = rulebooks.rulebook_for(client.rulebook)
    except RulebookError as exc:  # a client's stored override broke after an upgrade
        raise PerspectiveError(
            f"This key's rulebook override is invalid: {exc}",
            400,
            "FAILED_PRECONDITION",
        ) from None
    (verdict,) = analysis.analyze(
        [(Submission(text=text), None)],
        namespace=f"c{client.pk}",
        rulebook=rulebook,
        dry_run=True,
    )
    detected = _detected(verdict) or rulebook.site_languages[0]
    if languages is None:
        _check_languages(list(requested), [detected])
    spans = bool(data.get("spanAnnotations"))
    scores = {}
    for name, threshold in requested.items():
        score = _score(verdict, name, spans)
        if threshold is None or score["summaryScore"]["value"] >= threshold:
            scores[name] = score
    out: dict[str, Any] = {
        "attributeScores": scores,
        "languages": languages or [detected],
        "detectedLanguages": [detected],
    }
    if isinstance(data.get("clientToken"), str):
        out["clientToken"] = data["clientToken"]
    return out


def _suggest(client: ApiClient, data: dict[str, Any]) -> dict[str, Any]:
    text = _text(data)
    value = data.get("attributeScores")
    if not isinstance(value, dict) or not value:
        raise PerspectiveError("attributeScores must name at least one attribute.")
    scores: dict[str, float] = {}
    for name, spec in value.items():
        if (
            name not in ATTRIBUTES
            and name not in NOT_MEASURED
            and name not in CORAL_STATUS
        ):
            raise PerspectiveError(
                f"Unknown attribute: {name}", error_type="UNKNOWN_ATTRIBUTE"
            )
        score = (
            spec.get("summaryScore", {}).get("value")
            if isinstance(spec, dict) and isinstance(spec.get("summaryScore"), dict)
            else None
        )
        if isinstance(score, bool) or not isinstance(score, int | float):
            raise PerspectiveError(
                f"attributeScores.{name}.summaryScore.value must be a number."
            )
        if not 0 <= score <= 1:
            raise PerspectiveError(
                f"attributeScores.{name}.summaryScore.value must be between 0 and 1."
            )
        if name in CORAL_STATUS:  # "this comment was APPROVED": a TOXICITY label
            toxic = CORAL_STATUS[name]
            scores["TOXICITY"] = toxic if score >= 0.5 else 1.0 - toxic
        else:
            scores[name] = float(score)
    context = data.get("context")
    languages = _languages(data) or []
    store_feedback(
        client,
        text=text,
        scores=scores,
        language=languages[0] if languages else "",
        context=context if isinstance(context, dict) else {},
        client_token=str(data.get("clientToken") or ""),
        community_id=str(data.get("communityId") or ""),
    )
    out: dict[str, Any] = {}
    if isinstance(data.get("clientToken"), str):
        out["clientToken"] = data["clientToken"]
    return out


@csrf_exempt
def analyze(request: HttpRequest) -> HttpResponse:
    return _serve(request, "perspective:analyze", Scope.ANALYZE.value, _analyze)


@csrf_exempt
def suggest_score(request: HttpRequest) -> HttpResponse:
    return _serve(request, "perspective:suggestscore", Scope.MODERATION.value, _suggest)


urlpatterns = [
    path("comments:analyze", analyze, name="perspective-analyze"),
    path("comments:suggestscore", suggest_score, name="perspective-suggestscore"),
]
