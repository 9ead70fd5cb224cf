"""Factories for the newsroom's tests. Articles are created through news.actions,
so their body text and search index are what the site would really have."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from vestnik.news import actions
from vestnik.news.models import (
    Article,
    ArticleStatus,
    BlockKind,
    Gallery,
    GalleryItem,
    Photo,
    PrivacyPolicy,
    Section,
    Tag,
)


def image_file(
    name: str = "photo.jpg", size: tuple[int, int] = (1000, 562), fmt: str = "JPEG"
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, fmt)
    return SimpleUploadedFile(
        name, buffer.getvalue(), content_type=f"image/{fmt.lower()}"
    )


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.LazyFunction(image_file)
    caption = factory.Sequence(lambda n: f"Caption of photo {n}")
    credit = "Photo: Ministry of Examples"
    alt_text = factory.Sequence(lambda n: f"What photo {n} shows")

    @classmethod
    def _create(cls, model_class: type[Photo], *args: Any, **kwargs: Any) -> Photo:
        return actions.save_photo(model_class(*args, **kwargs))


def make_article(
    *,
    headline: str = "City council approves new budget for public libraries",
    slug: str | None = None,
    section: Section | None = None,
    standfirst: str = "The council voted to raise library funding by ten percent.",
    paragraphs: tuple[str, ...] = (
        "Libraries across the city will open longer on weekdays after the council vote.",
    ),
    blocks: list[actions.Block] | None = None,
    tags: tuple[Tag, ...] = (),
    lead_photo: Photo | None = None,
    status: str = ArticleStatus.PUBLISHED,
    publish_at: Any = None,
    hours_ago: float = 2,
    related: tuple[Article, ...] = (),
    correction: str = "",
) -> Article:
    """A published article (by default), made the way editors make them."""
    make_article.counter += 1  # type: ignore[attr-defined]
    n = make_article.counter  # type: ignore[attr-defined]
    if publish_at is None:
        publish_at = timezone.now() - timedelta(hours=hours_ago)
    body = (
        blocks
        if blocks is not None
        else [actions.Block(BlockKind.PARAGRAPH, text=p) for p in paragraphs]
    )
    return actions.create_article(
        headline=headline,
        slug=slug or f"article-{n}",
        section_id=(section or SectionFactory()).pk,
        standfirst=standfirst,
        blocks=body,
        tags=tags,
        lead_photo=lead_photo,
        status=status,
        publish_at=publish_at,
        related=related,
        correction=correction,
    )


make_article.counter = 0  # type: ignore[attr-defined]


class GalleryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gallery

    title = factory.Sequence(lambda n: f"Gallery {n}")
    slug = factory.Sequence(lambda n: f"gallery-{n}")
    is_published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class GalleryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GalleryItem

    gallery = factory.SubFactory(GalleryFactory)
    photo = factory.SubFactory(PhotoFactory)
    caption = factory.Sequence(lambda n: f"Gallery caption {n}")


class PrivacyPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrivacyPolicy

    version = factory.Sequence(lambda n: f"1.{n}")
    text = "## Who we are\n\nWe run this site."
    effective_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
