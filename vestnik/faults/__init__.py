"""Fault drills: break a real service under a real site and check nothing is lost.

`vestnik faults` runs them (`--scenario NAME` for one). Each drill builds a
throwaway site in a temporary folder, starts the real processes (`vestnik
serve`, `vestnik worker`, a PostgreSQL cluster or a Redis server of its own),
breaks one thing, and checks the database afterwards. It never stops the
machine's own PostgreSQL or Redis: the ones it breaks are its own.
"""

from __future__ import annotations

# name: (module, one-line description). The whole registry; order is run order.
SCENARIOS: dict[str, tuple[str, str]] = {
    "worker-kill": (
        "vestnik.faults.worker_kill",
        "a Celery worker killed with SIGKILL mid-task: the task runs again once",
    ),
    "database": (
        "vestnik.faults.database",
        "PostgreSQL stopped under posting load: 503 + Retry-After, nothing "
        "half-written, recovery by itself",
    ),
    "redis": (
        "vestnik.faults.redis_down",
        "Redis stopped: pages served, posting works, limits and engine state hold",
    ),
    "model": (
        "vestnik.faults.model",
        "the model file missing or damaged: comments held, /readyz says why",
    ),
    "disk-full": (
        "vestnik.faults.disk_full",
        "a full media disk on avatar upload: a clear form error, nothing half-written",
    ),
}
