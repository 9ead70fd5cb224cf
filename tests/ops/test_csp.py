"""Every page carries a Content-Security-Policy that loads nothing from other
hosts, and the API's documentation uses the bundled Swagger UI, not a CDN."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.community.factories import ArticleFactory
from vestnik.site.csp import POLICY


def _directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/robots.txt", "/accounts/login/", "/api/docs"])
def test_pages_carry_the_policy(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no inline or remote scripts
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_an_article_page_loads_only_from_its_own_origin(client: Client) -> None:
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    loaded = re.findall(r'<(?:script|img)[^>]+src="([^"]+)"', html) + re.findall(
        r'<link[^>]+rel="(?:stylesheet|icon|preload)"[^>]+href="([^"]+)"', html
    )
    assert loaded
    for src in loaded:
        assert not re.match(r"(?:https?:)?//", src), src
    assert not re.search(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)", html
    )


@pytest.mark.django_db
def test_swagger_is_served_from_our_static_files(client: Client) -> None:
    html = client.get("/api/docs").content.decode()
    assert "cdn.jsdelivr" not in html and "unpkg" not in html
    assert re.search(r'<script src="/static/ninja/swagger-ui-bundle[^"]*\.js"', html)


def test_a_view_with_its_own_policy_keeps_it() -> None:
    from django.http import HttpResponse

    from vestnik.site.csp import ContentSecurityPolicyMiddleware

    own = "frame-ancestors https://partner.example"

    def view(request: object) -> HttpResponse:
        response = HttpResponse("embed")
        response["Content-Security-Policy"] = own
        return response

    response = ContentSecurityPolicyMiddleware(view)(object())  # type: ignore[arg-type]
    assert response["Content-Security-Policy"] == own
    assert own != POLICY
