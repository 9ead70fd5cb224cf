"""The Perspective protocol: Coral's exact requests, Google's error shapes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from vestnik.integrations.attributes import ATTRIBUTES, NOT_MEASURED
from vestnik.integrations.models import ApiCall, Feedback

ANALYZE = "/v1alpha1/comments:analyze"
SUGGEST = "/v1alpha1/comments:suggestscore"


@pytest.fixture
def key(make_client: Any) -> str:
    return make_client("coral-site", ("analyze", "moderation"))[1]


def post(client: Client, url: str, body: Any, key: str | None = None) -> Any:
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    if key is not None:
        url = f"{url}?key={key}"
    return client.post(url, raw, content_type="application/json")


def error_of(response: Any, code: int, status: str) -> str:
    assert response.status_code == code, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["status"] == status
    return str(error["message"])


@pytest.mark.django_db
def test_coral_analyze_request_replayed(client: Client, key: str) -> None:
    """Coral's perspective.ts: {endpoint}/comments:analyze?key=KEY with exactly this."""
    for text, toxic in (
        ("You are a pathetic moron and everybody here hates you.", True),
        ("Thanks, this is a clear account of the council vote.", False),
    ):
        body = {
            "comment": {"text": text},
            "doNotStore": True,
            "requestedAttributes": {"TOXICITY": {}},
            "languages": ["en"],
        }
        response = post(client, ANALYZE, body, key)
        assert response.status_code == 200, response.content
        data = response.json()
        value = data["attributeScores"]["TOXICITY"]["summaryScore"]["value"]
        assert (
            data["attributeScores"]["TOXICITY"]["summaryScore"]["type"] == "PROBABILITY"
        )
        assert data["languages"] == ["en"]
        assert (value >= 0.8) if toxic else (value < 0.5)
    assert list(ApiCall.objects.values_list("status", flat=True)) == [200, 200]


def coral_feedback(status: str, value: float = 1) -> dict[str, Any]:
    """Coral's feedback after a moderator's decision (services/perspective):
    the new status as a pseudo-attribute with value 1, the story URL, comment
    id and parent id as a JSON string in context.entries[0]."""
    entry = json.dumps(
        {
            "url": "https://news.example/story?commentID=c-2",
            "reply_to_id_Coral_comment_id": "c-1",
            "Coral_comment_id": "c-2",
        }
    )
    return {
        "comment": {"text": "You people never learn."},
        "context": {"entries": [{"text": entry}]},
        "attributeScores": {status: {"summaryScore": {"value": value}}},
        "languages": ["EN"],
        "communityId": "Coral:https://news.example",
        "clientToken": "comment:c-2",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("attribute", "value", "label"),
    [
        ("APPROVED", 1, 0.0),  # Coral's own shape
        ("DELETED", 1, 1.0),
        ("TOXICITY", 0, 0.0),  # the same decisions as TOXICITY 0 / 1
        ("TOXICITY", 1, 1.0),
    ],
)
def test_coral_suggestscore_request_replayed(
    client: Client, key: str, attribute: str, value: float, label: float
) -> None:
    response = post(client, SUGGEST, coral_feedback(attribute, value), key)
    assert response.status_code == 200, response.content
    # Coral checks that the clientToken comes back
    assert response.json() == {"clientToken": "comment:c-2"}
    row = Feedback.objects.get()
    assert (row.attribute, row.value, row.language) == ("TOXICITY", label, "en")
    assert json.loads(row.context["entries"][0]["text"])["Coral_comment_id"] == "c-2"
    assert row.client.name == "coral-site"
    assert row.community_id == "Coral:https://news.example"


@pytest.mark.django_db
def test_all_attributes_and_span_scores(client: Client, key: str) -> None:
    text = "Great point. But you are a pathetic moron."
    body = {
        "comment": {"text": text, "type": "PLAIN_TEXT"},
        "requestedAttributes": {name: {} for name in ATTRIBUTES},
        "spanAnnotations": True,
        "clientToken": "t-1",
        "communityId": "x",
        "context": {"entries": [{"text": "The article"}]},
    }
    data = post(client, ANALYZE, body, key).json()
    assert set(data["attributeScores"]) == set(ATTRIBUTES)
    assert data["clientToken"] == "t-1"
    assert data["detectedLanguages"] == ["en"]
    insult = data["attributeScores"]["INSULT"]
    assert insult["summaryScore"]["value"] >= 0.8
    spans = insult["spanScores"]
    assert spans and all(0 <= s["begin"] < s["end"] <= len(text) for s in spans)
    assert any("moron" in text[s["begin"] : s["end"]] for s in spans)
    assert all(s["score"]["type"] == "PROBABILITY" for s in spans)


