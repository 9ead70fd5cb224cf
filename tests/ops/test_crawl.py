"""A crawl of the site as each role: no page answers with a server error (#14 item 7).

From the home page and the entry points (account, console, admin, API docs),
every same-site link (`href`, `src`, `action`, `hx-get`) is followed, breadth
first, as an anonymous visitor, a reader, a moderator and a publisher-admin
(who is also staff, as the demo's publisher is). Each URL is requested with GET
and HEAD; neither may answer 5xx, and a page that answers GET must answer HEAD.

Every kind of page is visited: URLs are grouped by their route (`news/<slug>/`,
`admin/…/<path:object_id>/change/`), and at most `PER_ROUTE` URLs of one route
are requested (`VESTNIK_CRAWL_PER_ROUTE`, default 2), so that the admin's
hundreds of filter and object links cost a handful of requests per kind, not a
minute per role. The counts go into the JUnit report as properties, and
`.ci/run` prints them.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from tests.community.factories import CommentFactory, UserFactory
from tests.moderation.factories import engine_judged, in_group
from tests.news.factories import (
    GalleryItemFactory,
    PhotoFactory,
    PrivacyPolicyFactory,
    TagFactory,
    make_article,
)
from vestnik.community.models import CommentStatus
from vestnik.moderation.actions.appeals import file_appeal
from vestnik.moderation.actions.rulebook import save_rulebook_settings
from vestnik.moderation.actions.users import block_user
from vestnik.moderation.roles import MODERATORS_GROUP, PUBLISHER_ADMINS_GROUP

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "moderator", "publisher-admin"]
ENTRY_POINTS = [
    "/",
    "/account/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/moderation/",
    "/moderation/settings/",
    "/moderation/account/",
    "/admin/",
    "/api/docs",
    "/api/openapi.json",
    "/sitemap.xml",
    "/robots.txt",
    "/embed.js",
    "/healthz",
]
# Not /readyz: its 503 is the designed answer when a dependency is down, and the
# test settings' replica is off limits to these tests (tests/ops/test_health.py).
# Followed links that are not pages of ours to crawl.
SKIP_PREFIXES = ("/static/",)
READING = {"news:home", "news:article", "community:thread", "news:sitemap"}
MUST_REACH = {
    "anonymous": READING | {"news:tag", "news:gallery", "news:feed_rss"},
    "reader": READING | {"accounts:profile", "community:edit"},
    "moderator": READING
    | {"moderation:queue", "moderation:comment", "moderation:user"},
    "publisher-admin": READING
    | {"moderation:settings", "moderation:remoderation", "admin:index"},
}
PER_ROUTE = int(os.environ.get("VESTNIK_CRAWL_PER_ROUTE", "2"))
MAX_URLS = 2000  # a runaway guard: the world below has a few hundred


class Links(HTMLParser):
    ATTRIBUTES = frozenset({"href", "src", "action", "hx-get"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.found.append(value)


def same_site_path(base: str, link: str) -> str | None:
    """The link as a path (with query) on this site, or None."""
    url, _ = urldefrag(urljoin(base, link.strip()))
    parts = urlsplit(url)
    ours = {"testserver", urlsplit(settings.SITE_URL).netloc}
    if parts.scheme not in ("http", "https") or parts.netloc not in ours:
        return None
    if parts.path.startswith(SKIP_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def route_of(path: str) -> tuple[str, str]:
    """(view name, route) of a path; a path no route matches is a 404 to request."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return "(none)", "(no route)"
    return match.view_name, match.route


def world() -> dict[str, Any]:
    """One of each kind of thing a page can show."""
    section_article = make_article(
        lead_photo=PhotoFactory(), tags=(TagFactory(), TagFactory())
    )
    other = make_article(section=section_article.section, related=(section_article,))
    make_article(status="draft", headline="An unpublished draft")
    GalleryItemFactory()
    PrivacyPolicyFactory()
    reader = UserFactory(username="crawl-reader")
    moderator = in_group(UserFactory(username="crawl-mod"), MODERATORS_GROUP)
    publisher = in_group(UserFactory(username="crawl-pub"), PUBLISHER_ADMINS_GROUP)
    publisher.is_staff = publisher.is_superuser = True
    publisher.save(update_fields=["is_staff", "is_superuser"])
    root = CommentFactory(article=section_article, author=reader)
    CommentFactory(article=section_article, parent=root)
    CommentFactory(article=other, status=CommentStatus.DELETED)
    engine_judged({"form": 0.8}, "hold", article=section_article)
    engine_judged({"spam": 0.95}, "reject", article=other)
    blocked = UserFactory(username="crawl-blocked")
    CommentFactory(article=other, author=blocked)
    block_user(moderator, blocked, rules=["spam"])
    file_appeal(
        blocked,
        user_id_claimed=str(blocked.pk),
        explanation="I posted the same link three times by mistake; it won't recur.",
    )
    save_rulebook_settings(
        publisher,
        overrides={},
        escalation_rejections=3,
        escalation_window_days=7,
        public_transparency=True,
        note="crawl",
    )
    return {
        "anonymous": None,
        "reader": reader,
        "moderator": moderator,
        "publisher-admin": publisher,
    }


@pytest.mark.parametrize("role", ROLES)
def test_crawl_finds_no_server_error(role: str, record_property: Any) -> None:
    user = world()[role]
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    queue = deque(ENTRY_POINTS)
    seen = set(queue)
    per_route: Counter[str] = Counter()
    reached: set[str] = set()
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    visited = 0
    while queue and visited < MAX_URLS:
        path = queue.popleft()
        view_name, route = route_of(path)
        if per_route[route] >= PER_ROUTE:
            continue
        per_route[route] += 1
        reached.add(view_name)
        visited += 1
        got = client.get(path)
        head = client.head(path)
        statuses[got.status_code] += 1
        statuses[head.status_code] += 1
        if got.status_code >= 500 or head.status_code >= 500:
            failures.append(f"{path}: GET {got.status_code}, HEAD {head.status_code}")
        elif got.status_code == 200 and head.status_code == 405:
            failures.append(f"{path}: GET 200 but HEAD 405")
        links: list[str] = []
        if got.status_code in (301, 302, 303, 307, 308):
            links.append(got["Location"])
        elif got.status_code == 200 and "html" in got.get("Content-Type", ""):
            parser = Links()
            parser.feed(got.content.decode(got.charset or "utf-8", "replace"))
            links.extend(parser.found)
        for link in links:
            found = same_site_path("http://testserver" + path, link)
            if found is not None and found not in seen:
                seen.add(found)
                queue.append(found)
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    record_property("crawl_role", role)
    record_property("crawl_urls", visited)
    record_property("crawl_routes", len(per_route))
    record_property("crawl_requests", sum(statuses.values()))
    record_property("crawl_server_errors", server_errors)
    record_property("crawl_statuses", dict(sorted(statuses.items())))
    assert not failures, "\n".join(failures)
    assert visited < MAX_URLS, "the crawl did not finish"
    # The crawl reached the pages of the role, not just a login form.
    assert MUST_REACH[role] <= reached, MUST_REACH[role] - reached
