"""The read-only router: anonymous reading pages read from the replica (#14 item 6).

The suite's `replica` is a test mirror of `default` (vestnik/site/test_settings.py):
the same database through a second connection, so each test counts the queries
each connection ran. Transactional tests, because a read inside a test's own
transaction stays on the primary by design.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connections, router
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.community.factories import ArticleFactory, CommentFactory, UserFactory
from vestnik.community.models import Comment
from vestnik.news.models import Article

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@contextmanager
def queries() -> Iterator[tuple[CaptureQueriesContext, CaptureQueriesContext]]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        yield primary, replica


def touched(captured: CaptureQueriesContext, table: str) -> bool:
    return any(table in query["sql"] for query in captured.captured_queries)


@pytest.fixture
def article(db: Any) -> Article:
    item = ArticleFactory()
    CommentFactory(article=item)
    return item


@pytest.mark.parametrize("method", ["get", "head"])
@pytest.mark.parametrize(
    "url",
    [
        "article",
        "thread",
        "/feeds/rss/",
        "/feeds/atom/",
        "/sitemap.xml",
        "/",
        "comments-feed",
    ],
)
def test_anonymous_reading_pages_read_from_the_replica(
    article: Article, method: str, url: str
) -> None:
    target = {
        "article": article.get_absolute_url(),
        "thread": f"/comments/article/{article.pk}/",
        "comments-feed": f"/comments/article/{article.pk}/feed/",
    }.get(url, url)
    with queries() as (primary, replica):
        response = getattr(Client(), method)(target)
    assert response.status_code == 200, target
    assert replica.captured_queries, f"{target}: nothing read from the replica"
    assert not touched(primary, '"news_article"'), primary.captured_queries


def test_signed_in_readers_read_from_the_primary(article: Article) -> None:
    client = Client()
    client.force_login(UserFactory())
    with queries() as (primary, replica):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert not replica.captured_queries
    assert touched(primary, '"news_article"')


def test_writes_and_other_pages_use_the_primary(article: Article) -> None:
    client = Client()
    with queries() as (_, replica):
        # an anonymous POST (refused: log in first), and a page not on the list
        client.post(f"/comments/article/{article.pk}/post/", {"body": "Hello there"})
        client.get("/accounts/login/")
        client.get(f"/search/?q={article.headline.split()[0]}")
    assert not replica.captured_queries


def test_a_signed_in_write_after_an_anonymous_read_goes_to_the_primary(
    article: Article,
) -> None:
    """An object read from the replica is saved on the primary, never the replica."""
    reader = UserFactory()
    Client().get(article.get_absolute_url())
    client = Client()
    client.force_login(reader)
    with queries() as (primary, replica):
        response = client.post(
            f"/comments/article/{article.pk}/post/",
            {
                "body": "Longer opening hours will help students who work.",
                "accept_standards": "on",
            },
        )
    assert response.status_code < 500
    assert not replica.captured_queries
    assert not any(
        q["sql"].startswith(("INSERT", "UPDATE")) for q in replica.captured_queries
    )
    assert Comment.objects.filter(article=article).count() >= 1


def test_the_router_never_writes_to_the_replica() -> None:
    assert router.db_for_write(Article) == "default"
    assert router.db_for_read(Article) == "default"  # outside a replica request
    assert router.allow_migrate("replica", "news") is False
    assert router.allow_migrate("default", "news") is True
