"""Reader comments, their reactions, reports and revisions.

A thread is every comment under one article. Top-level comments are paged with a
keyset cursor; replies hang off their top-level comment (`root`) and are ordered by
a materialised `path`, so one indexed query renders a page of whole sub-threads.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class CommentStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    HELD = "held", "Held for review"
    REJECTED = "rejected", "Rejected"
    DELETED = "deleted", "Deleted"


class Comment(models.Model):
    article = models.ForeignKey(
        "news.Article", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The top-level comment this one hangs under (itself for top-level comments).
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Display depth: 0 for top level, capped at MAX_DEPTH (deeper replies show flat).
    depth = models.PositiveSmallIntegerField(default=0)
    # Zero-padded ids from the root down; orders a sub-thread depth-first.
    path = models.CharField(max_length=255, blank=True, default="")
    # Chosen by the form before posting: double-submit protection and the engine's id.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    body = models.TextField()
    body_html = models.TextField()
    status = models.CharField(max_length=12, choices=CommentStatus.choices)
    # The engine's verdict as `vestnik.engine.verdict_to_dict` returns it (action,
    # rules with evidence, scores, reasons, versions), kept for the console and audits.
    verdict = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=12, blank=True, default="")

    created_at = models.DateTimeField(db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)  # by the author
    moderator_edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    is_featured = models.BooleanField(default=False)
    reaction_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)  # published direct replies

    class Meta:
        # The thread orderings lead with (article, depth) and carry no status: a page
        # walks the index in display order and skips the few rows the viewer can't
        # see, so one index serves every viewer (readers, authors of held comments).
        indexes = [
            models.Index(
                fields=["article", "depth", "created_at", "id"],
                name="comment_thread_time",
            ),
            models.Index(
                fields=["article", "depth", "reaction_count", "id"],
                name="comment_thread_reactions",
            ),
            models.Index(
                fields=["article", "depth", "reply_count", "id"],
                name="comment_thread_replies",
            ),
            models.Index(fields=["root", "path"], name="comment_subthread"),
            models.Index(fields=["author", "created_at"], name="comment_author_time"),
            models.Index(
                fields=["article", "is_featured", "created_at"], name="comment_featured"
            ),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.article_id}"

    def get_absolute_url(self) -> str:
        return reverse("community:permalink", args=[self.pk])

    @property
    def is_visible(self) -> bool:
        return self.status == CommentStatus.PUBLISHED

    @property
    def rules_fired(self) -> list[dict[str, object]]:
        rules = self.verdict.get("rules", []) if isinstance(self.verdict, dict) else []
        return [rule for rule in rules if isinstance(rule, dict)]


class Discussion(models.Model):
    """Per-article thread state, kept by the actions (the article also carries the count)."""

    article = models.OneToOneField(
        "news.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="discussion",
    )
    comment_count = models.PositiveIntegerField(default=0)
    last_comment_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every change a reader of the thread could see (community/
    # threadcache.py); part of every cached fragment's key and of the ETag.
    # Here rather than on Article: the admin saves whole Article rows, and a
    # stale copy written back would move the version backwards.
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Discussion of {self.article_id}: {self.comment_count}"


class ReactionKind(models.TextChoices):
    AGREE = "agree", "Agree"
    INSIGHTFUL = "insightful", "Insightful"
    FUNNY = "funny", "Funny"


class Reaction(models.Model):
    """One reaction per reader per comment; reacting again changes or removes it."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reactions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_reactions",
    )
    kind = models.CharField(
        max_length=12, choices=ReactionKind.choices, default=ReactionKind.AGREE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"], name="one_reaction_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.comment_id}"


class Report(models.Model):
    """A reader's report, citing a rule of the community standards by id."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_reports",
    )
    rule = models.CharField(max_length=40)
    text = models.TextField(blank=True, default="", max_length=1000)
    # Whether the reporter was in good standing when reporting (counts towards auto-hold).
    counted = models.BooleanField(default=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="one_report_per_reader"
            )
        ]
        indexes = [models.Index(fields=["rule", "created_at"], name="report_rule_time")]

    def __str__(self) -> str:
        return f"Report of {self.comment_id} under {self.rule}"


class RevisionRole(models.TextChoices):
    AUTHOR = "author", "Author"
    MODERATOR = "moderator", "Moderator"


class Revision(models.Model):
    """One edit of a comment: who, when, why, and what changed."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="revisions"
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=12, choices=RevisionRole.choices)
    reason = models.CharField(max_length=500, blank=True, default="")
    body_before = models.TextField()
    body_after = models.TextField()
    diff = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Revision of {self.comment_id} by {self.role}"


class Fingerprint(models.Model):
    """A MinHash signature of a posted text, for the engine's near-duplicate index.

    Kept apart from Comment because the engine fingerprints what it is asked to
    (its own ids), and old prints are pruned on their own schedule.
    """

    key = models.CharField(max_length=64, unique=True)
    author_key = models.CharField(max_length=64, blank=True, default="")
    thread_key = models.CharField(max_length=64, blank=True, default="")
    signature = models.BinaryField()
    created_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Fingerprint {self.key}"


class FingerprintBucket(models.Model):
    """One LSH band of a fingerprint: equal buckets mean "candidate near-duplicate"."""

    fingerprint = models.ForeignKey(
        Fingerprint, on_delete=models.CASCADE, related_name="buckets"
    )
    bucket = models.BigIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(
                fields=["bucket", "created_at"], name="fingerprint_bucket_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bucket} -> {self.fingerprint_id}"
