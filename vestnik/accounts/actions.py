"""Every write the accounts app makes. Views, workers and commands call these."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import ForeignObjectRel, ManyToManyRel
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from vestnik.accounts import wording
from vestnik.accounts.app_settings import app_settings
from vestnik.accounts.avatars import MediaUnavailableError, process_avatar
from vestnik.accounts.captcha import forget_expired_solutions
from vestnik.accounts.models import Consent, User
from vestnik.accounts.queries import current_policy_version
from vestnik.accounts.sessions import end_user_sessions

logger = logging.getLogger(__name__)

RESTORE_SALT = "vestnik.accounts.restore"
PLACEHOLDER_USERNAME = "deleted-user"


@dataclass(frozen=True)
class ClientInfo:
    """Where a consent came from: the request's address and browser."""

    ip_address: str | None
    user_agent: str


class RestoreLinkError(ValueError):
    """The restore link is malformed, expired, already used, or the account is gone."""


# --- consent ------------------------------------------------------------------


def record_consent(
    user: User, source: Consent.Source, template: str, client: ClientInfo
) -> Consent:
    """Store what `user` agreed to, with the exact wording they were shown."""
    version = current_policy_version()
    now = timezone.now()
    consent = Consent.objects.create(
        user=user,
        source=source,
        policy_version=version,
        accepted_at=now,
        ip_address=client.ip_address,
        user_agent=client.user_agent[:512],
        wording=wording.render(template, version),
        community_standards=source != Consent.Source.POLICY_UPDATE,
    )
    if consent.community_standards:
        user.standards_accepted_at = now
        user.save(update_fields=["standards_accepted_at"])
    return consent


def record_standards_acceptance(user: User) -> None:
    """Logging in (either way) means accepting the community standards."""
    user.standards_accepted_at = timezone.now()
    user.save(update_fields=["standards_accepted_at"])


# --- profile ------------------------------------------------------------------


# Bidirectional overrides, zero-width characters and controls: a name carrying
# U+202E reads backwards wherever it is shown (#14). Comment bodies drop the same
# characters from their rendering (community/formatting.py).
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def tidy_name(raw: str) -> str:
    """A display name without invisible characters, its whitespace collapsed."""
    return " ".join(_INVISIBLE.sub("", raw).split())


def _threads_changed(user_id: int) -> None:
    """The threads this user wrote in show their name, or hide their comments."""
    from vestnik.community.actions.threads import bump_threads_of_author

    bump_threads_of_author(user_id)


def update_profile(user: User, *, display_name: str) -> User:
    user.display_name = tidy_name(display_name)[:80]
    user.save(update_fields=["display_name"])
    _threads_changed(user.pk)
    return user


def set_avatar(user: User, upload: UploadedFile) -> User:
    """Validate, re-encode and store a new avatar (raises ValidationError on bad files)."""
    content = process_avatar(upload)
    old = user.avatar.name if user.avatar else ""
    try:
        user.avatar.save(content.name or "avatar.webp", content, save=False)
    except OSError as exc:
        # The disk is full or unwritable: the storage left nothing behind
        # (vestnik/site/storage.py) and the current avatar stays.
        user.avatar.name = old
        logger.error("avatar for user %s not stored: %s", user.pk, exc)
        raise MediaUnavailableError(
            "Your picture could not be stored right now (the server's storage is "
            "full or unavailable). Your current avatar is unchanged; please try "
            "again later.",
            code="storage",
        ) from exc
    try:
        user.save(update_fields=["avatar"])
    except Exception:
        user.avatar.storage.delete(user.avatar.name)  # no file without its row
        user.avatar.name = old
        raise
    if old:
        user.avatar.storage.delete(old)
    return user


def remove_avatar(user: User) -> User:
    if user.avatar:
        user.avatar.delete(save=False)
    user.avatar = ""
    user.save(update_fields=["avatar"])
    return user


# --- deletion, restore ----------------------------------------------------------


