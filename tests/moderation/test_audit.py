"""Audit completeness: every state change of a comment or a user has its entry."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.moderation.conftest import login
from tests.moderation.factories import UserFactory, engine_judged
from vestnik.moderation.audit import record_decision
from vestnik.moderation.models import APPEAL_SUBJECT, Appeal, Decision, DecisionKind

pytestmark = pytest.mark.django_db


def test_every_change_is_logged_with_who_what_why_and_versions(
    mod_client: Any, moderator: Any
) -> None:
    author = UserFactory(username="author")
    a = engine_judged({"form": 0.7}, "hold", author=author)
    b = engine_judged({"spam": 0.9}, "hold", author=author)
    c = engine_judged(action="publish", author=author)
    steps = [
        (reverse("moderation:approve", args=[a.pk]), {}),
        (
            reverse("moderation:reject", args=[b.pk]),
            {"rules": ["spam"], "note": "link farm"},
        ),
        (
            reverse("moderation:edit", args=[c.pk]),
            {"body": "Edited text.", "reason": "tidy"},
        ),
        (reverse("moderation:feature", args=[c.pk]), {}),
        (reverse("moderation:block", args=[author.pk]), {"rules": ["spam"]}),
    ]
    for url, data in steps:
        assert mod_client.post(url, data).status_code == 302, url
    login(author).post(
        reverse("moderation:account"),
        {
            "subject": APPEAL_SUBJECT,
            "user_id": str(author.pk),
            "explanation": "I posted links to my own shop; I will not do it again, promise.",
        },
    )
    appeal = Appeal.objects.get(user=author)
    mod_client.post(reverse("moderation:appeal-accept", args=[appeal.pk]))

    log = list(Decision.objects.order_by("id"))
    kinds = [d.kind for d in log]
    assert kinds == [
        "engine-verdict",
        "engine-verdict",
        "engine-verdict",
        "approve",
        "reject",
        "edit",
        "feature",
        "block",
        "appeal-filed",
        "unblock",
        "appeal-accepted",
    ]
    for entry in log:
        assert entry.created_at is not None
        if entry.kind == "engine-verdict":
            assert entry.actor is None and entry.actor_kind == "engine"
            assert entry.versions.get("engine")
        elif entry.kind == "appeal-filed":
            assert entry.actor == author and entry.actor_kind == "user"
        else:
            assert entry.actor == moderator and entry.actor_kind == "moderator"
    reject = log[4]
    assert reject.rules == ["spam"] and reject.note == "link farm" and reject.reasons
    assert reject.versions.get("rulebook")


def test_the_log_is_append_only() -> None:
    entry = record_decision(DecisionKind.HOLD, actor_kind="system", reasons="x")
    entry.reasons = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()


def test_audit_page_filters_and_shows_disagreements(mod_client: Any) -> None:
    comment = engine_judged({"form": 0.8}, "hold")
    mod_client.post(reverse("moderation:approve", args=[comment.pk]))
    page = mod_client.get(reverse("moderation:audit"), {"overrides": "1"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "overridden" in html and f"comment #{comment.pk}" in html
    assert (
        mod_client.get(
            reverse("moderation:audit"), {"kind": "bogus", "page": "x"}
        ).status_code
        == 200
    )
