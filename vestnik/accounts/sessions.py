"""Ending a user's sessions everywhere (deletion, purge)."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_user_sessions(user_id: int) -> int:
    """Delete every stored session that belongs to `user_id`; returns how many.

    Django keeps no index from users to sessions, so this decodes the live ones.
    It runs on deletion and in the purge only, never on a hot path.
    """
    doomed = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_id):
            doomed.append(session.session_key)
    Session.objects.filter(session_key__in=doomed).delete()
    return len(doomed)
