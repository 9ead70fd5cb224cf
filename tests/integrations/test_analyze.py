"""POST /api/v1/analyze: keys, scopes, limits, batches, state across calls."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.community.factories import ArticleFactory
from vestnik.integrations.models import ApiCall, ApiClient

URL = "/api/v1/analyze"


def post(client: Client, body: Any, **headers: str) -> Any:
    return client.post(
        URL, json.dumps(body), content_type="application/json", **headers
    )


@pytest.mark.django_db
def test_single_comment_gets_the_full_verdict(client: Client, bearer: Any) -> None:
    response = post(
        client, {"comment": {"text": "You are a worthless idiot."}}, **bearer
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["dry_run"] is False and data["article"] == "none"
    (verdict,) = data["results"]
    assert set(verdict) == {
        "id",
        "action",
        "rules",
        "scores",
        "reasons",
        "versions",
        "timings_ms",
    }
    assert verdict["action"] == "reject"
    fired = {rule["rule"]: rule for rule in verdict["rules"]}
    assert "insult-threat" in fired
    assert fired["insult-threat"]["evidence"]
    assert verdict["versions"]["engine"]
    assert "total" in verdict["timings_ms"]
    call = ApiCall.objects.get()
    assert (call.endpoint, call.status, call.items) == ("analyze", 200, 1)
    assert call.client.name == "partner"


@pytest.mark.django_db
def test_batch_keeps_order_and_ids(client: Client, bearer: Any) -> None:
    comments = [
        {"id": "a", "text": "Thanks for this clear explanation of the budget."},
        {"id": "b", "text": "You are a worthless idiot."},
    ]
    response = post(client, {"comments": comments}, **bearer)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == ["a", "b"]
    assert [r["action"] for r in results] == ["publish", "reject"]


@pytest.mark.django_db
def test_batch_over_100_is_refused(client: Client, bearer: Any) -> None:
    response = post(client, {"comments": [{"text": "hi"}] * 101}, **bearer)
    assert response.status_code == 422
    assert ApiCall.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "either"),
        ({"comment": {"text": "a"}, "comments": [{"text": "b"}]}, "either"),
        ({"comments": []}, "empty"),
        ({"comment": {"text": "a"}, "rulebook": {"rules": {"nope": {}}}}, "nope"),
        (
            {
                "comment": {"text": "a"},
                "rulebook": {"rules": {"form": {"threshold": 3}}},
            },
            "between 0 and 1",
        ),
    ],
)
def test_bad_requests(client: Client, bearer: Any, body: Any, message: str) -> None:
    response = post(client, body, **bearer)
    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.django_db
def test_oversized_text_is_refused(client: Client, bearer: Any) -> None:
    response = post(client, {"comment": {"text": "a" * 20_481}}, **bearer)
    assert response.status_code == 422


@pytest.mark.django_db
def test_keys(client: Client, make_client: Any) -> None:
    good, key = make_client("good", ("analyze",))
    _, other_scope = make_client("reader", ("comments:read",))
    body = {"comment": {"text": "Fine article."}}
    assert post(client, body).status_code == 401
    wrong = post(client, body, HTTP_AUTHORIZATION="Bearer vk_not-a-key")
    assert wrong.status_code == 401
    assert wrong["WWW-Authenticate"].startswith("Bearer")
    denied = post(client, body, HTTP_AUTHORIZATION=f"Bearer {other_scope}")
    assert denied.status_code == 403 and "analyze" in denied.json()["detail"]
    assert post(client, body, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    from vestnik.integrations.actions import revoke_client

    revoke_client(good)
    revoked = post(client, body, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]
    # the key is stored hashed only
    stored = ApiClient.objects.get(name="good")
    assert key not in json.dumps(
        {f.name: str(getattr(stored, f.name)) for f in stored._meta.fields}
    )
    assert stored.key_prefix == key[:10]
    statuses = sorted(ApiCall.objects.values_list("status", flat=True))
    assert statuses == [200, 401, 401, 403]
    assert set(ApiCall.objects.values_list("endpoint", flat=True)) == {"analyze"}


@pytest.mark.django_db
@pytest.mark.usefixtures("pinned_clock")
def test_rate_limit(client: Client, make_client: Any) -> None:
    _, key = make_client("slow", ("analyze",), rate_limit=2)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = {"comment": {"text": "Fine article."}}
    assert [post(client, body, **auth).status_code for _ in range(2)] == [200, 200]
    limited = post(client, body, **auth)
    assert limited.status_code == 429
    assert 0 < int(limited["Retry-After"]) <= 60


@pytest.mark.django_db
def test_flooding_state_carries_across_calls_per_client(
    client: Client, make_client: Any
) -> None:
    _, key = make_client("a", ("analyze",))
    _, other = make_client("b", ("analyze",))
    texts = [
        f"Comment number {i} about the mayor and the new tram line." for i in range(12)
    ]

    def flooding(key: str, text: str, dry_run: bool = False) -> float:
        response = post(
            client,
            {
                "comment": {"text": text, "author": "u1", "thread": "t1"},
                "dry_run": dry_run,
            },
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        return response.json()["results"][0]["scores"]["flooding"]

    scores = [flooding(key, text) for text in texts]
    assert scores[0] == 0.0 and scores[-1] > 0.5
    # another client's author "u1" is someone else
    assert flooding(other, texts[0]) == 0.0


@pytest.mark.django_db
def test_dry_run_adds_no_state(client: Client, bearer: Any) -> None:
    from vestnik.integrations.models import ClientActivity

    body = {"comment": {"text": "Hello there", "author": "u1"}, "dry_run": True}
    assert post(client, body, **bearer).json()["dry_run"] is True
    assert ClientActivity.objects.count() == 0
    body["dry_run"] = False
    post(client, body, **bearer)
    assert ClientActivity.objects.count() == 1


@pytest.mark.django_db
def test_article_by_url_uses_our_own_article(
    client: Client, bearer: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://news.example"
    article = ArticleFactory()
    url = f"https://news.example{article.get_absolute_url()}"
    body = {"comment": {"text": "Interesting."}, "article": {"url": url}}
    assert post(client, body, **bearer).json()["article"] == "own"
    elsewhere = {
        "comment": {"text": "Interesting."},
        "article": {"url": "https://other.example/news/x/"},
    }
    assert post(client, elsewhere, **bearer).json()["article"] == "none"


@pytest.mark.django_db
def test_client_rulebook_override_applies(client: Client, make_client: Any) -> None:
    _, key = make_client(
        "lenient",
        ("analyze",),
        rulebook={"rules": {"insult-threat": {"enabled": False}}},
    )
    response = post(
        client,
        {"comment": {"text": "You are a worthless idiot."}},
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    data = response.json()
    assert "insult-threat" not in {r["rule"] for r in data["results"][0]["rules"]}
    assert data["rulebook"] != "default"


def test_openapi_documents_analyze_with_examples(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/v1/analyze"]["post"]
    assert "bearer" in json.dumps(
        operation.get("security", [])
    ).lower() or operation.get("security")
    body = schema["components"]["schemas"]["AnalyzeIn"]
    assert body["examples"]
    assert "/api/v1/comments/{comment_id}" in schema["paths"]


@pytest.mark.django_db
def test_nul_characters_are_refused_at_the_door(client: Client, bearer: Any) -> None:
    """The API's strict JSON parser refuses what the forms refuse (and what
    PostgreSQL could not store): a clear 400, never a 500."""
    body = {
        "comment": {
            "text": "Hello\x00 there, a fine article.",
            "author": "a\x00",
            "thread": "t\x00",
            "id": "i\x00",
        }
    }
    response = post(client, body, **bearer)
    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.django_db
def test_flash_mob_state_carries_across_calls_per_client(
    client: Client, make_client: Any
) -> None:
    _, key = make_client("a", ("analyze",))
    _, other = make_client("b", ("analyze",))
    text = "Everyone must write to the council today and demand the mayor resigns now."

    def flash_mob(key: str, author: str) -> float:
        response = post(
            client,
            {"comment": {"text": text, "author": author, "thread": "t1"}},
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        return response.json()["results"][0]["scores"]["flash-mob"]

    scores = [flash_mob(key, f"u{i}") for i in range(4)]
    assert scores[:2] == [0.0, 0.0] and scores[2] >= 0.6 and scores[3] > scores[2]
    # the other client's readers are not part of this client's mob
    assert flash_mob(other, "u9") == 0.0
