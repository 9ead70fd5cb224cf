"""Social login through allauth's real OAuth2 views; only the provider's HTTP is mocked."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import responses
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib.sites.models import Site
from django.core import mail
from django.test import Client

from vestnik.accounts.models import Consent, User

pytestmark = pytest.mark.django_db

PROFILE = {
    "id": "10001",
    "email": "fiona.book@example.org",
    "name": "Fiona Book",
    "first_name": "Fiona",
    "last_name": "Book",
}


@pytest.fixture
def facebook_app() -> SocialApp:
    """What the publisher sets up in the admin: Social applications → Facebook."""
    app = SocialApp.objects.create(
        provider="facebook", name="Facebook", client_id="app-id", secret="app-secret"
    )
    app.sites.add(Site.objects.get_current())
    return app


def facebook_login(client: Client, next_url: str = "") -> Any:
    start = client.post(
        "/accounts/facebook/login/" + (f"?next={next_url}" if next_url else "")
    )
    assert start.status_code == 302
    authorize = urlparse(start["Location"])
    assert authorize.netloc == "www.facebook.com"
    state = parse_qs(authorize.query)["state"][0]
    with responses.RequestsMock() as mocked:
        mocked.get(
            re.compile(r"https://graph\.facebook\.com/.*/oauth/access_token.*"),
            json={"access_token": "fb-access-token", "expires_in": 3600},
        )
        mocked.get(re.compile(r"https://graph\.facebook\.com/.*/me.*"), json=PROFILE)
        return client.get(
            "/accounts/facebook/login/callback/",
            {"code": "auth-code", "state": state},
            REMOTE_ADDR="192.0.2.44",
            HTTP_USER_AGENT="SocialBrowser/2.0",
        )


def test_social_signup_records_consent_and_standards(
    client: Client, facebook_app: SocialApp
) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert "Facebook" in page and "By continuing with a social network" in page

    response = facebook_login(client)
    assert response.status_code == 302
    user = User.objects.get(email=PROFILE["email"])
    assert user.display_name == "Fiona Book"
    assert not user.has_usable_password()
    account = SocialAccount.objects.get(user=user)
    assert account.provider == "facebook" and account.uid == "10001"
    assert (
        not SocialToken.objects.exists()
    )  # SOCIALACCOUNT_STORE_TOKENS is off: nothing to leak
    consent = Consent.objects.get(user=user)
    assert consent.source == Consent.Source.SOCIAL
    assert consent.community_standards
    assert consent.ip_address == "192.0.2.44"
    assert consent.wording.startswith("By continuing with a social network")

    # Facebook doesn't vouch for the address, so it is verified by e-mail first.
    link = re.search(
        r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body
    )
    assert link
    client.post(link.group(1))

    # A later social login logs straight in, back to the article, and counts as accepting the standards.
    client.logout()
    response = facebook_login(client, next_url="/news/some-article/")
    assert response.status_code == 302
    assert response["Location"] == "/news/some-article/"
    assert "Hello, Fiona Book!" in client.get("/account/profile/").content.decode()
    user.refresh_from_db()
    assert user.standards_accepted_at is not None
    assert Consent.objects.filter(user=user).count() == 1


def test_social_only_account_must_log_in_again_to_delete(
    client: Client, facebook_app: SocialApp
) -> None:
    facebook_login(client)
    user = User.objects.get(email=PROFILE["email"])
    link = re.search(
        r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body
    )
    assert link
    client.post(link.group(1))
    client.logout()

    stale = Client()
    stale.force_login(user)  # a session without a recent login record
    page = stale.get("/account/delete/").content.decode()
    assert "log in again with your social network" in page
    stale.post("/account/delete/", {"answer": "yes"})
    user.refresh_from_db()
    assert not user.is_deleted

    facebook_login(client)  # fresh login
    response = client.post("/account/delete/", {"answer": "yes"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_deleted
