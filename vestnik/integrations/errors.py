"""Why a request with an API key is refused. Each protocol renders these in its
own shape (ours: `{"detail"}`; Perspective's: Google's `{"error": {...}}`)."""

from __future__ import annotations

from typing import Any


class ApiKeyError(Exception):
    """`http_status` is ours; `google` is (HTTP code, status) for Perspective."""

    http_status = 401
    google: tuple[int, str] = (403, "PERMISSION_DENIED")

    def __init__(self, message: str, client: Any = None) -> None:
        super().__init__(message)
        self.client = client


class MissingKeyError(ApiKeyError):
    pass


class InvalidKeyError(ApiKeyError):
    google = (400, "INVALID_ARGUMENT")


class RevokedKeyError(ApiKeyError):
    pass


class ScopeError(ApiKeyError):
    http_status = 403


class KeyRateLimitedError(ApiKeyError):
    http_status = 429
    google = (429, "RESOURCE_EXHAUSTED")

    def __init__(self, message: str, client: Any, retry_after: int) -> None:
        super().__init__(message, client)
        self.retry_after = retry_after


class IntegrationError(ValueError):
    """An admin's or operator's input that cannot be saved; the message says why."""
