"""Prometheus metrics: requests (django-prometheus) plus the engine and the caches.

- `vestnik_engine_verdicts_total{action}` and
  `vestnik_engine_rules_fired_total{rule,action}`: every stored verdict;
- `vestnik_engine_detector_seconds{detector}`: each detector's time per comment
  (the verdict's own timings), and `vestnik_engine_seconds` for the whole engine;
- `vestnik_thread_cache_requests_total{result}`: anonymous thread fragments,
  API pages and stored pages served from the cache (`hit`) or rendered (`miss`);
- `vestnik_moderation_queue_size{queue}`: the console's queues, read at scrape.

With several gunicorn workers set PROMETHEUS_MULTIPROC_DIR (an empty folder,
cleared at each start) so that the scrape adds up every process. `/metrics`
answers only the addresses in VESTNIK_METRICS_ALLOWED (default: loopback);
everyone else gets a 404.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from vestnik.site.clientip import client_ip

VERDICTS = Counter(
    "vestnik_engine_verdicts_total", "Stored engine verdicts by action", ["action"]
)
RULES_FIRED = Counter(
    "vestnik_engine_rules_fired_total",
    "Rules that fired in stored verdicts, by rule and the verdict's action",
    ["rule", "action"],
)
_LATENCY_BUCKETS = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
)
DETECTOR_SECONDS = Histogram(
    "vestnik_engine_detector_seconds",
    "Time one detector spent on one comment",
    ["detector"],
    buckets=_LATENCY_BUCKETS,
)
ENGINE_SECONDS = Histogram(
    "vestnik_engine_seconds",
    "The whole engine on one comment",
    buckets=_LATENCY_BUCKETS,
)
THREAD_CACHE = Counter(
    "vestnik_thread_cache_requests_total",
    "Anonymous thread fragments and API pages: from the cache or rendered",
    ["result"],
)


def observe_verdict(verdict: Any) -> None:
    action = verdict.action.value
    VERDICTS.labels(action).inc()
    for result in verdict.fired:
        RULES_FIRED.labels(result.rule, action).inc()
    for name, ms in verdict.timings_ms.items():
        if name == "total":
            ENGINE_SECONDS.observe(ms / 1000.0)
        else:
            DETECTOR_SECONDS.labels(name).observe(ms / 1000.0)


def observe_cache(hit: bool) -> None:
    THREAD_CACHE.labels("hit" if hit else "miss").inc()


class QueueCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        from vestnik.moderation.queues import queue_counts

        family = GaugeMetricFamily(
            "vestnik_moderation_queue_size",
            "Comments waiting per queue",
            labels=["queue"],
        )
        for queue, size in queue_counts().items():
            family.add_metric([queue], size)
        yield family


def _allowed(request: HttpRequest) -> bool:
    entries = getattr(settings, "VESTNIK_METRICS_ALLOWED", ["127.0.0.1/8", "::1/128"])
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(e, strict=False) for e in entries)


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = REGISTRY
    queues = CollectorRegistry()
    queues.register(QueueCollector())
    body = generate_latest(registry) + generate_latest(queues)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