def restore_token(user: User) -> str:
    assert user.deleted_at is not None  # noqa: S101 - only deleted accounts get a link
    return signing.dumps(
        {"u": user.pk, "t": int(user.deleted_at.timestamp() * 1_000_000)},
        salt=RESTORE_SALT,
    )


def delete_account(user: User, *, site_url: str) -> User:
    """Soft-delete: the account can't log in, its comments are hidden, a restore link is sent.

    Nothing else changes, so restoring within RESTORE_DAYS gives back exactly what was.
    """
    user.deleted_at = timezone.now()
    user.is_active = False
    user.save(update_fields=["deleted_at", "is_active"])
    _threads_changed(user.pk)
    end_user_sessions(user.pk)
    link = site_url.rstrip("/") + reverse(
        "accounts:restore", args=[restore_token(user)]
    )
    email = user.email
    if email:
        context = {"user": user, "link": link, "days": app_settings.RESTORE_DAYS}
        transaction.on_commit(
            lambda: send_mail(
                "Your account has been deleted",
                render_to_string("accounts/email/deleted.txt", context),
                None,
                [email],
            )
        )
    return user


def restore_account(token: str) -> User:
    """Undo a deletion from the e-mailed link: signed, single-use, valid RESTORE_DAYS."""
    try:
        data = signing.loads(
            token, salt=RESTORE_SALT, max_age=timedelta(days=app_settings.RESTORE_DAYS)
        )
    except signing.SignatureExpired as exc:
        raise RestoreLinkError(
            f"This restore link has expired: accounts can be restored within "
            f"{app_settings.RESTORE_DAYS} days of deletion."
        ) from exc
    except signing.BadSignature as exc:
        raise RestoreLinkError("This restore link is not valid.") from exc
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(pk=data.get("u"), deleted_at__isnull=False)
            .first()
        )
        if user is None or user.deleted_at is None:
            raise RestoreLinkError(
                "This restore link has already been used or is no longer valid."
            )
        if int(user.deleted_at.timestamp() * 1_000_000) != data.get("t"):
            raise RestoreLinkError(
                "This restore link has already been used or is no longer valid."
            )
        user.deleted_at = None
        user.is_active = True
        user.save(update_fields=["deleted_at", "is_active"])
        _threads_changed(user.pk)
    return user


# --- purge ----------------------------------------------------------------------


