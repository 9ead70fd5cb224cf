"""API keys: `vk_` + 43 URL-safe random characters, stored as SHA-256 only.

A key has 256 bits of entropy, so a plain (unsalted) SHA-256 is enough to make
a leaked table useless, and it lets the lookup be one indexed equality query
instead of a slow password hash on every request.
"""

from __future__ import annotations

import hashlib
import secrets

PREFIX = "vk_"
SHOWN_PREFIX = 10  # "vk_" and 7 characters: tells keys apart in lists and logs


def new_key() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def key_prefix(key: str) -> str:
    return key[:SHOWN_PREFIX]


def new_secret() -> str:
    """A signing secret for Coral or a webhook."""
    return "whsec_" + secrets.token_urlsafe(32)
