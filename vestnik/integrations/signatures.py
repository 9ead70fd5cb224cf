"""HMAC-SHA256 signatures, incoming (Coral) and outgoing (our webhooks).

Both sides sign the raw body bytes. Comparison is constant-time
(`hmac.compare_digest`), and every accepted secret is tried against every
signature so the time taken does not tell which one matched.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable


def sign(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def coral_signature_valid(header: str, body: bytes, secrets: Iterable[str]) -> bool:
    """Coral's `X-Coral-Signature: sha256=<hex>[,sha256=<hex>...]` (several while
    secrets roll). True when any signature matches any accepted secret."""
    given = []
    for part in header.split(","):
        scheme, _, value = part.strip().partition("=")
        if scheme == "sha256" and value:
            given.append(value.strip().lower())
    matched = False
    for secret in secrets:
        if not secret:
            continue
        expected = sign(secret, body)
        for value in given:
            matched |= hmac.compare_digest(expected, value)
    return matched


def webhook_signature(secret: str, timestamp: int, body: bytes) -> str:
    """`X-Vestnik-Signature`: `t=<unix time>,sha256=<hex HMAC of "<t>." + body>`.

    The timestamp is inside the signed bytes, so a receiver that rejects old
    timestamps cannot be fed a replayed delivery."""
    digest = sign(secret, f"{timestamp}.".encode() + body)
    return f"t={timestamp},sha256={digest}"


def verify_webhook_signature(
    secret: str, header: str, body: bytes, *, now: int, tolerance: int = 300
) -> bool:
    """What a receiver does (used by our tests and shown in docs/integrations.md)."""
    fields = dict(
        part.strip().partition("=")[::2] for part in header.split(",") if "=" in part
    )
    try:
        timestamp = int(fields.get("t", ""))
    except ValueError:
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = webhook_signature(secret, timestamp, body).partition(",sha256=")[2]
    return hmac.compare_digest(expected, fields.get("sha256", ""))
