"""Outgoing webhooks: a real receiver checks signatures; retries, backoff,
redelivery, switching off, SSRF refusals, and the events the actions emit."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import TestCase

from tests.community.factories import CommentFactory, UserFactory
from tests.moderation.factories import engine_judged, moderator_user
from vestnik.cli import main
from vestnik.integrations import webhooks
from vestnik.integrations.errors import IntegrationError
from vestnik.integrations.models import DeliveryStatus, Webhook, WebhookDelivery
from vestnik.integrations.signatures import verify_webhook_signature
from vestnik.integrations.ssrf import UnsafeURLError, check_url


class Receiver:
    """An HTTP endpoint on loopback that answers with the next queued status."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers.items()), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.close()


@pytest.fixture
def hook(db: Any, receiver: Receiver) -> Webhook:
    return webhooks.add_webhook(
        receiver.url,
        events=["comment.rejected", "comment.published"],
        allow_private=True,
    )


def committed(fn: Any, *args: Any, **kwargs: Any) -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return fn(*args, **kwargs)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://localhost:8000/x",
        "http://10.1.2.3/",
        "http://192.168.0.10/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[fd00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "ftp://example.com/",
        "file:///etc/passwd",
        "http://user:pw@93.184.216.34/",
    ],
)
def test_ssrf_refusals(url: str) -> None:
    with pytest.raises(UnsafeURLError):
        check_url(url)


def test_public_and_explicitly_allowed_targets() -> None:
    assert check_url("https://93.184.216.34/hook")
    assert check_url("http://127.0.0.1:9/x", allow_private=True)


@pytest.mark.django_db
def test_registration_refuses_private_targets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(IntegrationError, match="refused URL"):
        webhooks.add_webhook("http://169.254.169.254/", events=["comment.held"])
    with pytest.raises(IntegrationError, match="unknown event"):
        webhooks.add_webhook("https://93.184.216.34/", events=["comment.eaten"])
    assert (
        main(["webhook", "add", "http://10.0.0.1/h", "--events", "comment.held"]) == 2
    )
    assert Webhook.objects.count() == 0


@pytest.mark.django_db
def test_delivery_is_signed_and_verified_by_the_receiver(
    receiver: Receiver, hook: Webhook
) -> None:
    comment = CommentFactory()
    committed(
        webhooks.emit, "comment.rejected", {"comment": webhooks._comment(comment)}
    )
    ((headers, body),) = receiver.requests
    assert verify_webhook_signature(
        hook.secret, headers["X-Vestnik-Signature"], body, now=int(time.time())
    )
    assert not verify_webhook_signature(
        "whsec_other", headers["X-Vestnik-Signature"], body, now=int(time.time())
    )
    # a replay an hour later is refused by the timestamp
    assert not verify_webhook_signature(
        hook.secret, headers["X-Vestnik-Signature"], body, now=int(time.time()) + 3600
    )
    payload = json.loads(body)
    assert payload["event"] == "comment.rejected"
    assert payload["data"]["comment"]["id"] == comment.pk
    assert headers["Idempotency-Key"] == payload["id"] == headers["X-Vestnik-Delivery"]
    assert headers["X-Vestnik-Event"] == "comment.rejected"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_code, delivery.attempts) == (
        DeliveryStatus.DELIVERED,
        200,
        1,
    )


@pytest.mark.django_db
def test_unsubscribed_events_are_not_sent(receiver: Receiver, hook: Webhook) -> None:
    committed(webhooks.emit, "user.blocked", {"user": 1})
    assert receiver.requests == [] and WebhookDelivery.objects.count() == 0


@pytest.mark.django_db
def test_retries_keep_the_idempotency_key(receiver: Receiver, hook: Webhook) -> None:
    receiver.statuses = [500, 503, 200]
    committed(webhooks.emit, "comment.published", {"comment": None})
    keys = {headers["Idempotency-Key"] for headers, _ in receiver.requests}
    assert len(receiver.requests) == 3 and len(keys) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 3)
    hook.refresh_from_db()
    assert hook.consecutive_failures == 0


@pytest.mark.django_db
def test_backoff_doubles(receiver: Receiver, hook: Webhook, settings: Any) -> None:
    settings.VESTNIK_INTEGRATIONS_WEBHOOK_BACKOFF_SECONDS = 10
    receiver.statuses = [500] * 3
    delivery = WebhookDelivery.objects.create(
        webhook=hook,
        event="comment.published",
        idempotency_key="k1",
        payload={"id": "k1"},
    )
    assert [webhooks.attempt(delivery) for _ in range(3)] == [10, 20, 40]
    assert delivery.status == DeliveryStatus.RETRYING and delivery.error == "HTTP 500"


