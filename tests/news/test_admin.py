"""Editors work in the Django admin: articles with body blocks and picks, photos,
tags, sections, galleries and privacy policy versions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.news.factories import PhotoFactory, TagFactory, image_file, make_article
from vestnik.news.models import Article, ArticleStatus, Photo


@pytest.fixture
def editor_client(client: Client, django_user_model: Any) -> Client:
    editor = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="pw-editor-123"
    )
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    "model", ["article", "photo", "tag", "section", "gallery", "privacypolicy"]
)
def test_admin_lists_and_add_forms(
    editor_client: Client, rich_article: Article, model: str
) -> None:
    assert editor_client.get(f"/admin/news/{model}/").status_code == 200
    assert editor_client.get(f"/admin/news/{model}/add/").status_code == 200


def test_article_change_form(editor_client: Client, rich_article: Article) -> None:
    response = editor_client.get(f"/admin/news/article/{rich_article.pk}/change/")
    assert response.status_code == 200
    assert b"Body: paragraphs, subheadings, inline photos" in response.content
    assert rich_article.short_code.encode() in response.content


def _article_form(
    politics: Any,
    photo: Photo,
    tag: Any,
    picked: Article,
    *,
    status: str,
    publish_at: Any,
) -> dict[str, Any]:
    local = timezone.localtime(publish_at)
    return {
        "headline": "Admin-made article about tramways",
        "slug": "admin-made",
        "section": politics.pk,
        "byline": "Desk",
        "standfirst": "A standfirst written in the admin.",
        "lead_photo": photo.pk,
        "tags": [tag.pk],
        "status": status,
        "publish_at_0": local.strftime("%Y-%m-%d"),
        "publish_at_1": local.strftime("%H:%M:%S"),
        "correction": "",
        "comments_open": "on",
        "language": "en",
        "blocks-TOTAL_FORMS": "3",
        "blocks-INITIAL_FORMS": "0",
        "blocks-MIN_NUM_FORMS": "0",
        "blocks-MAX_NUM_FORMS": "1000",
        "blocks-0-position": "0",
        "blocks-0-kind": "paragraph",
        "blocks-0-text": "Tramways return to the old town.",
        "blocks-1-position": "1",
        "blocks-1-kind": "quote",
        "blocks-1-text": "We missed the trams.",
        "blocks-1-attribution": "A resident",
        "blocks-2-position": "2",
        "blocks-2-kind": "photo",
        "blocks-2-photo": photo.pk,
        "related_picks-TOTAL_FORMS": "1",
        "related_picks-INITIAL_FORMS": "0",
        "related_picks-MIN_NUM_FORMS": "0",
        "related_picks-MAX_NUM_FORMS": "1000",
        "related_picks-0-related": picked.pk,
        "related_picks-0-position": "0",
    }


def test_editor_creates_a_published_article(
    editor_client: Client, politics: Any, photo: Photo, picked: Article
) -> None:
    tag = TagFactory(name="Trams", slug="trams")
    data = _article_form(
        politics,
        photo,
        tag,
        picked,
        status="published",
        publish_at=timezone.now() - timedelta(minutes=5),
    )
    response = editor_client.post("/admin/news/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="admin-made")
    assert article.status == ArticleStatus.PUBLISHED
    assert (
        article.body_text == "Tramways return to the old town.\n\nWe missed the trams."
    )
    assert article.author is not None
    reader = Client()
    page = reader.get("/news/admin-made/").content.decode()
    assert (
        "We missed the trams." in page
        and "What the budget means for pensioners" in page
    )
    assert b"/news/admin-made/" in reader.get("/search/?q=tramways").content


def test_editor_schedules_an_article(
    editor_client: Client, politics: Any, photo: Photo, picked: Article
) -> None:
    tag = TagFactory(name="Trams", slug="trams")
    data = _article_form(
        politics,
        photo,
        tag,
        picked,
        status="published",
        publish_at=timezone.now() + timedelta(days=1),
    )
    assert editor_client.post("/admin/news/article/add/", data).status_code == 302
    article = Article.objects.get(slug="admin-made")
    assert article.status == ArticleStatus.SCHEDULED
    assert Client().get("/news/admin-made/").status_code == 404
    assert editor_client.get("/news/admin-made/").status_code == 200  # preview


def test_editing_a_published_article_marks_it_updated(
    editor_client: Client, politics: Any
) -> None:
    article = make_article(slug="to-edit", section=politics, hours_ago=3)
    assert article.updated_at is None
    article.correction = "The vote count was 241, not 214."
    from vestnik.news import actions

    actions.save_article(article)
    article.refresh_from_db()
    assert article.updated_at is not None and article.was_updated
    page = Client().get("/news/to-edit/").content.decode()
    assert "(Updated <time" in page and "The vote count was 241, not 214." in page


def test_publish_and_unpublish_actions(editor_client: Client, draft: Article) -> None:
    response = editor_client.post(
        "/admin/news/article/",
        {"action": "publish_now", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.PUBLISHED and draft.is_visible
    assert Client().get("/news/secret-draft/").status_code == 200
    editor_client.post(
        "/admin/news/article/",
        {"action": "back_to_draft", "_selected_action": [draft.pk]},
    )
    assert Client().get("/news/secret-draft/").status_code == 404


def test_deleting_an_article_removes_it_from_search(
    editor_client: Client, politics: Any
) -> None:
    article = make_article(
        slug="doomed", headline="Doomed xylophone article", section=politics
    )
    assert b"/news/doomed/" in Client().get("/search/?q=xylophone").content
    editor_client.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()
    assert b"/news/doomed/" not in Client().get("/search/?q=xylophone").content


def test_photo_upload_makes_renditions(editor_client: Client, db: Any) -> None:
    response = editor_client.post(
        "/admin/news/photo/add/",
        {
            "image": image_file("upload.png", (1400, 700), "PNG"),
            "caption": "A caption",
            "credit": "Photo: Agency",
            "alt_text": "A blue rectangle",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (1400, 700)
    assert sorted(photo.renditions, key=int) == ["320", "640", "960", "1280"]
    from django.core.files.storage import default_storage

    assert all(default_storage.exists(path) for path in photo.renditions.values())


def test_upload_that_is_not_an_image_is_refused(editor_client: Client, db: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    bogus = SimpleUploadedFile(
        "evil.jpg", b"<?php echo 1; ?>", content_type="image/jpeg"
    )
    response = editor_client.post(
        "/admin/news/photo/add/", {"image": bogus, "alt_text": "x"}
    )
    assert response.status_code == 200
    assert not Photo.objects.exists()


def test_small_photo_keeps_its_own_width(db: Any) -> None:
    photo = PhotoFactory(image=image_file("small.jpg", (500, 300)))
    assert sorted(photo.renditions, key=int) == ["320", "500"]


def test_non_staff_cannot_reach_the_admin(
    client: Client, django_user_model: Any
) -> None:
    reader = django_user_model.objects.create_user(
        username="reader", email="reader@example.org", password="pw-reader-123"
    )
    client.force_login(reader)
    assert client.get("/admin/news/article/").status_code == 302