@pytest.mark.django_db
def test_score_threshold_omits_low_attributes(client: Client, key: str) -> None:
    body = {
        "comment": {"text": "A calm and reasonable comment about the budget."},
        "requestedAttributes": {"TOXICITY": {"scoreThreshold": 0.5}, "SPAM": {}},
    }
    data = post(client, ANALYZE, body, key).json()
    assert set(data["attributeScores"]) == {"SPAM"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "code", "status", "message"),
    [
        ("{not json", 400, "INVALID_ARGUMENT", "Invalid JSON payload"),
        ("[1, 2]", 400, "INVALID_ARGUMENT", "Invalid JSON payload"),
        ({"requestedAttributes": {"TOXICITY": {}}}, 400, "INVALID_ARGUMENT", "Comment"),
        (
            {"comment": {"text": ""}, "requestedAttributes": {"TOXICITY": {}}},
            400,
            "INVALID_ARGUMENT",
            "non-empty",
        ),
        (
            {
                "comment": {"text": "é" * 10_241},
                "requestedAttributes": {"TOXICITY": {}},
            },
            400,
            "INVALID_ARGUMENT",
            "20480 bytes",
        ),
        ({"comment": {"text": "hi"}}, 400, "INVALID_ARGUMENT", "attribute"),
        (
            {"comment": {"text": "hi"}, "requestedAttributes": {"NOT_A_THING": {}}},
            400,
            "INVALID_ARGUMENT",
            "Unknown attribute: NOT_A_THING",
        ),
        (
            {"comment": {"text": "hi"}, "requestedAttributes": {"FLIRTATION": {}}},
            400,
            "INVALID_ARGUMENT",
            "FLIRTATION is not supported",
        ),
        (
            {
                "comment": {"text": "hi"},
                "requestedAttributes": {"TOXICITY": {}},
                "languages": ["xx"],
            },
            400,
            "INVALID_ARGUMENT",
            "does not support request languages: xx",
        ),
        (
            {
                "comment": {"text": "hi"},
                "requestedAttributes": {"TOXICITY": {"scoreThreshold": 2}},
            },
            400,
            "INVALID_ARGUMENT",
            "scoreThreshold",
        ),
        (
            {
                "comment": {"text": "hi", "type": "HTML"},
                "requestedAttributes": {"TOXICITY": {}},
            },
            400,
            "INVALID_ARGUMENT",
            "PLAIN_TEXT",
        ),
    ],
)
def test_invalid_requests(
    client: Client, key: str, body: Any, code: int, status: str, message: str
) -> None:
    assert message in error_of(post(client, ANALYZE, body, key), code, status)


@pytest.mark.django_db
def test_exactly_20480_bytes_is_accepted(client: Client, key: str) -> None:
    text = ("The council met on Tuesday and voted on the budget. " * 400)[:20_480]
    body = {"comment": {"text": text}, "requestedAttributes": {"TOXICITY": {}}}
    assert len(body["comment"]["text"].encode()) == 20_480
    assert post(client, ANALYZE, body, key).status_code == 200


@pytest.mark.django_db
def test_unsupported_language_detected_when_none_requested(
    client: Client, key: str
) -> None:
    body = {
        "comment": {
            "text": "Das ist ein sehr langer Kommentar über die Politik der Regierung "
            "und die Entscheidungen des Stadtrats in dieser Woche."
        },
        "requestedAttributes": {"TOXICITY": {}},
    }
    response = post(client, ANALYZE, body, key)
    message = error_of(response, 400, "INVALID_ARGUMENT")
    assert "does not support request languages: de" in message
    details = response.json()["error"]["details"][0]
    assert details["errorType"] == "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE"


VALID = {"comment": {"text": "Hello"}, "requestedAttributes": {"TOXICITY": {}}}


