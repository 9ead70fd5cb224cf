"""Pages stay flat as the data grows: the same queries at 100 and at 2,000 comments.

The comments come from the bulk seeding code (vestnik/community/seed.py) into one
article and a handful of authors, each with its engine verdict in the audit log,
so the thread, the queues, the author's history, the audit log, the transparency
report and the data export all grow twentyfold between the two figures.
Fragment caches are emptied before each request: what is counted is a render.
"""

from __future__ import annotations

import io
import random
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.community.conftest import login
from tests.community.factories import ArticleFactory, UserFactory
from vestnik.accounts.models import User
from vestnik.community.actions.threads import bump_thread
from vestnik.community.seed import Progress, recount, seed_comments, seed_users

pytestmark = pytest.mark.django_db

_AFTER = re.compile(r'after=([0-9.%\-]+)"')


def _grow(article: Any, authors: list[int], total: int) -> None:
    have = article.comments.count()
    quiet = io.StringIO()
    first = seed_comments(
        total - have,
        [article.pk],
        authors,
        Progress("comments", total - have, out=quiet),
        random.Random(total),  # noqa: S311 - synthetic data
    )
    recount([article.pk], first, Progress("counters", 1, out=quiet))
    bump_thread(article.pk)
    article.refresh_from_db()


def _queries(client: Client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _load_more(client: Client, article: Any, sort: str) -> str:
    url = reverse("community:thread", args=[article.pk]) + f"?sort={sort}"
    found = _AFTER.search(client.get(url).content.decode())
    assert found, "a second page"
    return f"{url}&after={found[1]}"


def test_pages_keep_their_query_counts_from_100_to_2000_comments(
    moderator: Any, settings: Any
) -> None:
    settings.VESTNIK_COMMUNITY_PAGE_SIZE = 20
    article = ArticleFactory()
    authors = seed_users(4, "scale", Progress("users", 4, out=io.StringIO()))
    subject = User.objects.get(pk=authors[0])
    # A reader who wrote none of it: an author with a held comment in the thread
    # gets the full render (community/overlay.py), pinned in test_overlay.py.
    anonymous, reader, mod = Client(), login(UserFactory()), login(moderator)
    own = login(subject)
    thread = reverse("community:thread", args=[article.pk])
    pages: dict[str, Any] = {
        "thread, anonymous": lambda: (anonymous, thread),
        "thread, logged in": lambda: (reader, thread),
        "thread, moderator": lambda: (mod, thread),
        "article page, logged in": lambda: (reader, article.get_absolute_url()),
        "load more, anonymous": lambda: (
            anonymous,
            _load_more(anonymous, article, "oldest"),
        ),
        "load more, logged in": lambda: (reader, _load_more(reader, article, "newest")),
        "held queue": lambda: (mod, reverse("moderation:queue", args=["held"])),
        "published queue": lambda: (
            mod,
            reverse("moderation:queue", args=["published"]),
        ),
        # (The rejected and reported queues are pinned in
        # tests/moderation/test_query_counts.py: seeded, they can start empty.)
        "audit log": lambda: (mod, reverse("moderation:audit")),
        "transparency report": lambda: (mod, reverse("moderation:transparency")),
        "public transparency report": lambda: (
            anonymous,
            reverse("moderation:transparency-public"),
        ),
        "user history": lambda: (mod, reverse("moderation:user", args=[subject.pk])),
        "search": lambda: (anonymous, reverse("news:search") + "?q=budget"),
        "data export": lambda: (own, reverse("accounts:export")),
    }
    figures: dict[str, list[int]] = {name: [] for name in pages}
    for total in (100, 2_000):
        _grow(article, authors, total)
        assert article.comments.filter(author_id=subject.pk).count() > total // 8
        for name, target in pages.items():
            client, url = target()
            _queries(client, url)  # the session, the header's cache
            figures[name].append(_queries(client, url))
    grown = {name: counts for name, counts in figures.items() if counts[0] != counts[1]}
    assert not grown, figures
