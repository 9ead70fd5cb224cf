"""An XSS corpus posted as comments renders inert everywhere a comment appears."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.community.conftest import login
from tests.community.factories import UserFactory
from tests.community.posting import post
from vestnik.community.models import Comment

pytestmark = pytest.mark.django_db

CORPUS = [
    '<script>alert("xss")</script>',
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=4 /></svg>",
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">tabbed</a>',
    '<a href="&#106;avascript:alert(1)">entity</a>',
    "javascript:alert(document.cookie)",
    '<iframe src="https://evil.example/"></iframe>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)//",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "**<b onmouseover=alert(1)>bold</b>**",
    '[x](https://example.org/"onmouseover="alert(1))',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<script>alert(1)//-->",
    "\u202eevil.exe\u202d and [link](https://example.org/\u202egnp.exe)",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<details open ontoggle=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "<object data=javascript:alert(1)></object><embed src=javascript:alert(1)>",
    '<a href="https://example.org" onclick="alert(1)">ok</a> <b>unclosed <i>tags',
]

SAFE_SCHEME = re.compile(r"^(https?:|/|#|\?|mailto:)", re.I)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text.append(data)


ALLOWED_IN_COMMENTS = {"p", "br", "strong", "em", "blockquote", "a"}


def assert_inert(markup: str, *, page_scripts_allowed: bool = True) -> None:
    """No event handlers, no script URLs and no inline script anywhere on the page;
    inside comment bodies, nothing but the five formatting tags."""
    parser = _Collector()
    parser.feed(markup)
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if (
                name in {"href", "src", "action", "formaction", "xlink:href", "data"}
                and value
            ):
                cleaned = re.sub(r"[\x00-\x20]", "", value)
                assert SAFE_SCHEME.match(cleaned) or not re.match(
                    r"^[a-z]+:", cleaned, re.I
                ), (tag, value)
        if tag == "script":
            assert page_scripts_allowed and dict(attrs).get("src"), (
                "inline script",
                attrs,
            )
    assert not any("alert" in text for text in parser.script_text)
    for body in re.findall(r'<div class="comment-body">(.*?)</div>', markup, re.S):
        assert_only_formatting(body)


def assert_only_formatting(fragment: str) -> None:
    parser = _Collector()
    parser.feed(fragment)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_IN_COMMENTS, f"<{tag}> rendered in a comment"
        for name, value in attrs:
            assert name in {"href", "rel"}, (tag, name)
            if name == "href":
                assert value and re.match(r"^https?://", value), value
            if name == "rel":
                assert value == "nofollow ugc noopener"


@pytest.fixture
def corpus(article: Any, moderator: Any, settings: Any) -> list[Comment]:
    """Every corpus item posted through HTTP, then approved so everyone sees it."""
    from vestnik.moderation.actions.comments import approve_comment

    settings.VESTNIK_COMMUNITY_POST_RATE_USER = (1000, 60)
    settings.VESTNIK_COMMUNITY_POST_RATE_IP = (1000, 60)
    comments = []
    for n, body in enumerate(CORPUS):
        client = login(UserFactory(username=f"xss{n}"))
        response = post(client, article, body)
        assert response.status_code in (200, 302), (body, response.status_code)
        assert_inert(response.content.decode())
        comment = Comment.objects.filter(author__username=f"xss{n}").get()
        if comment.status != "published":
            approve_comment(moderator, comment)
        comments.append(comment)
    return comments


def test_corpus_is_inert_everywhere(
    corpus: list[Comment], article: Any, settings: Any
) -> None:
    """Posted through HTTP (the post responses were checked in the fixture), then:
    thread, article page, permalinks, edit forms, feed, admin and API."""
    settings.VESTNIK_COMMUNITY_PAGE_SIZE = 50
    for url in (
        reverse("community:thread", args=[article.pk]),
        article.get_absolute_url(),
    ):
        markup = Client().get(url).content.decode()
        assert markup.count('class="comment-body"') >= len(CORPUS)
        assert_inert(markup)
    assert (
        "&lt;script&gt;"
        in Client().get(reverse("community:thread", args=[article.pk])).content.decode()
    )

    for comment in corpus:
        assert_inert(Client().get(comment.get_absolute_url()).content.decode())
        owner = login(comment.author)
        assert_inert(
            owner.get(reverse("community:edit", args=[comment.pk])).content.decode()
        )

    xml = Client().get(reverse("community:feed", args=[article.pk])).content.decode()
    descriptions = re.findall(r"<description>(.*?)</description>", xml, re.S)
    assert len(descriptions) >= len(CORPUS)
    for description in descriptions[1:]:  # the first is the channel's own
        assert_only_formatting(html.unescape(description))

    admin = login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    listing = admin.get("/admin/community/comment/")
    assert listing.status_code == 200
    assert_inert(listing.content.decode())
    for comment in corpus:
        page = admin.get(f"/admin/community/comment/{comment.pk}/change/")
        assert page.status_code == 200
        assert_inert(page.content.decode())

    data = Client().get("/api/comments/", {"article": article.pk}).json()
    assert len(data["comments"]) >= len(CORPUS) - 5  # one API page
    for item in data["comments"]:
        assert_only_formatting(item["body_html"])
