"""django-axes glue: lock out per (address, e-mail), not per address alone."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    # allauth authenticates with `email=...`; the login form posts it as `login`.
    # Without this axes would see no username and lock the whole address out.
    credentials = credentials or {}
    value = (
        credentials.get("email")
        or credentials.get("username")
        or credentials.get("login")
        or getattr(request, "POST", {}).get("login", "")
    )
    return str(value or "").strip().lower()
