from __future__ import annotations

from collections.abc import Callable

import altcha
import pytest
from django.test import Client

from vestnik.accounts.models import User

from .factories import UserFactory


def solve_captcha(client: Client) -> str:
    """Fetch a real challenge over HTTP and brute-force it, as the browser widget does."""
    response = client.get("/account/altcha/challenge")
    assert response.status_code == 200
    challenge = altcha.Challenge.from_dict(response.json())
    solution = altcha.solve_challenge(challenge)
    assert solution is not None
    return altcha.Payload(challenge, solution).to_base64()


@pytest.fixture
def captcha(client: Client) -> Callable[[], str]:
    return lambda: solve_captcha(client)


@pytest.fixture
def user(db: None) -> User:
    return UserFactory()
