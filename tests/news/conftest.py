from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.news.factories import (
    GalleryItemFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
    make_article,
)
from vestnik.news import actions
from vestnik.news.models import Article, ArticleStatus, BlockKind

# 14:52 in Moscow (GMT+3) on 10 March 2017: the example in the spec.
PUBLISHED = datetime(2017, 3, 10, 11, 52, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _site_time_zone(settings: Any) -> None:
    settings.TIME_ZONE = "Europe/Moscow"
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def politics(db: Any) -> Any:
    return SectionFactory(slug="politics", name="Politics")


@pytest.fixture
def photo(db: Any) -> Any:
    return PhotoFactory(
        caption="Deputies leave the chamber", credit="Photo: Ministry of X"
    )


@pytest.fixture
def teased(politics: Any) -> Article:
    return make_article(
        headline="Opposition calls for an early election",
        slug="early-election",
        section=politics,
        hours_ago=30,
    )


@pytest.fixture
def picked(politics: Any) -> Article:
    return make_article(
        headline="What the budget means for pensioners",
        slug="budget-pensioners",
        section=politics,
        hours_ago=40,
    )


@pytest.fixture
def rich_article(
    politics: Any, photo: Any, teased: Article, picked: Article
) -> Article:
    """An article with every element the spec lists for the article page."""
    inline = PhotoFactory(
        caption="The vote count on the board", credit="REUTERS/ Anna Example"
    )
    article = make_article(
        headline="Parliament passes the budget after an all-night session",
        slug="budget-passes",
        section=politics,
        standfirst="Deputies approved the budget by 241 votes to 187 shortly before dawn.",
        lead_photo=photo,
        publish_at=PUBLISHED,
        tags=(
            TagFactory(name="Budget", slug="budget"),
            TagFactory(name="Parliament", slug="parliament"),
        ),
        blocks=[
            actions.Block(
                BlockKind.PARAGRAPH,
                text="The vote closed a debate that ran for twenty hours.",
            ),
            actions.Block(BlockKind.PHOTO, photo=inline),
            actions.Block(
                BlockKind.PARAGRAPH,
                text="The opposition tabled three hundred amendments.",
            ),
            actions.Block(BlockKind.TEASER, teaser=teased),
            actions.Block(
                BlockKind.QUOTE,
                text="This is a budget for everyone.",
                attribution="Prime Minister Elena Varga",
            ),
            actions.Block(
                BlockKind.PARAGRAPH, text="The budget now goes to the upper chamber."
            ),
        ],
        related=(picked,),
    )
    Article.objects.filter(pk=article.pk).update(
        updated_at=PUBLISHED + timedelta(hours=2, minutes=8),
        views=41,
        shares=7,
        comments_count=3,
    )
    article.refresh_from_db()
    return article


@pytest.fixture
def draft(politics: Any) -> Article:
    return make_article(
        headline="Secret draft about the zeppelin reform",
        slug="secret-draft",
        section=politics,
        standfirst="Zeppelin draft standfirst.",
        paragraphs=("Unpublished zeppelin paragraph.",),
        status=ArticleStatus.DRAFT,
        tags=(TagFactory(name="Budget", slug="budget"),),
    )


@pytest.fixture
def scheduled(politics: Any) -> Article:
    return make_article(
        headline="Scheduled story about the zeppelin fleet",
        slug="scheduled-story",
        section=politics,
        standfirst="Zeppelin scheduled standfirst.",
        paragraphs=("Future zeppelin paragraph.",),
        status=ArticleStatus.PUBLISHED,
        publish_at=timezone.now() + timedelta(days=2),
        tags=(TagFactory(name="Budget", slug="budget"),),
    )


@pytest.fixture
def photo_story(db: Any) -> Any:
    item = GalleryItemFactory(
        gallery__title="This Week in Pictures",
        gallery__slug="this-week",
        gallery__featured=True,
    )
    return item.gallery


@pytest.fixture
def no_discussion(settings: Any, tmp_path: Path) -> None:
    """Replace the community's discussion include with an empty template, so query
    counts pinned here measure the newsroom alone (the community pins its own)."""
    folder = tmp_path / "templates" / "community"
    folder.mkdir(parents=True)
    (folder / "_discussion.html").write_text("<p>discussion placeholder</p>")
    templates = [dict(t) for t in settings.TEMPLATES]
    templates[0]["DIRS"] = [tmp_path / "templates", *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
