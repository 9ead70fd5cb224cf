"""/metrics: request metrics, engine verdicts and latencies, cache hits, queue sizes."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from prometheus_client import REGISTRY

from tests.community.factories import ArticleFactory, UserFactory
from tests.community.posting import CLEAN

pytestmark = pytest.mark.django_db


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_metrics_count_verdicts_detector_time_and_cache_hits() -> None:
    article = ArticleFactory()
    published = _value("vestnik_engine_verdicts_total", action="publish")
    timed = _value("vestnik_engine_detector_seconds_count", detector="shouting")
    hits = _value("vestnik_thread_cache_requests_total", result="hit")
    misses = _value("vestnik_thread_cache_requests_total", result="miss")

    reader = Client()
    reader.force_login(UserFactory())
    reader.post(
        reverse("community:post", args=[article.pk]),
        {"body": CLEAN, "token": str(uuid.uuid4())},
    )
    thread = reverse("community:thread", args=[article.pk])
    Client().get(thread)
    Client().get(thread)

    assert _value("vestnik_engine_verdicts_total", action="publish") == published + 1
    assert (
        _value("vestnik_engine_detector_seconds_count", detector="shouting")
        == timed + 1
    )
    assert _value("vestnik_thread_cache_requests_total", result="miss") == misses + 1
    assert _value("vestnik_thread_cache_requests_total", result="hit") == hits + 1

    page = Client().get("/metrics")
    assert page.status_code == 200
    text = page.content.decode()
    assert "django_http_requests_total_by_method_total" in text
    assert 'vestnik_engine_verdicts_total{action="publish"}' in text
    assert 'vestnik_moderation_queue_size{queue="held"}' in text


def test_metrics_are_not_public() -> None:
    assert Client(REMOTE_ADDR="203.0.113.9").get("/metrics").status_code == 404
