from __future__ import annotations

import pytest
from django.test import Client

from vestnik.accounts.models import User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_and_logout_by_email(client: Client, user: User) -> None:
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    page = client.get("/account/profile/").content.decode()
    assert f"Hello, {user.display_name}!" in page
    user.refresh_from_db()
    assert user.standards_accepted_at is not None  # logging in accepts the standards
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/account/profile/").status_code == 302  # back to login


def test_login_page_keeps_email_and_explains_failure(
    client: Client, user: User
) -> None:
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "wrong one"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in page
    assert f'value="{user.email}"' in page


def test_login_back_to_the_article(client: Client, user: User) -> None:
    response = client.post(
        "/accounts/login/?next=/news/some-article/",
        {"login": user.email, "password": PASSWORD, "next": "/news/some-article/"},
    )
    assert response["Location"] == "/news/some-article/"


def test_offsite_next_is_ignored(client: Client, user: User) -> None:
    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert "evil.example" not in response["Location"]


def test_lockout_after_repeated_failures(client: Client, user: User, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(
            "/accounts/login/", {"login": user.email, "password": "wrong password"}
        )
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed login attempts" in page
    assert "Reset your password" in page
    assert "Hello," not in page
    # Another account from the same address is not locked out.
    other = UserFactory()
    assert (
        client.post(
            "/accounts/login/", {"login": other.email, "password": PASSWORD}
        ).status_code
        == 302
    )


def test_password_change_ends_other_sessions(user: User) -> None:
    laptop, phone = Client(), Client()
    for c in (laptop, phone):
        assert (
            c.post(
                "/accounts/login/", {"login": user.email, "password": PASSWORD}
            ).status_code
            == 302
        )
    new = "another long pass phrase 7"
    response = laptop.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    assert phone.get("/account/profile/").status_code == 302  # logged out
    user.refresh_from_db()
    assert user.check_password(new)


def test_have_account_partial_links_back_to_article(client: Client) -> None:
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/news/a/")
    html = render_to_string(
        "accounts/_have_account.html", {"next": "/news/a/"}, request=request
    )
    assert "Do you have an account?" in html
    assert 'href="/accounts/login/?next=/news/a/"' in html
    assert 'href="/accounts/signup/?next=/news/a/"' in html
