"""The moderators' digest of queue sizes (schedule it with Celery beat)."""

from __future__ import annotations

from vestnik.site.celery import app


@app.task(name="vestnik.workers.moderation_digest.send_queue_digest")  # type: ignore[untyped-decorator]  # celery ships no types
def send_queue_digest() -> int:
    """Idempotent enough: a second run sends the same, current, numbers again."""
    from vestnik.moderation.actions.digest import send_queue_digest as send

    return send()
