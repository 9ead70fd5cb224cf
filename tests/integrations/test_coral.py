"""Coral's external moderation phase: signatures, the time budget, the answers."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from tests.community.factories import ArticleFactory
from vestnik.integrations import actions, coral
from vestnik.integrations.models import CoralCall

URL = "/integrations/coral/moderate"

# The phase runs the engine in a worker thread, which has its own database
# connection: these tests commit, so that thread sees their rows.
pytestmark = pytest.mark.django_db(transaction=True)


def coral_request(
    body: str, tenant: str = "t-1", author_id: str = "user-1", role: str = "COMMENTER"
) -> dict[str, Any]:
    """Exactly what Coral POSTs to an external moderation phase."""
    return {
        "action": "NEW",
        "comment": {"body": body, "parentID": None},
        "author": {"id": author_id, "role": role},
        "story": {"id": "story-9", "url": "https://other.example/2026/12/budget"},
        "site": {"id": "site-1"},
        "tenantID": tenant,
        "tenantDomain": "comments.other.example",
    }


def sign(secret: str, raw: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def coral_bytes(payload: Any) -> bytes:
    """Coral's serialisation: JSON.stringify(request, null, 2)."""
    return json.dumps(payload, indent=2, ensure_ascii=False).encode()


def coral_accepts(body: dict[str, Any]) -> None:
    """Coral's ExternalModerationResponseSchema: it drops an answer that fails it."""
    assert body["status"] in {
        "APPROVED",
        "NONE",
        "PREMOD",
        "REJECTED",
        "SYSTEM_WITHHELD",
    }
    for action in body.get("actions", []):
        assert action["actionType"] == "FLAG"
        assert action["reason"] in {"COMMENT_DETECTED_TOXIC", "COMMENT_DETECTED_SPAM"}
    assert set(body.get("tags", [])) <= {"FEATURED", "STAFF"}


def send(client: Client, payload: Any, signature: str | None) -> Any:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {} if signature is None else {"HTTP_X_CORAL_SIGNATURE": signature}
    return client.post(URL, raw, content_type="application/json", **headers)


@pytest.fixture
def setup() -> Any:
    return actions.add_coral("tenant", time_budget_ms=10_000)


def signed(client: Client, setup: Any, payload: Any) -> Any:
    """As Coral sends it: pretty-printed, and signed twice while secrets roll
    ("sha256=<hex>,sha256=<hex>", no space)."""
    raw = coral_bytes(payload)
    signature = sign(setup.secret, raw)
    response = send(client, raw, f"{signature},{signature}")
    if response.status_code == 200:
        coral_accepts(response.json())
    return response


def test_clean_comment_gets_no_opinion(client: Client, setup: Any) -> None:
    response = signed(
        client, setup, coral_request("Thanks for explaining the budget so clearly.")
    )
    assert response.status_code == 204
    assert CoralCall.objects.get().outcome == "publish"


