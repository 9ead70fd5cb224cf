"""API clients and their call log, moderators' feedback, Coral set-ups, webhooks.

Every write goes through vestnik/integrations/actions.py; these models hold data
and small invariants only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Scope(models.TextChoices):
    ANALYZE = "analyze", "Analyze comments"
    COMMENTS_READ = "comments:read", "Read comments"
    COMMENTS_WRITE = "comments:write", "Post comments"
    MODERATION = "moderation", "Moderation decisions and feedback"


class ApiClient(models.Model):
    """A site or script that calls the API with its own key.

    Only the key's first characters (`key_prefix`, to tell keys apart in lists)
    and its SHA-256 are stored; the key itself is shown once, when created.
    `rulebook` is a per-client override layered over the site's rulebook, the
    same plain data as `vestnik check --config`. `story_origins` are the
    client's own sites: a comment posted (`comments:write`) to the URL of a page
    there that we do not know yet creates it as an external story, as the embed
    does for the origins listed in `EmbedOrigin` (see #13, item 6).
    """

    name = models.CharField(max_length=80, unique=True)
    key_prefix = models.CharField(max_length=16, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    rate_limit = models.PositiveIntegerField(
        default=600, help_text="requests per minute; 0 means no limit"
    )
    rulebook = models.JSONField(
        default=dict,
        blank=True,
        help_text="overrides layered over the site's rulebook (as `vestnik check --config`)",
    )
    story_origins = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "origins (scheme://host[:port]) whose pages this key may open as "
            "external stories by a first comment posted to their URL; empty: none"
        ),
    )
    enabled = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


class ApiCall(models.Model):
    """One request by a client: the per-client count, errors and latency."""

    client = models.ForeignKey(
        ApiClient, null=True, blank=True, on_delete=models.CASCADE, related_name="calls"
    )
    endpoint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    latency_ms = models.FloatField()
    items = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.endpoint} {self.status}"


class ClientActivity(models.Model):
    """Recent comments by an author of an API client (flooding across calls).

    `namespace` keeps clients (and Coral tenants) apart: one client's authors
    never count towards another's.
    """

    namespace = models.CharField(max_length=120)
    author_key = models.CharField(max_length=200)
    thread_key = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(
                fields=["namespace", "author_key", "-created_at"],
                name="integrations_activity_author",
            )
        ]

    def __str__(self) -> str:
        return f"{self.namespace}:{self.author_key}"


class Feedback(models.Model):
    """A moderator's label for a text, sent by a client (`comments:suggestscore`)."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="feedback"
    )
    text = models.TextField()
    attribute = models.CharField(max_length=40)
    value = models.FloatField()
    language = models.CharField(max_length=12, blank=True)
    context = models.JSONField(default=dict, blank=True)
    client_token = models.CharField(max_length=200, blank=True)
    community_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"{self.attribute}={self.value:g}"


class CoralIntegration(models.Model):
    """A Coral tenant whose external moderation phase calls us.

    `secrets` holds the signing secrets accepted now, newest first: after a
    rotation the previous one stays valid until `previous_valid_until`.
    """

    name = models.CharField(max_length=80, unique=True)
    secret = models.CharField(max_length=100)
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_valid_until = models.DateTimeField(null=True, blank=True)
    tenant_id = models.CharField(
        max_length=200, blank=True, help_text="Coral's tenantID; empty accepts any"
    )
    time_budget_ms = models.PositiveIntegerField(
        default=400,
        help_text="answer within this or not at all (Coral skips the phase)",
    )
    rulebook = models.JSONField(default=dict, blank=True)
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def accepted_secrets(self) -> list[str]:
        out = [self.secret]
        if self.previous_secret and (
            self.previous_valid_until is None
            or self.previous_valid_until > timezone.now()
        ):
            out.append(self.previous_secret)
        return out


class CoralCall(models.Model):
    """One request to the moderation phase, signed or not, and what we answered."""

    integration = models.ForeignKey(
        CoralIntegration,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calls",
    )
    status = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=40, blank=True)
    latency_ms = models.FloatField()
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.status} {self.outcome}"


class WebhookEvent(models.TextChoices):
    COMMENT_PUBLISHED = "comment.published", "Comment published"
    COMMENT_HELD = "comment.held", "Comment held"
    COMMENT_REJECTED = "comment.rejected", "Comment rejected"
    COMMENT_REPORTED = "comment.reported", "Comment reported"
    DECISION = "moderation.decision", "Decision by a moderator"
    USER_BLOCKED = "user.blocked", "User blocked"
    APPEAL_FILED = "appeal.filed", "Appeal filed"
    APPEAL_DECIDED = "appeal.decided", "Appeal decided"


class Webhook(models.Model):
    """A URL that receives signed events; disabled after repeated failures."""

    url = models.URLField(max_length=500)
    events = models.JSONField(default=list)
    secret = models.CharField(max_length=100)
    allow_private = models.BooleanField(
        default=False,
        help_text="deliver to loopback, private or link-local addresses (SSRF risk)",
    )
    enabled = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    RETRYING = "retrying", "Retrying"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One event for one webhook; `idempotency_key` is sent with every attempt."""

    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40)
    idempotency_key = models.CharField(max_length=64, unique=True)
    payload = models.JSONField()
    status = models.CharField(
        max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event} -> {self.webhook_id} ({self.status})"


class EmbedOrigin(models.Model):
    """A site allowed to embed our discussion (`/embed.js`): exactly one origin,
    `scheme://host[:port]`, stored normalised by vestnik/integrations/embed.py.

    It opens `Content-Security-Policy: frame-ancestors` on the embed pages only,
    and lets a first post from a page of that origin create an external story.
    """

    origin = models.CharField(max_length=200, unique=True)
    enabled = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["origin"]

    def __str__(self) -> str:
        return self.origin


class ExternalAuthor(models.Model):
    """An author on an API client's own site who comments through `comments:write`.

    Each has a shadow account (`user`, `is_external`, no e-mail, no password), so
    the site's posting path treats them as any reader: the engine's flooding and
    flash-mob state, rate limits, blocks and the audit log all key on that
    account. `(client, external_id)` is unique: two clients' "user 42" are two
    accounts.
    """

    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="authors"
    )
    external_id = models.CharField(max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_author",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "external_id"], name="one_author_per_client_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.external_id}"


class EmbedSignIn(models.Model):
    """One embed token (integrations/embed_auth.py): a reader signed in to the
    discussion inside pages of `origin`.

    The token names this row (`token_id`); the row names the session on our
    own domain that issued it. A token lives only as long as that session is
    signed in as its reader: signing out there, a password change (Django
    replaces the session) and account deletion (every session ends) all end
    it, and a restored account does not bring it back. The frame's own
    "Sign out" sets `revoked_at`. `session_key` never leaves the server.
    """

    token_id = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    origin = models.CharField(max_length=200)
    session_key = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.origin}"
