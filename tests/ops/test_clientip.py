"""The client address: X-Forwarded-For is believed only from trusted proxies."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.community.factories import ArticleFactory, UserFactory
from tests.community.posting import CLEAN
from vestnik.site.clientip import client_ip
from vestnik.site.ids import parse_id


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], "10.0.0.1", "203.0.113.7", "10.0.0.1"),  # no proxies configured
        (["10.0.0.1"], "198.51.100.9", "203.0.113.7", "198.51.100.9"),  # spoofed
        (["10.0.0.1"], "10.0.0.1", "203.0.113.7", "203.0.113.7"),
        (["10.0.0.0/8"], "10.0.0.1", "203.0.113.7, 10.0.0.2", "203.0.113.7"),
        # A client's own forged entry sits left of the real one and is ignored.
        (["10.0.0.1"], "10.0.0.1", "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        (["10.0.0.1"], "10.0.0.1", "", "10.0.0.1"),
        (["10.0.0.1"], "10.0.0.1", "not-an-address", "10.0.0.1"),
        (["::1"], "::1", "2001:db8::5", "2001:db8::5"),
    ],
)
def test_client_ip(
    settings: Any, trusted: list[str], remote: str, forwarded: str, expected: str
) -> None:
    settings.VESTNIK_TRUSTED_PROXIES = trusted
    request = RequestFactory().get(
        "/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_ip(request) == expected


@pytest.mark.django_db
def test_per_address_post_limit_behind_a_proxy(settings: Any) -> None:
    """Two readers behind the proxy are two addresses; each has its own ceiling."""
    settings.VESTNIK_TRUSTED_PROXIES = ["10.0.0.1"]
    settings.VESTNIK_COMMUNITY_POST_RATE_IP = (2, 60)
    article = ArticleFactory()

    def post(address: str, n: int) -> int:
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address)
        client.force_login(UserFactory())
        return client.post(
            reverse("community:post", args=[article.pk]),
            {"body": f"{CLEAN} ({address} {n})", "token": str(uuid.uuid4())},
        ).status_code

    assert [post("203.0.113.7", n) for n in range(3)] == [302, 302, 429]
    assert post("198.51.100.9", 0) == 302


@pytest.mark.django_db
def test_axes_sees_the_forwarded_address(settings: Any) -> None:
    from axes.models import AccessAttempt

    settings.VESTNIK_TRUSTED_PROXIES = ["10.0.0.1"]
    client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    client.post("/accounts/login/", {"login": "a@example.org", "password": "nope"})
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        "203.0.113.7"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        ("9223372036854775807", 2**63 - 1),
        ("9223372036854775808", None),
        ("0", None),
        ("-1", None),
        ("²", None),
        ("１", None),
        (" 1", None),
        ("1.0", None),
        ("", None),
        (None, None),
        (7, 7),
        (True, None),
    ],
)
def test_parse_id(raw: object, expected: int | None) -> None:
    assert parse_id(raw) == expected
