"""Automatic escalation: N rejections within the period -> the user is pre-moderated."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.moderation.factories import ArticleFactory, UserFactory, engine_judged
from vestnik.community.models import Comment, CommentStatus
from vestnik.moderation.models import (
    Decision,
    DecisionKind,
    Premoderation,
    RulebookSettings,
)
from vestnik.moderation.queries import user_is_premoderated

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_strikes(publisher_admin: Any) -> None:
    RulebookSettings.objects.create(
        version=1, escalation_rejections=2, escalation_window_days=7
    )


def test_rejections_switch_on_premoderation_and_new_comments_are_held(
    two_strikes: None, mod_client: Any
) -> None:
    author = UserFactory(username="troll")
    first = engine_judged({"trolling": 0.6}, "hold", author=author)
    second = engine_judged({"trolling": 0.6}, "hold", author=author)
    mod_client.post(
        reverse("moderation:reject", args=[first.pk]), {"rules": ["trolling"]}
    )
    assert not user_is_premoderated(author)
    mod_client.post(
        reverse("moderation:reject", args=[second.pk]), {"rules": ["trolling"]}
    )
    assert user_is_premoderated(author)
    entry = Decision.objects.get(kind=DecisionKind.ESCALATE, subject_user=author)
    assert entry.actor_kind == "system" and entry.evidence[0]["rejections"] == 2
    assert any("checked by a moderator" in m.body for m in mail.outbox)

    # A clean comment from a pre-moderated author goes to the held queue.
    from vestnik.moderation.submission import submit_for_moderation

    comment = Comment(
        article=ArticleFactory(),
        author=author,
        body="Longer opening hours are a good idea for students.",
        body_html="<p>x</p>",
        created_at=timezone.now(),
        status=CommentStatus.HELD,
    )
    submit_for_moderation(comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD

    # A moderator can switch it off again; that is audited too.
    mod_client.post(reverse("moderation:lift-premoderation", args=[author.pk]))
    assert not user_is_premoderated(author)
    assert Decision.objects.filter(
        kind=DecisionKind.DEESCALATE, subject_user=author
    ).exists()


def test_engine_rejections_count_and_old_ones_do_not(two_strikes: None) -> None:
    author = UserFactory(username="spammer")
    old = engine_judged({"spam": 0.95}, "reject", author=author)
    Decision.objects.filter(comment=old).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    assert not user_is_premoderated(author)
    engine_judged({"spam": 0.95}, "reject", author=author)
    assert not user_is_premoderated(author)  # the old one is outside the window
    engine_judged({"spam": 0.95}, "reject", author=author)
    assert user_is_premoderated(author)
    assert Premoderation.objects.filter(user=author).count() == 1


def test_escalation_off_when_n_is_zero(publisher_admin: Any) -> None:
    RulebookSettings.objects.create(
        version=1, escalation_rejections=0, escalation_window_days=7
    )
    author = UserFactory(username="spammer")
    for _ in range(4):
        engine_judged({"spam": 0.95}, "reject", author=author)
    assert not user_is_premoderated(author)
