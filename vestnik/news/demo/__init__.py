"""Demo content for the newsroom: `load()` is registered in vestnik/commands/demo.py.

Idempotent: sections, tags, photos, articles, galleries and the privacy policy are
looked up by their slug (or file name, or version) and only created when missing;
an article an editor has changed is never overwritten.
"""

from __future__ import annotations

import random
import zlib
from datetime import timedelta
from typing import cast

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from vestnik.news import actions
from vestnik.news.demo import pictures
from vestnik.news.demo.articles import (
    ARTICLES,
    GALLERIES,
    PRIVACY_POLICY,
    SECTIONS,
    DemoArticle,
)
from vestnik.news.models import (
    Article,
    ArticleBlock,
    BlockKind,
    Gallery,
    GalleryItem,
    Photo,
    PrivacyPolicy,
    Section,
    Tag,
)

CORRECTIONS = {
    "marathon-record-falls": "An earlier version of this article gave the winning time as "
    "2 hours 12 minutes. It was 2 hours 21 minutes.",
}


def _seed(key: str) -> int:
    return zlib.crc32(key.encode())


def _photo(key: str, scene: str, caption: str, credit: str) -> Photo:
    path = f"photos/demo/{key}.jpg"
    existing = Photo.objects.filter(image=path).first()
    if existing is not None:
        return existing
    if not default_storage.exists(path):
        title = caption.strip('"“”') if scene in ("chart", "cartoon") else ""
        default_storage.save(path, ContentFile(pictures.draw(scene, _seed(key), title)))
    photo = Photo(image=path, caption=caption, credit=credit, alt_text=caption)
    return actions.save_photo(photo)


def _tag(name: str) -> Tag:
    tag, _ = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return tag


def _blocks(item: DemoArticle) -> tuple[list[actions.Block], list[tuple[int, str]]]:
    """The body as Blocks, plus (position, slug) of teasers to resolve later."""
    blocks: list[actions.Block] = []
    teasers: list[tuple[int, str]] = []
    for n, part in enumerate(item.body):
        if isinstance(part, str):
            blocks.append(actions.Block(BlockKind.PARAGRAPH, text=part))
            continue
        kind, *rest = cast(tuple[str, ...], part)
        if kind == "h":
            blocks.append(actions.Block(BlockKind.HEADING, text=rest[0]))
        elif kind == "quote":
            blocks.append(
                actions.Block(BlockKind.QUOTE, text=rest[0], attribution=rest[1])
            )
        elif kind == "photo":
            photo = _photo(f"{item.slug}-{n}", rest[0], rest[1], rest[2])
            blocks.append(actions.Block(BlockKind.PHOTO, photo=photo))
        elif kind == "teaser":
            teasers.append((len(blocks), rest[0]))
            blocks.append(actions.Block(BlockKind.TEASER))
    return blocks, teasers


@transaction.atomic
def load() -> None:
    now = timezone.now()
    rng = random.Random(2017)  # noqa: S311 - demo figures, not secrets
    sections = {}
    for position, (slug, name, description) in enumerate(SECTIONS):
        sections[slug], _ = Section.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position},
        )

    created: list[tuple[Article, DemoArticle, list[tuple[int, str]]]] = []
    for item in ARTICLES:
        if Article.objects.filter(slug=item.slug).exists():
            continue
        lead = (
            _photo(item.slug, item.scene, item.caption, item.credit)
            if item.scene
            else None
        )
        blocks, teasers = _blocks(item)
        publish_at = now - timedelta(hours=item.hours_ago)
        article = actions.create_article(
            headline=item.headline,
            slug=item.slug,
            section_id=sections[item.section].pk,
            standfirst=item.standfirst,
            blocks=blocks,
            tags=[_tag(name) for name in item.tags],
            lead_photo=lead,
            status=item.status,
            publish_at=publish_at,
            byline=item.byline,
            correction=CORRECTIONS.get(item.slug, ""),
        )
        created.append((article, item, teasers))

    by_slug = {
        a.slug: a for a in Article.objects.filter(slug__in=[i.slug for i in ARTICLES])
    }
    for article, item, teasers in created:
        positions = {pos: by_slug[slug] for pos, slug in teasers if slug in by_slug}
        for block in article.blocks.filter(kind=BlockKind.TEASER):
            target = positions.get(block.position)
            if target is not None:
                ArticleBlock.objects.filter(pk=block.pk).update(teaser=target)
        picks = [by_slug[s] for s in item.related if s in by_slug]
        if picks:
            actions.set_related_picks(article, picks)
        # Demo figures: readers, shares and an editor's later update.
        figures: dict[str, object] = {}
        if article.is_visible:
            figures["views"] = rng.randint(300, 25_000)
            figures["shares"] = rng.randint(0, 400)
        if item.updated_hours_later and article.publish_at:
            figures["updated_at"] = article.publish_at + timedelta(
                hours=item.updated_hours_later
            )
        if figures:
            Article.objects.filter(pk=article.pk).update(**figures)

    for slug, title, kind, description, featured, hours_ago, items in GALLERIES:
        if Gallery.objects.filter(slug=slug).exists():
            continue
        photos = [
            _photo(f"gallery-{slug}-{n}", scene, caption, credit)
            for n, (scene, caption, credit) in enumerate(items)
        ]
        gallery = Gallery.objects.create(
            slug=slug,
            title=title,
            kind=kind,
            description=description,
            cover=photos[0],
            is_published=True,
            featured=featured,
            published_at=now - timedelta(hours=hours_ago),
        )
        GalleryItem.objects.bulk_create(
            GalleryItem(gallery=gallery, photo=photo, position=n)
            for n, photo in enumerate(photos)
        )

    PrivacyPolicy.objects.get_or_create(
        version="1.0",
        defaults={"text": PRIVACY_POLICY, "effective_at": now - timedelta(days=30)},
    )
    print(  # noqa: T201
        f"news: {len(created)} new article(s); "
        f"{Article.objects.count()} articles, {Gallery.objects.count()} galleries in all."
    )
