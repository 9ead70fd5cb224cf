"""E-mail through Celery: the request enqueues, a worker talks to the mail server.

`CeleryEmailBackend` is Django's EMAIL_BACKEND when a broker is configured: it
turns each message into plain data with an id and enqueues `send_email`, which
delivers it through the real backend (VESTNIK_MAIL_BACKEND). A slow or
unreachable mail server then costs the reader nothing, and the task retries
with backoff. The id makes redelivery (acks_late after a worker died) send a
message once: a delivered id is remembered for a day.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from vestnik.site.celery import app

SENT_KEY = "mail:sent:{}"
SENT_SECONDS = 24 * 3600


def message_to_data(message: EmailMessage) -> dict[str, Any]:
    return {
        "id": uuid.uuid4().hex,
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def data_to_message(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


class CeleryEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        count = 0
        for message in email_messages:
            if message.attachments:
                # Attachments are rare (none of our mails has one): send at once.
                count += _real_connection().send_messages([message]) or 0
                continue
            send_email.delay(message_to_data(message))
            count += 1
        return count


def _real_connection() -> BaseEmailBackend:
    connection: BaseEmailBackend = get_connection(
        backend=getattr(
            settings,
            "VESTNIK_MAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend",
        )
    )
    return connection


@app.task(name="vestnik.workers.mail.send_email")  # type: ignore[untyped-decorator]  # celery is untyped
def send_email(data: dict[str, Any]) -> str:
    """Deliver one message; a message already delivered under this id is skipped."""
    key = SENT_KEY.format(data["id"])
    if cache.get(key):
        return "already sent"
    _real_connection().send_messages([data_to_message(data)])
    cache.set(key, 1, SENT_SECONDS)
    return "sent"
