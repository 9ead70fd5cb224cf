"""The demo content: loads, is idempotent, and fills every page type."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from vestnik.news.models import (
    Article,
    ArticleBlock,
    BlockKind,
    Gallery,
    GalleryKind,
    Photo,
    PrivacyPolicy,
    Section,
    Tag,
)


@pytest.fixture
def demo(db: Any, settings: Any) -> None:
    settings.VESTNIK_NEWS_RENDITION_WIDTHS = (
        320,
        640,
    )  # fewer files: faster, same code path
    from vestnik.news import demo

    demo.load()


def test_demo_content_is_rich_idempotent_and_fills_every_page(demo: None) -> None:
    from vestnik.news import demo as demo_module

    visible = Article.objects.visible()
    assert visible.count() >= 40
    assert Section.objects.filter(articles__in=visible).distinct().count() >= 5
    assert Tag.objects.count() >= 15
    assert Article.objects.filter(status="draft").exists()
    assert Article.objects.filter(status="scheduled").exists()
    assert (
        ArticleBlock.objects.filter(kind=BlockKind.TEASER, teaser__isnull=False).count()
        >= 8
    )
    assert ArticleBlock.objects.filter(kind=BlockKind.QUOTE).count() >= 15
    assert ArticleBlock.objects.filter(kind=BlockKind.PHOTO).exists()
    assert {g.kind for g in Gallery.objects.all()} == set(GalleryKind.values)
    assert Gallery.objects.filter(featured=True).exists()
    assert PrivacyPolicy.objects.filter(version="1.0").exists()
    assert all(p.renditions for p in Photo.objects.all())
    counts = (
        Article.objects.count(),
        Photo.objects.count(),
        Gallery.objects.count(),
        Tag.objects.count(),
    )
    demo_module.load()
    assert counts == (
        Article.objects.count(),
        Photo.objects.count(),
        Gallery.objects.count(),
        Tag.objects.count(),
    )

    # Every page type works on the demo (one test: loading the demo is the slow part).
    client = Client()
    urls = [
        "/",
        "/live/",
        "/live/?page=2",
        "/multimedia/",
        "/search/?q=budget",
        "/privacy/",
        "/community-standards/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/sitemap.xml",
        "/robots.txt",
    ]
    urls += [s.get_absolute_url() for s in Section.objects.all()]
    urls += [t.get_absolute_url() for t in Tag.objects.all()[:10]]
    urls += [g.get_absolute_url() for g in Gallery.objects.all()]
    urls += [a.get_absolute_url() for a in Article.objects.visible()]
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert b"<mark>" in client.get("/search/?q=budget").content
