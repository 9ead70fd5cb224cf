"""Coral's external moderation phase: `POST /integrations/coral/moderate`.

Coral calls each configured phase while a comment is being created or edited,
signs the raw body like its webhooks (`X-Coral-Signature: sha256=<hex>`, several
comma-separated while secrets roll) and skips a phase that does not answer in
time. So: verify the signature first (401 and a log line otherwise), then
answer within the set-up's time budget or not at all (204, "no opinion"):
the engine runs in a worker thread, and a verdict that arrives late is
recorded in the state but not waited for.

A comment the engine would publish gets 204, leaving Coral's own settings
(pre-moderation, other phases) in charge; a held one is `SYSTEM_WITHHELD`
(Coral's pending queue), a rejected one `REJECTED`, each with FLAG actions
(toxic or spam, the only reasons Coral accepts from a phase) and, for
rejections, an EU DSA reason code (`rejectionReason`, which Coral versions
without DSA support strip as an unknown key). Staff, moderators and admins are
not judged. The story URL is never fetched: if it is one of our own
articles, the article is the context for off-topic; otherwise there is none.
"""

from __future__ import annotations

import html
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import nh3
from django.core.exceptions import RequestDataTooBig
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vestnik.engine import (
    ArticleContext,
    Outcome,
    Rulebook,
    RulebookError,
    Submission,
    Verdict,
)
from vestnik.integrations import analysis, rulebooks
from vestnik.integrations.actions import record_coral_call
from vestnik.integrations.models import CoralIntegration
from vestnik.integrations.queries import article_for_url
from vestnik.integrations.signatures import coral_signature_valid
from vestnik.integrations.state import short_id

#: Coral's flag reasons for the rules that fired. Coral validates a phase's
#: answer and drops the whole answer if an action names any other reason than
#: these two (its ExternalModerationResponseSchema), so rules that are neither
#: toxic nor spam add no action: the status alone carries them.
FLAG_REASONS: dict[str, str] = {
    "hate": "COMMENT_DETECTED_TOXIC",
    "insult-threat": "COMMENT_DETECTED_TOXIC",
    "trolling": "COMMENT_DETECTED_TOXIC",
    "publisher-disrespect": "COMMENT_DETECTED_TOXIC",
    "violence": "COMMENT_DETECTED_TOXIC",
    "extremism": "COMMENT_DETECTED_TOXIC",
    "minors": "COMMENT_DETECTED_TOXIC",
    "profanity": "COMMENT_DETECTED_TOXIC",
    "spam": "COMMENT_DETECTED_SPAM",
    "commercial": "COMMENT_DETECTED_SPAM",
    "promotion": "COMMENT_DETECTED_SPAM",
    "malware": "COMMENT_DETECTED_SPAM",
    "flash-mob": "COMMENT_DETECTED_SPAM",
    "flooding": "COMMENT_DETECTED_SPAM",
}

#: EU DSA statement-of-reasons codes, as Coral's rejection reasons name them.
DSA_REASONS: dict[str, str] = {
    "hate": "HATE_SPEECH",
    "insult-threat": "HARASSMENT_BULLYING",
    "trolling": "HARASSMENT_BULLYING",
    "publisher-disrespect": "ABUSIVE",
    "violence": "ABUSIVE",
    "profanity": "OFFENSIVE",
    "extremism": "ILLEGAL_CONTENT",
    "minors": "ILLEGAL_CONTENT",
    "privacy": "ILLEGAL_CONTENT",
    "drugs": "ILLEGAL_CONTENT",
    "malware": "ILLEGAL_CONTENT",
    "spam": "SPAM",
    "flash-mob": "SPAM",
    "flooding": "SPAM",
    "commercial": "AD",
    "promotion": "AD",
    "off-topic": "IRRELEVANT_CONTENT",
}

#: Coral roles whose comments are not judged (staff write the articles).
TRUSTED_ROLES = {"ADMIN", "MODERATOR", "STAFF"}

_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="coral-phase")


class BadPayload(ValueError):
    pass


_BREAK_RE = re.compile(r"<\s*(?:br|/p|/div|/li|/blockquote)\b[^>]*>", re.I)


def plain_text(body: str) -> str:
    """A phase set to Coral's HTML format sends the comment as HTML: judge its
    text, with line breaks where paragraphs and breaks were."""
    if "<" not in body:
        return body
    return html.unescape(nh3.clean(_BREAK_RE.sub("\n", body), tags=set())).strip()


