"""Outgoing webhooks: registration, events, signed deliveries with retries.

`emit` is called by the actions that change what an integrator cares about
(through `record_decision`, the audit log's one appender, and `report_comment`).
It writes one `WebhookDelivery` per subscribed webhook and queues the first
attempt after the transaction commits. Each attempt POSTs the same body with the
same `Idempotency-Key`, signed with a fresh timestamp (`X-Vestnik-Signature`);
a failure is retried with exponential backoff, and a webhook that keeps
failing is switched off.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from vestnik.integrations import keys
from vestnik.integrations.app_settings import app_settings
from vestnik.integrations.errors import IntegrationError
from vestnik.integrations.models import (
    DeliveryStatus,
    Webhook,
    WebhookDelivery,
    WebhookEvent,
)
from vestnik.integrations.signatures import webhook_signature
from vestnik.integrations.ssrf import UnsafeURLError, check_url

_SUBSCRIPTIONS = "integrations:webhooks:v1"


def check_events(events: Iterable[str]) -> list[str]:
    chosen = sorted({e.strip() for e in events if e.strip()})
    unknown = sorted(set(chosen) - set(WebhookEvent.values))
    if unknown:
        raise IntegrationError(
            f"unknown event(s) {', '.join(unknown)}; choose from "
            + ", ".join(WebhookEvent.values)
        )
    if not chosen:
        raise IntegrationError("give at least one event")
    return chosen


def add_webhook(
    url: str, *, events: Iterable[str], allow_private: bool = False
) -> Webhook:
    try:
        check_url(url, allow_private=allow_private)
    except UnsafeURLError as exc:
        raise IntegrationError(f"refused URL: {exc}") from None
    webhook = Webhook.objects.create(
        url=url,
        events=check_events(events),
        secret=keys.new_secret(),
        allow_private=allow_private,
    )
    forget_subscriptions()
    return webhook


def set_webhook_enabled(webhook: Webhook, enabled: bool, reason: str = "") -> None:
    webhook.enabled = enabled
    webhook.disabled_reason = "" if enabled else reason[:200]
    if enabled:
        webhook.consecutive_failures = 0
    webhook.save(update_fields=["enabled", "disabled_reason", "consecutive_failures"])
    forget_subscriptions()


def forget_subscriptions() -> None:
    cache.delete(_SUBSCRIPTIONS)


def _subscriptions() -> list[tuple[int, list[str]]]:
    """(webhook id, events) of the enabled webhooks, cached: emitting on every
    decision must not cost a query when nobody listens."""
    found = cache.get(_SUBSCRIPTIONS)
    if found is None:
        found = [
            (pk, list(events))
            for pk, events in Webhook.objects.filter(enabled=True).values_list(
                "pk", "events"
            )
        ]
        cache.set(_SUBSCRIPTIONS, found, 300)
    return list(found)


def emit(event: str, data: Mapping[str, Any]) -> list[WebhookDelivery]:
    """Record `event` for every webhook subscribed to it; deliver after commit."""
    targets = [pk for pk, events in _subscriptions() if event in events]
    if not targets:
        return []
    # The cached list may name a webhook deleted or switched off since: a
    # delivery row pointing at a deleted one would fail the caller's commit.
    targets = list(
        Webhook.objects.filter(pk__in=targets, enabled=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    deliveries = []
    for pk in targets:
        key = uuid.uuid4().hex
        deliveries.append(
            WebhookDelivery.objects.create(
                webhook_id=pk,
                event=event,
                idempotency_key=key,
                payload={
                    "id": key,
                    "event": event,
                    "created_at": timezone.now().isoformat(),
                    "data": dict(data),
                },
            )
        )
    ids = [d.pk for d in deliveries]
    transaction.on_commit(lambda: _queue(ids))
    return deliveries


def _queue(ids: list[int], countdown: int = 0) -> None:
    from vestnik.workers.integrations import deliver_webhook

    for pk in ids:
        deliver_webhook.apply_async((pk,), countdown=countdown)


def redeliver(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again by hand (same body, same idempotency key)."""
    delivery.status = DeliveryStatus.PENDING
    delivery.save(update_fields=["status"])
    transaction.on_commit(lambda: _queue([delivery.pk]))
    return delivery


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect could point anywhere, our own network included


_opener = urllib.request.build_opener(_NoRedirects)


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, sort_keys=True, separators=(",", ":")).encode()


