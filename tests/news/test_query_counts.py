"""Pinned query counts on the hot pages: no N+1 as content grows.

The community's discussion include is swapped for an empty template here
(`no_discussion`): the community pins its own queries.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.news.factories import PhotoFactory, TagFactory, make_article
from vestnik.news import actions
from vestnik.news.models import Article, BlockKind

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36"


@pytest.fixture
def many(politics: Any) -> list[Article]:
    tags = [TagFactory(name=f"Tag {i}", slug=f"tag-{i}") for i in range(4)]
    photo = PhotoFactory()
    return [
        make_article(
            headline=f"Budget story number {i}",
            slug=f"story-{i}",
            section=politics,
            tags=tuple(tags),
            lead_photo=photo,
            hours_ago=i + 1,
        )
        for i in range(25)
    ]


def _article_with_blocks(politics: Any, many: list[Article], n: int) -> Article:
    photo = PhotoFactory()
    blocks = []
    for i in range(n):
        blocks += [
            actions.Block(BlockKind.PARAGRAPH, text=f"Paragraph about the budget {i}."),
            actions.Block(BlockKind.PHOTO, photo=photo),
            actions.Block(BlockKind.TEASER, teaser=many[i]),
            actions.Block(BlockKind.QUOTE, text="A quote.", attribution="Someone"),
        ]
    return make_article(
        headline="Budget story with blocks",
        slug=f"blocks-{n}",
        section=politics,
        tags=tuple(many[0].tags.all()),
        lead_photo=photo,
        blocks=blocks,
        related=tuple(many[10 : 10 + min(n, 2)]),
    )


@pytest.mark.parametrize("blocks", [1, 6])
def test_article_page_query_count(
    client: Client,
    politics: Any,
    many: list[Article],
    no_discussion: None,
    django_assert_num_queries: Any,
    blocks: int,
) -> None:
    article = _article_with_blocks(politics, many, blocks)
    client.get("/")  # fills the header cache
    actions.maybe_flush_counters()  # this minute's counter flush is done
    # article with the thread's version (ETag), tags, blocks (+photos, teasers),
    # editor's picks, related by tags
    with django_assert_num_queries(5):
        response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    # The related choice and the rendered page are stored (an anonymous reader
    # without cookies): article with the thread's version, related articles
    with django_assert_num_queries(2):
        response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert response.content.count(b'class="inline-teaser"') == blocks
    # A reader with a session cookie gets it rendered: article with the version,
    # related articles, tags, blocks (a malformed session key is not looked up)
    client.cookies["sessionid"] = "none"
    with django_assert_num_queries(4):
        response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert response.content.count(b'class="inline-teaser"') == blocks


def test_article_page_query_count_with_similarity_fill(
    client: Client, politics: Any, no_discussion: None, django_assert_num_queries: Any
) -> None:
    make_article(headline="Budget talks continue", slug="similar", section=politics)
    article = make_article(
        headline="Budget talks stall", slug="untagged", section=politics
    )
    client.get("/")
    actions.maybe_flush_counters()
    # article with the thread's version (ETag), tags, blocks, editor's picks,
    # similar ids, similar articles (no tags: no tag query)
    with django_assert_num_queries(6):
        response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert b"/news/similar/" in response.content


def test_live_feed_query_count(
    client: Client, many: list[Article], django_assert_num_queries: Any
) -> None:
    client.get("/")
    with django_assert_num_queries(2):  # count, page
        response = client.get("/live/")
    assert response.status_code == 200
    assert response.content.count(b'class="live-item"') == 20


def test_section_and_tag_query_counts(
    client: Client, many: list[Article], django_assert_num_queries: Any
) -> None:
    client.get("/")
    with django_assert_num_queries(3):  # section, count, page
        client.get("/section/politics/")
    with django_assert_num_queries(3):  # tag, count, page
        client.get("/tag/tag-1/")


def test_search_query_count(
    client: Client, many: list[Article], django_assert_num_queries: Any
) -> None:
    client.get("/")
    with django_assert_num_queries(3):  # count, ranked hits with snippets, articles
        response = client.get("/search/", {"q": "budget story"})
    assert response.content.count(b'class="search-result"') == 10


def test_home_query_count(
    client: Client, many: list[Article], django_assert_num_queries: Any
) -> None:
    client.get("/robots.txt")
    client.get("/")
    with django_assert_num_queries(3):  # recent articles, sections, galleries
        client.get("/")


def test_feed_query_count(
    client: Client, many: list[Article], django_assert_num_queries: Any
) -> None:
    client.get("/feeds/rss/")  # the sites framework caches its Site row per process
    for url in ("/feeds/rss/", "/feeds/atom/"):
        with django_assert_num_queries(1):
            response = client.get(url)
        assert response.content.count(b"Budget story number") == 25
