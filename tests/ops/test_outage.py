"""The database stops answering: a clear 503 with Retry-After, nothing half-written.

The outage is made with Django's own instrumentation hook
(`connection.execute_wrapper`): from a chosen statement on, every query fails
the way a refused or dropped PostgreSQL connection does. `vestnik faults
--scenario database` does the same against a real PostgreSQL cluster that it
stops and starts.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.community.factories import ArticleFactory, UserFactory
from tests.community.posting import CLEAN
from vestnik.community.models import Comment
from vestnik.moderation.models import Decision

pytestmark = pytest.mark.django_db

REFUSED = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'


@contextmanager
def database_down(when: Callable[[str], bool] = lambda sql: True) -> Iterator[None]:
    """Every statement for which `when(sql)` holds, and every one after it, fails."""
    down = False

    def refuse(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal down
        down = down or when(sql)
        if down:
            raise OperationalError(REFUSED)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


def _assert_unavailable(response: Any) -> None:
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]


def test_pages_answer_503_with_a_retry_hint() -> None:
    article = ArticleFactory()
    client = Client(raise_request_exception=False)
    with database_down():
        page = client.get(article.get_absolute_url())
        api = client.get(f"/api/comments/?article={article.pk}")
    _assert_unavailable(page)
    assert page["Content-Type"].startswith("text/html")
    text = page.content.decode()
    assert "Briefly unavailable" in text and "try again in a few seconds" in text
    assert REFUSED not in text  # no internals shown to readers
    _assert_unavailable(api)
    assert api.json()["code"] == "service_unavailable"
    assert api.json()["retry_after"] == int(api["Retry-After"])
    # The database is back: the same client is served without a restart.
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_logged_in_reader_gets_the_503_too() -> None:
    # The session lookup fails in middleware, before any view runs (handler500).
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    with database_down():
        response = client.get("/")
    _assert_unavailable(response)
    assert "Briefly unavailable" in response.content.decode()


# Transactional: the failed statement takes its savepoint's rollback down with it,
# as a dropped connection does, so the test must not run inside an outer transaction.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failing_table", ["community_comment", "moderation_decision"])
def test_a_post_cut_off_mid_write_leaves_nothing_half_written(
    failing_table: str,
) -> None:
    article = ArticleFactory()
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    token = str(uuid.uuid4())
    url = reverse("community:post", args=[article.pk])

    with database_down(lambda sql: sql.startswith(f'INSERT INTO "{failing_table}"')):
        response = client.post(url, {"body": CLEAN, "token": token})
    _assert_unavailable(response)
    assert not Comment.objects.exists()
    assert not Decision.objects.exists()

    # The reader sends the form again once the database is back: one comment.
    again = client.post(url, {"body": CLEAN, "token": token})
    assert again.status_code == 302
    comment = Comment.objects.get()
    assert Decision.objects.filter(comment=comment).count() == 1
    assert client.post(url, {"body": CLEAN, "token": token}).status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_api_post_cut_off_answers_503_json() -> None:
    article = ArticleFactory()
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    with database_down(lambda sql: sql.startswith('INSERT INTO "moderation_decision"')):
        response = client.post(
            "/api/comments/",
            {"article": article.pk, "body": CLEAN},
            content_type="application/json",
        )
    _assert_unavailable(response)
    assert response.json()["detail"].startswith("The site is briefly unavailable")
    assert not Comment.objects.exists()


def test_other_errors_are_still_500s(rf: Any) -> None:
    from vestnik.site.outage import server_error

    assert server_error(rf.get("/")).status_code == 500


def test_handler500_turns_a_database_error_raised_in_middleware_into_503(
    rf: Any,
) -> None:
    from vestnik.site.outage import server_error

    # Django calls handler500 inside the `except` that caught the error.
    try:
        raise OperationalError(REFUSED)
    except OperationalError:
        html = server_error(rf.get("/"))
        api = server_error(rf.get("/api/comments/"))
    _assert_unavailable(html)
    assert b"Briefly unavailable" in html.content
    _assert_unavailable(api)
    assert api["Content-Type"] == "application/json"
