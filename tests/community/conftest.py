from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.community.factories import ArticleFactory, UserFactory


@pytest.fixture
def article(db: Any) -> Any:
    return ArticleFactory()


@pytest.fixture
def reader(db: Any) -> Any:
    return UserFactory(username="alice")


@pytest.fixture
def other_reader(db: Any) -> Any:
    return UserFactory(username="bob")


@pytest.fixture
def moderator(db: Any) -> Any:
    from django.contrib.auth.models import Group

    from vestnik.moderation.roles import MODERATORS_GROUP, ensure_roles

    ensure_roles()
    user = UserFactory(username="mod")
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice(reader: Any) -> Client:
    return login(reader)


@pytest.fixture
def bob(other_reader: Any) -> Client:
    return login(other_reader)


@pytest.fixture
def mod_client(moderator: Any) -> Client:
    return login(moderator)
