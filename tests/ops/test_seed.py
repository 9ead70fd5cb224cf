"""`vestnik seed-load`: bulk rows that the site reads like its own."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vestnik.cli import main
from vestnik.community.models import Comment, CommentStatus, Discussion
from vestnik.community.seed import seed
from vestnik.moderation.models import Decision, DecisionKind
from vestnik.news.models import Article

pytestmark = pytest.mark.django_db


def test_seeded_threads_are_consistent_and_readable(
    django_assert_max_num_queries: Any,
) -> None:
    summary = seed(comments=600, users=30, articles=6)
    assert Comment.objects.count() == 600
    articles = Article.objects.filter(slug__startswith=f"seed-{summary['tag']}-")
    assert articles.count() == 6
    for article in articles:
        published = article.comments.filter(status=CommentStatus.PUBLISHED).count()
        assert article.comments_count == published
        assert Discussion.objects.get(article=article).comment_count == published
    for comment in Comment.objects.select_related("parent"):
        assert comment.path.endswith(str(comment.pk).zfill(10))
        if comment.parent is None:
            assert comment.depth == 0 and comment.root_id == comment.pk
        else:
            assert comment.root_id == comment.parent.root_id
            assert comment.article_id == comment.parent.article_id
    verdicts = dict(
        Decision.objects.filter(kind=DecisionKind.ENGINE_VERDICT).values_list(
            "comment_id", "action"
        )
    )
    assert len(verdicts) == 600  # one engine verdict per comment, as a post leaves
    actions = {"published": "publish", "held": "hold", "rejected": "reject"}
    for pk, status in Comment.objects.values_list("pk", "status"):
        assert verdicts[pk] == actions[status]
    replied = Comment.objects.filter(reply_count__gt=0).first()
    assert replied is not None
    assert replied.reply_count == replied.replies.filter(status="published").count()

    article = articles.first()
    assert article is not None
    client = Client()
    with django_assert_max_num_queries(8):
        response = client.get(reverse("community:thread", args=[article.pk]))
    assert response.status_code == 200
    assert response.content.count(b'class="comment-thread"') == 20  # a full page
    second = seed(comments=50, users=5, articles=1)  # runs add up
    assert second["tag"] != summary["tag"]
    assert Comment.objects.count() == 650
    new = Comment.objects.create(
        article=article,
        body="x",
        body_html="x",
        status="held",
        created_at=article.publish_at,
    )
    assert new.pk > 650  # the id sequence moved past the seeded ids


def test_the_command_refuses_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VESTNIK_PRODUCTION", "1")
    assert main(["seed-load", "--comments", "1"]) == 2
