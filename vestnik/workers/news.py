"""Newsroom tasks: moving buffered view and share counts into the database."""

from __future__ import annotations

from vestnik.site.celery import app


@app.task(name="vestnik.workers.news.flush_view_counts")  # type: ignore[untyped-decorator]
def flush_view_counts() -> int:
    """Idempotent: each run moves whatever was counted in the cache since the last."""
    from vestnik.news.actions import flush_counters

    return flush_counters()
