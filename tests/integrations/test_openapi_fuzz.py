"""Every operation of the OpenAPI schema, with random parameters and bodies, as
an anonymous visitor, a moderator and an API client: never a server error, and
every JSON answer of a documented status has the documented shape."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integrations.test_properties import anything
from tests.moderation.factories import engine_judged, moderator_user
from vestnik.integrations import actions

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def openapi() -> dict[str, Any]:
    from vestnik.api.urls import api

    return json.loads(json.dumps(api.get_openapi_schema(), default=str))


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = openapi()
    return [
        (path, method, spec)
        for path, methods in schema["paths"].items()
        for method, spec in methods.items()
    ]


@pytest.fixture
def world(db: Any, request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """A few rows for the ids the fuzzer tries (1..4), and three kinds of caller.

    The statuses met go into the JUnit report (`.ci/run` prints them).
    """
    for action in ("hold", "reject", "publish"):
        engine_judged(action=action)
    moderator = moderator_user()
    mod = Client()
    mod.force_login(moderator)
    _, key = actions.create_client(
        "fuzz",
        scopes=["analyze", "comments:read", "comments:write", "moderation"],
        rate_limit=0,
        actor=moderator,  # so that the key's moderation decisions are allowed
    )
    statuses: Counter[int] = Counter()
    yield {"anonymous": Client(), "moderator": mod, "key": key, "statuses": statuses}
    request.node.user_properties.append(("api_requests", sum(statuses.values())))
    request.node.user_properties.append(
        ("api_statuses", dict(sorted(statuses.items())))
    )


values = st.one_of(
    st.integers(-2, 6),
    st.text(max_size=8),
    st.sampled_from(["newest", "oldest", "held"]),
)


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_every_operation_never_fails(world: dict[str, Any], data: Any) -> None:
    path, method, spec = data.draw(st.sampled_from(operations()), label="operation")
    url = re.sub(
        r"\{[^}]+\}", lambda _: str(data.draw(st.integers(0, 5), label="id")), path
    )
    query = {
        p["name"]: data.draw(values, label=p["name"])
        for p in spec.get("parameters", [])
        if p.get("in") == "query" and data.draw(st.booleans())
    }
    caller = data.draw(st.sampled_from(["anonymous", "moderator", "key"]), label="as")
    client = world["moderator"] if caller == "moderator" else world["anonymous"]
    headers = (
        {"HTTP_AUTHORIZATION": f"Bearer {world['key']}"} if caller == "key" else {}
    )
    if method == "get":
        response = client.get(url, query, **headers)
    else:
        body = data.draw(st.one_of(anything, st.binary(max_size=30)), label="body")
        raw = body if isinstance(body, bytes) else json.dumps(body)
        target = url + (
            "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
        )
        response = getattr(client, method)(
            target, raw, content_type="application/json", **headers
        )
    world["statuses"][response.status_code] += 1
    assert response.status_code < 500, (method, url, response.content[:300])
    # Every status an operation gives is in its documented responses (#14).
    assert str(response.status_code) in spec["responses"], (
        method,
        url,
        response.status_code,
        response.content[:300],
    )
    check_documented(spec, response.status_code, response)


def check_documented(spec: dict[str, Any], status: int, response: Any) -> bool:
    """Validate a JSON answer against its documented schema; False if undocumented."""
    documented = spec.get("responses", {}).get(str(status), {})
    shape = documented.get("content", {}).get("application/json", {}).get("schema")
    if shape is None:
        return False
    # "#/components/..." references resolve inside the same document
    schema = {**shape, "components": openapi()["components"]}
    jsonschema.Draft202012Validator(schema).validate(response.json())
    return True


@pytest.mark.django_db
def test_documented_answers_match_their_schema(world: dict[str, Any]) -> None:
    spec = openapi()["paths"]["/api/v1/analyze"]["post"]
    response = world["anonymous"].post(
        "/api/v1/analyze",
        json.dumps({"comments": [{"text": "Fine."}, {"text": "You idiot."}]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {world['key']}",
    )
    assert check_documented(spec, 200, response)

    class Broken:
        def json(self) -> Any:
            return {"results": [{"action": 3}]}

    with pytest.raises(jsonschema.ValidationError):
        check_documented(spec, 200, Broken())
