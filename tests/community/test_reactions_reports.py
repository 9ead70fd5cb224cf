"""Reactions (one per reader) and reports (citing a rule; enough readers hold)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.community.conftest import login
from tests.community.factories import CommentFactory, UserFactory
from vestnik.community.models import CommentStatus, Reaction, Report
from vestnik.moderation.models import Decision, DecisionKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(reader: Any, article: Any) -> Any:
    return CommentFactory(article=article, author=reader)


def _react(client: Client, comment: Any, kind: str, htmx: bool = False) -> Any:
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("community:react", args=[comment.pk]), {"kind": kind}, **extra
    )


def test_one_reaction_per_reader_and_the_count_follows(
    bob: Client, comment: Any
) -> None:
    assert _react(bob, comment, "agree").status_code == 302
    assert (
        _react(bob, comment, "agree", htmx=True).status_code == 200
    )  # same again: taken back
    comment.refresh_from_db()
    assert comment.reaction_count == 0 and Reaction.objects.count() == 0
    _react(bob, comment, "agree")
    response = _react(bob, comment, "funny", htmx=True)  # switch, still one
    assert 'aria-pressed="true">Funny' in response.content.decode()
    comment.refresh_from_db()
    assert comment.reaction_count == 1 and Reaction.objects.get().kind == "funny"
    _react(login(UserFactory()), comment, "insightful")
    comment.refresh_from_db()
    assert comment.reaction_count == 2


def test_reactions_need_an_account_and_not_your_own_comment(
    alice: Client, comment: Any
) -> None:
    assert _react(Client(), comment, "agree").status_code == 403
    assert _react(alice, comment, "agree").status_code == 403
    # An unknown kind is bad input, not a refusal (#14).
    assert _react(login(UserFactory()), comment, "love").status_code == 400
    assert Reaction.objects.count() == 0


def _report(
    client: Client, comment: Any, rule: str = "insult-threat", htmx: bool = False
) -> Any:
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("community:report", args=[comment.pk]),
        {"rule": rule, "text": "rude"},
        **extra,
    )


def test_report_cites_a_rule_once_per_reader(bob: Client, comment: Any) -> None:
    assert bob.get(reverse("community:report", args=[comment.pk])).status_code == 200
    assert _report(bob, comment, rule="no-such-rule").status_code == 400
    assert _report(bob, comment).status_code == 302
    again = _report(bob, comment)
    assert again.status_code == 400 and "already reported" in again.content.decode()
    assert Report.objects.get().rule == "insult-threat"


def test_reports_from_enough_readers_hold_the_comment(
    comment: Any, article: Any, settings: Any
) -> None:
    settings.VESTNIK_COMMUNITY_REPORTS_TO_HOLD = 3
    article.comments_count = 1
    article.save(update_fields=["comments_count"])
    for _ in range(2):
        _report(login(UserFactory()), comment, htmx=True)
        comment.refresh_from_db()
        assert comment.status == CommentStatus.PUBLISHED
    response = _report(login(UserFactory()), comment, htmx=True)
    assert "Thank you" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    article.refresh_from_db()
    assert article.comments_count == 0
    decision = Decision.objects.get(comment=comment, kind=DecisionKind.HOLD)
    assert decision.rules == ["insult-threat"] and decision.actor is None
    assert (
        comment.body
        not in Client()
        .get(reverse("community:thread", args=[article.pk]))
        .content.decode()
    )


def test_reports_from_readers_not_in_good_standing_do_not_count(
    comment: Any, article: Any, settings: Any
) -> None:
    settings.VESTNIK_COMMUNITY_REPORTS_TO_HOLD = 2
    troll = UserFactory()
    for _ in range(3):
        CommentFactory(article=article, author=troll, status=CommentStatus.REJECTED)
    _report(login(troll), comment)
    _report(login(UserFactory()), comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert Report.objects.filter(counted=False).count() == 1


def test_report_abuse_is_rate_limited(bob: Client, article: Any, settings: Any) -> None:
    settings.VESTNIK_COMMUNITY_REPORT_RATE_USER = (2, 3600)
    comments = [CommentFactory(article=article) for _ in range(3)]
    assert _report(bob, comments[0]).status_code == 302
    assert _report(bob, comments[1]).status_code == 302
    assert _report(bob, comments[2]).status_code == 429
    assert Report.objects.count() == 2


def test_anonymous_cannot_report(comment: Any) -> None:
    assert _report(Client(), comment).status_code == 403
    assert Report.objects.count() == 0
