"""The moderation record: the audit log, blocks (the strike ladder), appeals, settings.

Every write goes through vestnik/moderation/actions/ (and the one appender,
vestnik/moderation/audit.py::record_decision); these models only hold data and
small invariants.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class DecisionKind(models.TextChoices):
    ENGINE_VERDICT = "engine-verdict", "Engine verdict"
    APPROVE = "approve", "Approved"
    REJECT = "reject", "Rejected"
    EDIT = "edit", "Edited"
    FEATURE = "feature", "Featured"
    UNFEATURE = "unfeature", "Unfeatured"
    HOLD = "hold", "Held for review"
    DELETE_COMMENT = "delete-comment", "Comment deleted"
    BLOCK = "block", "User blocked"
    UNBLOCK = "unblock", "User unblocked"
    ESCALATE = "escalate", "Pre-moderation switched on"
    DEESCALATE = "deescalate", "Pre-moderation switched off"
    APPEAL_FILED = "appeal-filed", "Appeal filed"
    APPEAL_ACCEPTED = "appeal-accepted", "Appeal accepted"
    APPEAL_REFUSED = "appeal-refused", "Appeal refused"
    DELETE_ACCOUNT = "delete-account", "Account deleted"
    RULEBOOK_CHANGE = "rulebook-change", "Rulebook settings changed"


class ActorKind(models.TextChoices):
    ENGINE = "engine", "Engine"
    MODERATOR = "moderator", "Moderator"
    SYSTEM = "system", "System (automatic escalation)"
    USER = "user", "The user"


class Decision(models.Model):
    """One entry of the append-only audit log.

    `actor` is null for the engine and for automatic steps; `actor_kind` says which,
    so a deleted moderator account never turns a human decision into an engine one.
    `overrides_engine` marks a human decision that disagrees with the engine's last
    verdict on the same comment: the training set for later.
    """

    kind = models.CharField(max_length=32, choices=DecisionKind.choices)
    actor_kind = models.CharField(max_length=16, choices=ActorKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_decisions_made",
    )
    comment = models.ForeignKey(
        "community.Comment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_decisions",
    )
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_decisions",
    )
    # "publish" / "hold" / "reject" for comment decisions, "" otherwise.
    action = models.CharField(max_length=16, blank=True)
    engine_action = models.CharField(max_length=16, blank=True)
    engine_rules = models.JSONField(default=list, blank=True)  # what the engine flagged
    overrides_engine = models.BooleanField(default=False)
    rules = models.JSONField(default=list, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    reasons = models.TextField(blank=True)  # the statement of reasons the user reads
    note = models.TextField(blank=True)  # internal, moderators only
    versions = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["comment", "created_at"], name="mod_dec_comment_idx"),
            models.Index(
                fields=["subject_user", "created_at"], name="mod_dec_user_idx"
            ),
            models.Index(fields=["kind", "created_at"], name="mod_dec_kind_idx"),
            models.Index(
                fields=["actor_kind", "created_at"], name="mod_dec_actor_kind_idx"
            ),
        ]
        permissions = [
            ("moderate_comments", "Can use the moderators' console"),
            ("block_users", "Can block users and decide appeals"),
            ("manage_rulebook", "Can edit the rulebook settings"),
            ("view_transparency", "Can see the full transparency report"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.actor_kind} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError(
                "The audit log is append-only: a Decision is never changed."
            )
        super().save(*args, **kwargs)


class Block(models.Model):
    """A block of a user's participation. Number 1 can be lifted on appeal; 2 is final."""

    FINAL_NUMBER = 2

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks"
    )
    number = models.PositiveSmallIntegerField()
    rules = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    reasons = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "number"], name="mod_block_number_once"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=2),
                name="mod_block_number_1_2",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "lifted_at"], name="mod_block_active_idx")
        ]

    def __str__(self) -> str:
        return f"block #{self.number} of user {self.user_id}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None

    @property
    def is_final(self) -> bool:
        return self.number >= self.FINAL_NUMBER


class AppealStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted: access restored"
    REFUSED = "refused", "Refused"


