from __future__ import annotations

from typing import Any

import pytest

from vestnik.integrations import actions


@pytest.fixture
def make_client(db: Any) -> Any:
    def make(name: str = "partner", scopes: tuple[str, ...] = ("analyze",), **kw: Any):
        return actions.create_client(name, scopes=scopes, **kw)

    return make


@pytest.fixture
def api_key(make_client: Any) -> str:
    return make_client("partner", ("analyze", "moderation"))[1]


@pytest.fixture
def bearer(api_key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_key}"}
