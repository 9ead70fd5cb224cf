"""The reader's address: the one place that reads X-Forwarded-For.

Behind the documented reverse proxy every request's REMOTE_ADDR is the proxy, so
per-address limits and the login lockout would lump all readers together. The
forwarded header is believed only when the request comes from an address listed
in VESTNIK_TRUSTED_PROXIES (addresses or networks); otherwise anyone could name
any address and lock out someone else. Used by rate limits, django-axes
(AXES_CLIENT_IP_CALLABLE), consent records and the engine's submissions.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address | None,
    networks: tuple[Network, ...],
) -> bool:
    return address is not None and any(address in net for net in networks)


def client_ip(request: HttpRequest, *args: object) -> str:
    """The client address, walking X-Forwarded-For from the right past trusted hops."""
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    entries = tuple(getattr(settings, "VESTNIK_TRUSTED_PROXIES", ()) or ())
    if not entries:
        return remote
    networks = _networks(entries)
    if not _trusted(_address(remote), networks):
        return remote
    hops = [
        hop.strip()
        for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if hop.strip()
    ]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # A hop we cannot read: stop at the last address a trusted proxy vouched for.
            return remote
        if not _trusted(address, networks):
            return str(address)
        remote = str(address)
    return remote
