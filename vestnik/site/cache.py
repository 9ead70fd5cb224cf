"""Redis as a cache that may go away: reads miss, writes are dropped, pages render.

Django's RedisCache raises when Redis is down, and nearly every page reads the
cache (the header, the thread fragments, the view counters), so a Redis outage
was a site outage. Here a failed read is a miss and a failed write is skipped
(logged once a minute); `incr` still raises, so that callers who count
(vestnik/site/counters.py) fall back to the database.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
_LOG_EVERY = 60.0


class TolerantRedisCache(RedisCache):
    _last_warning = 0.0

    def _failed(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        if now - TolerantRedisCache._last_warning > _LOG_EVERY:
            TolerantRedisCache._last_warning = now
            logger.warning("cache %s failed, serving without it: %s", operation, exc)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            self._failed("get", exc)
            return default

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        try:
            return super().get_many(keys, version)
        except RedisError as exc:
            self._failed("get_many", exc)
            return {}

    def has_key(self, key: Any, version: Any = None) -> bool:
        try:
            return bool(super().has_key(key, version))
        except RedisError as exc:
            self._failed("has_key", exc)
            return False

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        try:
            super().set(key, value, timeout, version)
        except RedisError as exc:
            self._failed("set", exc)

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        try:
            return bool(super().add(key, value, timeout, version))
        except RedisError as exc:
            self._failed("add", exc)
            return False

    def set_many(
        self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> list[Any]:
        try:
            return list(super().set_many(data, timeout, version))
        except RedisError as exc:
            self._failed("set_many", exc)
            return list(data)

    def delete(self, key: Any, version: Any = None) -> bool:
        try:
            return bool(super().delete(key, version))
        except RedisError as exc:
            self._failed("delete", exc)
            return False

    def delete_many(self, keys: Any, version: Any = None) -> None:
        try:
            super().delete_many(keys, version)
        except RedisError as exc:
            self._failed("delete_many", exc)

    def touch(
        self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        try:
            return bool(super().touch(key, timeout, version))
        except RedisError as exc:
            self._failed("touch", exc)
            return False
