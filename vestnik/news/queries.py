"""Reads the newsroom's pages, feeds and other apps share.

`access_*` functions are the one place that decides who may see what: readers
see only visible articles (released, publish time reached) and published
galleries; staff may preview anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from vestnik.news import search
from vestnik.news.app_settings import app_settings
from vestnik.news.models import (
    SHORT_CODE_ALPHABET,
    SHORT_CODE_LENGTH,
    Article,
    ArticleBlock,
    Gallery,
    GalleryItem,
    PrivacyPolicy,
    RelatedPick,
    Section,
    Tag,
    visible_q,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from vestnik.accounts.models import User

    Viewer = User | AnonymousUser


def can_preview(user: Viewer | None) -> bool:
    """Editors (staff) may see drafts and scheduled articles; nobody else, ever."""
    return bool(user is not None and user.is_active and user.is_staff)


def visible_articles() -> Any:
    return Article.objects.visible().for_lists()


# --- one article ------------------------------------------------------------------


def _page_prefetches() -> list[Prefetch[Any]]:
    blocks = ArticleBlock.objects.select_related(
        "photo", "teaser", "teaser__section", "teaser__lead_photo"
    ).defer("teaser__body_text")
    return [_tags_prefetch(), Prefetch("blocks", queryset=blocks)]


def _tags_prefetch() -> Prefetch[Any]:
    return Prefetch("tags", queryset=Tag.objects.order_by("name"))


def access_article(user: Viewer | None, slug: str) -> Article:
    """The article at `slug`, or 404. Its tags and blocks are read by
    `prepare_article_page`, only when the page is rendered: a stored page
    (community/threadcache.py) needs the row alone."""
    # with the thread's version, part of the page's ETag (community/threadcache.py)
    qs = Article.objects.select_related("section", "lead_photo", "discussion")
    if not can_preview(user):
        qs = qs.filter(visible_q())
    article: Article | None = qs.filter(slug=slug).first()
    if article is None:
        raise Http404("No such article")
    return article


def prepare_article_page(article: Article) -> None:
    """Everything else the article's page shows (its tags and blocks)."""
    prefetch_related_objects([article], *_page_prefetches())


def is_well_formed_short_code(code: str) -> bool:
    return len(code) == SHORT_CODE_LENGTH and all(
        ch in SHORT_CODE_ALPHABET for ch in code
    )


def access_article_by_short_code(user: Viewer | None, code: str) -> Article:
    if not is_well_formed_short_code(code):
        raise Http404("Malformed short code")
    qs = Article.objects.only("slug", "status", "publish_at", "short_code")
    if not can_preview(user):
        qs = qs.filter(visible_q())
    article = qs.filter(short_code=code).first()
    if article is None:
        raise Http404("No such short code")
    return article


CONTENT_VERSION_KEY = "news:content-version"


def content_version() -> int:
    """Bumped by news.actions on every write; part of every newsroom cache key."""
    return int(cache.get(CONTENT_VERSION_KEY) or 0)


def related_articles(article: Article, limit: int | None = None) -> list[Article]:
    """ "Related:": the editor's picks, then shared tags, then text similarity.

    The choice (ids) is cached for a few minutes per content version; the articles
    are re-read on every request through the visibility filter, so a cached choice
    can never show an article that has since been unpublished.
    """
    limit = app_settings.RELATED_COUNT if limit is None else limit
    key = f"news:related:{content_version()}:{article.pk}:{limit}"
    ids = cache.get(key)
    if ids is not None:
        found = visible_articles().in_bulk(ids)
        return [found[i] for i in ids if i in found]
    chosen = _choose_related(article, limit)
    cache.set(key, [a.pk for a in chosen], app_settings.RELATED_CACHE_SECONDS)
    return chosen


def _choose_related(article: Article, limit: int) -> list[Article]:
    picks = (
        RelatedPick.objects.filter(visible_q(prefix="related__"), article=article)
        .select_related("related__section", "related__lead_photo")
        .defer("related__body_text")
        .order_by("position", "id")[:limit]
    )
    chosen = [pick.related for pick in picks]
    seen = [article.pk, *(a.pk for a in chosen)]
    # read once, here or by prepare_article_page (which then skips them)
    prefetch_related_objects([article], _tags_prefetch())
    tag_ids = [tag.pk for tag in article.tags.all()]
    if len(chosen) < limit and tag_ids:
        by_tags = (
            visible_articles()
            .filter(tags__in=tag_ids)
            .exclude(pk__in=seen)
            .annotate(shared=Count("tags"))
            .order_by("-shared", "-publish_at")[: limit - len(chosen)]
        )
        chosen.extend(by_tags)
        seen.extend(a.pk for a in chosen)
    if len(chosen) < limit:
        words = search.keywords(article, [tag.name for tag in article.tags.all()])
        ids = search.similar_ids(words, exclude=seen, limit=limit - len(chosen))
        if ids:
            found = visible_articles().in_bulk(ids)
            chosen.extend(found[i] for i in ids if i in found)
    return chosen


