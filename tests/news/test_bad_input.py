"""Bad input gets 404 or 400, never 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from vestnik.news.models import Article


@pytest.fixture
def site(politics: Any) -> Article:
    from tests.news.factories import GalleryFactory, TagFactory, make_article

    GalleryFactory(slug="week")
    return make_article(
        slug="budget-passes",
        section=politics,
        tags=(TagFactory(name="Budget", slug="budget"),),
    )


UNKNOWN = [
    "/news/no-such-article/",
    "/news/%E2%80%94/",
    "/section/no-such-section/",
    "/section/no-such-section/rss/",
    "/section/no-such-section/atom/",
    "/tag/no-such-tag/",
    "/tag/no-such-tag/rss/",
    "/tag/no-such-tag/atom/",
    "/multimedia/no-such-gallery/",
    "/multimedia/?kind=poetry",
    "/privacy/99.9/",
    "/news/budget-passes/extra/",
]


def test_unknown_things_are_404(client: Client, site: Article) -> None:
    for url in UNKNOWN:
        assert client.get(url).status_code == 404, url


BAD_CODES = [
    "x",
    "abc",
    "AAAAAAAA",
    "0000000O",
    "aaaaaaaaa",
    "%00%00",
    "'%20OR%201=1",
    "ab%2Fcd",
    "a" * 64,
    "ééééééé",
]


def test_malformed_or_unknown_short_codes_are_404(
    client: Client, site: Article
) -> None:
    for code in [*BAD_CODES, site.short_code.swapcase(), site.short_code[:-1]]:
        assert client.get(f"/s/{code}").status_code == 404, code
        assert client.get(f"/s/{code}/share/x/").status_code == 404, code


def test_unknown_share_network_is_404(client: Client, site: Article) -> None:
    assert client.get(f"/s/{site.short_code}/share/myspace/").status_code == 404


BAD_PAGES = [
    "0",
    "-1",
    "abc",
    "1.5",
    "999",
    "99999999999999999999",
    "",
    "%00",
    "１",
    "2%20",
]


@pytest.mark.parametrize(
    "base",
    [
        "/live/",
        "/section/politics/",
        "/tag/budget/",
        "/multimedia/",
        "/search/?q=budget&",
    ],
)
def test_bad_page_numbers_are_404(client: Client, site: Article, base: str) -> None:
    sep = "" if base.endswith("&") else "?"
    for page in BAD_PAGES:
        assert client.get(f"{base}{sep}page={page}").status_code == 404, page
    assert client.get(f"{base}{sep}page=1").status_code == 200


def test_huge_search_query_is_400(client: Client, site: Article) -> None:
    response = client.get("/search/", {"q": "budget " * 5000})
    assert response.status_code == 400
    assert b"too long" in response.content


MALICIOUS = [
    '"',
    '"""',
    "budget*",
    "*",
    "NEAR(budget parliament)",
    "budget AND OR NOT",
    "headline:budget",
    "{budget}",
    "budget - -",
    "' OR 1=1 --",
    "'; DROP TABLE news_article; --",
    "\\",
    "%",
    "_",
    "()",
    "^budget",
    "<script>alert(1)</script>",
    "🙂🙂",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "ｂｕｄｇｅｔ",
    "\u202ebudget",
    "budget\x00",
]


def test_malicious_search_queries_never_500(client: Client, site: Article) -> None:
    for query in MALICIOUS:
        response = client.get("/search/", {"q": query})
        assert response.status_code in (200, 400), query
        assert b"<script>alert(1)</script>" not in response.content
    assert client.get("/search/", {"q": "budget*"}).status_code == 200


def test_non_get_methods_are_refused(client: Client, site: Article) -> None:
    assert client.post("/news/budget-passes/").status_code == 405
    assert client.post("/search/", {"q": "budget"}).status_code == 405
    assert client.head("/news/budget-passes/").status_code == 200
