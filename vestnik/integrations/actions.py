"""Every write of the integrations app: clients and keys, the call log, feedback,
Coral set-ups. Webhook registration and delivery live in webhooks.py."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vestnik.engine import RulebookError
from vestnik.integrations import keys
from vestnik.integrations.errors import IntegrationError
from vestnik.integrations.models import (
    ApiCall,
    ApiClient,
    CoralCall,
    CoralIntegration,
    Feedback,
    Scope,
)
from vestnik.integrations.state import storable

ROTATION_GRACE = timedelta(hours=24)


def check_scopes(scopes: Iterable[str]) -> list[str]:
    chosen = sorted({s.strip() for s in scopes if s.strip()})
    unknown = sorted(set(chosen) - set(Scope.values))
    if unknown:
        raise IntegrationError(
            f"unknown scope(s) {', '.join(unknown)}; choose from {', '.join(Scope.values)}"
        )
    if not chosen:
        raise IntegrationError("give at least one scope")
    return chosen


def check_rulebook(overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """Validate a rulebook override the way `vestnik check --config` does."""
    from vestnik.integrations.rulebooks import rulebook_for

    data = dict(overrides or {})
    try:
        rulebook_for(data)
    except RulebookError as exc:
        raise IntegrationError(f"rulebook: {exc}") from None
    return data


def check_story_origins(origins: Iterable[str]) -> list[str]:
    """Each origin normalised (`scheme://host[:port]`), no repeats; raises
    IntegrationError naming a bad one."""
    from vestnik.integrations.embed import BadOrigin, normalize_origin

    out: list[str] = []
    for value in origins:
        if not str(value).strip():
            continue
        try:
            origin = normalize_origin(str(value))
        except BadOrigin as exc:
            raise IntegrationError(f"story origin {value!r}: {exc}") from None
        if origin not in out:
            out.append(origin)
    return out


def create_client(
    name: str,
    *,
    scopes: Iterable[str],
    rate_limit: int = 600,
    rulebook: Mapping[str, Any] | None = None,
    story_origins: Iterable[str] = (),
    actor: Any = None,
) -> tuple[ApiClient, str]:
    """Create a client and return it with its key (the only time the key exists).

    `story_origins`: the client's own sites, whose pages a first comment posted
    through the key may open as external stories."""
    name = name.strip()
    if not name:
        raise IntegrationError("the client needs a name")
    if rate_limit < 0:
        raise IntegrationError("the rate limit cannot be negative")
    key = keys.new_key()
    try:
        with transaction.atomic():
            client = ApiClient.objects.create(
                name=name,
                key_prefix=keys.key_prefix(key),
                key_hash=keys.hash_key(key),
                scopes=check_scopes(scopes),
                rate_limit=rate_limit,
                rulebook=check_rulebook(rulebook),
                story_origins=check_story_origins(story_origins),
                created_by=actor,
            )
    except IntegrityError:
        raise IntegrationError(f"a client named {name!r} already exists") from None
    return client, key


def revoke_client(client: ApiClient) -> ApiClient:
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.enabled = False
        client.save(update_fields=["revoked_at", "enabled"])
    return client


def record_call(
    client: ApiClient | None,
    endpoint: str,
    status: int,
    latency_ms: float,
    items: int = 1,
) -> None:
    """Log one request. Clients without a key (unknown keys) are logged too, under
    no client, so the admin sees probing."""
    ApiCall.objects.create(
        client=client,
        endpoint=endpoint[:64],
        status=status,
        latency_ms=round(latency_ms, 3),
        items=items,
    )
    if client is not None:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())


def store_feedback(
    client: ApiClient,
    *,
    text: str,
    scores: Mapping[str, float],
    language: str = "",
    context: Mapping[str, Any] | None = None,
    client_token: str = "",
    community_id: str = "",
) -> list[Feedback]:
    """One labelled row per attribute the moderator scored."""
    stored_context = json.loads(
        json.dumps(dict(context or {})).replace("\\u0000", "\\ufffd")
    )
    return Feedback.objects.bulk_create(
        Feedback(
            client=client,
            text=storable(text),
            attribute=storable(attribute)[:40],
            value=float(value),
            language=storable(language)[:12],
            context=stored_context,
            client_token=storable(client_token)[:200],
            community_id=storable(community_id)[:200],
        )
        for attribute, value in scores.items()
    )


def add_coral(
    name: str,
    *,
    time_budget_ms: int = 400,
    tenant_id: str = "",
    rulebook: Mapping[str, Any] | None = None,
    secret: str | None = None,
) -> CoralIntegration:
    """A Coral tenant's set-up; `secret` is the one Coral shows, else a new one."""
    name = name.strip()
    if not name:
        raise IntegrationError("the Coral set-up needs a name")
    if not 10 <= time_budget_ms <= 10_000:
        raise IntegrationError("the time budget must be between 10 and 10000 ms")
    try:
        with transaction.atomic():
            return CoralIntegration.objects.create(
                name=name,
                secret=check_secret(secret) if secret else keys.new_secret(),
                tenant_id=tenant_id.strip(),
                time_budget_ms=time_budget_ms,
                rulebook=check_rulebook(rulebook),
            )
    except IntegrityError:
        raise IntegrationError(
            f"a Coral set-up named {name!r} already exists"
        ) from None


