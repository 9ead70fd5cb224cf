"""gunicorn settings `vestnik serve` loads (`--config python:vestnik.site.gunicorn_conf`).

Only hooks live here; the bind address, workers and timeouts stay on the
command line that serve.py builds.
"""

from __future__ import annotations

from typing import Any


def post_worker_init(worker: Any) -> None:
    """After a worker loaded the application: warm it up (vestnik/site/warmup.py)."""
    from vestnik.site.warmup import warm_up_worker

    frozen = warm_up_worker()
    worker.log.info("worker %s warmed up: %d objects frozen", worker.pid, frozen)
