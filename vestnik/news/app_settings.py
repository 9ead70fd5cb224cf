"""The newsroom's settings, read lazily so that `override_settings` works.

Every value has a default; a deployment overrides it in settings.py (which reads
the environment). See style guide §4 "Per-app settings".
"""

from __future__ import annotations

from typing import cast

from django.conf import settings


class AppSettings:
    def _get(self, name: str, default: object) -> object:
        return getattr(settings, f"VESTNIK_NEWS_{name}", default)

    def _int(self, name: str, default: int) -> int:
        return int(cast(int, self._get(name, default)))

    @property
    def PAGE_SIZE(self) -> int:
        """Articles per page on section, tag and live-feed pages."""
        return self._int("PAGE_SIZE", 20)

    @property
    def SEARCH_PAGE_SIZE(self) -> int:
        return self._int("SEARCH_PAGE_SIZE", 10)

    @property
    def SEARCH_MAX_QUERY_LENGTH(self) -> int:
        """Longer queries get 400: no reader types 300 characters into a search box."""
        return self._int("SEARCH_MAX_QUERY_LENGTH", 200)

    @property
    def SEARCH_MAX_TERMS(self) -> int:
        return self._int("SEARCH_MAX_TERMS", 12)

    @property
    def MAX_PAGE(self) -> int:
        """Page numbers above this are 404 without touching the database."""
        return self._int("MAX_PAGE", 10_000)

    @property
    def RELATED_COUNT(self) -> int:
        return self._int("RELATED_COUNT", 4)

    @property
    def RELATED_CACHE_SECONDS(self) -> int:
        return self._int("RELATED_CACHE_SECONDS", 300)

    @property
    def FEED_SIZE(self) -> int:
        return self._int("FEED_SIZE", 30)

    @property
    def RENDITION_WIDTHS(self) -> tuple[int, ...]:
        return tuple(
            cast(tuple[int, ...], self._get("RENDITION_WIDTHS", (320, 640, 960, 1280)))
        )

    @property
    def VIEW_FLUSH_SECONDS(self) -> int:
        """How often a web process flushes buffered view counts (no Redis: once per
        process); Celery beat flushes every 60 s where it runs."""
        return self._int("VIEW_FLUSH_SECONDS", 60)

    @property
    def HEADER_CACHE_SECONDS(self) -> int:
        """Sections and the featured photo story in the header are cached this long."""
        return self._int("HEADER_CACHE_SECONDS", 60)

    @property
    def FOLLOW_LINKS(self) -> list[tuple[str, str]]:
        """("Label", "url") pairs for "Follow us"; the site's own feeds come first."""
        extra = cast(list[tuple[str, str]], self._get("FOLLOW_LINKS", []))
        return [("RSS", "/feeds/rss/"), ("Atom", "/feeds/atom/"), *extra]

    @property
    def SEARCH_CONFIG(self) -> str:
        """PostgreSQL text search configuration, from the site's language."""
        configured = self._get("SEARCH_CONFIG", "")
        if configured:
            return str(configured)
        language = str(settings.LANGUAGE_CODE).split("-")[0].lower()
        return _PG_CONFIGS.get(language, "simple")


_PG_CONFIGS = {
    "en": "english",
    "ru": "russian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "sv": "swedish",
    "fi": "finnish",
    "da": "danish",
    "no": "norwegian",
    "hu": "hungarian",
    "tr": "turkish",
}

app_settings = AppSettings()
