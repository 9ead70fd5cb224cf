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


def ensure_roles(**_kwargs: Any) -> None:
    """Create both groups and give them their permissions (safe to call repeatedly)."""
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
