"""Our one extension point into allauth: usernames, consent on social sign-up."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.contrib.sites.models import Site
from django.http import Http404, HttpRequest

from vestnik.accounts.actions import tidy_name


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth: untyped
    def populate_username(self, request: HttpRequest, user: Any) -> None:
        # People log in by e-mail and are shown by display name; the username is an
        # internal unique handle, so it must never be derived from the e-mail.
        if not user.username:
            user.username = f"u-{secrets.token_hex(8)}"

    def send_mail(
        self, template_prefix: str, email: str, context: dict[str, Any]
    ) -> None:
        # allauth signs its mails with the Sites framework's name, "example.com" on a
        # fresh install; until the publisher renames the Site, use the site's settings.
        site = Site.objects.get_current()
        if site.domain == "example.com":
            context = {
                **context,
                "current_site": SiteLabel(
                    name=settings.VESTNIK_SITE_NAME,
                    domain=urlparse(settings.SITE_URL).netloc,
                ),
            }
        super().send_mail(template_prefix, email, context)


@dataclass(frozen=True)
class SiteLabel:
    name: str
    domain: str


class ProviderNotConfigured(Http404, SocialApp.DoesNotExist):  # type: ignore[misc]  # built per model
    """No social application for this provider: a 404 for the reader, and still the
    DoesNotExist that allauth's own code catches."""


class SocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]  # untyped
    def get_app(
        self, request: HttpRequest, provider: str, client_id: Any = None
    ) -> Any:
        # allauth raises SocialApp.DoesNotExist from its login, callback and token
        # views when the publisher has not set the provider up: a 500 (#14).
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist as exc:
            raise ProviderNotConfigured(f"{provider} login is not available.") from exc

    def populate_user(
        self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]
    ) -> Any:
        user = super().populate_user(request, sociallogin, data)
        if not user.display_name:
            name = data.get("name") or " ".join(
                p for p in (data.get("first_name"), data.get("last_name")) if p
            )
            user.display_name = tidy_name(name or "")[:80]
        return user
