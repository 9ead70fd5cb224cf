"""Malformed requests get a clear answer, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from vestnik.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "method, path, data, status",
    [
        ("post", "/account/altcha/challenge", {}, 405),
        ("get", "/account/restore/garbage/", {}, 200),
        ("post", "/account/restore/garbage/", {}, 400),
        ("post", "/account/restore/" + "x" * 3000 + "/", {}, 400),
        ("get", "/account/avatar/999999.svg", {}, 200),
        ("get", "/account/deleted/", {}, 302),
        ("post", "/accounts/signup/", {"altcha": "x" * 10_000}, 200),
        ("post", "/accounts/password/reset/", {"email": "", "altcha": "%%%"}, 200),
    ],
)
def test_anonymous_bad_requests(
    client: Client, method: str, path: str, data: dict[str, str], status: int
) -> None:
    assert getattr(client, method)(path, data).status_code == status


@pytest.mark.parametrize(
    "path, data, message",
    [
        ("/account/profile/avatar/", {}, "This field is required."),
        ("/account/profile/", {"display_name": ""}, "Please enter your name."),
        ("/account/delete/", {"answer": "yes"}, "That is not your password."),
    ],
)
def test_logged_in_bad_posts(
    client: Client, user: User, path: str, data: dict[str, str], message: str
) -> None:
    client.force_login(user)
    response = client.post(path, data)
    assert response.status_code in (200, 400)
    assert message in response.content.decode()


def test_challenge_endpoint_needs_no_database(
    client: Client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        assert client.get("/account/altcha/challenge").status_code == 200


def test_profile_page_query_count(client: Client, user: User) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    client.get("/account/profile/")  # first request after login updates the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/account/profile/").status_code == 200
    # Ours: the session and the user, nothing per avatar or link. The shared layout's
    # own queries (news navigation) are the news app's to pin.
    ours = [q["sql"] for q in queries.captured_queries if '"news_' not in q["sql"]]
    assert len(ours) == 2, ours


@pytest.mark.parametrize(
    "path", ["/account/delete/", "/account/restore/x/", "/account/policy/"]
)
def test_writes_need_csrf(user: User, path: str) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(path, {"answer": "yes"}).status_code == 403
    user.refresh_from_db()
    assert not user.is_deleted
