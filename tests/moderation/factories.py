"""Factories for the moderation tests: users in roles, comments with verdicts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group

from tests.community.factories import (  # one set of factories for both apps
    ArticleFactory,
    CommentFactory,
    SectionFactory,
    UserFactory,
)
from vestnik.accounts.models import User
from vestnik.community.models import Comment, CommentStatus
from vestnik.moderation.audit import record_decision
from vestnik.moderation.models import DecisionKind
from vestnik.moderation.roles import (
    MODERATORS_GROUP,
    PUBLISHER_ADMINS_GROUP,
    ensure_roles,
)


def in_group(user: User, group: str) -> User:
    ensure_roles()
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions


def moderator_user(username: str = "mod") -> User:
    return in_group(UserFactory(username=username), MODERATORS_GROUP)


def publisher_admin_user(username: str = "publisher") -> User:
    return in_group(UserFactory(username=username), PUBLISHER_ADMINS_GROUP)


def verdict_for(body: str, rules: dict[str, float], action: str) -> dict[str, Any]:
    """A stored verdict in `verdict_to_dict` shape, evidence on the first word."""
    end = body.find(" ") if " " in body else len(body)
    return {
        "id": None,
        "action": action,
        "rules": [
            {
                "rule": rule,
                "score": score,
                "outcome": action,
                "detector": f"{rule}-detector",
                "evidence": [[0, end]],
                "explanation": f"{rule} evidence",
                "codes": [],
            }
            for rule, score in rules.items()
        ],
        "scores": dict(rules),
        "reasons": "The engine's statement.",
        "versions": {"engine": "1.0.0", "rulebook": "default"},
        "timings_ms": {},
    }


def engine_judged(
    rules: dict[str, float] | None = None,
    action: str = "hold",
    **kwargs: Any,
) -> Comment:
    """A comment the engine judged (status follows the action), with its audit entry."""
    rules = {"form": 0.8} if rules is None and action != "publish" else (rules or {})
    status = {
        "publish": CommentStatus.PUBLISHED,
        "hold": CommentStatus.HELD,
        "reject": CommentStatus.REJECTED,
    }[action]
    comment = CommentFactory(status=status, **kwargs)
    comment.verdict = verdict_for(comment.body, rules, action)
    comment.save(update_fields=["verdict"])
    record_decision(
        DecisionKind.ENGINE_VERDICT, comment=comment, verdict=comment.verdict
    )
    return comment


__all__ = [
    "ArticleFactory",
    "CommentFactory",
    "SectionFactory",
    "UserFactory",
    "engine_judged",
    "in_group",
    "moderator_user",
    "publisher_admin_user",
    "verdict_for",
]
