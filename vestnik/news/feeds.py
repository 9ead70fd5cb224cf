"""RSS 2.0 and Atom feeds for the whole site, a section and a tag.

Links are absolute from SITE_URL (the sites framework's domain is not used),
and only visible articles ever appear.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from vestnik.news import queries
from vestnik.news.app_settings import app_settings
from vestnik.news.models import Article, Section, Tag
from vestnik.news.templatetags.news import absolute, photo_url


class _ArticleFeed(Feed):  # type: ignore[type-arg]  # stubs: Feed[Item, Obj]
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    feed_name = "rss"

    def title(self, obj: Any = None) -> str:
        return (
            f"{settings.VESTNIK_SITE_NAME}: {obj}"
            if obj
            else str(settings.VESTNIK_SITE_NAME)
        )

    def link(self, obj: Any = None) -> str:
        return absolute(obj.get_absolute_url() if obj else "/")

    def feed_url(self, obj: Any = None) -> str:
        prefix = obj.get_absolute_url() if obj else "/feeds/"
        return absolute(f"{prefix}{self.feed_name}/")

    def description(self, obj: Any = None) -> str:
        return f"The latest news from {self.title(obj)}"

    def base_items(self, obj: Any) -> Any:
        return queries.live_feed()

    def items(self, obj: Any = None) -> list[Article]:
        return list(self.base_items(obj)[: app_settings.FEED_SIZE])

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        return item.standfirst

    def item_link(self, item: Article) -> str:
        return absolute(item.get_absolute_url())

    def item_guid(self, item: Article) -> str:
        return absolute(item.get_short_url())

    item_guid_is_permalink = False

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Article) -> datetime | None:
        return item.updated_at or item.publish_at

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name]

    def item_author_name(self, item: Article) -> str | None:
        return item.byline or None

    def item_enclosure_url(self, item: Article) -> str | None:
        return absolute(photo_url(item.lead_photo, 640)) if item.lead_photo else None

    def item_enclosure_length(self, item: Article) -> int:
        return 0

    item_enclosure_mime_type = "image/jpeg"


class SiteRssFeed(_ArticleFeed):
    pass


class SiteAtomFeed(SiteRssFeed):
    feed_type = Atom1Feed
    feed_name = "atom"
    subtitle = _ArticleFeed.description


class SectionRssFeed(_ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Section:
        return queries.access_section(slug)

    def base_items(self, obj: Section) -> Any:
        return queries.section_articles(obj)


class SectionAtomFeed(SectionRssFeed):
    feed_type = Atom1Feed
    feed_name = "atom"
    subtitle = _ArticleFeed.description


class TagRssFeed(_ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        return queries.access_tag(slug)

    def base_items(self, obj: Tag) -> Any:
        return queries.tag_articles(obj)


class TagAtomFeed(TagRssFeed):
    feed_type = Atom1Feed
    feed_name = "atom"
    subtitle = _ArticleFeed.description


def feed_urls(obj: Section | Tag | None = None) -> dict[str, str]:
    """RSS and Atom URLs for <link rel="alternate"> and "Follow us"."""
    if obj is None:
        return {"rss": reverse("news:feed_rss"), "atom": reverse("news:feed_atom")}
    base = obj.get_absolute_url()
    return {"rss": f"{base}rss/", "atom": f"{base}atom/"}
