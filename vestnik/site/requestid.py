"""A request id on every request, every log line and every response.

The id comes from the proxy's `X-Request-ID` when it is a plain token (nginx:
`proxy_set_header X-Request-ID $request_id;`), else a new one. It is kept in a
context variable, so log lines written anywhere while the request runs carry it,
and returned in the response's `X-Request-ID` for a reader's bug report.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

_current: contextvars.ContextVar[str] = contextvars.ContextVar(
    "vestnik_request_id", default=""
)
_TOKEN = re.compile(r"[A-Za-z0-9._-]{8,64}")
HEADER = "X-Request-ID"


def current_request_id() -> str:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(HEADER, "")
        request_id = offered if _TOKEN.fullmatch(offered) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            # django.request logs 4xx/5xx after the middleware has returned, but
            # passes the request along.
            request = getattr(record, "request", None)
            record.request_id = (
                getattr(request, "request_id", "") or current_request_id()
            )
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras."""

    _STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "request_id"}

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or current_request_id(),
        }
        for key, value in vars(record).items():
            if key not in self._STANDARD and not key.startswith("_"):
                data[key] = (
                    value if isinstance(value, (str, int, float, bool)) else str(value)
                )
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)
