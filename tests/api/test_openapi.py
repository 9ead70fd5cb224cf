"""The OpenAPI document says what the API answers (#14 item 7).

Read from /api/openapi.json as a client would: 401 where a session or key is
needed, 422 where a body or a typed parameter is validated, 404 where an object
is looked up, minimum lengths on the texts an action refuses when empty, and
reaction kinds as an enum. Then the API is asked, and each answer matches the
schema documented for its status.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.community.factories import ArticleFactory, CommentFactory, UserFactory
from tests.integrations.test_openapi_fuzz import check_documented
from tests.moderation.factories import moderator_user
from vestnik.community.models import ReactionKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client: Client) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def component(schema: dict[str, Any], name: str) -> dict[str, Any]:
    return dict(schema["components"]["schemas"][name])


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, spec)
        for path, methods in schema["paths"].items()
        for method, spec in methods.items()
    ]


def test_authenticated_operations_document_401(schema: dict[str, Any]) -> None:
    secured = [(p, m, s) for p, m, s in operations(schema) if s.get("security")]
    assert len(secured) >= 15
    for path, method, spec in secured:
        assert "401" in spec["responses"], (method, path)


def test_validated_operations_document_422_with_its_shape(
    schema: dict[str, Any],
) -> None:
    validated = [
        (path, method, spec)
        for path, method, spec in operations(schema)
        if "requestBody" in spec
        or any(
            p["in"] == "query" and p["schema"].get("type") == "integer"
            for p in spec.get("parameters", [])
        )
    ]
    assert len(validated) >= 12
    for path, method, spec in validated:
        documented = spec["responses"].get("422")
        assert documented, (method, path)
        ref = documented["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ValidationErrorOut"), (method, path)
    issue = component(schema, "ValidationIssueOut")
    assert {"loc", "msg", "type"} <= set(issue["required"])


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/comments/", "get"),
        ("/api/comments/", "post"),
        ("/api/comments/{comment_id}/reactions", "post"),
        ("/api/comments/{comment_id}/reports", "post"),
        ("/api/moderation/queues/{queue}", "get"),
        ("/api/moderation/comments/{comment_id}/approve", "post"),
        ("/api/moderation/comments/{comment_id}/reject", "post"),
        ("/api/moderation/users/{user_id}/block", "post"),
        ("/api/moderation/appeals/{appeal_id}/refuse", "post"),
        ("/api/v1/comments/{comment_id}", "get"),
    ],
)
def test_lookups_document_404(schema: dict[str, Any], path: str, method: str) -> None:
    assert "404" in schema["paths"][path][method]["responses"]


def test_texts_have_minimum_lengths(schema: dict[str, Any]) -> None:
    props = {
        name: component(schema, name)["properties"]
        for name in ("PostIn", "ReportIn", "RejectIn", "BlockIn", "EditIn")
    }
    assert props["PostIn"]["body"]["minLength"] == 1
    assert props["ReportIn"]["rule"]["minLength"] == 1
    assert props["RejectIn"]["rules"]["minItems"] == 1
    assert props["BlockIn"]["rules"]["minItems"] == 1
    assert props["EditIn"]["body"]["minLength"] == 1
    assert props["EditIn"]["reason"]["minLength"] == 1
    refuse = schema["paths"]["/api/moderation/appeals/{appeal_id}/refuse"]["post"]
    ref = refuse["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    refusal = component(schema, ref.rsplit("/", 1)[-1])
    assert refusal["properties"]["reason"]["minLength"] == 1
    assert "reason" in refusal["required"]


def test_reaction_kinds_are_an_enum(schema: dict[str, Any]) -> None:
    assert component(schema, "ReactionKind")["enum"] == list(ReactionKind.values)


def post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_answers_match_what_is_documented(schema: dict[str, Any]) -> None:
    """Each refusal has the status and the shape the document gives it."""
    paths = schema["paths"]
    comment = CommentFactory(article=ArticleFactory())
    reader, moderator = Client(), Client()
    reader.force_login(UserFactory())
    moderator.force_login(moderator_user())
    cases = [
        # (client, method, path template, url, body, expected status)
        (
            reader,
            "post",
            "/api/comments/{comment_id}/reactions",
            f"/api/comments/{comment.pk}/reactions",
            {"kind": "adore"},
            422,
        ),
        (
            reader,
            "post",
            "/api/comments/{comment_id}/reactions",
            "/api/comments/999999/reactions",
            {"kind": "agree"},
            404,
        ),
        (
            reader,
            "post",
            "/api/comments/",
            "/api/comments/",
            {"article": comment.article_id, "body": ""},
            422,
        ),
        (
            reader,
            "post",
            "/api/comments/{comment_id}/reports",
            f"/api/comments/{comment.pk}/reports",
            {"rule": ""},
            422,
        ),
        (
            Client(),
            "post",
            "/api/comments/{comment_id}/reports",
            f"/api/comments/{comment.pk}/reports",
            {"rule": "spam"},
            401,
        ),
        (
            moderator,
            "post",
            "/api/moderation/comments/{comment_id}/reject",
            f"/api/moderation/comments/{comment.pk}/reject",
            {"rules": []},
            422,
        ),
        (
            moderator,
            "post",
            "/api/moderation/appeals/{appeal_id}/refuse",
            "/api/moderation/appeals/1/refuse",
            {"reason": ""},
            422,
        ),
        (
            moderator,
            "post",
            "/api/moderation/comments/{comment_id}/approve",
            "/api/moderation/comments/999999/approve",
            {},
            404,
        ),
        (
            Client(),
            "get",
            "/api/moderation/appeals",
            "/api/moderation/appeals",
            None,
            401,
        ),
        (
            moderator,
            "get",
            "/api/moderation/transparency",
            "/api/moderation/transparency?days=many",
            None,
            422,
        ),
        (Client(), "get", "/api/comments/", "/api/comments/?article=x", None, 422),
        (
            Client(),
            "get",
            "/api/comments/",
            "/api/comments/?article=999999",
            None,
            404,
        ),
    ]
    for client, method, template, url, body, status in cases:
        response = client.get(url) if method == "get" else post(client, url, body)
        assert response.status_code == status, (url, response.content[:200])
        assert check_documented(paths[template][method], status, response), url


def test_every_schema_name_is_one_class() -> None:
    """The OpenAPI components are keyed by class name: two schema classes of
    one name would leave one of them documenting the other's endpoints."""
    from ninja import Schema

    import vestnik.api.urls  # noqa: F401 - every router imported

    modules: dict[str, set[str]] = {}

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("vestnik."):
                modules.setdefault(sub.__name__, set()).add(sub.__module__)
            walk(sub)

    walk(Schema)
    assert {name: m for name, m in modules.items() if len(m) > 1} == {}