def get_placeholder_user() -> User:
    """The single "deleted user" account that anonymised comments point at."""
    user, created = User.objects.get_or_create(
        username=PLACEHOLDER_USERNAME,
        defaults={
            "display_name": "deleted user",
            "is_active": False,
            "is_placeholder": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def purge_expired_accounts(now: datetime | None = None) -> int:
    """Purge every account deleted more than RESTORE_DAYS ago; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=app_settings.RESTORE_DAYS)
    ids = list(
        User.objects.filter(deleted_at__lt=cutoff, is_placeholder=False).values_list(
            "pk", flat=True
        )
    )
    for user_id in ids:
        purge_account(user_id)
    forget_expired_solutions()
    return len(ids)


def purge_account(user_id: int) -> bool:
    """Remove a deleted account's personal data for good (idempotent).

    Profile, e-mail addresses, avatar, social accounts and tokens, sessions and
    login-attempt records go; consent records keep the policy version and wording
    but lose the IP address and browser. Comments are deleted or handed to the
    "deleted user" placeholder (VESTNIK_PURGED_COMMENTS). Other apps' rows follow
    their own `on_delete` (see _reassign_references).
    """
    placeholder = get_placeholder_user()
    with transaction.atomic():
        # Locked, so a restore racing the purge either wins or finds nothing.
        user = (
            User.objects.select_for_update()
            .filter(pk=user_id, deleted_at__isnull=False, is_placeholder=False)
            .first()
        )
        if user is None:
            return False
        avatar_name = user.avatar.name if user.avatar else ""
        email = user.email or ""
        Consent.objects.filter(user=user).update(
            ip_address=None, user_agent="", user=None
        )
        _threads_changed(user.pk)
        _handle_comments(user, placeholder)
        _reassign_references(user, placeholder)
        _forget_login_records([email, user.username])
        end_user_sessions(user.pk)
        user.delete()  # cascades: e-mail addresses, social accounts and their tokens
    if avatar_name:
        storage = user.avatar.storage
        transaction.on_commit(lambda: storage.delete(avatar_name))
    logger.info("purged account %s", user_id)
    return True


def _comment_model() -> type[models.Model] | None:
    try:
        return apps.get_model(app_settings.COMMENT_MODEL)
    except (LookupError, ValueError):
        return None


def _handle_comments(user: User, placeholder: User) -> None:
    comment_model = _comment_model()
    if comment_model is None:
        return
    for field in _user_fks(comment_model):
        rows = comment_model._default_manager.filter(**{field.name: user})
        if app_settings.PURGED_COMMENTS == "delete" and field.name == "author":
            rows.delete()
        else:
            rows.update(**{field.name: placeholder})


def _user_fks(model: type[models.Model]) -> list[models.ForeignKey[User, User]]:
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.ForeignKey) and f.related_model is User
    ]


def _unique_with(model: type[models.Model], field_name: str) -> bool:
    field = model._meta.get_field(field_name)
    if getattr(field, "unique", False):
        return True
    groups = [list(g) for g in model._meta.unique_together]
    groups += [
        list(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint)
    ]
    return any(field_name in g for g in groups)


def _reassign_one_by_one(
    rows: models.QuerySet[Any], field_name: str, placeholder: User
) -> None:
    """Hand rows to the placeholder where a uniqueness rule allows it, else delete them."""
    for pk in list(rows.values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                rows.model._default_manager.filter(pk=pk).update(
                    **{field_name: placeholder}
                )
        except IntegrityError:
            rows.model._default_manager.filter(pk=pk).delete()


_OWN_OR_CASCADED = {
    "accounts.consent",
    "account.emailaddress",
    "socialaccount.socialaccount",
}


def _reassign_references(user: User, placeholder: User) -> None:
    """Prepare the other apps' rows for `user.delete()`, generically.

    Each app already said what should happen to its rows when their user goes, in
    its `on_delete`: CASCADE rows (reactions, reports, blocks, appeals) go with the
    user, SET_NULL rows (audit decisions, revisions) keep their content without
    the person. Only PROTECT/RESTRICT rows would stop the purge; they are handed
    to the "deleted user" placeholder. Comments are handled by the publisher's
    setting before this runs.
    """
    comment_model = _comment_model()
    # include_hidden: relations declared with related_name="+" point at users too.
    relations = [
        f
        for f in User._meta.get_fields(include_hidden=True)
        if isinstance(f, ForeignObjectRel) and not isinstance(f, ManyToManyRel)
    ]
    for rel in relations:
        model = rel.related_model
        if not (isinstance(model, type) and issubclass(model, models.Model)):
            continue
        if model._meta.label_lower in _OWN_OR_CASCADED or model is comment_model:
            continue
        if rel.on_delete not in (models.PROTECT, models.RESTRICT):
            continue
        field_name = rel.field.name
        rows = model._default_manager.filter(**{field_name: user})
        if _unique_with(model, field_name):
            _reassign_one_by_one(rows, field_name, placeholder)
        else:
            rows.update(**{field_name: placeholder})
    # The admin's history of edits *to* this user names them in object_repr.
    log_entry = apps.get_model("admin", "LogEntry")
    content_type = apps.get_model("contenttypes", "ContentType").objects.get_for_model(
        User
    )
    log_entry.objects.filter(content_type=content_type, object_id=str(user.pk)).delete()


def _forget_login_records(usernames: list[str]) -> None:
    # Failed attempts are keyed by the e-mail typed in; successful logins by username.
    names = [n for n in usernames if n]
    query = models.Q()
    for name in names:
        query |= models.Q(username__iexact=name)
    if not names:
        return
    for model_name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", model_name)
        except LookupError:
            continue
        model._default_manager.filter(query).delete()
