"""Logged-in readers: the shared cached thread plus their own state (community/overlay.py).

The overlay must show every reader exactly what a full render for them shows.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.community.conftest import login
from tests.community.factories import CommentFactory, UserFactory
from vestnik.community import overlay, queries
from vestnik.community.actions.threads import bump_thread
from vestnik.community.models import CommentStatus, Reaction
from vestnik.community.templatetags.community import discussion_context

pytestmark = pytest.mark.django_db

# Per render anyway: the CSRF token's mask and the comment form's one-time token.
_PER_RENDER = re.compile(r'name="(csrfmiddlewaretoken|token)" value="[^"]+"')


def _same(html: str) -> str:
    return _PER_RENDER.sub(r'name="\1" value="-"', html)


def _request(user: Any, query: str = "") -> Any:
    request = RequestFactory().get("/comments/" + query)
    request.user = user
    return request


def _full_render(
    user: Any, article: Any, *, sort: str | None, cursor: str | None, part: str
) -> str:
    """What the per-request render (before the overlay) shows this reader."""
    request = _request(user)
    context = discussion_context(request, article, sort=sort, cursor=cursor)
    name = "community/_page.html" if part == "page" else "community/_region.html"
    return render_to_string(name, context, request=request)


@pytest.fixture
def busy_thread(article: Any, reader: Any, other_reader: Any, settings: Any) -> Any:
    settings.VESTNIK_COMMUNITY_PAGE_SIZE = 4
    now = timezone.now()
    others = [
        CommentFactory(article=article, created_at=now - timedelta(minutes=50 - n))
        for n in range(8)
    ]
    CommentFactory(article=article, parent=others[-1], author=other_reader)
    mine = CommentFactory(article=article, author=reader)
    CommentFactory(article=article, parent=others[-1], author=reader)
    old_mine = CommentFactory(article=article, author=reader)
    type(old_mine).objects.filter(pk=old_mine.pk).update(
        created_at=now - timedelta(days=30)
    )
    type(mine).objects.filter(pk__in=[mine.pk, others[-2].pk]).update(is_featured=True)
    gone = CommentFactory(
        article=article, status=CommentStatus.DELETED, reply_count=1, author=reader
    )
    CommentFactory(article=article, parent=gone)
    Reaction.objects.create(comment=others[-1], user=reader, kind="insightful")
    Reaction.objects.create(comment=others[-2], user=reader, kind="funny")
    Reaction.objects.create(comment=others[-3], user=other_reader, kind="agree")
    bump_thread(article.pk)
    return article


@pytest.mark.parametrize("sort", [None, "oldest", "top"])
def test_the_overlay_shows_each_reader_what_a_full_render_shows(
    busy_thread: Any, reader: Any, other_reader: Any, sort: str | None
) -> None:
    article = busy_thread
    for user in (reader, other_reader, UserFactory()):
        page = queries.thread_page(article, user, sort=queries.Sort.parse(sort))
        cursors: list[str | None] = [None]
        while page.next_cursor:
            cursors.append(page.next_cursor)
            page = queries.thread_page(
                article, user, sort=queries.Sort.parse(sort), cursor=page.next_cursor
            )
        assert len(cursors) >= 3
        for cursor in cursors:
            part = "region" if cursor is None else "page"
            shown = overlay.personal_fragment(
                _request(user), article, sort=sort, cursor=cursor, part=part
            )
            assert shown is not None
            assert "vk:" not in shown and "stand-in" not in shown
            assert _same(shown) == _same(
                _full_render(user, article, sort=sort, cursor=cursor, part=part)
            )


def test_own_state_is_in_the_overlay(busy_thread: Any, reader: Any) -> None:
    html = (
        login(reader)
        .get(reverse("community:thread", args=[busy_thread.pk]))
        .content.decode()
    )
    assert 'value="insightful" aria-pressed="true"' in html
    assert 'value="funny" aria-pressed="true"' in html
    mine = busy_thread.comments.filter(author=reader, status=CommentStatus.PUBLISHED)
    on_page = [c for c in mine if f'id="comment-{c.pk}"' in html]
    assert on_page
    for comment in on_page:
        assert reverse("community:delete", args=[comment.pk]) in html
    edits = re.findall(r'href="/comments/(\d+)/edit/"', html)
    assert edits and all(int(pk) in {c.pk for c in mine} for pk in edits)
    assert 'name="body"' in html  # their comment form, with their CSRF token
    assert "stand-in" not in html


def test_the_thread_is_rendered_once_for_every_logged_in_reader(
    busy_thread: Any, reader: Any, other_reader: Any, monkeypatch: Any
) -> None:
    renders: list[str] = []
    real = overlay._render_shared

    def counted(*args: Any) -> str:
        renders.append(args[-1])
        return real(*args)

    monkeypatch.setattr(overlay, "_render_shared", counted)
    url = reverse("community:thread", args=[busy_thread.pk])
    for user in (reader, other_reader, UserFactory(), reader):
        assert login(user).get(url).status_code == 200
    assert renders == ["region"]
    bump_thread(busy_thread.pk)  # any change: rendered again, once
    for user in (reader, other_reader):
        login(user).get(url)
        login(user).get(busy_thread.get_absolute_url())
    assert renders == ["region", "region"]


def test_own_held_comments_are_shown_to_their_author_alone(
    busy_thread: Any, reader: Any, other_reader: Any
) -> None:
    CommentFactory(
        article=busy_thread,
        author=reader,
        status=CommentStatus.HELD,
        body="Waiting for a moderator, this one.",
    )
    bump_thread(busy_thread.pk)
    url = reverse("community:thread", args=[busy_thread.pk])
    for page in (url, busy_thread.get_absolute_url()):
        mine = login(reader).get(page).content.decode()
        assert "Waiting for a moderator, this one." in mine
        assert "Held for review" in mine
        theirs = login(other_reader).get(page).content.decode()
        assert "Waiting for a moderator, this one." not in theirs
    assert (
        overlay.personal_fragment(_request(reader), busy_thread, sort=None, cursor=None)
        is None
    )


def test_moderators_get_their_buttons(busy_thread: Any, moderator: Any) -> None:
    html = (
        login(moderator)
        .get(reverse("community:thread", args=[busy_thread.pk]))
        .content.decode()
    )
    assert html.count(">Feature<") + html.count(">Unfeature<") >= 4


def _logged_in_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_logged_in_queries_are_pinned_and_flat(
    article: Any, reader: Any, settings: Any, django_assert_num_queries: Any
) -> None:
    settings.VESTNIK_COMMUNITY_PAGE_SIZE = 20
    client = login(reader)
    url = reverse("community:thread", args=[article.pk])
    client.get(url)  # the site header's cache
    figures = []
    for size in (30, 300):
        for n in range(size - article.comments.count()):
            comment = CommentFactory(
                article=article, **({"author": reader} if n % 7 == 0 else {})
            )
            if n % 3 == 0:
                Reaction.objects.create(comment=comment, user=reader, kind="agree")
        bump_thread(article.pk)
        client.get(url)  # renders the shared fragment
        figures.append(_logged_in_queries(client, url))
        figures.append(_logged_in_queries(client, url + "?sort=oldest&after=" + "1.1"))
    assert figures[0] == figures[2] and figures[1] == figures[3], figures
    # session, user, article with the thread's version, the viewer's permissions
    # (2), own comments on the page, own reactions, block and policy checks
    with django_assert_num_queries(9):
        client.get(url)
