"""Accounts settings with defaults, read lazily so that override_settings works."""

from __future__ import annotations

from typing import Any

from django.conf import settings


class AppSettings:
    def _get(self, name: str, default: Any) -> Any:
        return getattr(settings, name, default)

    @property
    def ALTCHA_HMAC_KEY(self) -> str:
        # Defaults to a key derived from SECRET_KEY so a fresh install works unconfigured.
        return str(
            self._get("VESTNIK_ALTCHA_HMAC_KEY", "") or f"altcha:{settings.SECRET_KEY}"
        )

    @property
    def ALTCHA_ALGORITHM(self) -> str:
        return str(self._get("VESTNIK_ALTCHA_ALGORITHM", "SHA-256"))

    @property
    def ALTCHA_COST(self) -> int:
        return int(self._get("VESTNIK_ALTCHA_COST", 1))

    @property
    def ALTCHA_KEY_PREFIX(self) -> str:
        """Hex prefix the derived key must start with: 4 digits ~ 65k hashes on average."""
        return str(self._get("VESTNIK_ALTCHA_KEY_PREFIX", "0000"))

    @property
    def ALTCHA_EXPIRES_SECONDS(self) -> int:
        return int(self._get("VESTNIK_ALTCHA_EXPIRES_SECONDS", 20 * 60))

    @property
    def RESTORE_DAYS(self) -> int:
        return int(self._get("VESTNIK_ACCOUNT_RESTORE_DAYS", 30))

    @property
    def PURGED_COMMENTS(self) -> str:
        """What happens to a purged account's comments: "anonymise" or "delete"."""
        value = str(self._get("VESTNIK_PURGED_COMMENTS", "anonymise"))
        if value not in ("anonymise", "delete"):
            raise ValueError('VESTNIK_PURGED_COMMENTS must be "anonymise" or "delete"')
        return value

    @property
    def COMMENT_MODEL(self) -> str:
        return str(self._get("VESTNIK_COMMENT_MODEL", "community.Comment"))

    @property
    def AVATAR_MAX_BYTES(self) -> int:
        return int(self._get("VESTNIK_AVATAR_MAX_BYTES", 2 * 1024 * 1024))

    @property
    def AVATAR_MAX_PIXELS(self) -> int:
        """Refuse images whose header claims more pixels than this (decompression bombs)."""
        return int(self._get("VESTNIK_AVATAR_MAX_PIXELS", 40_000_000))

    @property
    def AVATAR_SIZE(self) -> int:
        return int(self._get("VESTNIK_AVATAR_SIZE", 256))


app_settings = AppSettings()
