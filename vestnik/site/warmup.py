"""A web worker's start: load what the first requests would, then freeze it.

Without it, the first comment POST each worker serves loads the engine (its
encoder) inside the request: 2.1 s on the development machine, against about
10 ms for the next one (#14). Loading it at start moves that out of requests.

A warmed-up worker holds about 185,000 objects the garbage collector tracks.
A full collection walks them all, 170-270 ms measured here; `gc.freeze()`
moves the objects alive at start-up (they live as long as the worker) into
the permanent generation, which collections skip. Full collections are rare
once a worker has started: none ran in 300 anonymous thread GETs or 150
comment POSTs measured in-process, with or without the freeze, so the freeze
bounds an occasional pause; it did not change bench.isso_compare's p99.

gunicorn calls `warm_up_worker` after a worker loaded the application
(vestnik/site/gunicorn_conf.py, `vestnik serve`).
"""

from __future__ import annotations

import gc
import logging

logger = logging.getLogger(__name__)

WARM_UP_TEXT = "A short comment that loads the engine when a web worker starts."


def load_engine() -> None:
    """Judge a fixed text once (a dry run: no database writes, nothing recorded)."""
    from vestnik.engine import Submission, moderate
    from vestnik.moderation.rulebook_store import base_rulebook

    moderate(Submission(text=WARM_UP_TEXT), rulebook=base_rulebook())


def warm_up_worker() -> int:
    """Load the engine, collect once, freeze what is alive; returns the number
    of objects frozen. A failure to load the engine is logged, not raised: the
    worker still serves, and loads the engine on its first post as before."""
    try:
        load_engine()
    except Exception:  # noqa: BLE001 - a worker that cannot warm up still serves
        logger.warning("warm-up: the engine did not load", exc_info=True)
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
