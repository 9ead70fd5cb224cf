"""Automatic escalation: N rejected comments within a period -> pre-moderation.

N and the period are the publisher's settings (RulebookSettings). While a user is
pre-moderated, submit_for_moderation holds every new comment of theirs
(`queries.user_is_premoderated`) for a moderator.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from vestnik.moderation import notifications
from vestnik.moderation.audit import record_decision
from vestnik.moderation.errors import ModerationError
from vestnik.moderation.models import ActorKind, Decision, DecisionKind, Premoderation
from vestnik.moderation.queries import check_moderator
from vestnik.moderation.rulebook_store import escalation_limits


def check_escalation(user: Any) -> Premoderation | None:
    """Switch `user` to pre-moderation when their recent rejections reach the limit.

    Counts rejections in the audit log (the engine's and the moderators'), one per
    comment. Idempotent: an active pre-moderation is left as it is.
    """
    limit, days = escalation_limits()
    if limit <= 0 or user is None or user.pk is None:
        return None
    if Premoderation.objects.filter(user=user, lifted_at__isnull=True).exists():
        return None
    since = timezone.now() - timedelta(days=days)
    rejected = (
        Decision.objects.filter(
            subject_user=user,
            action="reject",
            kind__in=[DecisionKind.ENGINE_VERDICT, DecisionKind.REJECT],
            created_at__gte=since,
            comment__isnull=False,
        )
        .values("comment_id")
        .distinct()
        .count()
    )
    if rejected < limit:
        return None
    with transaction.atomic():
        reasons = (
            f"{rejected} of your comments were removed in the last {days} days, so from "
            "now on each new comment of yours is checked by a moderator before it is "
            "published."
        )
        premoderation = Premoderation.objects.create(user=user, reason=reasons)
        decision = record_decision(
            DecisionKind.ESCALATE,
            actor_kind=ActorKind.SYSTEM,
            subject_user=user,
            reasons=reasons,
            evidence=[{"rejections": rejected, "days": days, "limit": limit}],
        )
        notifications.notify_premoderation(decision, user)
    return premoderation


def lift_premoderation(actor: Any, user: Any, *, note: str = "") -> Decision:
    check_moderator(actor)
    with transaction.atomic():
        updated = Premoderation.objects.filter(
            user=user, lifted_at__isnull=True
        ).update(lifted_at=timezone.now(), lifted_by=actor)
        if not updated:
            raise ModerationError("This user isn't under pre-moderation.")
        return record_decision(
            DecisionKind.DEESCALATE, actor=actor, subject_user=user, note=note
        )
