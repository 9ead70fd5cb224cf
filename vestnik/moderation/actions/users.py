"""Sanctions on users: the strike ladder (block 1 can be lifted, block 2 is final)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from vestnik.moderation import notifications
from vestnik.moderation.audit import record_decision
from vestnik.moderation.errors import FinalBlockError, ModerationError
from vestnik.moderation.models import (
    ActorKind,
    Appeal,
    AppealStatus,
    Block,
    Decision,
    DecisionKind,
)
from vestnik.moderation.queries import check_can_block
from vestnik.moderation.rulebook_store import current_rulebook
from vestnik.moderation.statements import block_statement, check_rule_ids


def _lock_user(user: Any) -> Any:
    return type(user).objects.select_for_update().get(pk=user.pk)


def block_user(actor: Any, user: Any, *, rules: Iterable[str], note: str = "") -> Block:
    """Block a user's participation. The second block is final.

    Raises ModerationError for a user already blocked, or one who has had both blocks.
    """
    check_can_block(actor)
    if user.pk == getattr(actor, "pk", None):
        raise ModerationError("You can't block yourself.")
    rulebook = current_rulebook()
    rule_ids = check_rule_ids(rulebook, rules, required=True)
    with transaction.atomic():
        user = _lock_user(user)
        blocks = list(Block.objects.filter(user=user))
        if any(b.lifted_at is None for b in blocks):
            raise ModerationError("This user is already blocked.")
        if len(blocks) >= Block.FINAL_NUMBER:
            raise ModerationError("This user has had the final block already.")
        number = len(blocks) + 1
        final = number >= Block.FINAL_NUMBER
        reasons = block_statement(rulebook, rule_ids, final=final)
        block = Block.objects.create(
            user=user,
            number=number,
            rules=rule_ids,
            note=note,
            reasons=reasons,
            created_by=actor,
        )
        decision = record_decision(
            DecisionKind.BLOCK,
            actor=actor,
            subject_user=user,
            rules=rule_ids,
            reasons=reasons,
            note=note,
            evidence=[{"block": block.pk, "number": number, "final": final}],
            versions={"rulebook": rulebook.version},
        )
        notifications.notify_block(decision, user, final=final)
    return block


def _lift(actor: Any, block: Block, *, reasons: str, note: str) -> Decision:
    if block.is_final:
        raise FinalBlockError("A second block is final: access cannot be restored.")
    if block.lifted_at is not None:
        raise ModerationError("This block has been lifted already.")
    block.lifted_at = timezone.now()
    block.lifted_by = actor
    block.save(update_fields=["lifted_at", "lifted_by"])
    return record_decision(
        DecisionKind.UNBLOCK,
        actor=actor,
        subject_user=block.user,
        rules=list(block.rules),
        reasons=reasons,
        note=note,
        evidence=[{"block": block.pk, "number": block.number}],
    )


def unblock_user(actor: Any, user: Any, *, note: str = "") -> Decision:
    """Lift a first block directly. A final (second) block raises FinalBlockError."""
    check_can_block(actor)
    with transaction.atomic():
        _lock_user(user)
        block = (
            Block.objects.select_for_update()
            .filter(user=user, lifted_at__isnull=True)
            .order_by("-number")
            .first()
        )
        if block is None:
            raise ModerationError("This user isn't blocked.")
        decision = _lift(actor, block, reasons="", note=note)
        # An open appeal is answered by the lift itself.
        Appeal.objects.filter(user=user, status=AppealStatus.OPEN).update(
            status=AppealStatus.ACCEPTED, decided_by=actor, decided_at=timezone.now()
        )
        notifications.notify_unblock(decision, block.user)
    return decision


def delete_account(
    actor: Any, user: Any, *, rules: Iterable[str] = (), note: str = ""
) -> Decision:
    """Delete an account without notice (mission.md): purged at once, no e-mail.

    Unlike a user's own deletion there is no restore window: the accounts app's
    purge runs now (personal data gone, comments handled per the publisher's
    setting). The audit entry keeps the user's id and public name, since the row
    it would point at goes away.
    """
    from vestnik.accounts.actions import purge_account

    check_can_block(actor)
    if user.pk == getattr(actor, "pk", None):
        raise ModerationError("You can't delete your own account here.")
    if user.is_superuser or user.is_staff:
        raise ModerationError("Staff accounts can't be deleted from the console.")
    rule_ids = check_rule_ids(current_rulebook(), rules, required=False)
    with transaction.atomic():
        user = _lock_user(user)
        decision = record_decision(
            DecisionKind.DELETE_ACCOUNT,
            actor=actor,
            actor_kind=ActorKind.MODERATOR,
            subject_user=None,
            rules=rule_ids,
            note=note,
            evidence=[{"user_id": user.pk, "public_name": user.public_name}],
        )
        user.deleted_at = timezone.now()
        user.is_active = False
        user.save(update_fields=["deleted_at", "is_active"])
        purge_account(user.pk)
    return decision
