"""System checks for the integrations, run by `manage check` at deploy time."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

SIGNED_COOKIES = "django.contrib.sessions.backends.signed_cookies"


def check_session_engine(**kwargs: Any) -> list[checks.CheckMessage]:
    """An embed token lives while the session that issued it is signed in
    (integrations/embed_auth.py): that needs sessions stored on the server."""
    if settings.SESSION_ENGINE == SIGNED_COOKIES:
        return [
            checks.Error(
                "The embedded discussion's sign-in needs server-side sessions; "
                "with signed-cookie sessions every embed token is refused.",
                hint="Use the db, cache or cached_db session engine.",
                id="vestnik.integrations.E001",
            )
        ]
    return []
