"""System checks: a misspelt moderation setting fails `manage check` at deploy
time instead of the first comment posted after it."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def check_engine_error_policy(**kwargs: Any) -> list[checks.CheckMessage]:
    from vestnik.moderation.app_settings import app_settings

    try:
        app_settings.ON_ENGINE_ERROR  # noqa: B018 - the property validates
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="vestnik.moderation.E001")]
    return []
