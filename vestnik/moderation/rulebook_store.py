"""The rulebook in force: the engine's default plus the publisher's stored overrides.

The engine never reads the database (style guide §3); this module is the one place
that turns the newest `RulebookSettings` row into a `vestnik.engine.Rulebook`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from typing import Any

from vestnik.engine import Rulebook, default_rulebook
from vestnik.moderation.models import RulebookSettings

_lock = threading.Lock()
_default: Rulebook | None = None
# overrides (as canonical JSON) -> layered rulebook. Keyed by content, not by the
# version number: a recreated database (tests, a restore) reuses version numbers.
# One entry per distinct settings ever loaded in this process: a handful.
_layered: dict[str, Rulebook] = {}


def base_rulebook() -> Rulebook:
    """The default rulebook, built once per process (detectors load lazily)."""
    global _default
    with _lock:
        if _default is None:
            _default = default_rulebook()
        return _default


def current_settings() -> RulebookSettings | None:
    return RulebookSettings.objects.order_by("-version").first()


def rulebook_from(overrides: Mapping[str, Any] | None) -> Rulebook:
    """The default rulebook with `overrides` layered on; raises RulebookError."""
    return base_rulebook().with_overrides(dict(overrides or {}))


def current_rulebook() -> Rulebook:
    """The rulebook the site enforces now (one query)."""
    stored = current_settings()
    if stored is None:
        return base_rulebook()
    key = json.dumps(stored.overrides, sort_keys=True, default=str)
    with _lock:
        book = _layered.get(key)
    if book is None:
        book = rulebook_from(stored.overrides)
        with _lock:
            _layered[key] = book
    return book


def escalation_limits() -> tuple[int, int]:
    """(rejected comments, window in days) that switch a user to pre-moderation.

    0 rejections means escalation is off.
    """
    stored = current_settings()
    if stored is None:
        default = RulebookSettings()
        return default.escalation_rejections, default.escalation_window_days
    return stored.escalation_rejections, stored.escalation_window_days


def transparency_is_public() -> bool:
    stored = current_settings()
    return (
        RulebookSettings().public_transparency
        if stored is None
        else stored.public_transparency
    )
