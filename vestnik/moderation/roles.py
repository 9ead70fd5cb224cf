"""The two moderation roles, as Django groups with model permissions.

`ensure_roles()` is idempotent; it runs after every `migrate` (connected in
apps.py) so a fresh database, a test database and a flushed one all have them.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.models import (
    AbstractBaseUser,
    AnonymousUser,
    Group,
    Permission,
)
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

MODERATORS_GROUP = "moderators"
PUBLISHER_ADMINS_GROUP = "publisher-admins"

PERM_MODERATE = "moderation.moderate_comments"
PERM_BLOCK = "moderation.block_users"
PERM_RULEBOOK = "moderation.manage_rulebook"
PERM_TRANSPARENCY = "moderation.view_transparency"

_CUSTOM_PERMISSIONS = {
    "moderate_comments": "Can use the moderators' console",
    "block_users": "Can block users and decide appeals",
    "manage_rulebook": "Can edit the rulebook settings",
    "view_transparency": "Can see the full transparency report",
}

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    MODERATORS_GROUP: ("moderate_comments", "block_users", "view_transparency"),
    PUBLISHER_ADMINS_GROUP: (
        "moderate_comments",
        "block_users",
        "view_transparency",
        "manage_rulebook",
    ),
}


#: Other apps' model permissions ("app_label.codename"): the admin pages a role
#: works in. Publisher-admins run the integrations (#13): API clients and their
#: logs, moderators' feedback, Coral set-ups, webhooks and their deliveries,
#: embed origins, and erasing an API client's external authors (the erase
#: action asks for `delete_externalauthor`; no bare delete is offered). Using
#: the admin also takes "Staff status" on the account, as for anyone.
ROLE_MODEL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    PUBLISHER_ADMINS_GROUP: (
        *(f"integrations.{a}_apiclient" for a in ("add", "change", "view")),
        "integrations.view_apicall",
        "integrations.view_feedback",
        "integrations.view_externalauthor",
        "integrations.delete_externalauthor",
        *(f"integrations.{a}_coralintegration" for a in ("add", "change", "view")),
        "integrations.view_coralcall",
        *(f"integrations.{a}_webhook" for a in ("add", "change", "delete", "view")),
        "integrations.view_webhookdelivery",
        *(f"integrations.{a}_embedorigin" for a in ("add", "change", "delete", "view")),
    ),
}


def ensure_roles(**_kwargs: Any) -> None:
    """Create both groups and give them their permissions (safe to call repeatedly).

    Other apps' model permissions exist once that app has migrated: this runs
    after the moderation app's migrations and again after the integrations
    app's (both apps.py), and grants whichever exist by then."""
    from vestnik.moderation.models import Decision

    content_type = ContentType.objects.get_for_model(Decision)
    perms = {}
    for codename, name in _CUSTOM_PERMISSIONS.items():
        perms[codename], _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
    for group_name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(perms[c] for c in codenames))
        wanted = Q(pk__in=[])
        for label in ROLE_MODEL_PERMISSIONS.get(group_name, ()):
            app_label, codename = label.split(".")
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(wanted))


def _has(user: AbstractBaseUser | AnonymousUser | None, perm: str) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        # AbstractBaseUser lacks has_perm in the stubs; ours has PermissionsMixin.
        and cast(Any, user).has_perm(perm)
    )


def is_moderator(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return _has(user, PERM_MODERATE)


def can_block(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return _has(user, PERM_BLOCK)


def is_publisher_admin(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return _has(user, PERM_RULEBOOK)


def can_view_transparency(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return _has(user, PERM_TRANSPARENCY)
