"""Reading threads: sorting, keyset "load more", permalinks, counts, query budgets."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.community.factories import CommentFactory, UserFactory
from vestnik.community.actions.threads import bump_thread
from vestnik.community.models import CommentStatus

pytestmark = pytest.mark.django_db


def _ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'id="comment-(\d+)"', html)]


def _thread(article: Any, n: int) -> list[Any]:
    author = UserFactory()
    start = timezone.now() - timedelta(hours=n)
    return [
        CommentFactory(
            article=article,
            author=author,
            created_at=start + timedelta(minutes=i),
            reaction_count=(i * 7) % 5,
            reply_count=(i * 3) % 4,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("sort", ["newest", "oldest", "reactions", "replies"])
def test_load_more_walks_every_comment_once_in_order(
    article: Any, settings: Any, sort: str
) -> None:
    settings.VESTNIK_COMMUNITY_PAGE_SIZE = 4
    comments = _thread(article, 11)
    client = Client()
    url = reverse("community:thread", args=[article.pk]) + f"?sort={sort}"
    seen: list[int] = []
    for _ in range(5):
        html = client.get(url).content.decode()
        seen += [i for i in _ids(html) if i not in seen]
        more = re.search(
            r'href="(/comments/article/\d+/\?sort=\w+&amp;after=[^"]+)"', html
        )
        if not more:
            break
        url = more.group(1).replace("&amp;", "&")
    key = {
        "newest": lambda c: (c.created_at, c.pk),
        "oldest": lambda c: (c.created_at, c.pk),
        "reactions": lambda c: (c.reaction_count, c.pk),
        "replies": lambda c: (c.reply_count, c.pk),
    }[sort]
    expected = [c.pk for c in sorted(comments, key=key, reverse=sort != "oldest")]
    assert seen == expected


def test_htmx_load_more_returns_only_the_next_page(article: Any, settings: Any) -> None:
    settings.VESTNIK_COMMUNITY_PAGE_SIZE = 3
    _thread(article, 5)
    client = Client()
    first = client.get(reverse("community:thread", args=[article.pk])).content.decode()
    cursor = re.search(r"after=([^\"&]+)", first).group(1)
    page = client.get(
        reverse("community:thread", args=[article.pk]) + f"?after={cursor}",
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "<html" not in page
    assert len(_ids(page)) == 2


def test_garbage_cursor_and_sort_fall_back_to_the_first_page(article: Any) -> None:
    _thread(article, 3)
    response = Client().get(
        reverse("community:thread", args=[article.pk]) + "?sort=<script>&after=zz.yy"
    )
    assert response.status_code == 200
    assert len(_ids(response.content.decode())) == 3


def test_permalink_shows_the_comment_in_its_subthread(article: Any) -> None:
    root = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=root)
    other = CommentFactory(article=article)
    html = Client().get(reply.get_absolute_url()).content.decode()
    assert _ids(html) == [root.pk, reply.pk]
    assert other.body not in html
    assert article.headline in html


def test_permalink_of_a_deep_reply_in_a_long_subthread(
    article: Any, settings: Any
) -> None:
    root = CommentFactory(article=article)
    replies = [CommentFactory(article=article, parent=root) for _ in range(205)]
    html = Client().get(replies[-1].get_absolute_url()).content.decode()
    assert replies[-1].pk in _ids(html)
    assert "Show earlier replies" in html


def test_deleted_comment_with_replies_leaves_a_placeholder(article: Any) -> None:
    root = CommentFactory(article=article, status=CommentStatus.DELETED, reply_count=1)
    CommentFactory(article=article, parent=root)
    html = Client().get(reverse("community:thread", args=[article.pk])).content.decode()
    assert "This comment was deleted" in html
    assert root.body not in html


def test_article_page_shows_the_discussion_region(article: Any) -> None:
    CommentFactory(article=article, body="Visible on the article page itself.")
    article.comments_count = 1
    article.save(update_fields=["comments_count"])
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "Visible on the article page itself." in html
    assert "/community-standards/" in html
    assert "Do you have an account?" in html


def _page_queries(
    client: Client, article: Any, django_assert_max_num_queries: Any
) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("community:thread", args=[article.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_thread_page_queries_do_not_grow_with_the_thread(
    article: Any, reader: Any, django_assert_num_queries: Any, settings: Any
) -> None:
    settings.VESTNIK_COMMUNITY_PAGE_SIZE = 10
    client = Client()
    client.force_login(reader)
    for root in _thread(article, 3):
        CommentFactory(article=article, parent=root)
    _page_queries(client, article, None)  # warm the site header's cache
    bump_thread(article.pk)
    small = _page_queries(client, article, None)
    for root in _thread(article, 30):
        for _ in range(3):
            reply = CommentFactory(article=article, parent=root, author=UserFactory())
            CommentFactory(article=article, parent=reply)
    bump_thread(article.pk)  # as the actions do: the shared fragment is rendered again
    large = _page_queries(client, article, None)
    assert small == large
    # Then from the shared fragment (community/overlay.py): session, user, article
    # with the thread's version, the viewer's permissions (2), own comments, own
    # reactions, block and policy checks: pinned so a regression shows up.
    with django_assert_num_queries(9):
        client.get(reverse("community:thread", args=[article.pk]))


def test_anonymous_thread_page_query_count_is_pinned(
    article: Any, django_assert_num_queries: Any
) -> None:
    for root in _thread(article, 25):
        CommentFactory(article=article, parent=root)
    client = Client()
    url = reverse("community:thread", args=[article.pk])
    client.get(url)  # warm the header cache and this thread's fragment
    # article with the thread's version, top-level comments, their replies, featured
    with django_assert_num_queries(4):
        client.get(url + "?sort=oldest")
    # Rendered once per thread version (the whole page stored for a reader
    # without cookies): then the article with the version only.
    with django_assert_num_queries(1):
        client.get(url)


def test_article_page_queries_do_not_grow_with_the_thread(
    article: Any, reader: Any
) -> None:
    client = Client()
    client.force_login(reader)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(article.get_absolute_url())  # warm caches (header, views buffer)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    for root in _thread(article, 2):
        CommentFactory(article=article, parent=root)
    small = count()
    for root in _thread(article, 25):
        for _ in range(2):
            CommentFactory(article=article, parent=root, author=UserFactory())
    assert count() == small


@pytest.mark.parametrize(
    ("setting", "shown", "label"),
    [
        ("show", True, "Blocker"),
        ("anonymise", True, "Blocked account"),
        ("hide", False, None),
    ],
)
def test_blocked_authors_comments_follow_the_publisher_setting(
    article: Any,
    moderator: Any,
    settings: Any,
    setting: str,
    shown: bool,
    label: str | None,
) -> None:
    from vestnik.moderation.actions.users import block_user

    settings.VESTNIK_COMMUNITY_BLOCKED_AUTHOR_COMMENTS = setting
    author = UserFactory(username="blocker", display_name="Blocker")
    comment = CommentFactory(
        article=article, author=author, body="Said before the block."
    )
    block_user(moderator, author, rules=["trolling"])
    html = Client().get(reverse("community:thread", args=[article.pk])).content.decode()
    assert ("Said before the block." in html) is shown
    if label:
        assert f'<span class="comment-author">{label}</span>' in html
    assert comment.pk


def test_no_js_reply_link_opens_a_reply_form(article: Any, reader: Any) -> None:
    parent = CommentFactory(article=article)
    client = Client()
    client.force_login(reader)
    html = client.get(
        reverse("community:thread", args=[article.pk]) + f"?reply={parent.pk}"
    ).content.decode()
    assert f'name="parent" value="{parent.pk}"' in html
    assert "Replying to" in html
