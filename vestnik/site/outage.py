"""A database that stops answering gives a clear 503 with a retry hint, not a 500.

PostgreSQL restarting, failing over or refusing connections surfaces in Django as
`OperationalError` / `InterfaceError`. The reader gets "try again in a few
seconds" (HTML, or JSON for the API) with `Retry-After`; nothing is half-written,
because every write that matters runs in one transaction that the error rolls
back (`post_comment` stores the comment and its decision atomically, after the
engine has judged it outside the transaction; #14). Recovery needs nothing:
Django drops a connection that saw an error at the end of the request, and
`CONN_HEALTH_CHECKS` tests a reused connection before the next request uses it.

Two hooks, because Django turns an exception into a response where it is raised:
`process_exception` catches what views raise; `server_error` (the `handler500`)
catches what middleware raises (a session or user lookup) and otherwise renders
the ordinary 500 page.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as default_server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
DATABASE_ERRORS = (OperationalError, InterfaceError)
MESSAGE = "The site is briefly unavailable. Nothing was saved; please try again in a few seconds."
_JSON_PREFIXES = ("/api/", "/v1alpha1/", "/integrations/")


def wants_json(request: HttpRequest) -> bool:
    if request.path.startswith(_JSON_PREFIXES):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 page or JSON body. Renders without the database or a request
    context: the context processors and the logged-in user would need it."""
    response: HttpResponse
    if wants_json(request):
        response = JsonResponse(
            {
                "detail": MESSAGE,
                "code": "service_unavailable",
                "retry_after": RETRY_AFTER_SECONDS,
            },
            status=503,
        )
    else:
        response = HttpResponse(
            render_to_string(
                "503.html",
                {"message": MESSAGE, "retry_after": RETRY_AFTER_SECONDS},
            ),
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.warning(
            "database unavailable, answered 503: %s %s: %s",
            request.method,
            request.path,
            str(exception).strip()[:200],
        )
        return unavailable_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """`handler500`: a database error raised outside a view is still a 503."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return unavailable_response(request)
    return default_server_error(request)
