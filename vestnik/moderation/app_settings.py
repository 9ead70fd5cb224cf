"""The moderation app's settings, read lazily so that `override_settings` works.

Each value is `VESTNIK_MODERATION_<NAME>` in settings, with the default here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ENGINE_ERROR_POLICIES = ("hold", "heuristics")


class AppSettings:
    def _get(self, name: str, default: object) -> object:
        return getattr(settings, f"VESTNIK_MODERATION_{name}", default)

    @property
    def APPEAL_MIN_LENGTH(self) -> int:
        """An explanation shorter than this can't explain anything."""
        return int(cast(int, self._get("APPEAL_MIN_LENGTH", 40)))

    @property
    def APPEAL_MAX_LENGTH(self) -> int:
        return int(cast(int, self._get("APPEAL_MAX_LENGTH", 4000)))

    @property
    def APPEAL_COOLDOWN_SECONDS(self) -> int:
        """After a refusal, a user waits this long before filing again (anti-spam)."""
        return int(cast(int, self._get("APPEAL_COOLDOWN_SECONDS", 7 * 24 * 3600)))

    @property
    def APPEAL_RATE(self) -> tuple[int, int]:
        """(attempts, seconds) at the appeal form per user, valid or not."""
        return cast(
            tuple[int, int],
            tuple(cast(Iterable[int], self._get("APPEAL_RATE", (5, 3600)))),
        )

    @property
    def QUEUE_PAGE_SIZE(self) -> int:
        return int(cast(int, self._get("QUEUE_PAGE_SIZE", 25)))

    @property
    def DRY_RUN_MAX(self) -> int:
        """The most comments one dry run may re-score."""
        return int(cast(int, self._get("DRY_RUN_MAX", 500)))

    @property
    def ON_ENGINE_ERROR(self) -> str:
        """What a comment gets while a detector or model fails (#14): "hold"
        (every comment the working detectors would publish waits for a human)
        or "heuristics" (the detectors that still run decide alone)."""
        value = str(self._get("ON_ENGINE_ERROR", "hold")).strip().lower()
        if value not in ENGINE_ERROR_POLICIES:
            raise ImproperlyConfigured(
                "VESTNIK_MODERATION_ON_ENGINE_ERROR must be one of "
                f"{', '.join(ENGINE_ERROR_POLICIES)}, not {value!r}"
            )
        return value

    @property
    def REMODERATION_WINDOW_DAYS(self) -> int:
        """After a rulebook save, re-moderate held and published comments this recent."""
        return int(cast(int, self._get("REMODERATION_WINDOW_DAYS", 7)))

    @property
    def REMODERATION_MAX(self) -> int:
        """The most comments one re-moderation run takes (the newest first)."""
        return int(cast(int, self._get("REMODERATION_MAX", 5000)))

    @property
    def REMODERATION_BATCH(self) -> int:
        """Comments judged in one engine pass and committed in one transaction."""
        return int(cast(int, self._get("REMODERATION_BATCH", 100)))


app_settings = AppSettings()
