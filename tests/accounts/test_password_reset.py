from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client

from vestnik.accounts.models import User

pytestmark = pytest.mark.django_db

NEW = "brand new pass phrase 31"


def _reset_link() -> str:
    match = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body
    )
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_reset_requires_captcha_and_keeps_email(client: Client, user: User) -> None:
    response = client.post("/accounts/password/reset/", {"email": user.email})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please complete the captcha" in page
    assert f'value="{user.email}"' in page
    assert mail.outbox == []


def test_same_answer_for_known_and_unknown_addresses(
    client: Client, user: User, captcha: Callable[[], str]
) -> None:
    known = client.post(
        "/accounts/password/reset/", {"email": user.email, "altcha": captcha()}
    )
    unknown = client.post(
        "/accounts/password/reset/",
        {"email": "nobody@example.org", "altcha": captcha()},
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    pages = [client.get(r["Location"]).content.decode() for r in (known, unknown)]
    # Identical apart from the per-render masked CSRF token.
    assert len({re.sub(r'"X-CSRFToken": "\w+"', "", p) for p in pages}) == 1
    # The mail to an unknown address says so, and carries no reset link.
    assert [m.to for m in mail.outbox] == [[user.email], ["nobody@example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body


def test_reset_link_sets_new_password(
    client: Client, user: User, captcha: Callable[[], str]
) -> None:
    client.post("/accounts/password/reset/", {"email": user.email, "altcha": captcha()})
    link = _reset_link()
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(action, {"password1": NEW, "password2": NEW})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    # Single use: the same link does not work twice.
    again = client.get(link, follow=True)
    assert (
        "bad token" in again.content.decode().lower()
        or "invalid" in again.content.decode().lower()
    )


def test_reset_link_expires(
    client: Client, user: User, captcha: Callable[[], str], settings, monkeypatch
) -> None:
    client.post("/accounts/password/reset/", {"email": user.email, "altcha": captcha()})
    link = _reset_link()
    from django.contrib.auth.tokens import PasswordResetTokenGenerator

    # Django's token generator reads the clock through _now(); move it past the timeout.
    later = PasswordResetTokenGenerator()._now() + timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 60
    )
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    page = client.get(link, follow=True).content.decode()
    assert "password1" not in page
    assert "invalid" in page.lower()
    user.refresh_from_db()
    assert not user.check_password(NEW)
