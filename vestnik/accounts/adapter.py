"""Our one extension point into allauth: usernames, consent on social sign-up."""

from __future__ import annotations

import secrets
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth: untyped
    def populate_username(self, request: HttpRequest, user: Any) -> None:
        # People log in by e-mail and are shown by display name; the username is an
        # internal unique handle, so it must never be derived from the e-mail.
        if not user.username:
            user.username = f"u-{secrets.token_hex(8)}"


class SocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]  # untyped
    def populate_user(
        self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]
    ) -> Any:
        user = super().populate_user(request, sociallogin, data)
        if not user.display_name:
            name = data.get("name") or " ".join(
                p for p in (data.get("first_name"), data.get("last_name")) if p
            )
            user.display_name = (name or "").strip()[:80]
        return user
