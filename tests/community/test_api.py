"""/api/comments: the same actions as the HTML views, as JSON."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client

from tests.community.factories import CommentFactory
from tests.community.posting import CAPS, CLEAN, MALWARE
from vestnik.community.models import Comment

pytestmark = pytest.mark.django_db


def _post(client: Client, payload: dict[str, Any]) -> Any:
    return client.post("/api/comments/", payload, content_type="application/json")


def test_list_thread_with_replies_and_cursor(article: Any, settings: Any) -> None:
    settings.VESTNIK_COMMUNITY_PAGE_SIZE = 2
    roots = [CommentFactory(article=article) for _ in range(3)]
    CommentFactory(article=article, parent=roots[-1])
    data = Client().get("/api/comments/", {"article": article.pk}).json()
    assert [c["id"] for c in data["comments"]] == [roots[2].pk, roots[1].pk]
    assert len(data["comments"][0]["replies"]) == 1
    more = (
        Client()
        .get("/api/comments/", {"article": article.pk, "after": data["next"]})
        .json()
    )
    assert [c["id"] for c in more["comments"]] == [roots[0].pk] and more["next"] is None


def test_post_publish_hold_reject_and_dry_run(alice: Client, article: Any) -> None:
    published = _post(alice, {"article": article.pk, "body": CLEAN})
    assert published.status_code == 201 and published.json()["status"] == "published"
    held = _post(alice, {"article": article.pk, "body": CAPS}).json()
    assert held["status"] == "held" and "form" in [
        r["rule"] for r in held["verdict"]["rules"]
    ]
    assert held["comment"]["held_for"][0]["wording"]
    rejected = _post(alice, {"article": article.pk, "body": MALWARE}).json()
    assert rejected["status"] == "rejected" and rejected["verdict"]["reasons"]
    assert "malware" in [r["rule"] for r in rejected["verdict"]["rules"]]
    count = Comment.objects.count()
    dry = _post(alice, {"article": article.pk, "body": CAPS, "dry_run": True})
    assert dry.status_code == 200 and dry.json()["status"] == "dry-run"
    assert "form" in [r["rule"] for r in dry.json()["verdict"]["rules"]]
    assert Comment.objects.count() == count


def test_post_is_idempotent_per_token(alice: Client, article: Any) -> None:
    token = str(uuid.uuid4())
    first = _post(alice, {"article": article.pk, "body": CLEAN, "token": token})
    second = _post(alice, {"article": article.pk, "body": CLEAN, "token": token})
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["comment"]["id"] == second.json()["comment"]["id"]


def test_anonymous_and_invalid_posts_get_clear_errors(
    alice: Client, article: Any
) -> None:
    assert _post(Client(), {"article": article.pk, "body": CLEAN}).status_code == 401
    short = _post(alice, {"article": article.pk, "body": "x"})
    assert short.status_code == 400 and "too short" in short.json()["detail"]
    assert _post(alice, {"article": 999999, "body": CLEAN}).status_code == 404
    assert _post(alice, {"article": "nope"}).status_code == 422


def test_react_and_report(bob: Client, reader: Any, article: Any) -> None:
    comment = CommentFactory(article=article, author=reader)
    reacted = bob.post(
        f"/api/comments/{comment.pk}/reactions",
        {"kind": "agree"},
        content_type="application/json",
    )
    assert reacted.status_code == 200 and reacted.json() == {
        "reaction": "agree",
        "reaction_count": 1,
    }
    report = bob.post(
        f"/api/comments/{comment.pk}/reports",
        {"rule": "spam"},
        content_type="application/json",
    )
    assert report.status_code == 201 and report.json()["rule"] == "spam"
    again = bob.post(
        f"/api/comments/{comment.pk}/reports",
        {"rule": "spam"},
        content_type="application/json",
    )
    assert again.status_code == 400
    own = Client()
    own.force_login(reader)
    assert (
        own.post(
            f"/api/comments/{comment.pk}/reactions",
            {"kind": "agree"},
            content_type="application/json",
        ).status_code
        == 403
    )
