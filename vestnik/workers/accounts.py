"""Account tasks: the periodic purge of accounts deleted more than 30 days ago."""

from __future__ import annotations

from vestnik.site.celery import app


@app.task(name="vestnik.workers.accounts.purge_deleted_accounts")  # type: ignore[untyped-decorator]
def purge_deleted_accounts() -> int:
    """Idempotent: each run purges whatever has passed the restore window since the last."""
    from vestnik.accounts.actions import purge_expired_accounts

    return purge_expired_accounts()
