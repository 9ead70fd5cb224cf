"""A web worker's start: load what the first requests would, then freeze it.

A worker holds about 220,000 objects the garbage collector tracks once Django,
the templates and the engine (its encoder) are loaded. Each full collection
walks them all: 170-270 ms on the development machine (#14), paid by whichever
request triggers it, which put the thread GET's p99 at 2-3x its median.
`gc.freeze()` moves the objects alive at start-up into the permanent
generation, which collections skip; they stay alive for the worker's life
anyway. Loading the engine first puts its objects there too, and spares the
first comment POST of each worker the encoder's load.

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
