"""Drafts and scheduled articles never reach non-staff readers: not on pages,
feeds, search, the sitemap, short URLs, related lists or inline teasers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.news.factories import make_article
from vestnik.news import actions
from vestnik.news.models import Article, ArticleStatus, BlockKind

HIDDEN_WORD = "zeppelin"
PUBLIC_PAGES = [
    "/",
    "/live/",
    "/section/politics/",
    "/tag/budget/",
    "/search/?q=zeppelin",
    "/search/?q=budget",
    "/feeds/rss/",
    "/feeds/atom/",
    "/section/politics/rss/",
    "/section/politics/atom/",
    "/tag/budget/rss/",
    "/tag/budget/atom/",
    "/sitemap.xml",
]


@pytest.fixture
def hidden(draft: Article, scheduled: Article) -> list[Article]:
    return [draft, scheduled]


@pytest.fixture
def visible(politics: Any, hidden: list[Article]) -> Article:
    from tests.news.factories import TagFactory

    # A public article that tags, links and teases the hidden ones.
    return make_article(
        headline="Budget news everyone may read",
        slug="public-budget",
        section=politics,
        tags=(TagFactory(name="Budget", slug="budget"),),
        blocks=[
            actions.Block(BlockKind.PARAGRAPH, text="Budget paragraph."),
            actions.Block(BlockKind.TEASER, teaser=hidden[0]),
            actions.Block(BlockKind.TEASER, teaser=hidden[1]),
        ],
        related=tuple(hidden),
    )


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_hidden_articles_appear_nowhere(
    client: Client, visible: Article, hidden: list[Article], url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for article in hidden:
        for text in (
            article.headline,
            article.standfirst,
            article.body_text,
            article.slug,
            article.short_code,
        ):
            assert text not in body
    if "zeppelin" in url:
        assert "No results for" in body


def test_public_article_hides_teasers_and_picks_of_hidden_ones(
    client: Client, visible: Article
) -> None:
    response = client.get("/news/public-budget/")
    assert response.status_code == 200
    assert HIDDEN_WORD not in response.content.decode().lower()


@pytest.mark.parametrize("slug", ["secret-draft", "scheduled-story"])
def test_hidden_article_page_is_404(
    client: Client, hidden: list[Article], slug: str
) -> None:
    assert client.get(f"/news/{slug}/").status_code == 404


def test_hidden_short_urls_are_404(client: Client, hidden: list[Article]) -> None:
    for article in hidden:
        assert client.get(f"/s/{article.short_code}").status_code == 404
        assert client.get(f"/s/{article.short_code}/share/x/").status_code == 404


def test_logged_in_non_staff_reader_sees_no_draft(
    client: Client, hidden: list[Article], django_user_model: Any
) -> None:
    reader = django_user_model.objects.create_user(
        username="reader", email="r@example.org", password="pw-reader-123"
    )
    client.force_login(reader)
    assert client.get("/news/secret-draft/").status_code == 404
    assert client.get(f"/s/{hidden[1].short_code}").status_code == 404


def test_staff_may_preview_and_follow_short_urls(
    client: Client, hidden: list[Article], django_user_model: Any
) -> None:
    editor = django_user_model.objects.create_user(
        username="ed", email="ed@example.org", password="pw-editor-123", is_staff=True
    )
    client.force_login(editor)
    assert client.get("/news/scheduled-story/").status_code == 200
    assert client.get(f"/s/{hidden[0].short_code}").status_code == 302


def test_scheduled_article_publishes_itself_when_its_time_comes(
    client: Client, scheduled: Article
) -> None:
    assert client.get("/news/scheduled-story/").status_code == 404
    assert scheduled.status == ArticleStatus.SCHEDULED
    # Time passes (moved here by editing publish_at; no job runs in between).
    Article.objects.filter(pk=scheduled.pk).update(
        publish_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get("/news/scheduled-story/").status_code == 200
    assert b"scheduled-story" in client.get("/live/").content
    assert b"zeppelin" in client.get("/search/?q=zeppelin").content.lower()
    assert b"scheduled-story" in client.get("/sitemap.xml").content


def test_unpublished_article_disappears_everywhere(
    client: Client, visible: Article
) -> None:
    assert client.get("/news/public-budget/").status_code == 200
    actions.unpublish_article(visible)
    assert client.get("/news/public-budget/").status_code == 404
    assert client.get(f"/s/{visible.short_code}").status_code == 404
    for url in PUBLIC_PAGES:
        assert b"public-budget" not in client.get(url).content


def test_unpublished_gallery_is_hidden(client: Client, db: Any) -> None:
    from tests.news.factories import GalleryFactory

    GalleryFactory(
        slug="secret-gallery", title="Secret zeppelin gallery", is_published=False
    )
    assert client.get("/multimedia/secret-gallery/").status_code == 404
    assert b"zeppelin" not in client.get("/multimedia/").content.lower()
    assert b"secret-gallery" not in client.get("/sitemap.xml").content


def test_cached_related_choice_never_shows_a_since_hidden_article(
    client: Client, rich_article: Article, picked: Article
) -> None:
    assert b"budget-pensioners" in client.get("/news/budget-passes/").content
    # Hidden behind the cache's back (no action, no cache invalidation):
    Article.objects.filter(pk=picked.pk).update(status=ArticleStatus.DRAFT)
    assert b"budget-pensioners" not in client.get("/news/budget-passes/").content
