"""The community's settings, read lazily so that `override_settings` works.

Each value is `VESTNIK_COMMUNITY_<NAME>` in settings, with the default here.
See style guide §4 "Per-app settings".
"""

from __future__ import annotations

from typing import cast

from django.conf import settings


class AppSettings:
    def _get(self, name: str, default: object) -> object:
        return getattr(settings, f"VESTNIK_COMMUNITY_{name}", default)

    def _int(self, name: str, default: int) -> int:
        return int(cast(int, self._get(name, default)))

    def _pair(self, name: str, default: tuple[int, int]) -> tuple[int, int]:
        count, seconds = cast(tuple[int, int], self._get(name, default))
        return int(count), int(seconds)

    @property
    def MIN_LENGTH(self) -> int:
        return self._int("MIN_LENGTH", 2)

    @property
    def MAX_LENGTH(self) -> int:
        """Characters of source text; long essays belong in letters to the editor."""
        return self._int("MAX_LENGTH", 5000)

    @property
    def MAX_DEPTH(self) -> int:
        """Replies nest this deep (0 = top level); deeper replies show flat, "in reply to"."""
        return self._int("MAX_DEPTH", 3)

    @property
    def PAGE_SIZE(self) -> int:
        """Top-level comments per "load more" page."""
        return self._int("PAGE_SIZE", 20)

    @property
    def INLINE_REPLIES(self) -> int:
        """Replies shown under each top-level comment; the rest are on its permalink."""
        return self._int("INLINE_REPLIES", 30)

    @property
    def EDIT_WINDOW_SECONDS(self) -> int:
        """How long an author may edit their own comment."""
        return self._int("EDIT_WINDOW_SECONDS", 15 * 60)

    @property
    def POST_RATE_USER(self) -> tuple[int, int]:
        """(comments, seconds) per account: a hard ceiling above the `flooding` rule."""
        return self._pair("POST_RATE_USER", (12, 60))

    @property
    def POST_RATE_IP(self) -> tuple[int, int]:
        return self._pair("POST_RATE_IP", (40, 60))

    @property
    def DRY_RUN_RATE_USER(self) -> tuple[int, int]:
        return self._pair("DRY_RUN_RATE_USER", (30, 60))

    @property
    def REPORT_RATE_USER(self) -> tuple[int, int]:
        """Reports per reader: report abuse is itself rate-limited."""
        return self._pair("REPORT_RATE_USER", (10, 3600))

    @property
    def REACTION_RATE_USER(self) -> tuple[int, int]:
        """Reactions (set, change or take back) per reader per window."""
        return self._pair("REACTION_RATE_USER", (30, 60))

    @property
    def THREAD_CACHE_SECONDS(self) -> int:
        """How long an anonymous thread fragment is kept (a new version replaces it)."""
        return self._int("THREAD_CACHE_SECONDS", 600)

    @property
    def ANONYMOUS_MAX_AGE(self) -> int:
        """Cache-Control max-age of anonymous pages (seconds a CDN may serve them)."""
        return self._int("ANONYMOUS_MAX_AGE", 5)

    @property
    def STALE_WHILE_REVALIDATE(self) -> int:
        return self._int("STALE_WHILE_REVALIDATE", 30)

    @property
    def REPORTS_TO_HOLD(self) -> int:
        """Distinct readers in good standing whose reports hold a comment for review."""
        return self._int("REPORTS_TO_HOLD", 3)

    @property
    def GOOD_STANDING_MAX_REJECTED(self) -> int:
        """A reporter with more rejected comments than this (last 30 days) doesn't count."""
        return self._int("GOOD_STANDING_MAX_REJECTED", 2)

    def _choice(self, name: str, default: str) -> str:
        value = str(self._get(name, default))
        return value if value in {"show", "anonymise", "hide"} else default

    @property
    def DELETED_AUTHOR_COMMENTS(self) -> str:
        """Comments of accounts waiting out deletion: "hide", "anonymise" or "show"."""
        return self._choice("DELETED_AUTHOR_COMMENTS", "hide")

    @property
    def BLOCKED_AUTHOR_COMMENTS(self) -> str:
        """Comments of blocked accounts: "show", "anonymise" or "hide"."""
        return self._choice("BLOCKED_AUTHOR_COMMENTS", "show")


app_settings = AppSettings()
