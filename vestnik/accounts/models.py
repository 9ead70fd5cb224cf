from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models


def avatar_path(instance: User, filename: str) -> str:
    # The file name never carries the uploader's name or the original file name.
    import secrets

    return f"avatars/{instance.pk}/{secrets.token_hex(8)}.webp"


class User(AbstractUser):
    """A reader, moderator or editor. Logs in by e-mail; `display_name` is public.

    `deleted_at` is set while an account waits out its 30-day restore window: the
    account cannot log in and its comments are hidden (community filters on
    `author__deleted_at__isnull=True`). The purge then removes the personal data.
    """

    # Nullable (unlike AbstractUser's) so that purged and placeholder rows hold no address.
    email = models.EmailField(  # type: ignore[assignment]
        "e-mail address", unique=True, null=True, blank=True
    )
    display_name = models.CharField(max_length=80, blank=True)
    avatar = models.ImageField(upload_to=avatar_path, blank=True)
    standards_accepted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Last time the user accepted the community standards.",
    )
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    is_placeholder = models.BooleanField(
        default=False,
        help_text='The single "deleted user" account that keeps anonymised comments.',
    )
    is_external = models.BooleanField(
        default=False,
        help_text="An author of an API client's own site (comments:write): no login, "
        "no e-mail; that site holds the author's consent.",
    )

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None or self.is_placeholder

    @property
    def initials(self) -> str:
        words = [w for w in (self.display_name or self.username or "?").split() if w]
        letters = "".join(w[0] for w in words[:2]) or "?"
        return letters.upper()


class Consent(models.Model):
    """What a user agreed to, when, from where, and the exact words they were shown."""

    class Source(models.TextChoices):
        SIGNUP = "signup", "registration form"
        SOCIAL = "social", "social network sign-up"
        POLICY_UPDATE = "policy_update", "accepted an updated policy"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="consents",
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    policy_version = models.CharField(max_length=40, blank=True)
    accepted_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=512, blank=True)
    wording = models.TextField()
    community_standards = models.BooleanField(default=False)

    class Meta:
        ordering = ["accepted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} v{self.policy_version} at {self.accepted_at:%Y-%m-%d}"


class UsedCaptcha(models.Model):
    """Nonces of solved ALTCHA challenges, so each solution is accepted once."""

    nonce = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.nonce
