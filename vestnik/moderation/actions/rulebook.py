"""Publisher-admins' changes to the rulebook settings: each save is a new version."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from vestnik.engine import RulebookError
from vestnik.moderation.actions.remoderation import schedule_remoderation
from vestnik.moderation.audit import record_decision
from vestnik.moderation.errors import ModerationError
from vestnik.moderation.models import DecisionKind, RulebookSettings
from vestnik.moderation.queries import check_publisher_admin
from vestnik.moderation.rulebook_store import rulebook_from


def check_overrides(overrides: Mapping[str, Any]) -> str:
    """Validate by building the rulebook; returns its version. Raises ModerationError."""
    try:
        return rulebook_from(overrides).version
    except RulebookError as exc:
        raise ModerationError(str(exc)) from None


def save_rulebook_settings(
    actor: Any,
    *,
    overrides: Mapping[str, Any],
    escalation_rejections: int,
    escalation_window_days: int,
    public_transparency: bool,
    note: str = "",
) -> RulebookSettings:
    """Store a new version of the settings and schedule re-moderation after commit."""
    check_publisher_admin(actor)
    version_label = check_overrides(overrides)
    if not 0 <= escalation_rejections <= 1000:
        raise ModerationError("The escalation count must be between 0 (off) and 1000.")
    if not 1 <= escalation_window_days <= 365:
        raise ModerationError("The escalation period must be between 1 and 365 days.")
    with transaction.atomic():
        latest = RulebookSettings.objects.aggregate(v=Max("version"))["v"] or 0
        try:
            with transaction.atomic():
                stored = RulebookSettings.objects.create(
                    version=latest + 1,
                    overrides=dict(overrides),
                    escalation_rejections=escalation_rejections,
                    escalation_window_days=escalation_window_days,
                    public_transparency=public_transparency,
                    note=note,
                    created_by=actor,
                )
        except IntegrityError:
            raise ModerationError(
                "Someone saved the settings at the same moment; reload and retry."
            ) from None
        record_decision(
            DecisionKind.RULEBOOK_CHANGE,
            actor=actor,
            note=note,
            evidence=[
                {
                    "version": stored.version,
                    "overrides": dict(overrides),
                    "escalation": [escalation_rejections, escalation_window_days],
                    "public_transparency": public_transparency,
                }
            ],
            versions={"rulebook": version_label},
        )
        # Recent comments are judged again under the new settings (#14).
        schedule_remoderation(stored, actor=actor, rulebook_version=version_label)
    return stored