@pytest.mark.django_db
def test_keys(client: Client, make_client: Any) -> None:
    from vestnik.integrations.actions import revoke_client

    error_of(post(client, ANALYZE, VALID), 403, "PERMISSION_DENIED")
    assert "API key not valid" in error_of(
        post(client, ANALYZE, VALID, "vk_wrong"), 400, "INVALID_ARGUMENT"
    )
    owner, key = make_client("x", ("analyze",))
    assert post(client, ANALYZE, VALID, key).status_code == 200
    # suggestscore needs the moderation scope
    error_of(
        post(client, SUGGEST, {**VALID, "attributeScores": {}}, key),
        403,
        "PERMISSION_DENIED",
    )
    revoke_client(owner)
    assert "revoked" in error_of(
        post(client, ANALYZE, VALID, key), 403, "PERMISSION_DENIED"
    )
    # the header form works too
    _, other = make_client("y", ("analyze",))
    response = client.post(
        ANALYZE,
        json.dumps(VALID),
        content_type="application/json",
        HTTP_X_GOOG_API_KEY=other,
    )
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("pinned_clock")
def test_rate_limited_key(client: Client, make_client: Any) -> None:
    _, key = make_client("tight", ("analyze",), rate_limit=1)
    assert post(client, ANALYZE, VALID, key).status_code == 200
    response = post(client, ANALYZE, VALID, key)
    error_of(response, 429, "RESOURCE_EXHAUSTED")
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_get_is_not_found_in_googles_shape(client: Client, key: str) -> None:
    error_of(client.get(f"{ANALYZE}?key={key}"), 404, "NOT_FOUND")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"comment": {"text": "x"}},
        {
            "comment": {"text": "x"},
            "attributeScores": {"TOXICITY": {"summaryScore": {"value": 3}}},
        },
        {
            "comment": {"text": "x"},
            "attributeScores": {"TOXICITY": {"summaryScore": {}}},
        },
        {
            "comment": {"text": "x"},
            "attributeScores": {"NOPE": {"summaryScore": {"value": 1}}},
        },
        {"attributeScores": {"TOXICITY": {"summaryScore": {"value": 1}}}},
    ],
)
def test_invalid_feedback(client: Client, key: str, body: Any) -> None:
    error_of(post(client, SUGGEST, body, key), 400, "INVALID_ARGUMENT")
    assert Feedback.objects.count() == 0


def test_every_attribute_has_sources_and_unmeasured_are_separate() -> None:
    assert {
        "TOXICITY",
        "SEVERE_TOXICITY",
        "IDENTITY_ATTACK",
        "INSULT",
        "PROFANITY",
        "THREAT",
    } <= set(ATTRIBUTES)
    assert not set(ATTRIBUTES) & set(NOT_MEASURED)
    from vestnik.engine import RULE_IDS

    for attribute in ATTRIBUTES.values():
        assert attribute.sources
        assert all(source.rule in RULE_IDS for source in attribute.sources)


@pytest.mark.django_db
def test_feedback_export_is_read_by_training(
    client: Client, key: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vestnik.cli import main
    from vestnik.training.abuse_data import Mixture, feedback_rows

    for text, value in (("You are vermin.", 1), ("Nice photo of the bridge.", 0)):
        body = {
            "comment": {"text": text},
            "attributeScores": {"INSULT": {"summaryScore": {"value": value}}},
        }
        assert post(client, SUGGEST, body, key).status_code == 200
    monkeypatch.setenv("VESTNIK_DATA_DIR", str(tmp_path))
    assert main(["feedback", "export"]) == 0
    lines = (tmp_path / "feedback" / "feedback.jsonl").read_text().splitlines()
    assert [json.loads(x)["value"] for x in lines] == [1.0, 0.0]
    mix = Mixture()
    feedback_rows(mix)
    assert [(r.text, r.labels["insult"], r.labels["hate"]) for r in mix.rows] == [
        ("You are vermin.", 1, None),
        ("Nice photo of the bridge.", 0, None),
    ]
    assert all(r.source == "feedback" for r in mix.rows)


@pytest.mark.django_db
def test_nul_characters_are_stored_safely(client: Client, key: str) -> None:
    """PostgreSQL refuses NUL in text and JSON: never a 500 because of one."""
    body = {
        "comment": {"text": "bad\x00text"},
        "attributeScores": {"TOXICITY": {"summaryScore": {"value": 1}}},
        "context": {"entries": [{"text": "a\x00b"}]},
        "clientToken": "t\x00",
    }
    assert post(client, SUGGEST, body, key).status_code == 200
    row = Feedback.objects.get()
    assert (
        row.text == "bad\ufffdtext" and row.context["entries"][0]["text"] == "a\ufffdb"
    )


@pytest.mark.django_db
def test_oversized_payloads_are_refused_not_crashed(client: Client, key: str) -> None:
    huge = json.dumps({"comment": {"text": "a" * (6 * 1024 * 1024)}})
    message = error_of(post(client, ANALYZE, huge, key), 400, "INVALID_ARGUMENT")
    assert "payload size exceeds" in message
    response = client.post(
        "/api/v1/analyze",
        huge,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert 400 <= response.status_code < 500
