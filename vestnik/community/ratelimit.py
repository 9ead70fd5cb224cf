"""Fixed-window rate limits on counters shared by every web process.

The counters live in Redis when configured, else in the database
(vestnik.site.counters), never in a process's memory: with per-process counters
two gunicorn workers let twice the documented rate through (#14).

A fixed window lets a burst of up to twice the limit straddle a boundary; we
accept that for a ceiling meant to stop scripts, not to shape normal readers
(the engine's `flooding` rule judges the content of a burst).
"""

from __future__ import annotations

import time

from vestnik.site import counters


class RateLimitedError(Exception):
    """Too many requests; `retry_after` is in seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


MESSAGE = "You are doing that too often. Please wait a little and try again."


#: The clock the windows are cut from (a test pins it so that a slow run
#: cannot straddle a window boundary).
clock = time.time


def _key(scope: str, ident: str, window: int) -> tuple[str, int, int]:
    now = int(clock())
    bucket = now // window
    return f"community:rl:{scope}:{ident}:{bucket}", (bucket + 1) * window - now, now


def hit(scope: str, ident: str, limit: tuple[int, int]) -> None:
    """Count one request for `ident` in `scope`; raise RateLimitedError over the limit."""
    count, window = limit
    if count <= 0 or not ident:
        return
    key, retry_after, _ = _key(scope, ident, window)
    if counters.incr(key, window + 1) > count:
        raise RateLimitedError(MESSAGE, retry_after=retry_after)


def hit_all(limits: list[tuple[str, str, tuple[int, int]]]) -> None:
    """`hit` for several (scope, ident, limit) at once: every one is counted, in one
    write (counters.incr_many); RateLimitedError if any is over its limit."""
    keys = []
    for scope, ident, (count, window) in limits:
        if count > 0 and ident:
            key, retry_after, _ = _key(scope, ident, window)
            keys.append((key, window + 1, count, retry_after))
    if not keys:
        return
    values = counters.incr_many([(key, ttl) for key, ttl, _, _ in keys])
    for (_, _, count, retry_after), value in zip(keys, values, strict=True):
        if value > count:
            raise RateLimitedError(MESSAGE, retry_after=retry_after)


def check(scope: str, ident: str, limit: tuple[int, int]) -> None:
    """Raise RateLimitedError if `ident` is already over the limit, without counting."""
    count, window = limit
    if count <= 0 or not ident:
        return
    key, retry_after, _ = _key(scope, ident, window)
    if counters.peek(key) >= count:
        raise RateLimitedError(MESSAGE, retry_after=retry_after)
