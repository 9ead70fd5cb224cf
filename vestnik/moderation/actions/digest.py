"""The moderators' digest: queue sizes by e-mail, so a growing queue is noticed."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.template.loader import render_to_string

from vestnik.moderation.models import Appeal, AppealStatus
from vestnik.moderation.queues import QUEUES, queue_counts
from vestnik.moderation.roles import MODERATORS_GROUP, PUBLISHER_ADMINS_GROUP


def send_queue_digest() -> int:
    """E-mail every active moderator and publisher-admin the queue sizes; returns sent."""
    counts = queue_counts()
    open_appeals = Appeal.objects.filter(status=AppealStatus.OPEN).count()
    emails = (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=[MODERATORS_GROUP, PUBLISHER_ADMINS_GROUP]),
            is_active=True,
        )
        .exclude(email__isnull=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    recipients = [str(email) for email in emails if email]
    if not recipients:
        return 0
    context = {
        "rows": [(label, counts[key]) for key, label in QUEUES.items()],
        "open_appeals": open_appeals,
        "site_name": settings.VESTNIK_SITE_NAME,
        "site_url": settings.SITE_URL,
    }
    subject = render_to_string("moderation/email/digest_subject.txt", context).strip()
    body = str(render_to_string("moderation/email/digest_body.txt", context))
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients
    ]
    return int(send_mass_mail(messages, fail_silently=False))
