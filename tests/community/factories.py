"""Factories for the community's tests (articles come from a minimal news setup)."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from tests.news.factories import SectionFactory  # one section factory for all apps
from vestnik.accounts.models import User
from vestnik.community.formatting import render_body
from vestnik.community.models import Comment, CommentStatus
from vestnik.news.models import Article, ArticleStatus


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    display_name = factory.LazyAttribute(lambda o: o.username.title())
    password = factory.django.Password("correct horse battery")
    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=90))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = "City council approves new budget for public libraries"
    slug = factory.Sequence(lambda n: f"article-{n}")
    section = factory.SubFactory(SectionFactory)
    standfirst = (
        "The council voted to increase library funding by ten percent, "
        "extending opening hours in every district."
    )
    body_text = (
        "Libraries across the city will open longer on weekdays after the council "
        "approved the budget. Librarians welcomed the decision; some residents asked "
        "for more children's books and better reading rooms."
    )
    status = ArticleStatus.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    comments_open = True


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment stored directly (no engine): for building threads to read."""

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
    depth = factory.LazyAttribute(
        lambda o: min(o.parent.depth + 1, 3) if o.parent else 0
    )

    @factory.post_generation
    def link(obj: Comment, create: bool, extracted: object, **kwargs: object) -> None:
        if not create:
            return
        from vestnik.community.actions.comments import _link

        _link(obj, obj.parent)
