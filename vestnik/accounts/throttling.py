"""Login throttling: django-axes glue (per address and e-mail) and the delete form."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from vestnik.site import counters


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


# Deleting an account asks for the password: without a ceiling that form is a way
# around the login lockout for anyone holding a session (#14). Same limit and
# cool-off as django-axes, counted per account in the shared counters.
def _delete_key(user_id: int) -> str:
    window = _cooloff_seconds()
    return f"accounts:delete-fail:{user_id}:{int(time.time()) // window}"


def _cooloff_seconds() -> int:
    return max(60, int(float(getattr(settings, "AXES_COOLOFF_TIME", 0.25)) * 3600))


def delete_attempts_exhausted(user_id: int) -> bool:
    return counters.peek(_delete_key(user_id)) >= int(settings.AXES_FAILURE_LIMIT)


def count_failed_delete(user_id: int) -> None:
    counters.incr(_delete_key(user_id), _cooloff_seconds() + 1)