# --- lists ------------------------------------------------------------------------


def access_section(slug: str) -> Section:
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        raise Http404("No such section")
    return section


def access_tag(slug: str) -> Tag:
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("No such tag")
    return tag


def section_articles(section: Section) -> Any:
    return visible_articles().filter(section=section)


def tag_articles(tag: Tag) -> Any:
    return visible_articles().filter(tags=tag)


def live_feed() -> Any:
    return visible_articles()


@dataclass(frozen=True)
class HomePage:
    top: Article | None
    secondary: list[Article]
    latest: list[Article]
    by_section: list[tuple[Section, list[Article]]]
    galleries: list[Gallery]


def home_page(per_section: int = 4) -> HomePage:
    """The front page from three queries: recent articles, sections, galleries."""
    recent = list(visible_articles()[:120])
    with_photo = [a for a in recent if a.lead_photo_id]
    top = with_photo[0] if with_photo else (recent[0] if recent else None)
    secondary = [a for a in with_photo[1:4] if a is not top]
    shown = {a.pk for a in [top, *secondary] if a is not None}
    latest = recent[:12]
    groups: dict[int, list[Article]] = {}
    for article in recent:
        if article.pk not in shown:
            bucket = groups.setdefault(article.section_id, [])
            if len(bucket) < per_section:
                bucket.append(article)
    by_section = [
        (section, groups[section.pk])
        for section in Section.objects.filter(in_navigation=True)
        if groups.get(section.pk)
    ]
    return HomePage(top, secondary, latest, by_section, list(visible_galleries()[:4]))


# --- multimedia -------------------------------------------------------------------


def visible_galleries() -> Any:
    return Gallery.objects.filter(
        is_published=True, published_at__lte=timezone.now()
    ).select_related("cover")


def access_gallery(user: Viewer | None, slug: str) -> Gallery:
    qs = Gallery.objects.select_related("cover").prefetch_related(
        Prefetch("items", queryset=GalleryItem.objects.select_related("photo"))
    )
    if not can_preview(user):
        qs = qs.filter(is_published=True, published_at__lte=timezone.now())
    gallery = qs.filter(slug=slug).first()
    if gallery is None:
        raise Http404("No such gallery")
    return gallery


# --- the header -------------------------------------------------------------------


@dataclass(frozen=True)
class NavLink:
    name: str
    url: str


def header_links() -> dict[str, Any]:
    """Sections for the navigation and the featured photo story, cached briefly."""
    cached = cache.get("news:header")
    if cached is not None:
        return {**cached, "follow": app_settings.FOLLOW_LINKS}
    sections = [
        NavLink(s.name, s.get_absolute_url())
        for s in Section.objects.filter(in_navigation=True)
    ]
    featured = (
        Gallery.objects.filter(is_published=True, published_at__lte=timezone.now())
        .order_by("-featured", "-published_at")
        .only("title", "slug")
        .first()
    )
    value = {
        "sections": sections,
        "photo_story": NavLink(featured.title, featured.get_absolute_url())
        if featured
        else None,
    }
    cache.set("news:header", value, app_settings.HEADER_CACHE_SECONDS)
    return {**value, "follow": app_settings.FOLLOW_LINKS}


# --- policies ---------------------------------------------------------------------


def current_privacy_policy() -> PrivacyPolicy | None:
    """The version in force now (accounts records which one a user accepted)."""
    return PrivacyPolicy.objects.filter(effective_at__lte=timezone.now()).first()


def access_privacy_policy(version: str) -> PrivacyPolicy:
    policy = PrivacyPolicy.objects.filter(
        version=version, effective_at__lte=timezone.now()
    ).first()
    if policy is None:
        raise Http404("No such privacy policy version")
    return policy


def privacy_policy_versions() -> Iterable[PrivacyPolicy]:
    return PrivacyPolicy.objects.filter(effective_at__lte=timezone.now()).only(
        "version", "effective_at"
    )


def community_rulebook() -> Any:
    """The rulebook the community standards page renders (rule .id, .wording, .outcome).

    The engine's default rulebook with the publisher's stored overrides layered on
    top: the same data the engine enforces, so the page and the verdicts agree.
    """
    from vestnik.moderation.rulebook_store import current_rulebook

    return current_rulebook()


def moderation_report_is_public() -> bool:
    """Whether the publisher publishes the moderation transparency summary."""
    from vestnik.moderation.rulebook_store import transparency_is_public

    return transparency_is_public()


def search_page(
    query: str, page: int, per_page: int
) -> tuple[int, list[tuple[Article, search.Hit]]]:
    """Total hits and this page's (article, hit) pairs, in rank order: three queries."""
    total = search.count(query)
    if not total:
        return 0, []
    hits = search.search(query, limit=per_page, offset=(page - 1) * per_page)
    articles = visible_articles().in_bulk([h.article_id for h in hits])
    return total, [
        (articles[h.article_id], h) for h in hits if h.article_id in articles
    ]
