"""A Content-Security-Policy on every response that sets none of its own.

The site loads nothing from other hosts: scripts, styles, images and fonts come
from its own static files (the API's Swagger UI too: `ninja` is an installed app,
so django-ninja serves its bundled copy instead of a CDN's). Inline scripts are
refused; inline styles are allowed because HTMX, the ALTCHA widget and Swagger
UI set style attributes. ALTCHA solves its proof of work in a Web Worker made
from a blob. A view that must differ (an embeddable page that other sites may
frame) sets its own header, which is kept as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
    )
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = POLICY
        return response
