from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone

from vestnik.accounts.models import Consent, User
from vestnik.news.models import PrivacyPolicy

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough pass phrase 9"


def signup_data(captcha: str | None, **overrides: str) -> dict[str, str]:
    data = {
        "display_name": "Anna Petrova",
        "email": "anna@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    if captcha is not None:
        data["altcha"] = captcha
    data.update(overrides)
    return data


@pytest.fixture
def policy() -> PrivacyPolicy:
    return PrivacyPolicy.objects.create(
        version="2026-03", text="We keep little.", effective_at=timezone.now()
    )


def test_signup_page_shows_fields_widget_and_consent(client: Client) -> None:
    page = client.get("/accounts/signup/").content.decode()
    for name in ("display_name", "email", "password1", "altcha"):
        assert f'name="{name}"' in page
    assert "<altcha-widget" in page
    assert "/static/accounts/altcha/altcha.min.js" in page
    assert (
        "By clicking &#x27;Register&#x27;, you confirm that you agree to our Privacy Policy"
        in page
    )
    # Nothing is loaded from another host: every script and stylesheet is local.
    assets = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assets += re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', page)
    assert assets and all(a.startswith("/") for a in assets)


def test_signup_with_solved_captcha_creates_user_and_consent(
    client: Client, captcha: Callable[[], str], policy: PrivacyPolicy
) -> None:
    response = client.post(
        "/accounts/signup/",
        signup_data(captcha()),
        REMOTE_ADDR="198.51.100.7",
        HTTP_USER_AGENT="TestBrowser/1.0",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="anna@example.org")
    assert user.display_name == "Anna Petrova"
    assert user.check_password(PASSWORD)
    assert user.username.startswith("u-")
    consent = Consent.objects.get(user=user)
    assert consent.source == Consent.Source.SIGNUP
    assert consent.policy_version == "2026-03"
    assert consent.ip_address == "198.51.100.7"
    assert consent.user_agent == "TestBrowser/1.0"
    assert consent.community_standards is True
    assert consent.wording.startswith(
        "By clicking 'Register', you confirm that you agree"
    )
    assert "(version 2026-03)" in consent.wording
    # The words shown on the form are the words stored.
    page = client.get("/accounts/signup/").content.decode()
    assert consent.wording.replace("'", "&#x27;") in page
    assert user.standards_accepted_at is not None


@pytest.mark.parametrize(
    "answer, message",
    [
        (None, "Please complete the captcha"),
        ("", "Please complete the captcha"),
        ("bm90IGpzb24=", "The captcha answer is not valid"),
        ("!!!", "The captcha answer is not valid"),
    ],
)
def test_signup_without_valid_captcha_is_refused_and_keeps_input(
    client: Client, answer: str | None, message: str
) -> None:
    response = client.post("/accounts/signup/", signup_data(answer))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="Anna Petrova"' in page
    assert 'value="anna@example.org"' in page
    assert not User.objects.filter(email="anna@example.org").exists()


def test_tampered_captcha_solution_is_refused(
    client: Client, captcha: Callable[[], str]
) -> None:
    payload = json.loads(base64.b64decode(captcha()))
    payload["solution"]["counter"] += 1
    forged = base64.b64encode(json.dumps(payload).encode()).decode()
    response = client.post("/accounts/signup/", signup_data(forged))
    assert "The captcha answer is not valid" in response.content.decode()
    assert not User.objects.exists()


def test_captcha_solution_works_only_once(
    client: Client, captcha: Callable[[], str]
) -> None:
    answer = captcha()
    first = client.post("/accounts/signup/", signup_data(answer))
    assert first.status_code == 302
    client.logout()
    again = client.post(
        "/accounts/signup/", signup_data(answer, email="other@example.org")
    )
    assert again.status_code == 200
    assert "This captcha answer was already used" in again.content.decode()
    assert not User.objects.filter(email="other@example.org").exists()


def test_invalid_fields_do_not_use_up_the_captcha(
    client: Client, captcha: Callable[[], str]
) -> None:
    answer = captcha()
    bad = client.post(
        "/accounts/signup/", signup_data(answer, password2="different pass 1")
    )
    assert bad.status_code == 200
    assert 'value="Anna Petrova"' in bad.content.decode()
    good = client.post("/accounts/signup/", signup_data(answer))
    assert good.status_code == 302


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"display_name": "   "}, "Please enter your name."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"password1": "short", "password2": "short"}, "This password is too short."),
    ],
)
def test_signup_bad_input_gets_clear_message(
    client: Client, captcha: Callable[[], str], overrides: dict[str, str], message: str
) -> None:
    response = client.post("/accounts/signup/", signup_data(captcha(), **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_email_verification_is_required_then_confirms(
    client: Client, captcha: Callable[[], str]
) -> None:
    client.post("/accounts/signup/", signup_data(captcha()))
    assert len(mail.outbox) == 1
    assert "example.com" not in mail.outbox[0].body  # signed with the site's own name
    assert not EmailAddress.objects.get(email="anna@example.org").verified
    # Not logged in until the address is confirmed.
    assert (
        "Hello, Anna Petrova!"
        not in client.get("/account/profile/", follow=True).content.decode()
    )
    link = re.search(
        r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body
    )
    assert link
    response = client.post(link.group(1))
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="anna@example.org").verified
    login = client.post(
        "/accounts/login/", {"login": "anna@example.org", "password": PASSWORD}
    )
    assert login.status_code == 302
    assert "Hello, Anna Petrova!" in client.get("/account/profile/").content.decode()


def test_challenge_endpoint_returns_signed_challenge(client: Client) -> None:
    response = client.get("/account/altcha/challenge")
    data = response.json()
    assert data["signature"]
    assert data["parameters"]["algorithm"] == "SHA-256"
    assert data["parameters"]["expiresAt"] > timezone.now().timestamp()
    assert (
        "no-cache" in response["Cache-Control"]
        or "max-age=0" in response["Cache-Control"]
    )


def test_register_from_article_comes_back_to_it(
    client: Client, captcha: Callable[[], str]
) -> None:
    """The comment box's "No" answer: register, confirm the address, land on the article."""
    article = "/news/2026/some-article/"
    response = client.post(
        f"/accounts/signup/?next={article}", {**signup_data(captcha()), "next": article}
    )
    assert response.status_code == 302
    link = re.search(
        r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body
    )
    assert link
    confirmed = client.post(link.group(1))
    assert confirmed["Location"] == article
    assert "Hello, Anna Petrova!" in client.get("/account/profile/").content.decode()
