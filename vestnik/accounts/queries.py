"""Reads other apps reuse: the current policy and whether a user must accept it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from vestnik.accounts.models import Consent, User


def current_policy() -> Any | None:
    """The privacy policy in force (news.PrivacyPolicy), or None if none is published."""
    from vestnik.news.queries import current_privacy_policy

    return current_privacy_policy()


def current_policy_version() -> str:
    policy = current_policy()
    return str(policy.version) if policy is not None else ""


def needs_policy_acceptance(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True when a logged-in user has not accepted the privacy policy now in force.

    The community app calls this before letting someone comment; the page at
    `accounts:accept_policy` records the acceptance.
    """
    if not user.is_authenticated:
        return False
    if getattr(user, "is_external", False):
        # An API client's author agreed to that site's policy, not ours; the
        # client's operator answers for it (docs/api.md, "Posting comments").
        return False
    version = current_policy_version()
    if not version:
        return False
    return not Consent.objects.filter(user_id=user.pk, policy_version=version).exists()


def access_user_for_restore(user_id: int) -> User | None:
    return User.objects.filter(pk=user_id, deleted_at__isnull=False).first()