@pytest.mark.django_db
def test_failing_webhook_is_switched_off_and_redelivery_works(
    receiver: Receiver, hook: Webhook, settings: Any
) -> None:
    settings.VESTNIK_INTEGRATIONS_WEBHOOK_MAX_ATTEMPTS = 2
    settings.VESTNIK_INTEGRATIONS_WEBHOOK_DISABLE_AFTER = 3
    receiver.statuses = [500] * 10
    committed(webhooks.emit, "comment.published", {"n": 1})
    first = WebhookDelivery.objects.get()
    assert (first.status, first.attempts) == (DeliveryStatus.FAILED, 2)
    committed(webhooks.emit, "comment.published", {"n": 2})
    hook.refresh_from_db()
    assert not hook.enabled and "failed attempts" in hook.disabled_reason
    assert len(receiver.requests) == 3
    committed(webhooks.emit, "comment.published", {"n": 3})  # nobody listens now
    assert WebhookDelivery.objects.count() == 2

    webhooks.set_webhook_enabled(hook, True)
    receiver.statuses = []
    committed(webhooks.redeliver, first)
    first.refresh_from_db()
    assert first.status == DeliveryStatus.DELIVERED
    assert receiver.requests[-1][0]["Idempotency-Key"] == first.idempotency_key


@pytest.mark.django_db
def test_private_target_refused_at_delivery(receiver: Receiver) -> None:
    # registered while public, say, and resolving to loopback now
    Webhook.objects.create(url=receiver.url, events=["comment.held"], secret="s")
    committed(webhooks.emit, "comment.held", {})
    delivery = WebhookDelivery.objects.get()
    assert delivery.error.startswith("refused") and receiver.requests == []


@pytest.mark.django_db
def test_cli_add_and_redeliver(
    receiver: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "webhook",
                "add",
                receiver.url,
                "--events",
                "user.blocked,appeal.filed",
                "--allow-private",
                "--json",
            ]
        )
        == 0
    )
    line = json.loads(capsys.readouterr().out)
    assert line["events"] == ["appeal.filed", "user.blocked"]
    assert Webhook.objects.get().secret == line["secret"]
    committed(webhooks.emit, "user.blocked", {"user": 5})
    delivery = WebhookDelivery.objects.get()
    assert committed(main, ["webhook", "redeliver", str(delivery.pk)]) == 0
    assert len(receiver.requests) == 2
    assert main(["webhook", "list"]) == 0


@pytest.mark.django_db
def test_actions_emit_events(receiver: Receiver) -> None:
    from vestnik.community.actions.reports import report_comment
    from vestnik.moderation.actions.comments import approve_comment, reject_comment
    from vestnik.moderation.actions.users import block_user

    webhooks.add_webhook(
        receiver.url,
        events=[
            "comment.published",
            "comment.held",
            "comment.rejected",
            "comment.reported",
            "moderation.decision",
            "user.blocked",
        ],
        allow_private=True,
    )
    mod = moderator_user()
    held = committed(engine_judged, action="hold")
    committed(approve_comment, mod, held)
    other = committed(engine_judged, action="hold")
    committed(reject_comment, mod, other, rules=["form"])
    published = CommentFactory()
    committed(report_comment, published, reporter=UserFactory(), rule="spam")
    committed(block_user, mod, other.author, rules=["form"])

    events = [json.loads(body)["event"] for _, body in receiver.requests]
    assert events[:2] == ["comment.held", "comment.published"]
    assert "moderation.decision" in events
    assert "comment.rejected" in events
    assert "comment.reported" in events
    assert "user.blocked" in events
    decision = next(
        json.loads(b)["data"]
        for _, b in receiver.requests
        if json.loads(b)["event"] == "comment.rejected"
    )
    assert decision["comment"]["id"] == other.pk
    assert decision["decision"]["rules"] == ["form"]


@pytest.mark.django_db
def test_block_and_appeal_events(receiver: Receiver) -> None:
    from vestnik.moderation.actions.appeals import file_appeal, refuse_appeal
    from vestnik.moderation.actions.users import block_user

    webhooks.add_webhook(
        receiver.url,
        events=["user.blocked", "appeal.filed", "appeal.decided"],
        allow_private=True,
    )
    mod = moderator_user()
    reader = UserFactory()
    committed(block_user, mod, reader, rules=["insult-threat"])
    appeal = committed(
        file_appeal,
        reader,
        user_id_claimed=str(reader.pk),
        explanation="I was quoting the insult to report it, not insulting anyone here.",
    )
    committed(refuse_appeal, mod, appeal, reason="The comment speaks for itself.")
    sent = [json.loads(body) for _, body in receiver.requests]
    assert [p["event"] for p in sent] == [
        "user.blocked",
        "appeal.filed",
        "appeal.decided",
    ]
    assert all(p["data"]["user"] == reader.pk for p in sent)
    assert sent[2]["data"]["decision"]["kind"] == "appeal-refused"


@pytest.mark.django_db
def test_a_webhook_deleted_behind_the_cache_is_skipped(
    receiver: Receiver, hook: Webhook
) -> None:
    assert webhooks._subscriptions()  # cached now
    Webhook.objects.filter(pk=hook.pk).delete()  # not through the admin or actions
    assert committed(webhooks.emit, "comment.rejected", {}) == []
    assert receiver.requests == []
