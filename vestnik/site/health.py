"""Liveness and readiness for load balancers and orchestrators.

`/healthz` answers as long as the process can run Python: it touches nothing
else, so a database outage does not get every web process restarted. `/readyz`
checks what a request needs: the database (and its read replica, if any), the cache, the broker (when one is
configured), the migrations, and the moderation engine. An engine whose model
file is missing or damaged holds every comment for a human rather than failing
(vestnik/engine/pipeline.py), or publishes on the heuristics that still run
(VESTNIK_MODERATION_ON_ENGINE_ERROR); readiness then says why, with a 503, so that the
load balancer sends traffic to a process that can judge comments.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# The engine probe moderates one sentence; its result is kept this long per process.
ENGINE_PROBE_SECONDS = 30.0
ENGINE_PROBE_TEXT = "The council will vote on the library budget next week."


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str = ""


def check_database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Check(True)


def check_replica() -> Check:
    """The read replica, when one is configured (DATABASE_REPLICA_URL)."""
    from vestnik.site.replica import REPLICA, replica_configured

    if not replica_configured():
        return Check(True, "none configured: every read goes to the primary")
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Check(True)


def check_migrations() -> Check:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        return Check(False, f"{len(plan)} migration(s) not applied: {names}")
    return Check(True)


def check_cache() -> Check:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    return Check(
        found == "1", "" if found == "1" else "the cache did not keep a value (down?)"
    )


def check_broker() -> Check:
    url = str(getattr(settings, "CELERY_BROKER_URL", "") or "")
    if not url or url.startswith("memory://") or settings.CELERY_TASK_ALWAYS_EAGER:
        return Check(True, "tasks run in the web process")
    from vestnik.site.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return Check(True)


_engine_lock = threading.Lock()
_engine_state: dict[str, object] = {}


def _probe_engine() -> Check:
    from vestnik.engine import Context, Submission, moderate
    from vestnik.moderation.rulebook_store import current_rulebook

    verdict = moderate(
        Submission(text=ENGINE_PROBE_TEXT), Context(record=False), current_rulebook()
    )
    errors = sorted(
        {
            f"{f.detector}: {f.explanation}"
            for f in verdict.findings
            if f.code == "engine-error"
        }
    )
    if errors:
        from vestnik.moderation.app_settings import app_settings

        policy = (
            "comments are published on the heuristics that still run"
            if app_settings.ON_ENGINE_ERROR == "heuristics"
            else "comments are held"
        )
        return Check(False, f"engine degraded, {policy}: " + "; ".join(errors))
    return Check(True, f"engine {verdict.versions.get('engine', '?')}")


def check_engine() -> Check:
    with _engine_lock:
        checked = float(_engine_state.get("at", 0.0))  # type: ignore[arg-type]
        if time.monotonic() - checked < ENGINE_PROBE_SECONDS:
            return _engine_state["check"]  # type: ignore[return-value]
        result = _guard(_probe_engine)
        _engine_state.update(at=time.monotonic(), check=result)
        return result


def reset_engine_probe() -> None:
    with _engine_lock:
        _engine_state.clear()


CHECKS: dict[str, Callable[[], Check]] = {
    "database": check_database,
    "replica": check_replica,
    "migrations": check_migrations,
    "cache": check_cache,
    "broker": check_broker,
    "engine": check_engine,
}


def _guard(check: Callable[[], Check]) -> Check:
    try:
        return check()
    except Exception as exc:  # noqa: BLE001 - a failing dependency is the answer, not a 500
        return Check(False, f"{type(exc).__name__}: {exc}"[:300])


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "alive"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    results = {name: _guard(check) for name, check in CHECKS.items()}
    ready = all(result.ok for result in results.values())
    return JsonResponse(
        {
            "status": "ready" if ready else "unavailable",
            "checks": {
                name: {"ok": result.ok, "detail": result.detail}
                for name, result in results.items()
            },
        },
        status=200 if ready else 503,
    )