APPEAL_SUBJECT = "Restoration of account / unlock access"


class Appeal(models.Model):
    """A blocked user's unlock request (mission.md, "Sanctions and appeals")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="appeals")
    subject = models.CharField(max_length=120, default=APPEAL_SUBJECT)
    user_id_claimed = models.CharField(max_length=40)
    explanation = models.TextField()
    status = models.CharField(
        max_length=16, choices=AppealStatus.choices, default=AppealStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="open"),
                name="mod_appeal_one_open_per_user",
            )
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="mod_appeal_queue_idx")
        ]

    def __str__(self) -> str:
        return f"appeal {self.pk} by user {self.user_id} ({self.status})"


class Premoderation(models.Model):
    """A user whose every new comment is held for a moderator (automatic escalation)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="premoderations",
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        indexes = [
            models.Index(fields=["user", "lifted_at"], name="mod_premod_active_idx")
        ]

    def __str__(self) -> str:
        return f"pre-moderation of user {self.user_id}"


class RulebookSettings(models.Model):
    """One version of the publisher's settings; the newest row is in force.

    `overrides` is the plain data passed to `Rulebook.with_overrides()` (per-rule
    wording/outcome/threshold/enabled, site_languages, publisher_names,
    allowed_domains, language_action). The other fields are the console's own.
    Rows are never edited: saving makes a new version, so every verdict can be
    replayed against the settings that produced it.
    """

    version = models.PositiveIntegerField(unique=True)
    overrides = models.JSONField(default=dict, blank=True)
    escalation_rejections = models.PositiveIntegerField(default=3)
    escalation_window_days = models.PositiveIntegerField(default=7)
    public_transparency = models.BooleanField(default=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        verbose_name_plural = "rulebook settings"

    def __str__(self) -> str:
        return f"rulebook settings v{self.version}"


class RemoderationStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Failed"
    SUPERSEDED = "superseded", "Superseded by a newer save"


class RemoderationRun(models.Model):
    """Re-moderation of recent comments after a rulebook save, and its progress.

    `comment_ids` is the snapshot taken at the save (recent held and published
    comments, newest first up to the cap); `done` is how many of them are behind
    the worker. A batch and its counters commit together, so a batch that runs
    twice (a worker killed mid-batch, a redelivered task) never counts twice.
    """

    rulebook_settings = models.ForeignKey(
        RulebookSettings, on_delete=models.CASCADE, related_name="remoderations"
    )
    rulebook_version = models.CharField(max_length=80)
    status = models.CharField(
        max_length=16,
        choices=RemoderationStatus.choices,
        default=RemoderationStatus.QUEUED,
    )
    window_days = models.PositiveIntegerField()
    comment_ids = models.JSONField(default=list, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    # comments left alone: a moderator decided, or no longer held/published
    skipped = models.PositiveIntegerField(default=0)
    # {"published->held": 3, ...}
    moves = models.JSONField(default=dict, blank=True)
    errors = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"re-moderation {self.pk} ({self.status}): {self.done}/{self.total}"

    @property
    def is_active(self) -> bool:
        return self.status in {RemoderationStatus.QUEUED, RemoderationStatus.RUNNING}

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.done / self.total)


class DecisionDay(models.Model):
    """Engine verdicts counted per local day, action and rule: the roll-up the
    transparency report reads for closed days (vestnik/moderation/rollups.py).

    `rule` "" counts the verdicts themselves; a rule's row counts the verdicts
    that cited it (not kept for "publish", which the report counts only). Written only by `rollups.roll_up_day`, never edited by hand.
    """

    day = models.DateField()
    action = models.CharField(max_length=16, blank=True)
    rule = models.CharField(max_length=64, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "action", "rule"], name="mod_decisionday_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.action or 'publish'} {self.rule or '*'}: {self.count}"


class RolledDay(models.Model):
    """A local day whose engine verdicts are in DecisionDay: the report reads the
    roll-up for it instead of the audit log."""

    day = models.DateField(primary_key=True)
    rolled_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.day} rolled up at {self.rolled_at:%Y-%m-%d %H:%M}"
