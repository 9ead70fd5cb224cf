"""Property-based runs over the whole integrations API: random and mutated
requests never get a server error, and every answer has its documented shape
(ours: the OpenAPI response schema; Perspective's: Google's error JSON; Coral's:
204 or a phase result)."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vestnik.api.analyze import AnalyzeOut
from vestnik.integrations import actions
from vestnik.integrations.attributes import ATTRIBUTES

RUNS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
)
anything = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=12), inner, max_size=4),
    ),
    max_leaves=12,
)
texts = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        ["You are a worthless idiot.", "Great piece, thanks.", "BUY NOW!!!"]
    ),
)


def maybe(**fields: Any) -> Any:
    return st.fixed_dictionaries({}, optional=fields)


comment = st.one_of(
    anything,
    maybe(
        text=st.one_of(texts, anything),
        id=st.one_of(st.text(max_size=20), anything),
        author=st.text(max_size=30),
        thread=st.text(max_size=30),
        time=st.one_of(st.datetimes().map(lambda d: d.isoformat()), anything),
        language=st.text(max_size=5),
    ),
)
analyze_body = st.one_of(
    anything,
    maybe(
        comment=comment,
        comments=st.one_of(st.lists(comment, max_size=4), anything),
        article=st.one_of(
            anything,
            maybe(
                title=texts, body=texts, url=st.text(max_size=60), discussion=anything
            ),
        ),
        rulebook=st.one_of(
            anything,
            st.just({"rules": {"form": {"enabled": False}}}),
            maybe(
                rules=st.dictionaries(st.sampled_from(["form", "hate", "x"]), anything)
            ),
        ),
        dry_run=st.one_of(st.booleans(), anything),
    ),
)
attribute_names = st.sampled_from([*ATTRIBUTES, "FLIRTATION", "NOPE", ""])
perspective_body = st.one_of(
    anything,
    maybe(
        comment=st.one_of(
            anything, maybe(text=st.one_of(texts, anything), type=anything)
        ),
        requestedAttributes=st.one_of(
            anything,
            st.dictionaries(
                attribute_names,
                st.one_of(anything, maybe(scoreThreshold=anything, scoreType=anything)),
                max_size=3,
            ),
        ),
        attributeScores=st.one_of(
            anything,
            st.dictionaries(attribute_names, maybe(summaryScore=maybe(value=anything))),
        ),
        languages=st.one_of(
            anything, st.lists(st.sampled_from(["en", "de", "xx", "EN-us"]))
        ),
        spanAnnotations=anything,
        clientToken=anything,
        context=anything,
        doNotStore=anything,
    ),
)


def raw(body: Any) -> bytes:
    return body if isinstance(body, bytes) else json.dumps(body).encode()


@pytest.fixture
def key(db: Any) -> str:
    return actions.create_client(
        "fuzz", scopes=["analyze", "moderation"], rate_limit=0
    )[1]


@pytest.mark.django_db
@RUNS
@given(body=st.one_of(analyze_body, st.binary(max_size=40)))
def test_analyze_never_fails(client: Client, key: str, body: Any) -> None:
    response = client.post(
        "/api/v1/analyze",
        raw(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code in {200, 400, 422}, response.content
    data = response.json()
    if response.status_code == 200:
        parsed = AnalyzeOut.model_validate(data)
        expected = 1 if isinstance(body, dict) and "comment" in body else None
        if expected is not None:
            assert len(parsed.results) == expected
        for result in parsed.results:
            assert result.action in {"publish", "hold", "reject"}
    else:
        assert "detail" in data


@pytest.mark.django_db
@RUNS
@given(
    endpoint=st.sampled_from(["comments:analyze", "comments:suggestscore"]),
    body=st.one_of(perspective_body, st.binary(max_size=40)),
)
def test_perspective_never_fails(
    client: Client, key: str, endpoint: str, body: Any
) -> None:
    response = client.post(
        f"/v1alpha1/{endpoint}?key={key}", raw(body), content_type="application/json"
    )
    assert response.status_code in {200, 400}, response.content
    data = response.json()
    if response.status_code != 200:
        error = data["error"]
        assert error["code"] == response.status_code
        assert (
            isinstance(error["message"], str) and error["status"] == "INVALID_ARGUMENT"
        )
        return
    if endpoint == "comments:analyze":
        assert set(data["attributeScores"]) <= set(body["requestedAttributes"])
        for score in data["attributeScores"].values():
            assert 0.0 <= score["summaryScore"]["value"] <= 1.0
            assert score["summaryScore"]["type"] == "PROBABILITY"


@pytest.mark.django_db(transaction=True)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    body=st.one_of(
        anything,
        st.binary(max_size=40),
        maybe(
            action=st.one_of(st.sampled_from(["NEW", "EDIT"]), anything),
            comment=st.one_of(
                anything, maybe(body=st.one_of(texts, anything), parentID=anything)
            ),
            author=st.one_of(anything, maybe(id=anything, role=anything)),
            story=st.one_of(anything, maybe(id=anything, url=anything)),
            tenantID=anything,
        ),
    )
)
def test_coral_phase_never_fails(client: Client, body: Any) -> None:
    from vestnik.integrations.models import CoralIntegration

    setup = CoralIntegration.objects.first() or actions.add_coral(
        "fuzz", time_budget_ms=10_000
    )
    payload = raw(body)
    signature = hmac.new(setup.secret.encode(), payload, hashlib.sha256).hexdigest()
    response = client.post(
        "/integrations/coral/moderate",
        payload,
        content_type="application/json",
        HTTP_X_CORAL_SIGNATURE=f"sha256={signature}",
    )
    assert response.status_code in {200, 204, 400}, response.content
    if response.status_code == 200:
        from tests.integrations.test_coral import coral_accepts

        coral_accepts(response.json())
