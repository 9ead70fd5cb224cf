"""Fixed-window rate limits in the cache (Redis in production, shared by workers).

A fixed window lets a burst of up to twice the limit straddle a boundary; we
accept that for a ceiling meant to stop scripts, not to shape normal readers
(the engine's `flooding` rule judges the content of a burst).
"""

from __future__ import annotations

import time

from django.core.cache import cache


class RateLimitedError(Exception):
    """Too many requests; `retry_after` is in seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def hit(scope: str, ident: str, limit: tuple[int, int]) -> None:
    """Count one request for `ident` in `scope`; raise RateLimitedError over the limit."""
    count, window = limit
    if count <= 0 or not ident:
        return
    now = int(time.time())
    bucket = now // window
    key = f"community:rl:{scope}:{ident}:{bucket}"
    cache.add(key, 0, timeout=window + 1)
    try:
        current = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 1)
        current = 1
    if current > count:
        raise RateLimitedError(
            "You are doing that too often. Please wait a little and try again.",
            retry_after=(bucket + 1) * window - now,
        )