def check_secret(secret: str) -> str:
    secret = secret.strip()
    if len(secret) < 16:
        raise IntegrationError("a signing secret needs at least 16 characters")
    return secret


def rotate_coral_secret(
    integration: CoralIntegration,
    grace: timedelta = ROTATION_GRACE,
    secret: str | None = None,
) -> CoralIntegration:
    """A new secret (`secret`, or a generated one); the old one stays accepted
    for `grace` while Coral is updated."""
    new = check_secret(secret) if secret else keys.new_secret()
    integration.previous_secret = integration.secret
    integration.previous_valid_until = timezone.now() + grace
    integration.secret = new
    integration.save(
        update_fields=["secret", "previous_secret", "previous_valid_until"]
    )
    return integration


def record_coral_call(
    integration: CoralIntegration | None,
    status: int,
    latency_ms: float,
    outcome: str = "",
    note: str = "",
) -> None:
    CoralCall.objects.create(
        integration=integration,
        status=status,
        outcome=outcome[:40],
        latency_ms=round(latency_ms, 3),
        note=note[:200],
    )


def prune_logs() -> int:
    """Forget old call logs and deliveries, API authors' activity past any
    window the engine reads, and expired embed sign-ins. Returns the number of
    rows deleted."""
    from vestnik.integrations.app_settings import app_settings
    from vestnik.integrations.models import EmbedSignIn, WebhookDelivery
    from vestnik.integrations.state import prune_activity

    cutoff = timezone.now() - timedelta(days=app_settings.LOG_DAYS)
    deleted = prune_activity()
    deleted += EmbedSignIn.objects.filter(expires_at__lt=timezone.now()).delete()[0]
    for model in (ApiCall, CoralCall, WebhookDelivery):
        count, _ = model.objects.filter(created_at__lt=cutoff).delete()
        deleted += count
    return deleted


# --- embed sign-ins ---------------------------------------------------------------


def issue_embed_token(user: Any, origin: str, session_key: str) -> str:
    """A new embed token for `user` inside pages of `origin`, tied to the
    session on our domain that signed them in (`session_key`): it works while
    that session is signed in as them, and until it expires."""
    from vestnik.integrations.app_settings import app_settings
    from vestnik.integrations.embed_auth import sign_token
    from vestnik.integrations.models import EmbedSignIn

    now = timezone.now()
    sign_in = EmbedSignIn.objects.create(
        token_id=secrets.token_urlsafe(24),
        user=user,
        origin=origin,
        session_key=session_key,
        created_at=now,
        expires_at=now + timedelta(seconds=app_settings.EMBED_TOKEN_SECONDS),
    )
    return sign_token(user, origin, sign_in.token_id)


def revoke_embed_token(token: str) -> bool:
    """Sign the token's reader out of the frames that hold it (the frame's
    "Sign out"). A forged token revokes nothing; an expired one may still be
    revoked. Returns whether a live sign-in ended."""
    from vestnik.integrations.embed_auth import EmbedTokenError, read_token
    from vestnik.integrations.models import EmbedSignIn

    if not token:
        return False
    try:
        data = read_token(token, max_age=None)
    except EmbedTokenError:
        return False
    ended = EmbedSignIn.objects.filter(
        token_id=data["i"], user_id=data["u"], revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    return ended > 0
