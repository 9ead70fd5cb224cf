"""/api/v1/comments and /api/v1/moderation with API keys: an external site reads
threads, posts as its own authors, edits and deletes their comments, and its
moderation tools approve and reject."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client

from tests.community.factories import ArticleFactory, CommentFactory
from tests.community.posting import CAPS, CLEAN, MALWARE
from tests.moderation.factories import engine_judged, moderator_user
from vestnik.community.models import Comment, CommentStatus
from vestnik.integrations import actions
from vestnik.integrations.models import ApiCall, ExternalAuthor
from vestnik.moderation.models import Decision

pytestmark = pytest.mark.django_db


def _auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client: Client, key: str, payload: dict[str, Any]) -> Any:
    return client.post(
        "/api/v1/comments",
        json.dumps(payload),
        content_type="application/json",
        **_auth(key),
    )


def _author(ident: str = "42", name: str = "Maria K.") -> dict[str, str]:
    return {"id": ident, "name": name}


@pytest.fixture
def article(db: Any) -> Any:
    return ArticleFactory()


@pytest.fixture
def writer(make_client: Any) -> str:
    return make_client("partner", ("comments:read", "comments:write"))[1]


# --- comments:read --------------------------------------------------------------


def test_a_rejected_comment_needs_the_moderation_scope(
    client: Client, make_client: Any
) -> None:
    _, reader = make_client("reader", ("comments:read",))
    _, moderation = make_client("mod", ("comments:read", "moderation"))
    comment = engine_judged({"insult-threat": 0.95}, action="reject")
    hidden = client.get(f"/api/v1/comments/{comment.pk}", **_auth(reader))
    assert hidden.status_code == 404 and hidden.json()["detail"] == "No such comment."
    response = client.get(f"/api/v1/comments/{comment.pk}", **_auth(moderation))
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["id"], data["status"], data["body"]) == (
        comment.pk,
        "rejected",
        comment.body,
    )
    assert data["verdict"]["action"] == "reject"
    assert [r["rule"] for r in data["verdict"]["rules"]] == ["insult-threat"]
    assert data["article_url"] == comment.article.get_absolute_url()
    assert data["external_author"] is None
    assert {c.endpoint for c in ApiCall.objects.all()} == {"read_comment"}


def test_read_scope_missing_comment_and_bad_keys(
    client: Client, make_client: Any
) -> None:
    _, analyze_only = make_client("a", ("analyze",))
    revoked_client, revoked = make_client("gone", ("comments:read",))
    actions.revoke_client(revoked_client)
    _, reader = make_client("r", ("comments:read",))
    comment = engine_judged(action="publish")
    url = f"/api/v1/comments/{comment.pk}"
    assert client.get(url, **_auth(analyze_only)).status_code == 403
    assert client.get(url).status_code == 401
    assert client.get(url, **_auth("vk_not-a-key")).status_code == 401
    assert client.get(url, **_auth(revoked)).status_code == 401
    assert client.get(url, **_auth(reader)).json()["status"] == "published"
    missing = client.get("/api/v1/comments/999999", **_auth(reader))
    assert missing.status_code == 404 and missing.json()["detail"]


def test_list_by_id_and_by_url_with_a_cursor(
    client: Client, make_client: Any, article: Any
) -> None:
    _, reader = make_client("r", ("comments:read",))
    shown = [CommentFactory(article=article) for _ in range(3)]
    CommentFactory(article=article, status=CommentStatus.HELD)
    first = client.get(
        "/api/v1/comments", {"article": article.pk, "limit": 2}, **_auth(reader)
    )
    assert first.status_code == 200, first.content
    page = first.json()
    assert [c["id"] for c in page["comments"]] == [c.pk for c in shown[:2]]
    second = client.get(
        "/api/v1/comments",
        {
            "url": f"http://testserver{article.get_absolute_url()}",
            "after": page["next"],
        },
        **_auth(reader),
    ).json()
    assert [c["id"] for c in second["comments"]] == [shown[2].pk]
    assert second["next"] is None


@pytest.mark.parametrize(
    ("query", "status", "detail"),
    [
        ({}, 400, "give either `article` (our id) or `url`"),
        ({"article": 1, "url": "http://x/"}, 400, "give either"),
        ({"after": "not-a-cursor"}, 400, "`after` is not a cursor"),
        ({"limit": 0}, 400, "`limit` is between 1 and 100"),
        ({"status": "secret"}, 400, "unknown status"),
        ({"status": "held"}, 403, "Only keys with the 'moderation' scope"),
        ({"article": 999999}, 404, "No such article."),
        ({"url": "https://elsewhere.example/story"}, 404, "No such article."),
    ],
)
def test_list_refusals(
    client: Client,
    make_client: Any,
    article: Any,
    query: dict[str, Any],
    status: int,
    detail: str,
) -> None:
    _, reader = make_client("r", ("comments:read",))
    if query and "article" not in query and "url" not in query:
        query = {"article": article.pk, **query}
    response = client.get("/api/v1/comments", query, **_auth(reader))
    assert response.status_code == status, response.content
    assert response.json()["detail"].startswith(detail)


def test_held_comments_are_listed_with_the_moderation_scope(
    client: Client, make_client: Any, article: Any
) -> None:
    _, moderation = make_client("m", ("comments:read", "moderation"))
    held = CommentFactory(article=article, status=CommentStatus.HELD)
    CommentFactory(article=article)
    data = client.get(
        "/api/v1/comments",
        {"article": article.pk, "status": "held"},
        **_auth(moderation),
    ).json()
    assert [c["id"] for c in data["comments"]] == [held.pk]


# --- comments:write --------------------------------------------------------------


def test_post_publish_hold_reject_as_an_external_author(
    client: Client, writer: str, article: Any
) -> None:
    published = _post(
        client, writer, {"article": article.pk, "author": _author(), "body": CLEAN}
    )
    assert published.status_code == 201, published.content
    data = published.json()
    assert data["status"] == "published" and data["created"] is True
    assert data["comment"]["author_name"] == "Maria K."
    assert data["comment"]["external_author"] == "42"
    assert data["comment"]["verdict"]["action"] == "publish"

    held = _post(
        client, writer, {"article": article.pk, "author": _author(), "body": CAPS}
    ).json()
    assert held["status"] == "held"
    assert "form" in [r["rule"] for r in held["comment"]["verdict"]["rules"]]
    rejected = _post(
        client, writer, {"article": article.pk, "author": _author(), "body": MALWARE}
    ).json()
    assert rejected["status"] == "rejected"
    assert rejected["comment"]["verdict"]["reasons"]
    assert "malware" in [r["rule"] for r in rejected["comment"]["verdict"]["rules"]]

    # One shadow account for the author, on the site's thread like any reader.
    (link,) = ExternalAuthor.objects.all()
    assert link.user.is_external and not link.user.has_usable_password()
    assert link.user.email is None
    assert Comment.objects.filter(author=link.user).count() == 3
    thread = Client().get("/api/comments/", {"article": article.pk}).json()
    assert [c["author"] for c in thread["comments"]] == ["Maria K."]
    # The client sees its own author's held comment; another client does not.
    assert (
        client.get(f"/api/v1/comments/{held['comment']['id']}", **_auth(writer)).json()[
            "status"
        ]
        == "held"
    )


def test_two_clients_user_42_are_two_authors(
    client: Client, make_client: Any, article: Any
) -> None:
    _, one = make_client("one", ("comments:read", "comments:write"))
    _, two = make_client("two", ("comments:read", "comments:write"))
    first = _post(
        client, one, {"article": article.pk, "author": _author(), "body": CLEAN}
    ).json()
    second = _post(
        client,
        two,
        {"article": article.pk, "author": _author(name="Someone else"), "body": CAPS},
    ).json()
    assert first["comment"]["author"] != second["comment"]["author"]
    assert ExternalAuthor.objects.count() == 2
    # Client one neither sees two's held comment nor may edit or delete it.
    other = second["comment"]["id"]
    assert client.get(f"/api/v1/comments/{other}", **_auth(one)).status_code == 404
    assert (
        client.patch(
            f"/api/v1/comments/{other}",
            json.dumps({"body": CLEAN}),
            content_type="application/json",
            **_auth(one),
        ).status_code
        == 404
    )
    assert client.delete(f"/api/v1/comments/{other}", **_auth(one)).status_code == 404


def test_flooding_state_follows_the_clients_author(
    client: Client, writer: str, article: Any, settings: Any
) -> None:
    """The per-author posting limit counts the shadow account, not the key."""
    settings.VESTNIK_COMMUNITY_POST_RATE_USER = (2, 60)
    for text in (CLEAN, CLEAN + " Also the buses."):
        assert (
            _post(
                client,
                writer,
                {"article": article.pk, "author": _author(), "body": text},
            ).status_code
            == 201
        )
    over = _post(
        client,
        writer,
        {"article": article.pk, "author": _author(), "body": CLEAN + " And trams."},
    )
    assert over.status_code == 429 and over["Retry-After"]
    assert "too often" in over.json()["detail"]
    other = _post(
        client,
        writer,
        {"article": article.pk, "author": _author("43"), "body": CLEAN},
    )
    assert other.status_code == 201


def test_reply_token_edit_and_delete(client: Client, writer: str, article: Any) -> None:
    parent = CommentFactory(article=article)
    token = str(uuid.uuid4())
    payload = {
        "url": f"http://testserver{article.get_absolute_url()}",
        "parent": parent.pk,
        "author": _author(),
        "body": CLEAN,
        "token": token,
    }
    first = _post(client, writer, payload)
    again = _post(client, writer, payload)
    assert (first.status_code, again.status_code) == (201, 200)
    mine = first.json()["comment"]
    assert again.json()["comment"]["id"] == mine["id"] and mine["parent"] == parent.pk

    edited = client.patch(
        f"/api/v1/comments/{mine['id']}",
        json.dumps({"body": CAPS}),
        content_type="application/json",
        **_auth(writer),
    )
    assert edited.status_code == 200, edited.content
    assert (
        edited.json()["status"] == "held" and edited.json()["comment"]["body"] == CAPS
    )
    unchanged = client.patch(
        f"/api/v1/comments/{mine['id']}",
        json.dumps({"body": CAPS}),
        content_type="application/json",
        **_auth(writer),
    )
    assert (
        unchanged.status_code == 400
        and unchanged.json()["detail"] == "Nothing changed."
    )

    gone = client.delete(f"/api/v1/comments/{mine['id']}", **_auth(writer))
    assert gone.status_code == 204
    assert Comment.objects.get(pk=mine["id"]).status == CommentStatus.DELETED
    assert (
        client.delete(f"/api/v1/comments/{mine['id']}", **_auth(writer)).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("change", "status", "detail"),
    [
        ({"body": "   "}, 400, "Write a little more"),
        ({"body": "x" * 5001}, 400, "Comments are limited to"),
        ({"article": None}, 400, "give either"),
        ({"article": 999999}, 404, "No such article."),
        ({"parent": 999999}, 404, "No such comment."),
        ({"author": {"id": " ", "name": "A"}}, 400, "`author.id` and `author.name`"),
    ],
)
def test_post_refusals(
    client: Client,
    writer: str,
    article: Any,
    change: dict[str, Any],
    status: int,
    detail: str,
) -> None:
    payload = {"article": article.pk, "author": _author(), "body": CLEAN, **change}
    response = _post(client, writer, payload)
    assert response.status_code == status, response.content
    assert response.json()["detail"].startswith(detail)
    assert not Comment.objects.exists()


def test_malformed_and_oversized_bodies(
    client: Client, writer: str, article: Any
) -> None:
    missing_author = _post(client, writer, {"article": article.pk, "body": CLEAN})
    assert missing_author.status_code == 422
    assert isinstance(missing_author.json()["detail"], list)
    huge = _post(
        client,
        writer,
        {"article": article.pk, "author": _author(), "body": "word " * 30_000},
    )
    assert huge.status_code == 422
    long_id = _post(
        client,
        writer,
        {"article": article.pk, "author": _author("9" * 201), "body": CLEAN},
    )
    assert long_id.status_code == 422
    broken = client.post(
        "/api/v1/comments", b"{", content_type="application/json", **_auth(writer)
    )
    assert broken.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("pinned_clock")
def test_write_needs_the_write_scope_and_a_live_key(
    client: Client, make_client: Any, article: Any
) -> None:
    _, reader = make_client("r", ("comments:read",))
    gone_client, gone = make_client("gone", ("comments:write",))
    actions.revoke_client(gone_client)
    _, limited = make_client("slow", ("comments:write",), rate_limit=1)
    payload = {"article": article.pk, "author": _author(), "body": CLEAN}
    assert _post(client, reader, payload).status_code == 403
    assert _post(client, gone, payload).status_code == 401
    assert _post(client, "vk_wrong", payload).status_code == 401
    assert _post(client, limited, payload).status_code == 201
    over = _post(client, limited, {**payload, "body": CAPS})
    assert over.status_code == 429 and over["Retry-After"]
    assert Comment.objects.count() == 1


def test_a_blocked_author_cannot_post(
    client: Client, writer: str, article: Any
) -> None:
    from vestnik.moderation.actions.users import block_user

    first = _post(
        client, writer, {"article": article.pk, "author": _author(), "body": CLEAN}
    ).json()
    author = Comment.objects.get(pk=first["comment"]["id"]).author
    block_user(moderator_user(), author, rules=["spam"])
    refused = _post(
        client,
        writer,
        {"article": article.pk, "author": _author(), "body": CLEAN + " Again."},
    )
    assert refused.status_code == 403 and "blocked" in refused.json()["detail"]


def test_comments_posted_through_a_key_fire_webhooks(
    client: Client, writer: str, article: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from vestnik.integrations.models import WebhookDelivery
    from vestnik.integrations.webhooks import add_webhook

    add_webhook(
        "https://hooks.partner.example/vestnik",
        events=["comment.published", "comment.held"],
        allow_private=True,
    )
    with django_capture_on_commit_callbacks():
        _post(
            client, writer, {"article": article.pk, "author": _author(), "body": CAPS}
        )
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "comment.held"


# --- moderation ------------------------------------------------------------------


def _decide(client: Client, key: str, comment_id: int, verb: str, body: Any) -> Any:
    return client.post(
        f"/api/v1/moderation/comments/{comment_id}/{verb}",
        json.dumps(body),
        content_type="application/json",
        **_auth(key),
    )


def test_approve_and_reject_act_for_the_moderator_who_made_the_key(
    client: Client, make_client: Any
) -> None:
    moderator = moderator_user()
    _, key = make_client("tools", ("moderation",), actor=moderator)
    held = engine_judged(action="hold")
    approved = _decide(client, key, held.pk, "approve", {"note": "fine"})
    assert approved.status_code == 200, approved.content
    assert approved.json()["comment_status"] == "published"
    decision = Decision.objects.get(pk=approved.json()["id"])
    assert decision.actor == moderator and "[API client tools] fine" in decision.note

    rejected = _decide(client, key, held.pk, "reject", {"rules": ["spam"]})
    assert rejected.status_code == 200 and rejected.json()["rules"] == ["spam"]
    assert rejected.json()["comment_status"] == "rejected"
    again = _decide(client, key, held.pk, "reject", {"rules": ["spam"]})
    assert again.status_code == 400 and "already rejected" in again.json()["detail"]
    unknown = _decide(client, key, held.pk, "approve", {}) and _decide(
        client, key, held.pk, "reject", {"rules": ["no-such-rule"]}
    )
    assert unknown.status_code == 400
    assert _decide(client, key, 999999, "approve", {}).status_code == 404
    assert _decide(client, key, held.pk, "reject", {"rules": []}).status_code == 422


def test_moderation_needs_scope_and_a_moderator_behind_the_key(
    client: Client, make_client: Any
) -> None:
    held = engine_judged(action="hold")
    _, cli_made = make_client("cli", ("moderation",))
    _, writer = make_client("w", ("comments:write",), actor=moderator_user())
    refused = _decide(client, cli_made, held.pk, "approve", {})
    assert (
        refused.status_code == 403
        and "created it in the admin" in refused.json()["detail"]
    )
    assert _decide(client, writer, held.pk, "approve", {}).status_code == 403
    assert _decide(client, "vk_wrong", held.pk, "approve", {}).status_code == 401
    held.refresh_from_db()
    assert held.status == CommentStatus.HELD


def test_the_admin_lists_the_authors_of_each_key(
    client: Client, writer: str, article: Any, admin_client: Client
) -> None:
    _post(
        client,
        writer,
        {"article": article.pk, "author": _author("u-1042"), "body": CLEAN},
    )
    listing = admin_client.get("/admin/integrations/externalauthor/")
    assert listing.status_code == 200 and "u-1042" in listing.content.decode()
    assert (
        admin_client.get("/admin/integrations/externalauthor/add/").status_code == 403
    )


def test_a_page_costs_the_same_queries_however_long(
    client: Client, make_client: Any, article: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, key = make_client("r", ("comments:read", "comments:write"))

    def page_queries(total: int) -> int:
        while Comment.objects.count() < total:
            n = Comment.objects.count()
            CommentFactory(article=article)
            _post(
                client,
                key,
                {"article": article.pk, "author": _author(f"u{n}"), "body": CLEAN},
            )
        with CaptureQueriesContext(connection) as done:
            page = client.get("/api/v1/comments", {"article": article.pk}, **_auth(key))
        assert len(page.json()["comments"]) == total
        return len(done.captured_queries)

    # the key, its rate-limit counter (in the database without Redis), the
    # article, the page and the call log: no query per comment or author
    assert page_queries(4) == page_queries(24) <= 8


# --- external stories (#13, item 6) ---------------------------------------------

PARTNER = "https://partner.example"


@pytest.fixture
def storyteller(make_client: Any) -> str:
    return make_client(
        "storyteller",
        ("comments:read", "comments:write"),
        story_origins=["https://Partner.example:443/"],
    )[1]


def test_a_first_comment_on_a_page_of_the_keys_site_creates_the_story(
    client: Client, storyteller: str
) -> None:
    from vestnik.news.models import Article

    first = _post(
        client,
        storyteller,
        {
            "url": "https://PARTNER.example/news/night-bus?day=1#comments",
            "title": "  The night   bus ",
            "author": _author(),
            "body": CLEAN,
        },
    )
    assert first.status_code == 201, first.content
    story = Article.objects.get()
    # One spelling per page: the one the embed stores.
    assert story.external_url == f"{PARTNER}/news/night-bus?day=1"
    assert story.headline == "The night bus"
    assert first.json()["comment"]["article"] == story.pk
    assert first.json()["status"] == "published"
    # The next comment, by another spelling of the URL, lands on the same story.
    second = _post(
        client,
        storyteller,
        {
            "url": f"{PARTNER}/news/night-bus?day=1",
            "author": _author("43", "Ivan"),
            "body": CLEAN + " Agreed.",
        },
    )
    assert second.status_code == 201, second.content
    assert second.json()["comment"]["article"] == story.pk
    assert Article.objects.count() == 1
    listed = client.get(
        "/api/v1/comments",
        {"url": f"{PARTNER}/news/night-bus?day=1#top"},
        **_auth(storyteller),
    ).json()
    assert listed["article"] == story.pk and len(listed["comments"]) == 2


def test_a_story_the_embed_started_takes_comments_from_any_writer(
    client: Client, writer: str
) -> None:
    from vestnik.news.actions import get_or_create_external_story

    story, _ = get_or_create_external_story(url=f"{PARTNER}/a", title="A")
    # `writer` lists no story origins: it cannot start stories, but posts to one
    # that exists, whichever way it spells the URL.
    posted = _post(
        client,
        writer,
        {"url": "https://partner.EXAMPLE/a#c", "author": _author(), "body": CLEAN},
    )
    assert posted.status_code == 201, posted.content
    assert posted.json()["comment"]["article"] == story.pk


@pytest.mark.parametrize(
    ("change", "status", "detail"),
    [
        ({"url": "https://elsewhere.example/a"}, 404, "No such article."),
        ({"url": "http://partner.example/a"}, 404, "No such article."),  # scheme
        ({"url": "https://partner.example:8443/a"}, 404, "No such article."),
        ({"url": f"{PARTNER}/" + "a" * 600}, 404, "No such article."),
        ({"url": "not a url"}, 404, "No such article."),
        ({"parent": 999999}, 404, "No such article."),
        ({"body": "   "}, 400, "Write a little more"),
        ({"body": "x" * 5001}, 400, "Comments are limited to"),
    ],
)
def test_no_story_for_pages_off_the_keys_sites_or_comments_refused_anyway(
    client: Client,
    storyteller: str,
    change: dict[str, Any],
    status: int,
    detail: str,
) -> None:
    from vestnik.news.models import Article

    payload = {"url": f"{PARTNER}/a", "author": _author(), "body": CLEAN, **change}
    response = _post(client, storyteller, payload)
    assert response.status_code == status, response.content
    assert response.json()["detail"].startswith(detail)
    assert not Article.objects.exists() and not Comment.objects.exists()


def test_a_key_without_story_origins_starts_no_story(
    client: Client, writer: str
) -> None:
    from vestnik.news.models import Article

    response = _post(
        client, writer, {"url": f"{PARTNER}/a", "author": _author(), "body": CLEAN}
    )
    assert response.status_code == 404
    assert not Article.objects.exists()


@pytest.mark.usefixtures("pinned_clock")
def test_stories_follow_the_embeds_limits_per_author(
    client: Client, storyteller: str, settings: Any
) -> None:
    from vestnik.moderation.actions.users import block_user
    from vestnik.news.models import Article

    settings.VESTNIK_INTEGRATIONS_EMBED_STORIES_PER_HOUR = 1
    payload = {"author": _author(), "body": CLEAN}
    assert (
        _post(client, storyteller, {**payload, "url": f"{PARTNER}/a"}).status_code
        == 201
    )
    over = _post(client, storyteller, {**payload, "url": f"{PARTNER}/b"})
    assert over.status_code == 429 and over["Retry-After"]
    # Another author of the same key has a limit of their own.
    other = {**payload, "author": _author("7", "Olga"), "url": f"{PARTNER}/b"}
    assert _post(client, storyteller, other).status_code == 201
    blocked = ExternalAuthor.objects.get(external_id="7").user
    block_user(moderator_user(), blocked, rules=["spam"])
    refused = _post(client, storyteller, {**other, "url": f"{PARTNER}/c"})
    assert refused.status_code == 403 and "blocked" in refused.json()["detail"]
    assert sorted(Article.objects.values_list("external_url", flat=True)) == [
        f"{PARTNER}/a",
        f"{PARTNER}/b",
    ]


def test_story_origins_are_checked_when_the_key_is_made(make_client: Any) -> None:
    from vestnik.integrations.errors import IntegrationError

    client, _ = make_client(
        "k",
        ("comments:write",),
        story_origins=["HTTPS://a.example/", "https://a.example"],
    )
    assert client.story_origins == ["https://a.example"]
    with pytest.raises(IntegrationError, match="story origin"):
        make_client(
            "bad", ("comments:write",), story_origins=["https://a.example/path"]
        )
