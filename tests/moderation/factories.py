"""Factories for the moderation tests: users in roles, articles, comments with verdicts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from vestnik.accounts.models import User
from vestnik.community.formatting import render_body
from vestnik.community.models import Comment, CommentStatus
from vestnik.moderation.audit import record_decision
from vestnik.moderation.models import DecisionKind
from vestnik.moderation.roles import (
    MODERATORS_GROUP,
    PUBLISHER_ADMINS_GROUP,
    ensure_roles,
)
from vestnik.news.models import Article, ArticleStatus, Section


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    display_name = factory.LazyAttribute(lambda o: o.username.title())
    password = factory.django.Password("correct horse battery")
    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=90))


def in_group(user: User, group: str) -> User:
    ensure_roles()
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions


def moderator_user(username: str = "mod") -> User:
    return in_group(UserFactory(username=username), MODERATORS_GROUP)


def publisher_admin_user(username: str = "publisher") -> User:
    return in_group(UserFactory(username=username), PUBLISHER_ADMINS_GROUP)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = "City council approves new budget for public libraries"
    slug = factory.Sequence(lambda n: f"article-{n}")
    section = factory.SubFactory(SectionFactory)
    standfirst = "The council voted to increase library funding by ten percent."
    body_text = "Libraries across the city will open longer on weekdays after the vote."
    status = ArticleStatus.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    comments_open = True


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment stored directly, without running the engine."""

    class Meta:
        model = Comment
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(UserFactory)
    parent = None
    body = factory.Sequence(
        lambda n: f"A thoughtful remark number {n} about the libraries."
    )
    body_html = factory.LazyAttribute(lambda o: render_body(o.body))
    status = CommentStatus.PUBLISHED
    created_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def link(obj: Comment, create: bool, extracted: object, **kwargs: object) -> None:
        if create and not obj.path:
            obj.root = obj.parent.root if obj.parent else obj
            obj.path = f"{obj.pk:010d}"
            obj.save(update_fields=["root", "path"])


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
