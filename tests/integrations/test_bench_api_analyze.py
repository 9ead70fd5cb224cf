"""bench/api_analyze.py still measures what it says: its request builders,
warm-up and load loop, run for a fraction of a second against the live test
server (the bench itself starts gunicorn on a fresh site; too slow here)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from bench import api_analyze
from vestnik.integrations import actions

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_target_answers_and_is_measured(live_server: Any) -> None:
    _, key = actions.create_client("bench", scopes=["analyze"], rate_limit=0)
    port = urlsplit(live_server.url).port
    assert port is not None
    texts = api_analyze._texts(limit=3)
    assert len(texts) == 3 and all(texts)
    measured = api_analyze.targets(key, texts, batch=3)
    assert [per for _, per in measured.values()] == [1, 1, 3]

    api_analyze.warm_up(port, measured, rounds=1)  # raises unless all 200
    for name, (request, per_request) in measured.items():
        figures = api_analyze._load(
            port, request, seconds=0.2, concurrency=1, per_request=per_request
        )
        assert figures["errors"] == 0, (name, figures)
        assert figures["requests"] >= 1
        assert figures["statuses"] == {"200": figures["requests"]}
        assert 0 < figures["p50_ms"] <= figures["p99_ms"]
        assert figures["comments_per_s"] >= figures["rps"]

    # A key the server refuses: the warm-up stops the bench, and the load
    # loop counts errors, never timings of error pages.
    refused = api_analyze.targets("vk_not-a-key", texts, batch=3)
    with pytest.raises(
        RuntimeError, match=r"warm-up /v1alpha1/comments:analyze answered 4\d\d"
    ):
        api_analyze.warm_up(port, refused, rounds=1)
    request, _ = refused["/api/v1/analyze, 1 comment"]
    figures = api_analyze._load(
        port, request, seconds=0.2, concurrency=1, per_request=1
    )
    assert figures["requests"] == 0 and figures["errors"] >= 1
    assert figures["statuses"] == {"401": figures["errors"]}
    assert figures["p50_ms"] is None
