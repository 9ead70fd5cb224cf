"""Views and shares are counted in the cache, flushed to the database in batches,
and bots are never counted."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from vestnik.news import actions
from vestnik.news.bots import is_bot
from vestnik.news.models import Article

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


@pytest.fixture
def article(politics: Any) -> Article:
    from tests.news.factories import make_article

    return make_article(slug="counted", section=politics)


@pytest.mark.parametrize(
    "agent",
    [
        None,
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
        "curl/8.4.0",
        "python-requests/2.31.0",
        "Wget/1.21",
        "Mozilla/5.0 (compatible; GPTBot/1.0; +https://openai.com/gptbot)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    ],
)
def test_bots_are_recognised(agent: str | None) -> None:
    assert is_bot(agent)


@pytest.mark.parametrize(
    "agent",
    [
        BROWSER,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
    ],
)
def test_browsers_are_readers(agent: str) -> None:
    assert not is_bot(agent)


def test_a_view_does_not_write_to_the_database(
    client: Client, article: Article
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(
        "/news/counted/", HTTP_USER_AGENT=BROWSER
    )  # this minute's flush happens here
    with CaptureQueriesContext(connection) as queries:
        client.get("/news/counted/", HTTP_USER_AGENT=BROWSER)
    statements = [
        q["sql"].lstrip().split()[0].upper() for q in queries.captured_queries
    ]
    assert statements and set(statements) == {"SELECT"}
    article.refresh_from_db()
    assert article.views == 0
    assert actions.pending_count("views", article.pk) == 2
    assert actions.flush_counters() == 2
    article.refresh_from_db()
    assert article.views == 2


def test_views_are_flushed_in_one_batch(
    client: Client, article: Article, settings: Any
) -> None:
    for _ in range(5):
        client.get("/news/counted/", HTTP_USER_AGENT=BROWSER)
    for _ in range(3):
        client.get("/news/counted/", HTTP_USER_AGENT="Googlebot/2.1")
    client.head("/news/counted/", HTTP_USER_AGENT=BROWSER)
    moved = actions.flush_counters()
    article.refresh_from_db()
    assert article.views == 5
    assert moved == 5
    assert actions.flush_counters() == 0
    assert actions.pending_count("views", article.pk) == 0


def test_counts_that_race_with_a_flush_are_kept(article: Article) -> None:
    actions.record_view(article, BROWSER)
    actions.flush_counters()
    cache.delete("news:counters:flushed")
    actions._bump("views", article.pk)
    actions._bump("views", article.pk)
    assert actions.flush_counters() == 2
    article.refresh_from_db()
    assert article.views == 3


def test_drafts_are_never_counted(draft: Article) -> None:
    assert actions.record_view(draft, BROWSER) is False
    actions.flush_counters()
    draft.refresh_from_db()
    assert draft.views == 0


def test_flush_task_and_command(article: Article, capsys: Any) -> None:
    from vestnik.commands import flush_views
    from vestnik.workers.news import flush_view_counts

    actions._bump("views", article.pk)
    assert flush_view_counts.delay().get() == 1
    actions._bump("shares", article.pk)
    assert flush_views.run(None) == 0  # type: ignore[arg-type]
    assert "Flushed 1" in capsys.readouterr().out
    article.refresh_from_db()
    assert (article.views, article.shares) == (1, 1)


def test_flush_is_scheduled_in_celery_beat(settings: Any) -> None:
    schedule = settings.CELERY_BEAT_SCHEDULE["flush-view-counts"]
    assert schedule["task"] == "vestnik.workers.news.flush_view_counts"


def test_shares_by_bots_are_not_counted(client: Client, article: Article) -> None:
    client.get(f"/s/{article.short_code}/share/x/", HTTP_USER_AGENT="Twitterbot/1.0")
    client.get(f"/s/{article.short_code}/share/x/", HTTP_USER_AGENT=BROWSER)
    actions.flush_counters()
    article.refresh_from_db()
    assert article.shares == 1


def test_a_stored_page_shows_each_reader_the_current_counts(
    client: Client, article: Article, django_assert_max_num_queries: Any
) -> None:
    """Anonymous readers get the article page's stored body (community/
    threadcache.py); the counters in it are filled in per response."""
    seen = []
    for n in range(3):
        if n:  # the first renders and stores the page; the others read it
            # the article with the thread's version, the related articles
            with django_assert_max_num_queries(2):
                response = client.get("/news/counted/", HTTP_USER_AGENT=BROWSER)
        else:
            response = client.get("/news/counted/", HTTP_USER_AGENT=BROWSER)
        page = response.content.decode()
        assert "\x1f" not in page
        seen.append(page.split('counter-views"', 1)[1].split('class="count">')[1])
    assert [s.split("<", 1)[0] for s in seen] == ["1", "2", "3"]
    client.get(f"/s/{article.short_code}/share/x/", HTTP_USER_AGENT=BROWSER)
    page = client.get("/news/counted/", HTTP_USER_AGENT=BROWSER).content.decode()
    shares = page.split('counter-shares"', 1)[1].split('class="count">')[1]
    assert shares.split("<", 1)[0] == "1"
