"""The integrations app's settings, read lazily so that `override_settings` works.

Each value is `VESTNIK_INTEGRATIONS_<NAME>` in settings, with the default here.
"""

from __future__ import annotations

from typing import cast

from django.conf import settings


class AppSettings:
    def _get(self, name: str, default: object) -> object:
        return getattr(settings, f"VESTNIK_INTEGRATIONS_{name}", default)

    @property
    def WEBHOOK_MAX_ATTEMPTS(self) -> int:
        """Attempts per delivery, the first included."""
        return int(cast(int, self._get("WEBHOOK_MAX_ATTEMPTS", 6)))

    @property
    def WEBHOOK_BACKOFF_SECONDS(self) -> int:
        """The wait before the first retry; each next one waits twice as long."""
        return int(cast(int, self._get("WEBHOOK_BACKOFF_SECONDS", 30)))

    @property
    def WEBHOOK_DISABLE_AFTER(self) -> int:
        """Consecutive failed attempts (across deliveries) that switch a webhook off."""
        return int(cast(int, self._get("WEBHOOK_DISABLE_AFTER", 20)))

    @property
    def EMBED_STORIES_PER_HOUR(self) -> int:
        """External stories one reader may start (by a first post) per hour."""
        return int(cast(int, self._get("EMBED_STORIES_PER_HOUR", 10)))

    @property
    def EMBED_TOKEN_SECONDS(self) -> int:
        """How long an embed token (the reader's sign-in inside another site's
        page, integrations/embed_auth.py) stays valid."""
        return int(cast(int, self._get("EMBED_TOKEN_SECONDS", 2 * 3600)))

    @property
    def LOG_DAYS(self) -> int:
        """API calls, Coral calls and webhook deliveries are kept this long."""
        return int(cast(int, self._get("LOG_DAYS", 90)))

    @property
    def WEBHOOK_TIMEOUT_SECONDS(self) -> float:
        return float(cast(float, self._get("WEBHOOK_TIMEOUT_SECONDS", 5.0)))


app_settings = AppSettings()
