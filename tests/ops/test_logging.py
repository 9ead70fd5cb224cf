"""Structured logs: a request id on every request, response and log line."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.test import Client

from vestnik.site.requestid import JsonFormatter, RequestIdFilter


@pytest.fixture
def json_log() -> io.StringIO:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_each_response_carries_a_request_id(client: Client) -> None:
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second
    offered = "nginx-0123456789abcdef"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=offered)["X-Request-ID"] == offered
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nInjected: yes")
    assert forged["X-Request-ID"] != "bad id\nInjected: yes"
    assert len(forged["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_log_lines_are_json_with_the_request_id(
    client: Client, json_log: io.StringIO
) -> None:
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-1234567890")
    assert response.status_code == 404
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert lines, "django.request logs the 404"
    line = lines[-1]
    assert line["request_id"] == "req-1234567890"
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"
    assert "/no-such-page/" in line["message"]
    assert line["status_code"] == 404
