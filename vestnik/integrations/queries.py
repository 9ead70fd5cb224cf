"""Reads: the client behind a key, an article behind a story URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from vestnik.community import ratelimit
from vestnik.integrations import keys
from vestnik.integrations.errors import (
    InvalidKeyError,
    KeyRateLimitedError,
    MissingKeyError,
    RevokedKeyError,
    ScopeError,
)
from vestnik.integrations.models import ApiClient


def access_client_by_key(key: str | None, scope: str) -> ApiClient:
    """The enabled client holding `key`, allowed `scope`, within its rate limit.

    Counts the request against the client's per-minute limit; raises an
    `ApiKeyError` subclass that says what is wrong.
    """
    if not key:
        raise MissingKeyError("The request is missing a valid API key.")
    client = ApiClient.objects.filter(key_hash=keys.hash_key(key.strip())).first()
    if client is None:
        raise InvalidKeyError("API key not valid. Please pass a valid API key.")
    if not client.enabled or client.revoked_at is not None:
        raise RevokedKeyError("This API key has been revoked.", client)
    if not client.has_scope(scope):
        raise ScopeError(f"This API key lacks the {str(scope)!r} scope.", client)
    try:
        ratelimit.hit("api-client", str(client.pk), (client.rate_limit, 60))
    except ratelimit.RateLimitedError as exc:
        raise KeyRateLimitedError(
            f"Quota exceeded: {client.rate_limit} requests per minute for this key.",
            client,
            exc.retry_after,
        ) from None
    return client


def _our_hosts() -> set[str]:
    hosts = {urlsplit(settings.SITE_URL).hostname or ""}
    hosts.update(h.strip("[]") for h in settings.ALLOWED_HOSTS if h != "*")
    return {h.lower().lstrip(".") for h in hosts if h}


def article_for_url(url: str) -> Any:
    """The published article of ours at `url`, or None. Fetches nothing."""
    from vestnik.news.models import Article

    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or (
        (parts.hostname or "").lower() not in _our_hosts()
    ):
        return None
    try:
        match = resolve(parts.path or "/")
    except Resolver404:
        return None
    if match.view_name != "news:article":
        return None
    return Article.objects.visible().filter(slug=match.kwargs.get("slug")).first()