def attempt(delivery: WebhookDelivery) -> int | None:
    """One attempt; returns the countdown for a retry, or None when done.

    Updates the delivery (status, attempts, response code, error) and the
    webhook's failure streak, switching it off after too many failures.
    """
    webhook = delivery.webhook
    body = body_of(delivery)
    code: int | None = None
    error = ""
    try:
        check_url(webhook.url, allow_private=webhook.allow_private)
        request = urllib.request.Request(  # noqa: S310 - scheme checked by check_url
            webhook.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": "Vestnik-Webhooks/1",
                "X-Vestnik-Event": delivery.event,
                "X-Vestnik-Delivery": delivery.idempotency_key,
                "Idempotency-Key": delivery.idempotency_key,
                "X-Vestnik-Signature": webhook_signature(
                    webhook.secret, int(time.time()), body
                ),
            },
        )
        with _opener.open(request, timeout=app_settings.WEBHOOK_TIMEOUT_SECONDS) as r:
            code = int(r.status)
    except urllib.error.HTTPError as exc:
        code, error = int(exc.code), f"HTTP {exc.code}"
    except UnsafeURLError as exc:
        error = f"refused: {exc}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
    delivery.attempts += 1
    delivery.response_code = code
    ok = code is not None and 200 <= code < 300
    if ok:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.error = ""
        Webhook.objects.filter(pk=webhook.pk).update(consecutive_failures=0)
    else:
        delivery.error = error or f"HTTP {code}"
        retry = delivery.attempts < app_settings.WEBHOOK_MAX_ATTEMPTS
        delivery.status = DeliveryStatus.RETRYING if retry else DeliveryStatus.FAILED
        Webhook.objects.filter(pk=webhook.pk).update(
            consecutive_failures=F("consecutive_failures") + 1
        )
        webhook.refresh_from_db(fields=["consecutive_failures"])
        if webhook.consecutive_failures >= app_settings.WEBHOOK_DISABLE_AFTER:
            set_webhook_enabled(
                webhook,
                False,
                f"switched off after {webhook.consecutive_failures} failed attempts",
            )
            delivery.status = DeliveryStatus.FAILED
    delivery.save(
        update_fields=["attempts", "response_code", "status", "error", "delivered_at"]
    )
    if delivery.status == DeliveryStatus.RETRYING:
        return int(app_settings.WEBHOOK_BACKOFF_SECONDS * 2 ** (delivery.attempts - 1))
    return None


# --- events from the moderation record -------------------------------------------

_COMMENT_EVENT = {
    "publish": WebhookEvent.COMMENT_PUBLISHED,
    "hold": WebhookEvent.COMMENT_HELD,
    "reject": WebhookEvent.COMMENT_REJECTED,
}


def _comment(comment: Any) -> dict[str, Any] | None:
    if comment is None:
        return None
    return {
        "id": comment.pk,
        "article": comment.article_id,
        "parent": comment.parent_id,
        "author": comment.author_id,
        "status": comment.status,
        "url": comment.get_absolute_url(),
    }


def events_for_decision(decision: Any) -> list[str]:
    """Which events one audit-log entry is (see docs/integrations.md)."""
    from vestnik.moderation.models import ActorKind, DecisionKind

    kind = decision.kind
    out: list[str] = []
    if decision.comment_id is not None and kind in {
        DecisionKind.ENGINE_VERDICT,
        DecisionKind.APPROVE,
        DecisionKind.REJECT,
        DecisionKind.HOLD,
    }:
        event = _COMMENT_EVENT.get(decision.action)
        if event is not None:
            out.append(event)
    if kind == DecisionKind.BLOCK:
        out.append(WebhookEvent.USER_BLOCKED)
    if kind == DecisionKind.APPEAL_FILED:
        out.append(WebhookEvent.APPEAL_FILED)
    if kind in {DecisionKind.APPEAL_ACCEPTED, DecisionKind.APPEAL_REFUSED}:
        out.append(WebhookEvent.APPEAL_DECIDED)
    if decision.actor_kind == ActorKind.MODERATOR:
        out.append(WebhookEvent.DECISION)
    return [str(e) for e in out]


def emit_for_decision(decision: Any) -> None:
    events = events_for_decision(decision)
    if not events or not _subscriptions():
        return
    data = {
        "decision": {
            "id": decision.pk,
            "kind": decision.kind,
            "actor_kind": decision.actor_kind,
            "action": decision.action,
            "rules": list(decision.rules),
            "reasons": decision.reasons,
            "overrides_engine": decision.overrides_engine,
            "created_at": decision.created_at.isoformat(),
        },
        "comment": _comment(decision.comment) if decision.comment_id else None,
        "user": decision.subject_user_id,
    }
    for event in events:
        emit(event, data)


def emit_for_report(report: Any) -> None:
    if not _subscriptions():
        return
    emit(
        WebhookEvent.COMMENT_REPORTED,
        {
            "report": {"id": report.pk, "rule": report.rule, "counted": report.counted},
            "comment": _comment(report.comment),
        },
    )
