"""sitemap.xml: visible articles, sections, tags, galleries and the fixed pages.

Locations come from SITE_URL rather than the sites framework's Site row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Count
from django.urls import reverse

from vestnik.news import queries
from vestnik.news.models import Article, Gallery, Section, Tag


class _SiteUrlSitemap(Sitemap):  # type: ignore[type-arg]  # stubs: Sitemap[T] per subclass
    def get_urls(
        self, page: int | str = 1, site: Any = None, protocol: str | None = None
    ) -> Any:
        parts = urlsplit(settings.SITE_URL)
        return self._urls(page, parts.scheme or "https", parts.netloc)  # type: ignore[attr-defined]  # Django's own helper, absent from the stubs


class ArticleSitemap(_SiteUrlSitemap):
    changefreq = "daily"
    limit = 5000

    def items(self) -> Any:
        return (
            Article.objects.visible()
            .only("slug", "publish_at", "updated_at")
            .order_by("-publish_at", "-id")
        )

    def lastmod(self, item: Article) -> datetime | None:
        return item.updated_at or item.publish_at


class SectionSitemap(_SiteUrlSitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self) -> Any:
        return Section.objects.all()


class TagSitemap(_SiteUrlSitemap):
    changefreq = "daily"
    priority = 0.3

    def items(self) -> Any:
        # Only tags with something a reader can see behind them.
        return (
            Tag.objects.filter(articles__in=Article.objects.visible())
            .annotate(n=Count("articles"))
            .order_by("name")
        )


class GallerySitemap(_SiteUrlSitemap):
    changefreq = "weekly"

    def items(self) -> Any:
        return (
            queries.visible_galleries()
            .select_related(None)
            .only("slug", "published_at")
        )

    def lastmod(self, item: Gallery) -> datetime:
        return item.published_at


class PageSitemap(_SiteUrlSitemap):
    changefreq = "always"

    def items(self) -> list[str]:
        return [
            "news:home",
            "news:live",
            "news:multimedia",
            "news:privacy",
            "news:community_standards",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap[Any]]] = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "galleries": GallerySitemap,
}
