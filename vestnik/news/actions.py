"""Every write in the newsroom: articles, photos, picks, counters.

The admin, the demo loader, workers and tests all call these functions; each one
keeps the search index in step explicitly (no signals).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from vestnik.news import search
from vestnik.news.app_settings import app_settings
from vestnik.news.bots import is_bot
from vestnik.news.models import (
    Article,
    ArticleBlock,
    ArticleStatus,
    BlockKind,
    Photo,
    RelatedPick,
    Tag,
)
from vestnik.news.renditions import make_renditions

# Fields whose change after publication shows "Updated <time>" to readers.
CONTENT_FIELDS = ("headline", "standfirst", "lead_photo_id", "correction", "section_id")


def _content_changed() -> None:
    """Invalidate every cached newsroom choice (related lists, the header)."""
    from vestnik.news.queries import CONTENT_VERSION_KEY

    cache.add(CONTENT_VERSION_KEY, 0, timeout=None)
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 1, timeout=None)
    cache.delete("news:header")


# --- photos ---------------------------------------------------------------------


def save_photo(photo: Photo) -> Photo:
    """Save a photo and (re)build its responsive renditions."""
    photo.save()
    photo.image.open("rb")
    try:
        photo.renditions = make_renditions(photo.pk, photo.image.file)
    finally:
        photo.image.close()
    photo.save(update_fields=["renditions"])
    return photo


# --- articles -------------------------------------------------------------------


def _normalise_status(article: Article, now: datetime) -> None:
    """Released articles get a publish time; a future one makes them "scheduled"."""
    if article.status == ArticleStatus.DRAFT:
        return
    if article.publish_at is None:
        article.publish_at = now
    article.status = (
        ArticleStatus.SCHEDULED if article.publish_at > now else ArticleStatus.PUBLISHED
    )


def save_article(article: Article) -> Article:
    """Save an article's own fields (status, times, text), marking visible edits as updates.

    Blocks, tags and picks are saved separately; call `refresh_article` after them.
    """
    now = timezone.now()
    previous = Article.objects.filter(pk=article.pk).first() if article.pk else None
    _normalise_status(article, now)
    if previous is not None and previous.is_visible and article.is_visible:
        changed = any(
            getattr(previous, f) != getattr(article, f) for f in CONTENT_FIELDS
        )
        if changed:
            article.updated_at = now
    article.save()
    _content_changed()
    return article


def refresh_article(article: Article) -> Article:
    """Rebuild the body's plain text from its blocks and re-index the article.

    Call after the blocks or tags change (the admin's `save_related` does).
    """
    blocks = list(article.blocks.all())
    body_text = "\n\n".join(
        block.text.strip()
        for block in blocks
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.QUOTE)
        and block.text
    )
    if body_text != article.body_text:
        if article.is_visible and article.body_text:
            article.updated_at = timezone.now()
        article.body_text = body_text
        article.save(update_fields=["body_text", "updated_at"])
    tag_names = list(article.tags.values_list("name", flat=True))
    search.index_article(article, tag_names, body_text)
    _content_changed()
    return article


@dataclass(frozen=True)
class Block:
    """A body block for `create_article`: what the admin inline edits, as data."""

    kind: str
    text: str = ""
    photo: Photo | None = None
    teaser: Article | None = None
    attribution: str = ""
    source_url: str = ""


@transaction.atomic
def create_article(
    *,
    headline: str,
    slug: str,
    section_id: int,
    standfirst: str,
    blocks: Sequence[Block] = (),
    tags: Iterable[Tag] = (),
    lead_photo: Photo | None = None,
    status: str = ArticleStatus.DRAFT,
    publish_at: datetime | None = None,
    byline: str = "",
    correction: str = "",
    related: Sequence[Article] = (),
) -> Article:
    article = Article(
        headline=headline,
        slug=slug,
        section_id=section_id,
        standfirst=standfirst,
        lead_photo=lead_photo,
        status=status,
        publish_at=publish_at,
        byline=byline,
        correction=correction,
    )
    save_article(article)
    ArticleBlock.objects.bulk_create(
        ArticleBlock(
            article=article,
            position=i,
            kind=b.kind,
            text=b.text,
            photo=b.photo,
            teaser=b.teaser,
            attribution=b.attribution,
            source_url=b.source_url,
        )
        for i, b in enumerate(blocks)
    )
    article.tags.set(list(tags))
    if related:
        set_related_picks(article, related)
    return refresh_article(article)


def publish_article(article: Article, at: datetime | None = None) -> Article:
    """Publish now, or at `at` (then it is scheduled and publishes itself)."""
    article.status = ArticleStatus.PUBLISHED
    article.publish_at = at or article.publish_at or timezone.now()
    if at is None and article.publish_at > timezone.now():
        article.publish_at = timezone.now()
    return save_article(article)


def schedule_article(article: Article, at: datetime) -> Article:
    article.status = ArticleStatus.SCHEDULED
    article.publish_at = at
    return save_article(article)


def unpublish_article(article: Article) -> Article:
    """Back to draft: gone from every public page, feed, search and short URL."""
    article.status = ArticleStatus.DRAFT
    article.save(update_fields=["status"])
    _content_changed()
    return article


def correct_article(article: Article, note: str) -> Article:
    article.correction = note.strip()
    return save_article(article)


def set_related_picks(article: Article, related: Sequence[Article]) -> None:
    RelatedPick.objects.filter(article=article).delete()
    RelatedPick.objects.bulk_create(
        RelatedPick(article=article, related=other, position=i)
        for i, other in enumerate(related)
        if other.pk != article.pk
    )
    _content_changed()


def delete_article(article: Article) -> None:
    article_id = article.pk
    with transaction.atomic():
        article.delete()
        search.unindex_article(article_id)
    _content_changed()


# --- counters -------------------------------------------------------------------
# A page view must not write to the database: it increments a cache counter, and
# `flush_counters` (Celery beat, `vestnik flush-views`, or at most once a
# VIEW_FLUSH_SECONDS per process from the request path) moves the totals into
# the article rows. Flushing subtracts exactly what it read, so increments that
# race with a flush are kept for the next one. To find what to flush without a
# key scan, every view also marks its block of CHUNK article ids as touched.

COUNTERS = ("views", "shares")
CHUNK = 256


def _counter_key(kind: str, article_id: int) -> str:
    return f"news:{kind}:{article_id}"


def _chunk_key(kind: str, chunk: int) -> str:
    return f"news:{kind}:chunk:{chunk}"


def _bump(kind: str, article_id: int) -> None:
    key = _counter_key(kind, article_id)
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=None)
    cache.set(_chunk_key(kind, article_id // CHUNK), 1, timeout=None)


def record_view(article: Article, user_agent: str | None) -> bool:
    """Count one reader's view of a visible article; bots are never counted."""
    if is_bot(user_agent) or not article.is_visible:
        return False
    maybe_flush_counters()  # first, so that this reader's count shows on this page
    _bump("views", article.pk)
    return True


def record_share(article: Article, user_agent: str | None) -> bool:
    if is_bot(user_agent) or not article.is_visible:
        return False
    maybe_flush_counters()  # first, so that this reader's count shows on this page
    _bump("shares", article.pk)
    return True


def maybe_flush_counters() -> int:
    """Flush at most once per VIEW_FLUSH_SECONDS (per cache: per process on locmem).

    Without Redis there is no Celery beat and each gunicorn worker has its own
    local-memory cache, so the request path has to flush now and then itself.
    """
    if cache.add("news:counters:flushed", 1, timeout=app_settings.VIEW_FLUSH_SECONDS):
        return flush_counters()
    return 0


def flush_counters() -> int:
    """Move buffered view and share counts into the database; returns views+shares moved."""
    max_id = Article.objects.aggregate(top=Max("id"))["top"] or 0
    moved = 0
    for kind in COUNTERS:
        chunk_keys = [_chunk_key(kind, c) for c in range(max_id // CHUNK + 1)]
        touched = [int(k.rsplit(":", 1)[1]) for k in cache.get_many(chunk_keys)]
        if not touched:
            continue
        # Unmark first: a view that lands after this re-marks its chunk.
        cache.delete_many([_chunk_key(kind, c) for c in touched])
        keys = [
            _counter_key(kind, i)
            for c in touched
            for i in range(c * CHUNK, (c + 1) * CHUNK)
        ]
        for key, value in cache.get_many(keys).items():
            amount = int(value or 0)
            if amount <= 0:
                continue
            article_id = int(key.rsplit(":", 1)[1])
            Article.objects.filter(pk=article_id).update(**{kind: F(kind) + amount})
            with contextlib.suppress(ValueError):  # evicted: nothing left to subtract
                cache.decr(key, amount)
            moved += amount
    return moved


def pending_count(kind: str, article_id: int) -> int:
    """Counts not yet flushed, so that a reader sees their own view at once."""
    return int(cache.get(_counter_key(kind, article_id)) or 0)


EXTERNAL_SECTION_SLUG = "external"


@transaction.atomic
def get_or_create_external_story(*, url: str, title: str) -> tuple[Article, bool]:
    """The external story for `url` (a page on another site that embeds our
    discussion), created on first use with `title` as its headline.

    The caller has checked that `url` belongs to an allowed embedding origin;
    `title` is the embedding page's word and is shown escaped, like any text.
    The story has no page here and stays out of lists, feeds and the sitemap
    (models.visible_q); it exists so that comments have an article to belong to.
    """
    from hashlib import sha256

    from vestnik.news.models import Section

    existing = Article.objects.filter(external_url=url).first()
    if existing is not None:
        return existing, False
    section, _ = Section.objects.get_or_create(
        slug=EXTERNAL_SECTION_SLUG,
        defaults={"name": "External stories", "in_navigation": False},
    )
    headline = " ".join(title.split())[:200] or url[:200]
    article = Article(
        headline=headline,
        slug=f"ext-{sha256(url.encode()).hexdigest()[:24]}",
        section=section,
        standfirst="",
        status=ArticleStatus.PUBLISHED,
        publish_at=timezone.now(),
        external_url=url,
    )
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:  # a concurrent first post created it
        return Article.objects.get(external_url=url), False
    return article, True
