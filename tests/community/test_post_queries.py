"""A comment POST keeps its query count: pinned, and flat as the thread grows (#14).

Posted through real HTTP (Django's test client, the full middleware stack and
the real engine) by a logged-in reader. Transaction control (BEGIN, COMMIT,
savepoints) is left out of the count: it differs between SQLite and PostgreSQL
and between a test's transaction and a request's.
"""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.community.conftest import login
from tests.community.factories import UserFactory
from tests.community.posting import CLEAN, post
from vestnik.community.models import Comment, CommentStatus
from vestnik.community.seed import Progress, recount, seed_comments

pytestmark = pytest.mark.django_db

# Counted on this commit; a change that adds a query to every POST fails here.
# Without Redis the two rate-limit counters are database upserts (counted
# here); with REDIS_URL they are Redis INCRs (vestnik.site.counters).
RATE_LIMITS = 2
POST_QUERIES = 27


def _counters_in_database() -> bool:
    from vestnik.site.counters import _use_redis

    return not _use_redis()


_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def _statements(ctx: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in ctx.captured_queries
        if not q["sql"].lstrip().upper().startswith(_CONTROL)
    ]


def _post_and_count(client: Any, article: Any, text: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = post(client, article, text)
    assert response.status_code == 302
    return _statements(ctx)


def test_a_comment_post_runs_a_pinned_number_of_queries(
    article: Any, pinned_clock: None
) -> None:
    client = login(UserFactory())
    post(client, article, CLEAN + " Warming up.")  # first-request work (policy, ...)
    statements = _post_and_count(client, article, CLEAN + " Second comment.")
    assert Comment.objects.filter(status=CommentStatus.PUBLISHED).count() == 2
    in_db = RATE_LIMITS if _counters_in_database() else 0
    expected = POST_QUERIES - RATE_LIMITS + in_db
    assert len(statements) == expected, "\n".join(statements)
    # Both rate limits are counted (in the database unless Redis holds them),
    # and the thread's row is written once by the recount (its counts and its
    # version in one UPDATE) plus once by the audit log's bump.
    assert sum("ratecounter" in s.lower() for s in statements) == in_db
    discussion_writes = [
        s for s in statements if s.upper().startswith("UPDATE") and "discussion" in s
    ]
    assert len(discussion_writes) == 2, discussion_writes


def test_the_post_query_count_does_not_grow_with_the_thread(
    article: Any, pinned_clock: None
) -> None:
    client = login(UserFactory())
    post(client, article, CLEAN + " Warming up.")
    small = _post_and_count(client, article, CLEAN + " In a short thread.")
    authors = [UserFactory().pk for _ in range(5)]
    quiet = io.StringIO()
    first = seed_comments(
        500,
        [article.pk],
        authors,
        Progress("comments", 500, out=quiet),
        random.Random(14),  # noqa: S311 - synthetic data
    )
    recount([article.pk], first, Progress("counters", 1, out=quiet))
    large = _post_and_count(client, article, CLEAN + " In a long thread now.")
    assert len(large) == len(small)


@pytest.mark.django_db(transaction=True)
def test_a_comment_post_makes_two_write_transactions(pinned_clock: None) -> None:
    """The rate limits' write, then the comment with its audit entry, its
    fingerprint and the thread's counts: one write lock each on SQLite."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's BEGIN is not a statement Django logs")
    from tests.community.factories import ArticleFactory
    from vestnik.community.models import Fingerprint

    article = ArticleFactory()
    client = login(UserFactory())
    post(client, article, CLEAN + " Warming up.")
    with CaptureQueriesContext(connection) as ctx:
        response = post(client, article, CLEAN + " Counting the writes.")
    assert response.status_code == 302
    begins = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("BEGIN")]
    assert len(begins) == 2, begins
    latest = Comment.objects.latest("id")
    assert Fingerprint.objects.filter(key=str(latest.token)).exists()