def test_toxic_comment_is_rejected_with_reasons(client: Client, setup: Any) -> None:
    response = signed(
        client, setup, coral_request("You are a pathetic moron, nobody wants you here.")
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "REJECTED"
    assert {"actionType": "FLAG", "reason": "COMMENT_DETECTED_TOXIC"} in data["actions"]
    assert data["rejectionReason"]["code"] in {"HARASSMENT_BULLYING", "ABUSIVE"}
    assert data["tags"] == []


def test_spam_is_flagged_as_spam(client: Client, setup: Any) -> None:
    response = signed(
        client,
        setup,
        coral_request(
            "Make $5000 a week from home!!! Click www.easy-cash-now.biz and join today, "
            "limited places, guaranteed income."
        ),
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] in {"REJECTED", "SYSTEM_WITHHELD"}
    assert {"actionType": "FLAG", "reason": "COMMENT_DETECTED_SPAM"} in data["actions"]


def test_staff_are_not_judged(client: Client, setup: Any) -> None:
    body = coral_request("You are a pathetic moron.", role="MODERATOR")
    assert signed(client, setup, body).status_code == 204


@pytest.mark.parametrize(
    ("signature", "note"),
    [
        (None, "unsigned"),
        ("sha256=" + "0" * 64, "bad signature"),
        ("sha1=abc", "bad signature"),
        ("garbage", "bad signature"),
    ],
)
def test_unsigned_or_wrongly_signed_is_refused(
    client: Client, setup: Any, signature: str | None, note: str
) -> None:
    response = send(client, coral_request("hello"), signature)
    assert response.status_code == 401
    call = CoralCall.objects.get()
    assert (call.status, call.note) == (401, note)


def test_signature_over_other_bytes_is_refused(client: Client, setup: Any) -> None:
    raw = json.dumps(coral_request("hello")).encode()
    tampered = raw.replace(b"hello", b"hellO")
    assert send(client, tampered, sign(setup.secret, raw)).status_code == 401


def test_several_signatures_while_secrets_roll(client: Client, setup: Any) -> None:
    old = setup.secret
    actions.rotate_coral_secret(setup)
    setup.refresh_from_db()

    def raw(n: int) -> bytes:  # a different reader each time: no flooding
        body = coral_request("Thanks for the clear article.", author_id=f"u{n}")
        return json.dumps(body).encode()

    first = raw(1)
    both = f"{sign('whsec_unknown', first)}, {sign(setup.secret, first)}"
    assert send(client, first, both).status_code == 204
    # the old secret still works during the grace period, and not after it
    assert send(client, raw(2), sign(old, raw(2))).status_code == 204
    actions.rotate_coral_secret(setup, grace=timedelta(0))
    setup.refresh_from_db()
    assert send(client, raw(3), sign(old, raw(3))).status_code == 401


def test_tenant_must_match_when_set(client: Client) -> None:
    setup = actions.add_coral("pinned", tenant_id="t-1", time_budget_ms=10_000)
    ok = signed(client, setup, coral_request("Thanks for the clear article."))
    assert ok.status_code == 204
    wrong = signed(client, setup, coral_request("Thanks.", tenant="t-2"))
    assert wrong.status_code == 403


def test_malformed_body_is_400_after_the_signature(client: Client, setup: Any) -> None:
    raw = b"{not json"
    assert send(client, raw, sign(setup.secret, raw)).status_code == 400
    bad = json.dumps({"action": "NEW", "comment": {}}).encode()
    assert send(client, bad, sign(setup.secret, bad)).status_code == 400


def test_over_budget_answers_nothing(
    client: Client, setup: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup.time_budget_ms = 50
    setup.save()
    judge = coral._judge

    def slow(*args: Any) -> Any:  # a classifier slower than the budget
        time.sleep(0.5)
        return judge(*args)

    monkeypatch.setattr(coral, "_judge", slow)
    started = time.perf_counter()
    response = signed(client, setup, coral_request("You are a pathetic moron."))
    assert response.status_code == 204
    assert time.perf_counter() - started < 0.45
    assert CoralCall.objects.get().outcome == "timeout"
    time.sleep(0.6)  # let the worker finish before the tables are flushed


def test_flooding_state_per_author(client: Client, setup: Any) -> None:
    statuses = []
    for i in range(12):
        body = coral_request(f"Comment {i} on the tram line and the mayor's plans.")
        statuses.append(signed(client, setup, body).status_code)
    assert statuses[0] == 204 and statuses[-1] == 200


def test_own_article_is_used_for_off_topic(
    client: Client, setup: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://news.example"
    article = ArticleFactory()
    body = coral_request("Thanks for the clear article.")
    body["story"]["url"] = f"https://news.example{article.get_absolute_url()}"
    assert signed(client, setup, body).status_code in {200, 204}
    from vestnik.integrations.queries import article_for_url

    assert article_for_url(body["story"]["url"]) == article
    assert article_for_url("https://other.example/2026/12/budget") is None


def test_oversized_request_is_refused(client: Client, setup: Any) -> None:
    raw = json.dumps(coral_request("a" * (6 * 1024 * 1024))).encode()
    response = send(client, raw, sign(setup.secret, raw))
    assert response.status_code == 400
    assert CoralCall.objects.get().note == "too large"


def test_rules_neither_toxic_nor_spam_hold_without_actions(
    client: Client, setup: Any
) -> None:
    body = coral_request(
        "THE COUNCIL HAS NO IDEA WHAT IT IS DOING WITH THE BUDGET AND EVERYONE IN "
        "THIS TOWN KNOWS IT ALREADY SO WHY BOTHER VOTING AT ALL THIS YEAR"
    )
    response = signed(client, setup, body)
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "SYSTEM_WITHHELD"
    rules = data["metadata"]["vestnik"]["rules"]
    assert "form" in rules
    expected = {coral.FLAG_REASONS[r] for r in rules if r in coral.FLAG_REASONS}
    assert {a["reason"] for a in data["actions"]} == expected


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Plain <3 text stays", "Plain <3 text stays"),
        ("<p>One &amp; two</p><p>three</p>", "One & two\nthree"),
        ("a<br>b<script>alert(1)</script>", "a\nb"),
    ],
)
def test_html_format_is_judged_as_text(body: str, text: str) -> None:
    assert coral.plain_text(body) == text


def test_html_comment_is_judged(client: Client, setup: Any) -> None:
    body = coral_request(
        "<p>You are a <b>pathetic moron</b>, nobody wants you here.</p>"
    )
    response = signed(client, setup, body)
    assert response.status_code == 200 and response.json()["status"] == "REJECTED"
