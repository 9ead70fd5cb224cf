"""/api/moderation: the same actions as the console, as JSON."""

from __future__ import annotations

from typing import Any

import pytest

from tests.moderation.factories import UserFactory, engine_judged
from vestnik.community.models import CommentStatus
from vestnik.moderation.models import Appeal, Block, Decision, DecisionKind

pytestmark = pytest.mark.django_db


def post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=body, content_type="application/json")


def test_queue_and_decisions(mod_client: Any) -> None:
    held = engine_judged({"spam": 0.9}, "hold")
    other = engine_judged({"form": 0.6}, "hold")
    data = mod_client.get("/api/moderation/queues/held").json()
    assert [item["id"] for item in data["items"]] == [held.pk, other.pk]
    assert data["counts"]["held"] == 2
    assert data["items"][0]["score"] == 0.9
    assert mod_client.get("/api/moderation/queues/nope").status_code == 404

    rejected = post(
        mod_client, f"/api/moderation/comments/{held.pk}/reject", {"rules": ["spam"]}
    )
    assert rejected.status_code == 200 and rejected.json()["rules"] == ["spam"]
    bad = post(
        mod_client, f"/api/moderation/comments/{other.pk}/reject", {"rules": ["nope"]}
    )
    assert bad.status_code == 400 and "Unknown rule" in bad.json()["detail"]
    assert (
        post(mod_client, f"/api/moderation/comments/{other.pk}/approve", {}).status_code
        == 200
    )
    assert (
        post(
            mod_client,
            f"/api/moderation/comments/{other.pk}/feature",
            {"featured": True},
        ).status_code
        == 200
    )
    edited = post(
        mod_client,
        f"/api/moderation/comments/{other.pk}/edit",
        {"body": "Better.", "reason": "tidy"},
    )
    assert edited.status_code == 200 and edited.json()["kind"] == "edit"
    assert (
        post(mod_client, "/api/moderation/comments/999999/approve", {}).status_code
        == 404
    )
    held.refresh_from_db()
    assert held.status == CommentStatus.REJECTED
    assert Decision.objects.filter(kind=DecisionKind.REJECT).count() == 1


def test_block_appeal_cycle(mod_client: Any) -> None:
    user = UserFactory(username="api-user")
    made = post(
        mod_client,
        f"/api/moderation/users/{user.pk}/block",
        {"rules": ["spam"], "note": "n"},
    )
    assert made.status_code == 201 and made.json() == {
        "user": user.pk,
        "number": 1,
        "final": False,
        "rules": ["spam"],
    }
    appeal = Appeal.objects.create(
        user=user,
        block=Block.objects.get(user=user),
        user_id_claimed=str(user.pk),
        explanation="x" * 50,
    )
    listed = mod_client.get("/api/moderation/appeals").json()
    assert [a["id"] for a in listed] == [appeal.pk]
    accepted = post(
        mod_client, f"/api/moderation/appeals/{appeal.pk}/accept", {"reason": "ok"}
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    again = post(
        mod_client, f"/api/moderation/users/{user.pk}/block", {"rules": ["spam"]}
    )
    assert again.json()["final"] is True
    assert (
        post(mod_client, f"/api/moderation/users/{user.pk}/unblock", {}).status_code
        == 403
    )
