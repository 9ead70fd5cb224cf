"""The embeddable discussion over HTTP: allowed origins, frame-ancestors,
external stories created on first post, posting through the engine."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from tests.community.conftest import login
from tests.community.factories import ArticleFactory, CommentFactory, UserFactory
from tests.community.posting import CLEAN, MALWARE, post
from vestnik.community.models import Comment, CommentStatus
from vestnik.integrations.embed import (
    STORY_SALT,
    BadOrigin,
    allowed_origin,
    normalize_origin,
)
from vestnik.integrations.models import EmbedOrigin
from vestnik.news.models import Article

pytestmark = pytest.mark.django_db

PARTNER = "https://partner.example.org"
STORY = "https://partner.example.org/2026/12/bridge-reopens?ref=home"


@pytest.fixture
def partner(db: Any) -> EmbedOrigin:
    return EmbedOrigin.objects.create(origin=PARTNER)


@pytest.fixture
def alice(db: Any) -> Client:
    return login(UserFactory(username="alice"))


def thread(client: Client, **params: str) -> Any:
    return client.get(f"{reverse('integrations:embed-thread')}?{urlencode(params)}")


def story_token(client: Client, url: str = STORY, title: str = "Bridge") -> str:
    response = thread(client, origin=PARTNER, url=url, title=title)
    assert response.status_code == 200
    return str(response.context["story_token"])


def post_story(client: Client, token: str, body: str = CLEAN, **extra: Any) -> Any:
    return client.post(
        reverse("integrations:embed-post-story"),
        {"story": token, "body": body, "token": str(uuid.uuid4())},
        **extra,
    )


# --- origins -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://Partner.Example.org", "https://partner.example.org"),
        ("https://partner.example.org/", "https://partner.example.org"),
        ("https://partner.example.org:443", "https://partner.example.org"),
        ("http://127.0.0.2:8080", "http://127.0.0.2:8080"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        (" https://partner.example.org\n", "https://partner.example.org"),
    ],
)
def test_origins_are_normalised(given: str, expected: str) -> None:
    assert normalize_origin(given) == expected


@pytest.mark.parametrize(
    "given",
    [
        "",
        "partner.example.org",
        "javascript:alert(1)",
        "ftp://partner.example.org",
        "https://partner.example.org/news",
        "https://partner.example.org?x=1",
        "https://user@partner.example.org",
        "https://*.example.org",
        "https://partner.example.org\r\nSet-Cookie: x=1",
        "https://partner.example.org 'unsafe-inline'",
        "https://partner.example.org:99999",
        "https://partner.example.org%0d%0a",
    ],
)
def test_anything_but_a_bare_origin_is_refused(given: str) -> None:
    with pytest.raises(BadOrigin):
        normalize_origin(given)


def test_only_enabled_listed_origins_are_allowed(partner: EmbedOrigin) -> None:
    assert allowed_origin("https://PARTNER.example.org/") == PARTNER
    assert allowed_origin("https://partner.example.org.evil.test") is None
    assert allowed_origin("http://partner.example.org") is None
    assert allowed_origin(None) is None
    partner.enabled = False
    partner.save()
    assert allowed_origin(PARTNER) is None


def test_admin_stores_the_normalised_origin(admin_client: Client) -> None:
    url = reverse("admin:integrations_embedorigin_add")
    response = admin_client.post(
        url, {"origin": "https://News.Example.org/", "enabled": "on"}
    )
    assert response.status_code == 302
    assert EmbedOrigin.objects.get().origin == "https://news.example.org"
    response = admin_client.post(
        url, {"origin": "https://news.example.org/path", "enabled": "on"}
    )
    assert response.status_code == 200 and "no path" in response.content.decode()
    assert EmbedOrigin.objects.count() == 1


# --- framing -------------------------------------------------------------------


def test_script_is_served_as_javascript(client: Client) -> None:
    response = client.get("/embed.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "vestnik-comments" in response.content.decode()


def test_allowed_origin_may_frame_the_thread_of_our_article(
    client: Client, partner: EmbedOrigin
) -> None:
    article = ArticleFactory()
    CommentFactory(article=article, body="The reading rooms need better light.")
    response = thread(client, origin=PARTNER, article=str(article.pk))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == f"frame-ancestors {PARTNER}"
    assert "X-Frame-Options" not in response
    html = response.content.decode()
    assert "The reading rooms need better light." in html
    assert "Sign in to comment" in html
    by_slug = thread(client, origin=PARTNER, article=article.slug)
    assert "The reading rooms need better light." in by_slug.content.decode()


@pytest.mark.parametrize(
    "origin", ["https://evil.test", "https://partner.example.org.evil.test", "", "*"]
)
def test_other_origins_may_not_frame_it(
    client: Client, partner: EmbedOrigin, origin: str
) -> None:
    article = ArticleFactory()
    response = thread(client, origin=origin, article=str(article.pk))
    assert response.status_code == 403
    assert response["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_the_rest_of_the_site_still_refuses_frames(
    client: Client, partner: EmbedOrigin
) -> None:
    article = ArticleFactory()
    for url in (
        "/",
        article.get_absolute_url(),
        reverse("community:thread", args=[article.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY", url
        assert PARTNER not in response.get("Content-Security-Policy", ""), url


def test_unknown_or_draft_article_is_not_found(
    client: Client, partner: EmbedOrigin
) -> None:
    draft = ArticleFactory(status="draft")
    assert thread(client, origin=PARTNER, article=str(draft.pk)).status_code == 404
    assert thread(client, origin=PARTNER, article="no-such-slug").status_code == 404
    assert thread(client, origin=PARTNER, article="<b>").status_code == 404


# --- external stories ---------------------------------------------------------


def test_first_post_creates_the_external_story(
    alice: Client, partner: EmbedOrigin
) -> None:
    token = story_token(alice, title="Bridge <b>reopens</b>")
    assert not Article.objects.filter(external_url__isnull=False).exists()

    response = post_story(alice, token, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    story = Article.objects.get(external_url__isnull=False)
    assert (
        story.external_url
        == "https://partner.example.org/2026/12/bridge-reopens?ref=home"
    )
    assert story.headline == "Bridge <b>reopens</b>"
    assert response["HX-Redirect"].startswith(reverse("integrations:embed-thread"))
    comment = Comment.objects.get(article=story)
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.verdict["action"] == "publish"

    # The same page now shows the thread of the story, and a second post joins it.
    page = alice.get(response["HX-Redirect"])
    assert page.status_code == 200
    assert page["Content-Security-Policy"] == f"frame-ancestors {PARTNER}"
    assert CLEAN[:40] in page.content.decode()
    assert "Bridge <b>" not in page.content.decode()
    for same in (
        STORY + "#comments",
        STORY.replace("https://partner.example.org", "https://Partner.Example.org:443"),
    ):
        again = thread(alice, origin=PARTNER, url=same, title="Other")
        assert again.context["article"].pk == story.pk, same
    assert Article.objects.filter(external_url__isnull=False).count() == 1


def test_external_stories_stay_out_of_the_sites_own_pages(
    alice: Client, partner: EmbedOrigin
) -> None:
    post_story(alice, story_token(alice, title="Bridge reopens after repairs"))
    story = Article.objects.get(external_url__isnull=False)
    assert story not in Article.objects.visible()
    assert story in Article.objects.discussable()
    anonymous = Client()
    assert "Bridge reopens after repairs" not in anonymous.get("/").content.decode()
    assert STORY not in anonymous.get(reverse("news:sitemap")).content.decode()
    section = anonymous.get(story.section.get_absolute_url())
    assert "Bridge reopens" not in section.content.decode()
    assert anonymous.get(reverse("news:article", args=[story.slug])).status_code == 404
    # Even indexed (an editor saving it in the admin would), it is no search result.
    from vestnik.news import search

    search.index_article(story, [], "Bridge reopens after repairs")
    assert search.count("bridge") == 0
    assert search.search("bridge", limit=10) == []


def test_a_rejected_first_comment_gets_the_verdict(
    alice: Client, partner: EmbedOrigin
) -> None:
    response = post_story(alice, story_token(alice), MALWARE, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "not published" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.REJECTED
    assert "malware" in [r["rule"] for r in comment.verdict["rules"]]


def test_no_story_for_a_url_off_the_embedding_origin(
    alice: Client, partner: EmbedOrigin
) -> None:
    for url in (
        "https://evil.test/story",
        "https://partner.example.org.evil.test/story",
        "http://partner.example.org/story",
        "javascript:alert(1)",
        "",
    ):
        response = thread(alice, origin=PARTNER, url=url, title="x")
        assert response.status_code == 400, url
    assert not Article.objects.exists()


def test_no_story_from_a_disallowed_origin(alice: Client, partner: EmbedOrigin) -> None:
    response = thread(
        alice, origin="https://evil.test", url="https://evil.test/a", title="x"
    )
    assert response.status_code == 403
    # A token for an origin that is switched off since is refused too.
    token = story_token(alice)
    partner.enabled = False
    partner.save()
    assert post_story(alice, token).status_code == 403
    # A token forged for another origin does not verify.
    forged = signing.dumps(
        {"url": "https://evil.test/a", "title": "x", "origin": "https://evil.test"},
        salt="another salt",
    )
    assert post_story(alice, forged).status_code == 400
    assert not Article.objects.exists() and not Comment.objects.exists()


def test_a_signed_story_for_an_unlisted_origin_is_refused(alice: Client) -> None:
    token = signing.dumps(
        {"url": "https://evil.test/a", "title": "x", "origin": "https://evil.test"},
        salt=STORY_SALT,
    )
    assert post_story(alice, token).status_code == 403
    assert not Article.objects.exists()


def test_anonymous_and_empty_posts_create_nothing(
    client: Client, alice: Client, partner: EmbedOrigin
) -> None:
    token = story_token(alice)
    assert post_story(client, token).status_code == 403
    assert post_story(alice, token, body="").status_code == 400
    assert not Article.objects.exists()


def test_posting_from_the_frame_needs_the_csrf_token(partner: EmbedOrigin) -> None:
    user = UserFactory(username="carol")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    token = story_token(browser)
    assert post_story(browser, token).status_code == 403
    assert not Article.objects.exists()
    csrf = browser.cookies["csrftoken"].value
    response = post_story(browser, token, HTTP_X_CSRFTOKEN=csrf, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert Article.objects.filter(external_url__isnull=False).count() == 1


def test_session_endpoint_reports_sign_in(client: Client, alice: Client) -> None:
    url = reverse("integrations:embed-session")
    assert client.get(url).json() == {"authenticated": False}
    assert alice.get(url).json() == {"authenticated": True}
    assert "Access-Control-Allow-Origin" not in alice.get(url)


def test_a_reader_starts_only_a_few_stories_an_hour(
    alice: Client, partner: EmbedOrigin, settings: Any
) -> None:
    settings.VESTNIK_INTEGRATIONS_EMBED_STORIES_PER_HOUR = 1
    first = post_story(alice, story_token(alice, url=f"{PARTNER}/a"))
    assert first.status_code == 302
    token = story_token(alice, url=f"{PARTNER}/b")
    assert post_story(alice, token).status_code == 429
    second = post_story(alice, token, HTTP_HX_REQUEST="true")
    assert second.status_code == 200  # HTMX swaps the form with its message
    assert "too often" in second.content.decode()
    assert list(Article.objects.values_list("external_url", flat=True)) == [
        f"{PARTNER}/a"
    ]
    # A story that exists takes comments through the site's own form.
    story = Article.objects.get()
    page = thread(alice, origin=PARTNER, url=f"{PARTNER}/a")
    assert page.context["article"] == story and "story_token" not in page.context
    assert post(alice, story, CLEAN + " A second thought.").status_code == 302
    assert Comment.objects.filter(article=story).count() == 2


def test_a_blocked_reader_starts_no_story(partner: EmbedOrigin) -> None:
    from django.contrib.auth.models import Group

    from vestnik.moderation.actions.users import block_user
    from vestnik.moderation.roles import MODERATORS_GROUP, ensure_roles

    ensure_roles()
    moderator = UserFactory(username="mod")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    user = UserFactory(username="mallory")
    block_user(moderator, user, rules=["trolling"])
    client = login(user)
    response = post_story(client, story_token(client))
    assert response.status_code == 403
    assert "blocked" in response.content.decode()
    assert not Article.objects.exists()
