"""Community moderation tasks: re-moderation runs, fingerprints, the daily roll-ups.

Tasks take ids, reload rows, call one action, and are safe to run twice.
"""

from __future__ import annotations

import time
from typing import Any

from vestnik.site.celery import app

# A re-moderation delivery works this long, then queues the rest (see below).
BUDGET_SECONDS = 60.0


@app.task(name="vestnik.workers.moderation.roll_up_decisions")  # type: ignore[untyped-decorator]  # celery is untyped
def roll_up_decisions() -> int:
    """Count closed days' engine verdicts into the transparency report's roll-ups."""
    from vestnik.moderation.rollups import roll_up

    return len(roll_up())


@app.task(name="vestnik.workers.moderation.prune_fingerprints")  # type: ignore[untyped-decorator]  # celery is untyped
def prune_fingerprints() -> int:
    from vestnik.moderation.adapters import prune_fingerprints as prune

    return prune()


@app.task(bind=True, name="vestnik.workers.moderation.remoderate_recent")  # type: ignore[untyped-decorator]  # celery is untyped
def remoderate_recent(self: Any, run_id: int) -> str:
    """Work through one re-moderation run (after a rulebook save), batch by batch.

    A worker gives itself a time budget and then queues the rest as a new
    message, so no delivery outlives the broker's visibility timeout; run eagerly
    (the embedded set-up) it goes on to the end. Safe to run twice: each batch
    commits with the run's cursor (vestnik/moderation/actions/remoderation.py).
    """
    from vestnik.moderation.actions.remoderation import (
        note_remoderation_error,
        remoderate_batch,
    )

    deadline = time.monotonic() + BUDGET_SECONDS
    more = True
    try:
        while more and (self.request.is_eager or time.monotonic() < deadline):
            more = remoderate_batch(run_id)
    except Exception as exc:
        retrying = isinstance(exc, self.autoretry_for) and (
            self.request.retries < self.max_retries
        )
        note_remoderation_error(run_id, exc, final=not retrying)
        raise
    if more:
        remoderate_recent.delay(run_id)
        return "continued"
    return "done"
