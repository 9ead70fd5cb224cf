"""E-mail to authors and users about moderators' decisions, sent after commit.

Each message carries the statement of reasons stored in the audit entry, so what
the user reads is exactly what the log says they were told.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from vestnik.moderation.models import Decision


def _send(user: Any, template: str, context: dict[str, Any]) -> None:
    email = getattr(user, "email", None)
    if not email:
        return
    context = {
        **context,
        "user": user,
        "site_name": settings.VESTNIK_SITE_NAME,
        "site_url": settings.SITE_URL,
        "moderators_email": settings.VESTNIK_MODERATORS_EMAIL,
    }
    subject = render_to_string(
        f"moderation/email/{template}_subject.txt", context
    ).strip()
    body = render_to_string(f"moderation/email/{template}_body.txt", context)
    transaction.on_commit(
        partial(
            send_mail,
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [email],
            fail_silently=False,
        )
    )


def notify_comment_decision(decision: Decision, comment: Any) -> None:
    """Rejections, and the outcome of a comment that was held for review."""
    author = comment.author
    if author is None:
        return
    template = (
        "comment_rejected" if decision.action == "reject" else "comment_published"
    )
    _send(author, template, {"decision": decision, "comment": comment})


def notify_block(decision: Decision, user: Any, *, final: bool) -> None:
    _send(user, "blocked", {"decision": decision, "final": final})


def notify_unblock(decision: Decision, user: Any) -> None:
    _send(user, "unblocked", {"decision": decision})


def notify_appeal_outcome(decision: Decision, appeal: Any) -> None:
    template = "appeal_accepted" if appeal.status == "accepted" else "appeal_refused"
    _send(appeal.user, template, {"decision": decision, "appeal": appeal})


def notify_premoderation(decision: Decision, user: Any) -> None:
    _send(user, "premoderated", {"decision": decision})
