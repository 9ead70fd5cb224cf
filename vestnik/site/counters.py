"""Counters shared by every web process: Redis when configured, else the database.

Rate limits must hold across gunicorn workers and machines. A per-process cache
(LocMemCache) gave each worker its own counter, so 2 workers let twice the
documented rate through (issue #14). Redis INCR is atomic; without Redis the
counter is one row updated by an atomic upsert (PostgreSQL and SQLite >= 3.35).
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from vestnik.site.models import RateCounter

logger = logging.getLogger(__name__)

# Expired rows are pruned now and then by the writer itself, so the table stays
# small without a scheduled job.
_PRUNE_ONE_IN = 200

# Double-quoted identifiers read the same in PostgreSQL and SQLite; both evaluate
# every SET expression against the row as it was before the update.
_UPSERT = """
INSERT INTO "vestnik_site_ratecounter" ("key", "count", "expires_at")
VALUES (%s, 1, %s)
ON CONFLICT ("key") DO UPDATE SET
  "count" = CASE WHEN "vestnik_site_ratecounter"."expires_at" < %s THEN 1
            ELSE "vestnik_site_ratecounter"."count" + 1 END,
  "expires_at" = CASE WHEN "vestnik_site_ratecounter"."expires_at" < %s
                 THEN excluded."expires_at"
                 ELSE "vestnik_site_ratecounter"."expires_at" END
RETURNING "count"
"""


def _use_redis() -> bool:
    return bool(getattr(settings, "REDIS_URL", ""))


def _incr_in_cache(key: str, ttl: int) -> int:
    cache.add(key, 0, timeout=ttl)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=ttl)
        return 1


def incr(key: str, ttl: int) -> int:
    """Add one to `key` (created with a lifetime of `ttl` seconds); the new value."""
    return incr_many([(key, ttl)])[0]


def incr_many(keys: list[tuple[str, int]]) -> list[int]:
    """`incr` for several (key, ttl) pairs; the new values, in order.

    Without Redis the upserts share one transaction: one write lock and one
    commit (one fsync on SQLite) per request instead of one per counter (#14).
    """
    if _use_redis():
        try:
            return [_incr_in_cache(key, ttl) for key, ttl in keys]
        except Exception:  # noqa: BLE001 - Redis down: the database keeps counting
            logger.warning("counters: cache unavailable, counting in the database")
    now = timezone.now()
    values = []
    with transaction.atomic(), connection.cursor() as cursor:
        for key, ttl in keys:
            cursor.execute(_UPSERT, [key, now + timedelta(seconds=ttl), now, now])
            values.append(int(cursor.fetchone()[0]))
    if random.randrange(_PRUNE_ONE_IN) == 0:  # noqa: S311 - not security
        RateCounter.objects.filter(expires_at__lt=now).delete()
    return values


def peek(key: str) -> int:
    """The current value of `key` (0 when absent or expired)."""
    if _use_redis():
        try:
            return int(cache.get(key) or 0)
        except Exception:  # noqa: BLE001 - Redis down: see incr()
            logger.warning("counters: cache unavailable, reading the database")
    row = (
        RateCounter.objects.filter(key=key, expires_at__gte=timezone.now())
        .values_list("count", flat=True)
        .first()
    )
    return int(row or 0)
