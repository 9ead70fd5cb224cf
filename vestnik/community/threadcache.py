"""The read path for anonymous readers: cached thread fragments and conditional GET.

Most readers are anonymous, and they all see the same thread. Their fragments
(the discussion region, a "load more" page) are rendered once per thread version
into the shared cache (a file cache shared by the web processes on the embedded
set-up, Redis with REDIS_URL) under a key of (article, version, sort, cursor,
open/closed). The version lives in the database and is bumped by every change
(community/actions/threads.py), so a cached fragment is never stale; old versions
simply expire.

Responses to anonymous GETs carry a weak ETag built from the same inputs: a
repeat request costs one small query and answers 304; and Cache-Control lets a
CDN or nginx keep them a few seconds, serving stale while it revalidates
(docs/deployment.md). Logged-in readers get the same thread from a second
shared fragment with their own state added per request (community/overlay.py).

A reader with no session and no messages cookie gets the very same page as
every other such reader, so the whole response body is kept too (`stored_page`),
keyed by the same state plus the full path: a hit costs the queries that read
the state, not a template render. Parts that change on every request (an
article's view counter) are left as markers in the stored body and filled in
per response (`fill`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from vestnik.community import queries
from vestnik.community.app_settings import app_settings
from vestnik.community.models import Discussion
from vestnik.site.metrics import observe_cache


def thread_version(article: Any) -> int:
    """The thread's version, read once per request (kept on the article object)."""
    known = getattr(article, "_thread_version", None)
    if known is None and type(article).discussion.is_cached(article):
        # read with the article (select_related); None: no comment yet
        discussion = getattr(article, "discussion", None)
        known = article._thread_version = discussion.version if discussion else 0
    if known is None:
        found = (
            Discussion.objects.filter(article_id=article.pk)
            .values_list("version", flat=True)
            .first()
        )
        known = article._thread_version = int(found or 0)
    return int(known)


def is_anonymous_read(request: HttpRequest) -> bool:
    return request.method in {"GET", "HEAD"} and not request.user.is_authenticated


def serves_stored_pages(request: HttpRequest) -> bool:
    """An anonymous GET that carries no session and no flash messages: it gets
    the same bytes as every other such request for the same URL."""
    return (
        is_anonymous_read(request)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def marker(name: str) -> str:
    """A placeholder that `fill` replaces in a stored page (no HTML escaping
    touches it)."""
    return f"\x1f{name}\x1f"


def fill(response: HttpResponse, values: Mapping[str, object]) -> HttpResponse:
    body = response.content
    for name, value in values.items():
        body = body.replace(marker(name).encode(), str(value).encode())
    response.content = body
    return response


def stored_page(
    request: HttpRequest,
    state: str,
    render: Callable[[], HttpResponse],
    query: Mapping[str, str | None],
) -> HttpResponse:
    """`render()`'s response, or the stored body of an earlier one with the same
    `state` and path; for other requests simply `render()`.

    `state` must name everything the page shows (a thread state, a version of
    the newsroom's content); the time zone and the year (the footer) go in here.
    `query` is the page's parameters in their canonical spelling (None: not
    given): a request with any other query string is rendered, so that made-up
    parameters cannot fill the cache with copies of a page. Only a plain 200
    that sets no cookie and holds no CSRF token is stored.
    """
    expected = {name: value for name, value in query.items() if value is not None}
    canonical = request.GET.dict() == expected and all(
        len(values) == 1 for _, values in request.GET.lists()
    )
    if not canonical or not serves_stored_pages(request):
        return render()
    now = timezone.localtime()
    key = (
        "community:page:"
        + etag_for(state, request.get_full_path(), now.tzinfo, now.year)[3:-1]
    )
    stored = cache.get(key)
    if stored is not None:  # a miss is counted by the fragment render() reads
        observe_cache(hit=True)
        content_type, body = stored
        return HttpResponse(body, content_type=content_type)
    response = render()
    if (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not response.has_header("Cache-Control")
        # a page that holds a CSRF token is one reader's (the middleware sets
        # the cookie after the view, so response.cookies cannot tell yet)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        cache.set(
            key,
            (response["Content-Type"], response.content),
            app_settings.THREAD_CACHE_SECONDS,
        )
    return response


def canonical_sort(sort: str) -> str:
    return queries.Sort.parse(sort).value


def thread_state(article: Any, *, sort: str | None, cursor: str | None) -> str:
    """What an anonymous thread looks like, as a short string: the cache key's body."""
    parsed = queries.parse_cursor(cursor)
    return ":".join(
        [
            str(article.pk),
            str(thread_version(article)),
            queries.Sort.parse(sort).value,
            f"{parsed[0]}.{parsed[1]}" if parsed else "-",
            "open" if queries.comments_are_open(article) else "closed",
            article.slug,
            str(article.comments_count),
        ]
    )


def cached_fragment(state: str, part: str, render: Callable[[], str]) -> str:
    key = f"community:thread:{part}:{state}"
    html = cache.get(key)
    observe_cache(hit=html is not None)
    if html is None:
        html = render()
        cache.set(key, html, app_settings.THREAD_CACHE_SECONDS)
    return str(html)


def etag_for(*parts: object) -> str:
    digest = hashlib.blake2b(
        "\x1f".join(str(p) for p in parts).encode(), digest_size=12
    ).hexdigest()
    return f'W/"{digest}"'


def not_modified(request: HttpRequest, etag: str) -> HttpResponseBase | None:
    """A 304 when the reader's copy is current; None when the page must be sent."""
    response = get_conditional_response(request, etag=etag)
    if response is not None:
        _public(response, etag)
    return response


def finish(request: HttpRequest, response: HttpResponse, etag: str | None) -> None:
    """Anonymous answers: ETag plus a short public lifetime; others stay private."""
    if etag is None or not is_anonymous_read(request) or response.cookies:
        patch_cache_control(response, private=True, no_cache=True)
        return
    if response.status_code == 200:
        _public(response, etag)


def _public(response: HttpResponseBase, etag: str) -> None:
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=app_settings.ANONYMOUS_MAX_AGE,
        stale_while_revalidate=app_settings.STALE_WHILE_REVALIDATE,
    )
