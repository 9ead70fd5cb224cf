"""The self-hosted ALTCHA proof-of-work captcha: issue challenges, check solutions once.

The widget (vendored in static/accounts/altcha/) fetches a signed challenge from
`/account/altcha/challenge`, searches for a counter whose hash starts with the
signed key prefix, and posts the base64 payload in the `altcha` form field. The
server re-derives the hash, checks the HMAC signature and expiry, then records
the challenge nonce so the same solution cannot be replayed.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime, timedelta

import altcha
from django.db import IntegrityError, transaction
from django.utils import timezone

from vestnik.accounts.app_settings import app_settings
from vestnik.accounts.models import UsedCaptcha


class CaptchaError(ValueError):
    """The captcha answer is missing, wrong, expired or already used."""


def new_challenge() -> dict[str, object]:
    expires = timezone.now() + timedelta(seconds=app_settings.ALTCHA_EXPIRES_SECONDS)
    challenge = altcha.create_challenge(
        app_settings.ALTCHA_ALGORITHM,
        app_settings.ALTCHA_COST,
        key_prefix=app_settings.ALTCHA_KEY_PREFIX,
        expires_at=expires,
        hmac_secret=app_settings.ALTCHA_HMAC_KEY,
    )
    return dict(challenge.to_dict())


def check_solution(payload: str) -> None:
    """Raise CaptchaError unless `payload` solves a challenge we issued and is unused."""
    if not payload:
        raise CaptchaError(
            'Please complete the captcha (tick "I\'m not a robot") and try again.'
        )
    if len(payload) > 4000:
        raise CaptchaError("The captcha answer is malformed. Please solve it again.")
    result = altcha.verify_solution(payload, app_settings.ALTCHA_HMAC_KEY)
    if result.expired:
        raise CaptchaError("The captcha has expired. Please solve it again.")
    if not result.verified:
        raise CaptchaError("The captcha answer is not valid. Please solve it again.")
    nonce, expires_at = _nonce_and_expiry(payload)
    try:
        with transaction.atomic():
            UsedCaptcha.objects.create(nonce=nonce, expires_at=expires_at)
    except IntegrityError as exc:
        raise CaptchaError(
            "This captcha answer was already used. Please solve it again."
        ) from exc


def forget_expired_solutions() -> int:
    """Expired challenges fail verification anyway, so their nonces can go."""
    deleted, _ = UsedCaptcha.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


def _nonce_and_expiry(payload: str) -> tuple[str, datetime]:
    try:
        data = json.loads(base64.b64decode(payload))
        params = data["challenge"]["parameters"]
        nonce = str(params["nonce"])
        expires_ts = int(params.get("expiresAt") or 0)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise CaptchaError(
            "The captcha answer is malformed. Please solve it again."
        ) from exc
    if not expires_ts:
        # We always sign an expiry; an answer without one is not ours.
        raise CaptchaError("The captcha answer is not valid. Please solve it again.")
    return nonce[:64], datetime.fromtimestamp(expires_ts, tz=UTC)
