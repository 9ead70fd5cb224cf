"""The article page: every element the spec lists, in the spec's order, over HTTP."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from vestnik.news.models import Article

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


def _html(client: Client, url: str) -> str:
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    return response.content.decode()


def test_every_element_in_the_spec_order(
    client: Client, rich_article: Article, photo_story: Any
) -> None:
    html = _html(client, "/news/budget-passes/")
    markers = [
        ('class="logo"', "logo"),
        ('href="/live/"', "Live link"),
        ('role="search"', "Search"),
        (
            'class="photo-story-link" href="/multimedia/this-week/"',
            "featured photo story",
        ),
        ('class="article-section" href="/section/politics/">Politics<', "section"),
        ("14:52 GMT+3, 10 March 2017", "publication time with time zone"),
        ("(Updated <time", "updated time"),
        ("Parliament passes the budget after an all-night session</h1>", "headline"),
        ('class="lead-photo"', "lead photo"),
        ("Deputies leave the chamber", "lead photo caption"),
        ("&copy; Photo: Ministry of X", "lead photo credit"),
        ("Get short URL", "short URL control"),
        ("counter-views", "views counter"),
        ("counter-comments", "comments counter"),
        ("counter-shares", "shares counter"),
        ('<p class="standfirst">Deputies approved the budget', "standfirst"),
        ("The vote closed a debate", "body"),
        ('class="inline-photo"', "inline photo"),
        ("The vote count on the board", "inline photo caption"),
        ("&copy; REUTERS/ Anna Example", "inline photo credit"),
        ('class="inline-teaser"', "inline teaser"),
        ("Opposition calls for an early election", "teaser headline"),
        ("<blockquote", "block quote"),
        ("This is a budget for everyone.", "quote text"),
        ("Prime Minister Elena Varga", "quote attribution"),
        ("Related:", "Related"),
        ("What the budget means for pensioners", "editor's pick"),
        ("Tags:", "Tags"),
        ('href="/tag/budget/"', "tag link"),
        ('id="discussion"', "discussion region"),
    ]
    positions = []
    for marker, name in markers:
        index = html.find(marker)
        assert index >= 0, f"missing: {name} ({marker!r})"
        positions.append((index, name))
    order = [name for _, name in sorted(positions)]
    assert order == [name for _, name in markers]


def test_updated_time_is_shown_in_the_site_time_zone(
    client: Client, rich_article: Article
) -> None:
    html = _html(client, "/news/budget-passes/")
    assert "(Updated <time" in html and "17:00 GMT+3, 10 March 2017" in html


def test_time_zone_is_configurable(
    client: Client, rich_article: Article, settings: Any
) -> None:
    settings.TIME_ZONE = "Asia/Kolkata"
    assert "17:22 GMT+5:30, 10 March 2017" in _html(client, "/news/budget-passes/")
    settings.TIME_ZONE = "UTC"
    assert "11:52 GMT, 10 March 2017" in _html(client, "/news/budget-passes/")


def test_lead_photo_has_alt_text_and_responsive_renditions(
    client: Client, rich_article: Article
) -> None:
    html = _html(client, "/news/budget-passes/")
    figure = html[html.index('class="lead-photo"') :]
    img = re.search(r"<img [^>]+>", figure)
    assert img is not None
    tag = img.group(0)
    assert f'alt="{rich_article.lead_photo.alt_text}"' in tag
    # The test photo is 1000 pixels wide: renditions stop at its own width.
    assert "320w" in tag and "640w" in tag and "960w" in tag and "1000w" in tag
    assert "1280w" not in tag
    assert 'width="960" height="540"' in tag


def test_short_url_is_shown_and_redirects(
    client: Client, rich_article: Article
) -> None:
    html = _html(client, "/news/budget-passes/")
    short = f"http://testserver/s/{rich_article.short_code}"
    assert f'value="{short}"' in html
    response = client.get(f"/s/{rich_article.short_code}")
    assert response.status_code == 302
    assert response["Location"] == "/news/budget-passes/"


def test_short_code_is_stable_across_edits(rich_article: Article) -> None:
    from vestnik.news import actions

    code = rich_article.short_code
    rich_article.headline = "A new headline"
    actions.save_article(rich_article)
    rich_article.refresh_from_db()
    assert rich_article.short_code == code
    assert len(code) == 8


def test_counters_show_views_comments_and_shares(
    client: Client, rich_article: Article
) -> None:
    html = _html(client, "/news/budget-passes/")
    # 41 stored views + this reader's view, buffered in the cache.
    assert re.search(r'counter-views".*?<span class="count">42</span>', html, re.S)
    assert re.search(r'counter-comments".*?<span class="count">3</span>', html, re.S)
    assert re.search(r'counter-shares".*?<span class="count">7</span>', html, re.S)


def test_share_link_counts_a_share_and_redirects(
    client: Client, rich_article: Article
) -> None:
    response = client.get(
        f"/s/{rich_article.short_code}/share/telegram/", HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == 302
    assert response["Location"].startswith(
        "https://t.me/share/url?url=http%3A%2F%2Ftestserver%2Fnews%2Fbudget-passes%2F"
    )
    html = _html(client, "/news/budget-passes/")
    assert re.search(r'counter-shares".*?<span class="count">8</span>', html, re.S)


def test_opengraph_twitter_and_canonical(client: Client, rich_article: Article) -> None:
    html = _html(client, "/news/budget-passes/")
    assert '<link rel="canonical" href="http://testserver/news/budget-passes/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert (
        '<meta property="og:title" content="Parliament passes the budget after an all-night session">'
        in html
    )
    assert (
        '<meta property="og:url" content="http://testserver/news/budget-passes/">'
        in html
    )
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/renditions/\d+/1000\.jpg">',
        html,
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="article:tag" content="Budget">' in html


def test_correction_note_is_shown(client: Client, rich_article: Article) -> None:
    from vestnik.news import actions

    actions.correct_article(
        rich_article, "An earlier version gave the wrong vote count."
    )
    html = _html(client, "/news/budget-passes/")
    assert (
        "<strong>Correction:</strong> An earlier version gave the wrong vote count."
        in html
    )


def test_related_is_filled_by_tags_then_text_similarity(
    client: Client, rich_article: Article, politics: Any
) -> None:
    from tests.news.factories import TagFactory, make_article

    budget = TagFactory(name="Budget", slug="budget")
    make_article(
        headline="Budget row in the regions",
        slug="by-tag",
        section=politics,
        tags=(budget,),
    )
    make_article(
        headline="Deputies debate amendments through the night",
        slug="by-text",
        section=politics,
        standfirst="Parliament debated the budget amendments.",
    )
    make_article(
        headline="Football results",
        slug="unrelated",
        section=politics,
        standfirst="Goals.",
    )
    html = _html(client, "/news/budget-passes/")
    related = html[html.index("Related:") : html.index("Tags:")]
    pick, by_tag, by_text = (
        related.find(s) for s in ("budget-pensioners", "by-tag", "by-text")
    )
    assert 0 <= pick < by_tag < by_text
    assert "unrelated" not in related


def test_headline_and_text_are_escaped(client: Client, politics: Any) -> None:
    from tests.news.factories import make_article

    make_article(
        headline="<script>alert(1)</script> & more",
        slug="xss",
        section=politics,
        paragraphs=("<img src=x onerror=alert(1)>",),
    )
    html = _html(client, "/news/xss/")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "<img src=x" not in html


def test_staff_preview_of_a_draft(
    client: Client, draft: Article, django_user_model: Any
) -> None:
    editor = django_user_model.objects.create_user(
        username="editor",
        email="e@example.org",
        password="pw-editor-123",
        is_staff=True,
    )
    client.force_login(editor)
    response = client.get("/news/secret-draft/")
    assert response.status_code == 200
    assert b"Preview." in response.content
    assert response["X-Robots-Tag"] == "noindex"
    assert b'<meta name="robots" content="noindex, nofollow">' in response.content
