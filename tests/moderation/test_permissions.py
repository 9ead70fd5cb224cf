"""Every console URL and action, as an anonymous visitor and as an ordinary reader.

Anonymous visitors are sent to the login page; signed-in readers get 403; nothing
changes either way (no IDOR: the ids used belong to real objects of other users).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.moderation.conftest import login
from tests.moderation.factories import UserFactory, engine_judged
from vestnik.community.models import CommentStatus
from vestnik.moderation.actions.users import block_user
from vestnik.moderation.models import Appeal, Block, Decision, RulebookSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(moderator: Any) -> dict[str, Any]:
    comment = engine_judged({"spam": 0.9}, "hold")
    victim = UserFactory(username="victim")
    block_user(moderator, victim, rules=["spam"])
    appeal = Appeal.objects.create(
        user=victim,
        block=Block.objects.get(user=victim),
        user_id_claimed=str(victim.pk),
        explanation="I posted the same advert many times and I am sorry for it.",
    )
    return {"comment": comment, "victim": victim, "appeal": appeal}


def console_urls(world: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    c, u, a = world["comment"].pk, world["victim"].pk, world["appeal"].pk
    return [
        ("get", reverse("moderation:home"), {}),
        ("get", reverse("moderation:queue", args=["held"]), {}),
        ("get", reverse("moderation:queue", args=["reported"]), {}),
        ("get", reverse("moderation:comment", args=[c]), {}),
        ("post", reverse("moderation:approve", args=[c]), {}),
        ("post", reverse("moderation:reject", args=[c]), {"rules": ["spam"]}),
        ("get", reverse("moderation:edit", args=[c]), {}),
        (
            "post",
            reverse("moderation:edit", args=[c]),
            {"body": "changed", "reason": "x"},
        ),
        ("post", reverse("moderation:feature", args=[c]), {}),
        ("post", reverse("moderation:bulk"), {"ids": [str(c)], "decision": "approve"}),
        ("get", reverse("moderation:user", args=[u]), {}),
        ("post", reverse("moderation:block", args=[u]), {"rules": ["spam"]}),
        ("post", reverse("moderation:unblock", args=[u]), {}),
        ("post", reverse("moderation:delete-account", args=[u]), {"confirm": "on"}),
        ("post", reverse("moderation:lift-premoderation", args=[u]), {}),
        ("get", reverse("moderation:appeals"), {}),
        ("get", reverse("moderation:appeal", args=[a]), {}),
        ("post", reverse("moderation:appeal-accept", args=[a]), {}),
        ("post", reverse("moderation:appeal-refuse", args=[a]), {"reason": "no"}),
        ("get", reverse("moderation:audit"), {}),
        ("get", reverse("moderation:transparency"), {}),
        ("get", reverse("moderation:settings"), {}),
        ("post", reverse("moderation:settings"), {"do": "save"}),
    ]


def _snapshot(world: dict[str, Any]) -> tuple[Any, ...]:
    world["comment"].refresh_from_db()
    return (
        world["comment"].status,
        world["comment"].body,
        world["comment"].is_featured,
        Decision.objects.count(),
        Block.objects.filter(lifted_at__isnull=True).count(),
        Appeal.objects.filter(status="open").count(),
        type(world["victim"]).objects.filter(pk=world["victim"].pk).exists(),
        RulebookSettings.objects.count(),
    )


def test_anonymous_is_sent_to_login_everywhere(world: dict[str, Any]) -> None:
    client = Client()
    before = _snapshot(world)
    for method, url, data in console_urls(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, (method, url)
        assert "/login" in response["Location"], (method, url)
    assert _snapshot(world) == before
    assert world["comment"].status == CommentStatus.HELD


def test_ordinary_reader_gets_403_everywhere(
    world: dict[str, Any], reader: Any
) -> None:
    client = login(reader)
    before = _snapshot(world)
    for method, url, data in console_urls(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url)
    assert _snapshot(world) == before


def test_the_comment_author_cannot_decide_on_their_own_comment(
    world: dict[str, Any],
) -> None:
    client = login(world["comment"].author)
    before = _snapshot(world)
    for method, url, data in console_urls(world):
        assert getattr(client, method)(url, data).status_code == 403, (method, url)
    assert _snapshot(world) == before


def test_moderator_cannot_edit_rulebook_settings(mod_client: Any) -> None:
    assert mod_client.get(reverse("moderation:settings")).status_code == 403


def test_inactive_moderator_is_refused(world: dict[str, Any], moderator: Any) -> None:
    client = login(moderator)
    moderator.is_active = False
    moderator.save(update_fields=["is_active"])
    response = client.get(reverse("moderation:queue", args=["held"]))
    assert response.status_code in (302, 403)


def test_api_refuses_anonymous_and_readers(world: dict[str, Any], reader: Any) -> None:
    c, u, a = world["comment"].pk, world["victim"].pk, world["appeal"].pk
    calls = [
        ("get", "/api/moderation/queues/held", None),
        ("post", f"/api/moderation/comments/{c}/approve", {}),
        ("post", f"/api/moderation/comments/{c}/reject", {"rules": ["spam"]}),
        ("post", f"/api/moderation/comments/{c}/edit", {"body": "x", "reason": "y"}),
        ("post", f"/api/moderation/comments/{c}/feature", {}),
        ("post", f"/api/moderation/users/{u}/block", {"rules": ["spam"]}),
        ("post", f"/api/moderation/users/{u}/unblock", {}),
        ("get", "/api/moderation/appeals", None),
        ("post", f"/api/moderation/appeals/{a}/accept", {}),
        ("post", f"/api/moderation/appeals/{a}/refuse", {"reason": "no"}),
        ("get", "/api/moderation/transparency", None),
    ]
    before = _snapshot(world)
    anonymous, signed_in = Client(), login(reader)
    for method, url, body in calls:
        kwargs = (
            {"data": body, "content_type": "application/json"}
            if body is not None
            else {}
        )
        assert getattr(anonymous, method)(url, **kwargs).status_code == 401, url
        assert getattr(signed_in, method)(url, **kwargs).status_code == 403, url
    assert _snapshot(world) == before
