"""The engine sees the discussion a comment joined (for off-topic): the latest
comments published under the article before it, oldest first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.community.factories import ArticleFactory, CommentFactory
from vestnik.community.models import CommentStatus
from vestnik.moderation.adapters import context_for, discussion_for

pytestmark = pytest.mark.django_db


def test_discussion_is_the_last_ten_published_comments_before_this_one() -> None:
    article = ArticleFactory()
    start = timezone.now() - timedelta(hours=2)
    for i in range(12):
        CommentFactory(
            article=article,
            body=f"earlier {i}",
            created_at=start + timedelta(minutes=i),
        )
    CommentFactory(
        article=article,
        body="held, not published",
        status=CommentStatus.HELD,
        created_at=start + timedelta(minutes=20),
    )
    CommentFactory(body="another article", created_at=start + timedelta(minutes=21))
    comment = CommentFactory(
        article=article, body="the new one", created_at=start + timedelta(minutes=30)
    )
    CommentFactory(
        article=article, body="posted later", created_at=start + timedelta(minutes=40)
    )
    assert discussion_for(comment) == tuple(f"earlier {i}" for i in range(2, 12))
    ctx = context_for(comment, now=timezone.now(), record=False)
    assert ctx.article is not None and ctx.article.discussion[-1] == "earlier 11"


def test_the_first_comment_of_a_thread_has_no_discussion() -> None:
    comment = CommentFactory()
    assert discussion_for(comment) == ()
