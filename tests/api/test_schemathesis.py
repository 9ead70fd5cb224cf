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
operation (default 24: eight per caller).
"""

from __future__ import annotations

import itertools
import json
import os
from typing import Any

import pytest
import schemathesis
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests.moderation.factories import engine_judged, moderator_user
from vestnik.integrations import actions

EXAMPLES = int(os.environ.get("VESTNIK_SCHEMATHESIS_EXAMPLES", "24"))
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


@pytest.fixture
def callers(db: Any) -> dict[str, Any]:
    """Rows for small ids, and the three kinds of caller as headers and cookies."""
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
    return {**kinds, "next": lambda: next(turns)}


@schema.parametrize()
@RUN
def test_every_operation_as_every_caller(
    case: Any, callers: dict[str, dict[str, Any]]
) -> None:
    """The examples of one operation take the callers in turn."""
    caller = callers["next"]()
    response = case.call(headers=caller["headers"], cookies=caller["cookies"])
    case.validate_response(response, checks=CHECKS)
