"""The whole account life cycle in Debian's Chromium, solving the real ALTCHA in the page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core import mail

from vestnik.accounts.models import User

# available_apps makes the flush between tests TRUNCATE ... CASCADE, which PostgreSQL
# needs because news keeps a raw-SQL search table (news_article_search) outside the ORM.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(
        transaction=True, available_apps=list(settings.INSTALLED_APPS)
    ),
]

PASSWORD = "browser pass phrase 2026"
EMAIL = "olga.browser@example.org"


def _link(pattern: str) -> str:
    for message in reversed(mail.outbox):
        match = re.search(pattern, message.body)
        if match:
            return match.group(1)
    raise AssertionError(f"no mail with {pattern}: {[m.subject for m in mail.outbox]}")


def test_register_login_delete_restore(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    refused: list[str] = []  # the Content-Security-Policy blocks nothing we ship
    page.on(
        "console",
        lambda msg: (
            refused.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    requested_hosts: set[str] = set()
    # blob: URLs are the widget's web workers, created from the page's own origin.
    page.on(
        "request",
        lambda req: (
            requested_hosts.add(urlparse(req.url.removeprefix("blob:")).netloc)
            if not req.url.startswith("data:")
            else None
        ),
    )
    base = live_server.url

    page.goto(f"{base}/accounts/signup/")
    page.fill("#id_display_name", "Olga Browser")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    # auto="onload": the widget fetches a challenge and solves it in a web worker.
    page.wait_for_function(
        "() => { const i = document.querySelector('input[name=altcha]');"
        " return i && i.value && i.value.length > 40; }",
        timeout=60_000,
    )
    page.screenshot(path=str(artifacts_dir / "accounts-1-register.png"), full_page=True)
    page.click("main button[type=submit]:has-text('Register')")
    page.wait_for_load_state()
    assert "/accounts/confirm-email/" in page.url, page.content()[:3000]
    assert User.objects.filter(email=EMAIL, display_name="Olga Browser").exists()

    page.goto(base + _link(r"https?://[^/\s]+(/accounts/confirm-email/\S+)"))
    page.click("main button[type=submit]")
    # Confirming in the browser that registered logs in; log out to test the login form.
    page.wait_for_selector("text=Hello, Olga Browser!")
    page.click("header button:has-text('Log out')")
    page.wait_for_selector("header >> text=Log in")

    page.goto(f"{base}/accounts/login/?next=/account/profile/")
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]:has-text('Log in')")
    page.wait_for_load_state()
    page.screenshot(
        path=str(artifacts_dir / "accounts-2-logged-in.png"), full_page=True
    )
    assert page.is_visible("text=Hello, Olga Browser!"), page.url

    page.goto(f"{base}/account/delete/")
    assert page.is_visible("text=Are you sure you want to delete your account?")
    page.fill("#id_password", PASSWORD)
    page.click("main button[value=yes]")
    page.wait_for_selector("text=Your account has been deleted!")
    page.screenshot(path=str(artifacts_dir / "accounts-3-deleted.png"), full_page=True)
    assert User.objects.get(email=EMAIL).is_deleted

    page.goto(base + _link(r"https?://[^/\s]+(/account/restore/\S+/)"))
    page.click("main button:has-text('Restore my account')")
    page.wait_for_selector("text=Your account has been restored")
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]:has-text('Log in')")
    page.wait_for_selector("text=Hello, Olga Browser!")
    page.screenshot(path=str(artifacts_dir / "accounts-4-restored.png"), full_page=True)
    assert not User.objects.get(email=EMAIL).is_deleted

    assert errors == []
    assert refused == []
    host = urlparse(base).netloc
    assert requested_hosts <= {host}, (
        requested_hosts
    )  # nothing loaded from another host
