"""Where we may send requests: outgoing webhooks must not reach our own network.

A URL is refused unless it is http(s) and every address its host resolves to
is public: loopback, private (RFC 1918, unique-local), link-local (cloud
metadata at 169.254.169.254), shared, multicast, reserved and unspecified
addresses are refused unless the admin allowed private targets for that
webhook. Checked when a webhook is registered and again before every attempt
(the DNS answer may have changed); redirects are never followed.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeURLError(ValueError):
    """The URL may not be requested; the message says why."""


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_url(url: str, *, allow_private: bool = False) -> str:
    """Return the URL if it may be requested; raise UnsafeURLError otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UnsafeURLError("not a valid URL") from None
    if parts.scheme not in {"http", "https"}:
        raise UnsafeURLError("only http and https URLs are allowed")
    host = parts.hostname
    if not host:
        raise UnsafeURLError("the URL has no host")
    if parts.username or parts.password:
        raise UnsafeURLError("credentials in the URL are not allowed")
    if allow_private:
        return url
    try:
        infos = socket.getaddrinfo(
            host,
            port or (443 if parts.scheme == "https" else 80),
            type=socket.SOCK_STREAM,
        )
    except (OSError, UnicodeError):
        raise UnsafeURLError(f"the host {host!r} does not resolve") from None
    for info in infos:
        address = str(info[4][0])
        if not _public(address):
            raise UnsafeURLError(
                f"{host} resolves to {address}, a loopback, private or link-local "
                "address (allow private targets explicitly to deliver there)"
            )
    return url
