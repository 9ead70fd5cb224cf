"""Unlock requests: filed by a user after a first block, decided by a moderator."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from vestnik.moderation import notifications
from vestnik.moderation.actions.users import _lift
from vestnik.moderation.app_settings import app_settings
from vestnik.moderation.audit import record_decision
from vestnik.moderation.errors import (
    AppealNotAllowedError,
    FinalBlockError,
    ModerationError,
)
from vestnik.moderation.models import (
    APPEAL_SUBJECT,
    ActorKind,
    Appeal,
    AppealStatus,
    Block,
    DecisionKind,
)
from vestnik.moderation.queries import check_can_block


def check_appeal_rate(user: Any) -> None:
    """Count every attempt at the form, so a script can't hammer it."""
    attempts, seconds = app_settings.APPEAL_RATE
    key = f"moderation:appeal-rate:{user.pk}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, seconds)
        count = 1
    if count > attempts:
        raise AppealNotAllowedError("Too many attempts. Please try again later.")


def file_appeal(
    user: Any, *, user_id_claimed: str, explanation: str, subject: str = APPEAL_SUBJECT
) -> Appeal:
    """A blocked user's unlock request (mission.md "Sanctions and appeals").

    Allowed only while a first block is active, one open appeal at a time, and not
    within the cool-down after a refusal. The claimed user ID must be the user's own.
    """
    if user is None or not user.is_authenticated:
        raise AppealNotAllowedError("Sign in to ask for your access to be restored.")
    check_appeal_rate(user)
    if subject.strip() != APPEAL_SUBJECT:
        raise ModerationError(f'The subject must be "{APPEAL_SUBJECT}".')
    if user_id_claimed.strip() != str(user.pk):
        raise ModerationError("The user ID doesn't match your account.")
    explanation = explanation.strip()
    if len(explanation) < app_settings.APPEAL_MIN_LENGTH:
        raise ModerationError(
            f"Explain the actions that led to the block (at least {app_settings.APPEAL_MIN_LENGTH} characters)."
        )
    if len(explanation) > app_settings.APPEAL_MAX_LENGTH:
        raise ModerationError(
            f"Please keep it under {app_settings.APPEAL_MAX_LENGTH} characters."
        )
    with transaction.atomic():
        block = (
            Block.objects.select_for_update()
            .filter(user=user, lifted_at__isnull=True)
            .order_by("-number")
            .first()
        )
        if block is None:
            raise AppealNotAllowedError("Your account isn't blocked.")
        if block.is_final:
            raise FinalBlockError("A second block is final: access cannot be restored.")
        if Appeal.objects.filter(user=user, status=AppealStatus.OPEN).exists():
            raise AppealNotAllowedError(
                "You already have an open request; the moderators will answer it."
            )
        cooldown = timezone.now() - timedelta(
            seconds=app_settings.APPEAL_COOLDOWN_SECONDS
        )
        if Appeal.objects.filter(
            user=user,
            block=block,
            status=AppealStatus.REFUSED,
            decided_at__gte=cooldown,
        ).exists():
            raise AppealNotAllowedError(
                "Your last request was refused recently. You can write again later."
            )
        try:
            with transaction.atomic():
                appeal = Appeal.objects.create(
                    user=user,
                    block=block,
                    subject=APPEAL_SUBJECT,
                    user_id_claimed=user_id_claimed.strip(),
                    explanation=explanation,
                )
        except IntegrityError:  # a concurrent submission won the one-open-appeal race
            raise AppealNotAllowedError("You already have an open request.") from None
        record_decision(
            DecisionKind.APPEAL_FILED,
            actor=user,
            actor_kind=ActorKind.USER,
            subject_user=user,
            evidence=[{"appeal": appeal.pk, "block": block.pk}],
        )
    return appeal


def _locked_open(appeal: Appeal) -> Appeal:
    appeal = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("block", "user")
        .get(pk=appeal.pk)
    )
    if appeal.status != AppealStatus.OPEN:
        raise ModerationError("This request has been decided already.")
    return appeal


def accept_appeal(actor: Any, appeal: Appeal, *, reason: str = "") -> Appeal:
    """Restore access: lifts the (first) block. A final block can't be lifted."""
    check_can_block(actor)
    with transaction.atomic():
        appeal = _locked_open(appeal)
        block = Block.objects.select_for_update().get(pk=appeal.block_id)
        if block.is_final:
            raise FinalBlockError("A second block is final: access cannot be restored.")
        appeal.status = AppealStatus.ACCEPTED
        appeal.decided_by = actor
        appeal.decided_at = timezone.now()
        appeal.reason = reason.strip()
        appeal.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        if block.lifted_at is None:
            _lift(
                actor,
                block,
                reasons="Your request to restore access was accepted.",
                note="",
            )
        decision = record_decision(
            DecisionKind.APPEAL_ACCEPTED,
            actor=actor,
            subject_user=appeal.user,
            reasons=appeal.reason,
            evidence=[{"appeal": appeal.pk, "block": block.pk}],
        )
        notifications.notify_appeal_outcome(decision, appeal)
    return appeal


def refuse_appeal(actor: Any, appeal: Appeal, *, reason: str) -> Appeal:
    check_can_block(actor)
    if not reason.strip():
        raise ModerationError("Give the user a reason for the refusal.")
    with transaction.atomic():
        appeal = _locked_open(appeal)
        appeal.status = AppealStatus.REFUSED
        appeal.decided_by = actor
        appeal.decided_at = timezone.now()
        appeal.reason = reason.strip()
        appeal.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        decision = record_decision(
            DecisionKind.APPEAL_REFUSED,
            actor=actor,
            subject_user=appeal.user,
            reasons=appeal.reason,
            evidence=[{"appeal": appeal.pk, "block": appeal.block_id}],
        )
        notifications.notify_appeal_outcome(decision, appeal)
    return appeal
