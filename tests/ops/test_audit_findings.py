"""Regression tests for the outside audit's findings (#14): bad input is a 4xx."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.community.factories import ArticleFactory, CommentFactory, UserFactory
from tests.community.posting import CLEAN
from tests.moderation.factories import moderator_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db: Any) -> Any:
    return ArticleFactory()


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- social login for providers the publisher has not set up ----------------------


@pytest.mark.parametrize("provider", ["google", "facebook", "vk"])
@pytest.mark.parametrize("step", ["login/", "login/callback/", "login/token/"])
def test_unconfigured_social_provider_is_404(provider: str, step: str) -> None:
    client = Client(raise_request_exception=False)
    url = f"/accounts/{provider}/{step}"
    assert client.get(url).status_code == 404, url
    assert client.post(url).status_code in {404, 405}, url


def test_login_page_shows_no_unconfigured_provider() -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert "/accounts/google/login/" not in page
    assert "Or continue with" not in page


# --- cursors ---------------------------------------------------------------------

BAD_CURSORS = [
    "999999999999999999999.1",
    "-999999999999999999999.1",
    "9999999999999999999.1",
    "-9223372036854775808.1",
    "1.99999999999999999999999",
    "1e400.1",
    "²³.1",
    "..",
]


@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_bad_cursor_is_the_first_page(article: Any, cursor: str) -> None:
    comment = CommentFactory(article=article)
    client = Client(raise_request_exception=False)
    html = client.get(f"/comments/article/{article.pk}/", {"after": cursor})
    assert html.status_code == 200
    assert f"comment-{comment.pk}" in html.content.decode()
    api = client.get("/api/comments/", {"article": article.pk, "after": cursor})
    assert api.status_code == 200
    assert [c["id"] for c in api.json()["comments"]] == [comment.pk]


# --- ids -------------------------------------------------------------------------

BAD_IDS = ["²", "１２", "٣", "123456789012345678901234567890", "9223372036854775808"]


@pytest.mark.parametrize("raw", BAD_IDS)
def test_reply_parameter_with_bad_id(article: Any, raw: str) -> None:
    client = Client(raise_request_exception=False)
    response = client.get(f"/comments/article/{article.pk}/", {"reply": raw})
    assert response.status_code == 200


@pytest.mark.parametrize("raw", BAD_IDS)
def test_console_filters_with_bad_ids(raw: str) -> None:
    client = logged_in(moderator_user())
    client.raise_request_exception = False
    for url, params in [
        ("/moderation/queue/held/", {"article": raw}),
        ("/moderation/queue/held/", {"author": raw}),
        ("/moderation/audit/", {"user": raw}),
        ("/api/moderation/queues/held", {"article": raw}),
        ("/api/moderation/queues/held", {"author": raw}),
    ]:
        response = client.get(url, params)
        assert response.status_code == 200, (url, params)
        if url.startswith("/api/"):
            assert response.json()["items"] == []


@pytest.mark.parametrize("raw", [*BAD_IDS, "1,²", "0"])
def test_bulk_with_bad_ids_is_refused(raw: str) -> None:
    held = CommentFactory(status="held")
    client = logged_in(moderator_user())
    client.raise_request_exception = False
    response = client.post(
        "/moderation/bulk/", {"ids": raw, "decision": "approve"}, follow=True
    )
    assert response.status_code == 200
    assert "Comment ids must be numbers." in response.content.decode()
    held.refresh_from_db()
    assert held.status == "held"


# --- JSON bodies -----------------------------------------------------------------

LONE_SURROGATE = '"Budget \\ud800 vote"'
NUL = '"Budget \\u0000 vote, a perfectly ordinary comment"'


@pytest.mark.parametrize("text", [LONE_SURROGATE, NUL])
def test_api_refuses_unstorable_text(article: Any, text: str) -> None:
    reader = logged_in(UserFactory())
    reader.raise_request_exception = False
    response = reader.post(
        "/api/comments/",
        f'{{"article": {article.pk}, "body": {text}}}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    held = CommentFactory(article=article, status="held")
    mod = logged_in(moderator_user())
    mod.raise_request_exception = False
    for action, body in [
        ("edit", f'{{"body": {text}, "reason": "tidy"}}'),
        ("approve", f'{{"note": {text}}}'),
        ("reject", f'{{"rules": ["spam"], "message": {text}}}'),
        ("reject", f'{{"rules": [{text}]}}'),
    ]:
        response = mod.post(
            f"/api/moderation/comments/{held.pk}/{action}",
            body,
            content_type="application/json",
        )
        assert response.status_code == 400, (action, body)
    held.refresh_from_db()
    assert held.status == "held"


def test_api_still_accepts_ordinary_unicode(article: Any) -> None:
    reader = logged_in(UserFactory())
    response = reader.post(
        "/api/comments/",
        json.dumps({"article": article.pk, "body": CLEAN + " Ёлки, 😀 — «да»."}),
        content_type="application/json",
    )
    assert response.status_code == 201


# --- rate limits shared by every process -----------------------------------------


def test_post_limit_survives_a_cache_that_is_not_shared(
    article: Any, settings: Any
) -> None:
    """The counters live in the database (or Redis), not a process's memory: a
    second worker, whose in-memory cache is empty, sees the same count."""
    settings.VESTNIK_COMMUNITY_POST_RATE_USER = (3, 60)
    settings.REDIS_URL = ""
    client = logged_in(UserFactory())
    statuses = []
    for i in range(5):
        cache.clear()  # what another worker process would see
        statuses.append(
            client.post(
                reverse("community:post", args=[article.pk]),
                {"body": f"{CLEAN} ({i})", "token": str(uuid.uuid4())},
            ).status_code
        )
    assert statuses == [302, 302, 302, 429, 429]


def test_reactions_are_rate_limited(settings: Any) -> None:
    settings.VESTNIK_COMMUNITY_REACTION_RATE_USER = (3, 60)
    comments = CommentFactory.create_batch(5)
    client = logged_in(UserFactory())
    statuses = [
        client.post(
            f"/api/comments/{c.pk}/reactions", {"kind": "agree"}, "application/json"
        ).status_code
        for c in comments
    ]
    assert statuses == [200, 200, 200, 429, 429]
    html = client.post(f"/comments/{comments[0].pk}/react/", {"kind": "agree"})
    assert html.status_code == 429


def test_unknown_reaction_kind_is_422() -> None:
    comment = CommentFactory()
    client = logged_in(UserFactory())
    response = client.post(
        f"/api/comments/{comment.pk}/reactions", {"kind": "adore"}, "application/json"
    )
    assert response.status_code == 422  # the schema's enum: see tests/api/
    assert response.json()["detail"][0]["loc"][-1] == "kind"


def test_account_delete_locks_out_after_wrong_passwords(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory()
    user.set_password("correct horse battery")
    user.save()
    client = logged_in(user)
    for _ in range(3):
        wrong = client.post("/account/delete/", {"password": "guess", "answer": "yes"})
        assert wrong.status_code == 400
    locked = client.post(
        "/account/delete/", {"password": "correct horse battery", "answer": "yes"}
    )
    assert locked.status_code == 429
    user.refresh_from_db()
    assert user.is_active and user.deleted_at is None


def test_account_delete_with_the_right_password_still_works() -> None:
    user = UserFactory()
    user.set_password("correct horse battery")
    user.save()
    client = logged_in(user)
    client.post("/account/delete/", {"password": "guess", "answer": "yes"})
    done = client.post(
        "/account/delete/", {"password": "correct horse battery", "answer": "yes"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.deleted_at is not None


# --- display names ---------------------------------------------------------------


def test_display_name_drops_bidi_controls() -> None:
    user = UserFactory()
    client = logged_in(user)
    response = client.post(
        "/account/profile/", {"display_name": "Ivan\u202e\u200b nav\u2066I\x07"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Ivan navI"
    only_controls = client.post("/account/profile/", {"display_name": "\u202e\u202e"})
    assert only_controls.status_code == 200
    assert "Please enter your name." in only_controls.content.decode()


# --- HEAD ------------------------------------------------------------------------


def test_head_is_allowed_where_get_is(article: Any) -> None:
    comment = CommentFactory(article=article)
    anonymous = Client()
    for url in [
        "/",
        article.get_absolute_url(),
        f"/comments/article/{article.pk}/",
        f"/comments/{comment.pk}/",
        "/healthz",
        f"/api/comments/?article={article.pk}",
        "/api/openapi.json",
    ]:
        assert anonymous.head(url).status_code == 200, url
    # A POST-only API endpoint still refuses HEAD, as it refuses GET.
    assert anonymous.head("/api/v1/analyze").status_code == 405
    moderator = logged_in(moderator_user())
    for url in [
        "/moderation/queue/held/",
        "/moderation/audit/",
        "/api/moderation/queues/held",
        "/api/moderation/appeals",
    ]:
        assert moderator.head(url).status_code == 200, url


# --- the engine runs outside the transaction that stores the comment --------------


@pytest.mark.django_db(transaction=True)
def test_the_engine_judges_before_the_storing_transaction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.db import connection

    from vestnik.moderation import submission

    seen: list[bool] = []
    real = submission.moderate

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(submission, "moderate", watched)
    article = ArticleFactory()
    client = logged_in(UserFactory())
    response = client.post(
        reverse("community:post", args=[article.pk]),
        {"body": CLEAN, "token": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    assert seen == [False]
    assert article.comments.get().status == "published"
