"""The moderators' digest of queue sizes (a Celery task)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from tests.moderation.factories import UserFactory, engine_judged
from vestnik.workers.moderation_digest import send_queue_digest

pytestmark = pytest.mark.django_db


def test_digest_goes_to_moderators_only(moderator: Any, publisher_admin: Any) -> None:
    UserFactory(username="reader")
    engine_judged({"spam": 0.9}, "hold")
    engine_judged({"spam": 0.9}, "hold")
    sent = send_queue_digest.delay().get()
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [moderator.email, publisher_admin.email]
    )
    assert "Held by the engine: 2" in mail.outbox[0].body
    assert "2 held" in mail.outbox[0].subject
