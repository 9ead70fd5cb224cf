"""Redis stopped: pages are still served (cache misses), posting works, limits hold."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.community.factories import ArticleFactory, CommentFactory, UserFactory
from tests.community.posting import CLEAN
from vestnik.community.models import Comment

pytestmark = pytest.mark.django_db

DOWN = "redis://127.0.0.1:1/0"  # nothing listens there


@pytest.fixture
def redis_down(settings: Any) -> None:
    settings.REDIS_URL = DOWN
    settings.CACHES = {
        "default": {
            "BACKEND": "vestnik.site.cache.TolerantRedisCache",
            "LOCATION": DOWN,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_pages_are_served_without_redis(redis_down: None) -> None:
    article = ArticleFactory()
    CommentFactory(article=article, body="Still readable without the cache.")
    client = Client()
    for url in [
        "/",
        article.get_absolute_url(),
        reverse("community:thread", args=[article.pk]),
        f"/api/comments/?article={article.pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("community:thread", args=[article.pk]))
    assert "Still readable without the cache." in page.content.decode()
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert not ready.json()["checks"]["cache"]["ok"]


def test_posting_works_and_limits_hold_without_redis(
    redis_down: None, settings: Any
) -> None:
    settings.VESTNIK_COMMUNITY_POST_RATE_USER = (2, 60)
    article = ArticleFactory()
    client = Client()
    client.force_login(UserFactory())
    statuses = [
        client.post(
            reverse("community:post", args=[article.pk]),
            {"body": f"{CLEAN} ({n})", "token": str(uuid.uuid4())},
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]  # counted in the database meanwhile
    assert Comment.objects.filter(article=article).count() == 2
