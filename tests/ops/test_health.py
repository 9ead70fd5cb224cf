"""/healthz and /readyz: the process, and what a request needs."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.community.factories import ArticleFactory, UserFactory
from tests.community.posting import CLEAN
from vestnik.community.models import Comment
from vestnik.site.health import reset_engine_probe


@pytest.fixture(autouse=True)
def _fresh_probe() -> Iterator[None]:
    reset_engine_probe()
    yield
    reset_engine_probe()


def test_healthz_touches_nothing(client: Client) -> None:
    # No django_db mark: any database access would fail this test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert "no-cache" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_readyz_when_everything_is_up(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ready"
    assert set(body["checks"]) == {
        "database",
        "replica",  # the test settings' mirror of the database
        "migrations",
        "cache",
        "broker",
        "engine",
    }
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_readyz_says_the_cache_is_down(client: Client, settings: Any) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    cache_check = response.json()["checks"]["cache"]
    assert not cache_check["ok"]
    assert "Connection" in cache_check["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_a_broken_model_file_holds_comments_and_is_not_ready(
    client: Client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: str
) -> None:
    weights = tmp_path / "abuse.safetensors"
    if damage == "garbage":
        weights.write_bytes(b"not a model")
    monkeypatch.setenv("VESTNIK_TASK_MODEL", str(weights))

    response = client.get("/readyz")
    assert response.status_code == 503
    engine = response.json()["checks"]["engine"]
    assert not engine["ok"]
    assert "comments are held" in engine["detail"]

    article = ArticleFactory()
    reader = Client()
    reader.force_login(UserFactory())
    posted = reader.post(
        reverse("community:post", args=[article.pk]),
        {"body": CLEAN, "token": str(uuid.uuid4())},
    )
    assert posted.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == "held"
    assert "could not be completed" in comment.verdict["reasons"]
