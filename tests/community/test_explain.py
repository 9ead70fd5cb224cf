"""The thread page and the moderation queue use their indexes (PostgreSQL's plans).

On a seeded table with fresh statistics (ANALYZE), EXPLAIN must show the thread
page's top-level query walking a thread index (by article and depth), the
replies query an index on root_id, and the held queue the (status, created_at) index, never a sequential
scan of every comment on the site.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from vestnik.community import queries
from vestnik.community.models import Comment
from vestnik.community.seed import seed

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="the plans of PostgreSQL only",
    ),
]


@pytest.fixture
def seeded() -> Any:
    seed(comments=20_000, users=500, articles=20)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE community_comment")
    article_id = (
        Comment.objects.filter(depth=0).values_list("article_id", flat=True).first()
    )
    from vestnik.news.models import Article

    return Article.objects.get(pk=article_id)


def _plan(qs: Any) -> str:
    return str(qs.explain())


def test_the_thread_page_walks_a_thread_index(seeded: Any) -> None:
    roots = queries._display_related(
        queries.visible_comments(seeded, None).filter(depth=0)
    ).order_by(*queries._ordering(queries.Sort.NEWEST))[:21]
    plan = _plan(roots)
    # One of the (article, depth, ...) indexes, by the article and the depth.
    assert "Index Scan on comment_thread_" in plan or "using comment_thread_" in plan
    assert "Index Cond: ((article_id = " in plan
    assert "Seq Scan on community_comment" not in plan
    root_ids = [c.pk for c in roots[:20]]
    replies = queries.visible_in_threads(None).filter(root_id__in=root_ids, depth__gt=0)
    plan = _plan(replies.order_by("root_id", "path"))
    assert "Index Cond: (root_id = ANY " in plan  # the subthread or root_id index
    assert "Seq Scan on community_comment" not in plan


def test_one_large_thread_walks_the_thread_index_with_a_limit() -> None:
    """All comments under one story: the planner must not scan and sort them all.

    (With the status wrapped in an expression, as SQLite needs, PostgreSQL guessed
    0.5% of the rows visible and chose a sequential scan and a sort.)
    """
    seed(comments=30_000, users=200, articles=1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE community_comment")
    from vestnik.news.models import Article

    article = Article.objects.get(pk=Comment.objects.values("article_id")[:1])
    roots = queries._display_related(
        queries.visible_comments(article, None).filter(depth=0)
    ).order_by(*queries._ordering(queries.Sort.NEWEST))[:21]
    plan = _plan(roots)
    assert "Index Scan Backward using comment_thread_time on community_comment " in plan
    assert "Seq Scan on community_comment" not in plan
