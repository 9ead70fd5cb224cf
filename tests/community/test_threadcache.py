"""The anonymous read path: cached fragments, never stale; ETag, 304, Cache-Control."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from tests.community.factories import ArticleFactory, CommentFactory, UserFactory
from tests.community.posting import CLEAN
from tests.moderation.factories import moderator_user
from vestnik.accounts.actions import delete_account, update_profile
from vestnik.community.actions import comments as comment_actions
from vestnik.community.actions import reactions as reaction_actions
from vestnik.community.models import CommentStatus
from vestnik.moderation.actions import comments as moderation_actions
from vestnik.moderation.actions import users as user_actions
from vestnik.news import actions as news_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def article() -> Any:
    item = ArticleFactory()
    # Through the actions, so the thread's version knows of it.
    for n in range(3):
        comment = CommentFactory(
            article=item, status=CommentStatus.HELD, body=f"Library remark {n}."
        )
        moderation_actions.approve_comment(moderator_user(), comment)
    return item


def urls(article: Any) -> list[str]:
    return [
        article.get_absolute_url(),
        reverse("community:thread", args=[article.pk]),
        f"/api/comments/?article={article.pk}",
    ]


def test_anonymous_reads_are_public_with_an_etag(article: Any) -> None:
    for url in urls(article):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response["ETag"].startswith('W/"'), url
        control = response["Cache-Control"]
        assert "public" in control and "max-age=5" in control, url
        assert "stale-while-revalidate=30" in control, url
        assert not response.cookies, url


def test_a_current_copy_is_not_sent_again(
    article: Any, django_assert_max_num_queries: Any
) -> None:
    for url in urls(article):
        first = Client().get(url)
        with django_assert_max_num_queries(5):
            again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert again["ETag"] == first["ETag"]
        assert again.content == b""


def test_a_second_anonymous_reader_is_served_from_the_cache(
    article: Any, django_assert_max_num_queries: Any
) -> None:
    url = reverse("community:thread", args=[article.pk])
    first = Client().get(url)
    with django_assert_max_num_queries(3):  # the article, the version (and a session)
        second = Client().get(url)
    assert second.content == first.content
    api = f"/api/comments/?article={article.pk}"
    first_api = Client().get(api)
    with django_assert_max_num_queries(3):
        second_api = Client().get(api)
    assert second_api.json() == first_api.json()


def test_logged_in_readers_are_private(article: Any) -> None:
    client = Client()
    client.force_login(UserFactory())
    for url in urls(article):
        response = client.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url


def _first_comment(article: Any) -> Any:
    return article.comments.order_by("id").first()


def _post(article: Any, settings: Any) -> str:
    client = Client()
    client.force_login(UserFactory())
    client.post(
        reverse("community:post", args=[article.pk]),
        {"body": CLEAN, "token": str(uuid.uuid4())},
    )
    return "students who work during the day"


def _react(article: Any, settings: Any) -> str:
    reaction_actions.react_to_comment(
        _first_comment(article), user=UserFactory(), kind="agree"
    )
    return "1 reaction<"


def _moderator_reject(article: Any, settings: Any) -> str:
    comment = _first_comment(article)
    moderation_actions.reject_comment(
        moderator_user(), comment, rules=["off-topic"], message=""
    )
    return "!Library remark 0."


def _moderator_edit(article: Any, settings: Any) -> str:
    moderation_actions.edit_comment(
        moderator_user(),
        _first_comment(article),
        body="Library remark, tidied by a moderator.",
        reason="tidy",
    )
    return "tidied by a moderator"


def _author_deletes(article: Any, settings: Any) -> str:
    comment = _first_comment(article)
    comment_actions.delete_comment(comment, actor=comment.author)
    return "!Library remark 0."


def _feature(article: Any, settings: Any) -> str:
    moderation_actions.feature_comment(moderator_user(), _first_comment(article))
    return "Featured"


def _rename_author(article: Any, settings: Any) -> str:
    update_profile(_first_comment(article).author, display_name="Renamed Reader")
    return "Renamed Reader"


def _author_deletes_account(article: Any, settings: Any) -> str:
    delete_account(_first_comment(article).author, site_url="http://testserver/")
    return "!Library remark 0."


def _block_author(article: Any, settings: Any) -> str:
    # The publisher hides blocked authors' comments (the default shows them).
    settings.VESTNIK_COMMUNITY_BLOCKED_AUTHOR_COMMENTS = "hide"
    user_actions.block_user(
        moderator_user(), _first_comment(article).author, rules=["spam"]
    )
    return "!Library remark 0."


def _close_comments(article: Any, settings: Any) -> str:
    article.comments_open = False
    news_actions.save_article(article)
    return "Comments on this article are closed."


CHANGES: list[Callable[[Any, Any], str]] = [
    _post,
    _react,
    _moderator_reject,
    _moderator_edit,
    _author_deletes,
    _feature,
    _rename_author,
    _author_deletes_account,
    _block_author,
    _close_comments,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__.strip("_"))
def test_the_cached_thread_is_never_stale(
    article: Any, change: Callable[[Any, Any], str], settings: Any
) -> None:
    thread = reverse("community:thread", args=[article.pk])
    before = {url: Client().get(url) for url in [article.get_absolute_url(), thread]}
    assert "Library remark 0." in before[thread].content.decode()

    expected = change(article, settings)

    for url, old in before.items():
        response = Client().get(url, HTTP_IF_NONE_MATCH=old["ETag"])
        assert response.status_code == 200, url
        assert response["ETag"] != old["ETag"], url
        page = response.content.decode()
        if expected.startswith("!"):
            assert expected[1:] not in page, url
        else:
            assert expected in page, url


def test_the_cached_api_json_is_what_the_schema_renders(article: Any) -> None:
    url = f"/api/comments/?article={article.pk}"
    anonymous = Client().get(url)
    again = Client().get(url)  # from the cache
    reader = Client()
    reader.force_login(UserFactory())  # no comments of their own: the same thread
    rendered = reader.get(url)
    assert anonymous["Content-Type"] == rendered["Content-Type"]
    assert anonymous.content == again.content
    assert anonymous.json() == rendered.json()
    assert len(anonymous.json()["comments"]) == 3


def test_stored_pages_are_the_rendered_pages(article: Any) -> None:
    """The article page and the thread page of a reader without cookies come
    from a stored body: the same bytes, headers set per response."""
    for url in urls(article)[:2]:
        first, again = Client().get(url), Client().get(url)
        assert again.content == first.content, url
        assert again["Content-Type"] == first["Content-Type"], url
        assert again["ETag"] == first["ETag"], url
        assert "Content-Security-Policy" in again, url
        other = Client().get(url + ("&" if "?" in url else "?") + "sort=oldest")
        assert other.status_code == 200 and other["ETag"] != first["ETag"], url


def test_a_reader_with_a_flash_message_gets_it(article: Any) -> None:
    """A message waiting in the messages cookie (an anonymous reader just signed
    out) is shown: such a request is rendered, not served from a stored page."""
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    for url in urls(article)[:2]:
        Client().get(url)  # stores the page
        client = Client()
        storage = CookieStorage(RequestFactory().get("/"))
        client.cookies["messages"] = storage._encode(
            [Message(constants.SUCCESS, "You have signed out.")]
        )
        response = client.get(url)
        assert "You have signed out." in response.content.decode(), url
        assert "You have signed out." not in Client().get(url).content.decode(), url


def test_a_newsroom_change_reaches_the_stored_thread_page(article: Any) -> None:
    """The thread page shows the article's headline: a stored page is keyed by
    the newsroom's content version as well as by the thread's."""
    url = urls(article)[1]
    assert "Headline, corrected" not in Client().get(url).content.decode()
    article.headline = "Headline, corrected"
    news_actions.save_article(article)
    assert "Headline, corrected" in Client().get(url).content.decode()


def test_made_up_query_parameters_are_not_stored(
    article: Any, monkeypatch: Any
) -> None:
    """Only a page's own parameters, spelt as the site spells them, are stored:
    random ones would fill the cache with copies of the same page."""
    from vestnik.community import threadcache

    stored: list[str] = []
    original = threadcache.cache.set

    def spy(key: str, *args: Any, **kwargs: Any) -> Any:
        if key.startswith("community:page:"):
            stored.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(threadcache.cache, "set", spy)
    for url in urls(article)[:2]:
        for query in ("?utm_source=a", "?sort=NEWEST", "?sort=oldest&sort=newest"):
            response = Client().get(url + query)
            assert response.status_code == 200, url + query
            assert "Library remark 0." in response.content.decode(), url + query
        assert stored == [], url
        Client().get(url + "?sort=oldest")
        assert len(stored) == 1, url
        stored.clear()


def test_a_page_holding_a_csrf_token_is_never_stored(article: Any) -> None:
    """A CSRF token belongs to one reader: a page whose render asked for one is
    not kept for the next reader (who would get someone else's token)."""
    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.test import RequestFactory

    from vestnik.community import threadcache

    def render_with_token(request: Any) -> Any:
        return lambda: HttpResponse(f"<form>{get_token(request)}</form>")

    bodies = []
    for _ in range(2):
        request = RequestFactory().get("/csrf-page/")
        request.user = AnonymousUser()
        bodies.append(
            threadcache.stored_page(
                request, "state", render_with_token(request), {}
            ).content
        )
    assert bodies[0] != bodies[1]  # rendered twice, each with its own token
    for url in urls(article)[:2]:
        assert b"csrfmiddlewaretoken" not in Client().get(url).content, url
