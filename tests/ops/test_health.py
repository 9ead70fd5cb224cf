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


def _damaged_weights(tmp_path: Path, damage: str) -> Path:
    from vestnik.engine.encoder import SHIPPED_TASK_MODEL

    weights = tmp_path / "abuse.safetensors"
    if damage == "garbage":
        weights.write_bytes(b"not a model")
    elif damage == "truncated":  # a copy cut off by a full disk
        weights.write_bytes(SHIPPED_TASK_MODEL.read_bytes()[:4096])
    return weights


@pytest.mark.django_db
@pytest.mark.parametrize("damage", ["missing", "truncated"])
def test_the_operator_may_publish_on_heuristics_alone(
    client: Client,
    monkeypatch: pytest.MonkeyPatch,
    settings: Any,
    tmp_path: Path,
    damage: str,
) -> None:
    from tests.community.posting import CAPS, MALWARE

    settings.VESTNIK_MODERATION_ON_ENGINE_ERROR = "heuristics"
    monkeypatch.setenv("VESTNIK_TASK_MODEL", str(_damaged_weights(tmp_path, damage)))

    engine = client.get("/readyz").json()["checks"]["engine"]
    assert not engine["ok"]
    assert "published on the heuristics that still run" in engine["detail"]

    article = ArticleFactory()
    reader = Client()
    reader.force_login(UserFactory())
    for body in [CLEAN, CAPS, MALWARE]:
        reader.post(
            reverse("community:post", args=[article.pk]),
            {"body": body, "token": str(uuid.uuid4())},
        )
    status = dict(Comment.objects.values_list("body", "status"))
    assert status == {CLEAN: "published", CAPS: "held", MALWARE: "rejected"}
    # The audit trail still says which check could not run.
    clean = Comment.objects.get(body=CLEAN)
    assert clean.verdict["engine_errors"]
    assert clean.verdict["reasons"] == "Your comment meets the community standards."


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_readiness_comes_back_when_the_model_file_is_fixed(
    client: Client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("VESTNIK_TASK_MODEL", str(_damaged_weights(tmp_path, "garbage")))
    assert client.get("/readyz").status_code == 503
    monkeypatch.delenv("VESTNIK_TASK_MODEL")
    reset_engine_probe()  # the probe's result is kept for ENGINE_PROBE_SECONDS
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.content


def test_a_misspelt_policy_fails_the_deploy_check(settings: Any) -> None:
    from vestnik.moderation.checks import check_engine_error_policy

    settings.VESTNIK_MODERATION_ON_ENGINE_ERROR = "publish"
    [error] = check_engine_error_policy()
    assert error.id == "vestnik.moderation.E001"
    assert "hold, heuristics" in error.msg
