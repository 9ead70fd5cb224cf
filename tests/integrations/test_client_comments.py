"""GET /api/v1/comments/{id}: what a webhook receiver reads with `comments:read`."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.moderation.factories import engine_judged
from vestnik.integrations.models import ApiCall


@pytest.mark.django_db
def test_a_rejected_comment_with_its_verdict(client: Client, make_client: Any) -> None:
    _, key = make_client("reader", ("comments:read",))
    comment = engine_judged({"insult-threat": 0.95}, action="reject")
    response = client.get(
        f"/api/v1/comments/{comment.pk}", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["id"], data["status"], data["body"]) == (
        comment.pk,
        "rejected",
        comment.body,
    )
    assert data["verdict"]["action"] == "reject"
    assert [r["rule"] for r in data["verdict"]["rules"]] == ["insult-threat"]
    assert data["article_url"] == comment.article.get_absolute_url()
    assert ApiCall.objects.get().endpoint == "read_comment"


@pytest.mark.django_db
def test_scope_and_missing_comment(client: Client, make_client: Any) -> None:
    _, analyze_only = make_client("a", ("analyze",))
    _, reader = make_client("r", ("comments:read",))
    comment = engine_judged(action="hold")
    denied = client.get(
        f"/api/v1/comments/{comment.pk}", HTTP_AUTHORIZATION=f"Bearer {analyze_only}"
    )
    assert denied.status_code == 403
    assert client.get(f"/api/v1/comments/{comment.pk}").status_code == 401
    missing = client.get(
        "/api/v1/comments/999999", HTTP_AUTHORIZATION=f"Bearer {reader}"
    )
    assert missing.status_code == 404 and missing.json()["detail"]
