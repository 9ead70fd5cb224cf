from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, TestCase

from tests.moderation.factories import (
    UserFactory,
    moderator_user,
    publisher_admin_user,
)


class CommittingClient(Client):
    """Each request behaves as if its transaction committed: on_commit mail is sent.

    pytest-django wraps a test in one transaction, so without this the e-mail a
    decision schedules would only be sent (or rather, dropped) after the test.
    """

    def request(self, **request: Any) -> Any:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


def login(user: Any) -> Client:
    client = CommittingClient()
    client.force_login(user)
    return client


@pytest.fixture
def moderator(db: Any) -> Any:
    return moderator_user()


@pytest.fixture
def publisher_admin(db: Any) -> Any:
    return publisher_admin_user()


@pytest.fixture
def reader(db: Any) -> Any:
    return UserFactory(username="alice")


@pytest.fixture
def mod_client(moderator: Any) -> Client:
    return login(moderator)


@pytest.fixture
def admin_client_(publisher_admin: Any) -> Client:
    return login(publisher_admin)


@pytest.fixture
def reader_client(reader: Any) -> Client:
    return login(reader)


@pytest.fixture(autouse=True)
def _private_cache(settings: Any) -> None:
    """A per-process in-memory cache for these tests.

    The queue counts, the transparency report and the appeal rate limit keep state
    in the cache, and these tests assert on it. On the shared Redis of the
    PostgreSQL run, another test process's `cache.clear()` (a FLUSHDB) can land
    between two requests of one test; a private cache keeps the tests exact.
    """
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "vestnik-moderation-tests",
        }
    }
    from django.core.cache import cache

    cache.clear()