def _field(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _parse(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadPayload("the body is not JSON") from None
    if not isinstance(data, dict):
        raise BadPayload("the body must be a JSON object")
    if data.get("action", "NEW") not in ("NEW", "EDIT"):
        raise BadPayload("action must be NEW or EDIT")
    if not isinstance(_field(data, "comment", "body"), str):
        raise BadPayload("comment.body must be a string")
    return data


def _response(verdict: Verdict) -> tuple[int, dict[str, Any] | None]:
    if verdict.action is Outcome.PUBLISH:
        return 204, None
    fired = sorted(verdict.fired, key=lambda r: (-r.outcome.severity, -r.score, r.rule))
    reasons = list(
        dict.fromkeys(FLAG_REASONS[r.rule] for r in fired if r.rule in FLAG_REASONS)
    )
    body: dict[str, Any] = {
        "status": "REJECTED" if verdict.action is Outcome.REJECT else "SYSTEM_WITHHELD",
        "actions": [{"actionType": "FLAG", "reason": reason} for reason in reasons],
        "tags": [],
        "metadata": {"vestnik": {"rules": [r.rule for r in fired]}},
    }
    if verdict.action is Outcome.REJECT:
        top = fired[0].rule if fired else ""
        body["rejectionReason"] = {
            "code": DSA_REASONS.get(top, "OTHER"),
            "detailedExplanation": verdict.reasons[:500],
        }
    return 200, body


def _judge(
    sub: Submission,
    article: ArticleContext | None,
    namespace: str,
    rulebook: Rulebook,
    dry_run: bool,
) -> Verdict:
    try:
        (verdict,) = analysis.analyze(
            [(sub, article)], namespace=namespace, rulebook=rulebook, dry_run=dry_run
        )
        return verdict
    finally:
        connections.close_all()  # this worker thread's own connections


def _integration_for(header: str, body: bytes) -> CoralIntegration | None:
    for integration in CoralIntegration.objects.filter(enabled=True):
        if coral_signature_valid(header, body, integration.accepted_secrets()):
            return integration
    return None


@csrf_exempt
@require_POST
def moderate(request: HttpRequest) -> HttpResponse:
    started = time.perf_counter()

    def done(
        status: int,
        body: dict[str, Any] | None,
        integration: CoralIntegration | None,
        outcome: str = "",
        note: str = "",
    ) -> HttpResponse:
        record_coral_call(
            integration,
            status,
            (time.perf_counter() - started) * 1000,
            outcome=outcome,
            note=note,
        )
        if body is None:
            return HttpResponse(status=status)
        return JsonResponse(body, status=status)

    try:
        raw = request.body
    except RequestDataTooBig:
        return done(400, {"error": "request too large"}, None, note="too large")
    header = request.headers.get("X-Coral-Signature", "")
    if not header:
        return done(401, {"error": "unsigned request"}, None, note="unsigned")
    integration = _integration_for(header, raw)
    if integration is None:
        return done(401, {"error": "bad signature"}, None, note="bad signature")
    try:
        data = _parse(raw)
    except BadPayload as exc:
        return done(400, {"error": str(exc)}, integration, note=str(exc))
    tenant = str(data.get("tenantID") or "")
    if integration.tenant_id and tenant != integration.tenant_id:
        return done(403, {"error": "unknown tenant"}, integration, note="tenant")
    if str(_field(data, "author", "role") or "").upper() in TRUSTED_ROLES:
        return done(204, None, integration, outcome="trusted")
    try:
        rulebook = rulebooks.rulebook_for(integration.rulebook)
    except RulebookError as exc:
        return done(204, None, integration, note=f"rulebook: {exc}")
    story_url = _field(data, "story", "url")
    own = article_for_url(story_url) if isinstance(story_url, str) else None
    article = analysis.own_article_context(own) if own is not None else None
    author = _field(data, "author", "id")
    story = _field(data, "story", "id")
    sub = Submission(
        text=plain_text(data["comment"]["body"]),
        author_id=short_id(str(author)) if author else None,
        thread_id=short_id(str(story)) if story else None,
    )
    budget = integration.time_budget_ms / 1000
    remaining = budget - (time.perf_counter() - started)
    future = _pool.submit(
        _judge,
        sub,
        article,
        f"coral{integration.pk}",
        rulebook,
        data.get("action") == "EDIT",  # an edit is not another post
    )
    try:
        verdict = future.result(timeout=max(0.0, remaining))
    except FutureTimeout:
        return done(204, None, integration, outcome="timeout")
    status, body = _response(verdict)
    return done(status, body, integration, outcome=verdict.action.value)
