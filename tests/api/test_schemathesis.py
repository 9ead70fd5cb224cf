"""Schemathesis over the whole API, from its own OpenAPI document (#14 item 7).

Every operation of /api/openapi.json, with bodies and parameters that
Schemathesis generates from the schema (valid and invalid), through the real
WSGI application (CSRF checks included), as an anonymous visitor, a moderator
(session with its CSRF token) and an API client (a key with every scope).
Each answer must not be a server error, must have a status the operation
documents, and a JSON body of the documented shape.

This is the audit's "schemathesis run" kept in the suite; the hand-written
fuzz beside it (tests/integrations/test_openapi_fuzz.py) adds odd bytes and
out-of-schema JSON. `VESTNIK_SCHEMATHESIS_EXAMPLES` sets the examples per
operation (default 18: six per caller).
"""

from __future__ import annotations

import itertools
import json
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests.moderation.factories import engine_judged, moderator_user
from vestnik.integrations import actions

EXAMPLES = int(os.environ.get("VESTNIK_SCHEMATHESIS_EXAMPLES", "18"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written to .hypothesis/: each run starts fresh
    suppress_health_check=list(HealthCheck),
)


def load_schema() -> Any:
    """The document /api/openapi.json serves, bound to the WSGI application.

    Loaded at collection (no request needed: the same `api.get_openapi_schema()`
    the view returns), since Schemathesis' lazy fixture loader does not work
    with this pytest.
    """
    from vestnik.api.urls import api
    from vestnik.site.wsgi import application

    document = json.loads(json.dumps(api.get_openapi_schema(), default=str))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = application
    loaded.location = "/api/openapi.json"
    return loaded


schema = load_schema()


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request (as in
    production); the test's transaction lives on that connection, so keep it open
    while Schemathesis calls the application, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def callers(db: Any, request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """Rows for small ids, and the three kinds of caller as headers and cookies.

    The statuses met go into the JUnit report (`.ci/run` prints them).
    """
    for action in ("hold", "reject", "publish"):
        engine_judged(action=action)
    mod = Client()
    mod.force_login(moderator_user())
    csrf = _get_new_csrf_string()
    _, key = actions.create_client(
        "schemathesis",
        scopes=["analyze", "comments:read", "moderation"],
        rate_limit=0,
    )
    kinds = {
        "anonymous": {"headers": {}, "cookies": {}},
        "moderator": {
            "headers": {"X-CSRFToken": csrf},
            "cookies": {"sessionid": mod.cookies["sessionid"].value, "csrftoken": csrf},
        },
        "key": {"headers": {"Authorization": f"Bearer {key}"}, "cookies": {}},
    }
    turns = itertools.cycle(kinds.values())
    statuses: Counter[int] = Counter()
    yield {**kinds, "next": lambda: next(turns), "statuses": statuses}
    request.node.user_properties.append(("api_requests", sum(statuses.values())))
    request.node.user_properties.append(
        ("api_statuses", dict(sorted(statuses.items())))
    )


def operations() -> list[Any]:
    return [
        pytest.param(method.upper(), path, id=f"{method.upper()} {path}")
        for path, methods in schema.raw_schema["paths"].items()
        for method in methods
    ]


# Plain pytest parametrization (one test id per operation) with Schemathesis'
# strategies: its own pytest integration gives every operation the same node id
# under pytest 9, which pytest-xdist then runs as one.
@pytest.mark.parametrize(("method", "path"), operations())
@RUN
@given(data=st.data())
def test_every_operation_as_every_caller(
    method: str, path: str, data: Any, callers: dict[str, Any]
) -> None:
    """Valid and invalid requests; the examples take the callers in turn."""
    operation = schema[path][method]
    case = data.draw(
        st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        ),
        label="case",
    )
    caller = callers["next"]()
    response = case.call(headers=caller["headers"], cookies=caller["cookies"])
    callers["statuses"][response.status_code] += 1
    case.validate_response(response, checks=CHECKS)
