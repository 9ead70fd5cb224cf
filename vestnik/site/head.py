"""HEAD answers wherever GET does, the API included (#14, item 7).

Django's own views already answer HEAD like GET (`View.head`, `require_safe`);
django-ninja routes by the exact method and answers 405. Listing HEAD on each
API operation would put a second operation, with the same id, into the OpenAPI
document, so the API's HEAD requests are run as GET here instead. The body is
dropped by the server (gunicorn, runserver and the test client all omit it for
HEAD), so the headers, Content-Length included, are exactly GET's.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

PREFIXES = ("/api/", "/v1alpha1/")


class HeadAsGetMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "HEAD" or not request.path.startswith(PREFIXES):
            return self.get_response(request)
        request.method = "GET"
        try:
            return self.get_response(request)
        finally:
            request.method = "HEAD"
