"""The embedded discussion in Chromium, on host pages served from other
loopback origins than Vestnik's live server."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.community.factories import ArticleFactory, CommentFactory, UserFactory
from vestnik.community.models import Comment, CommentStatus, Report
from vestnik.integrations.models import EmbedOrigin, EmbedSignIn
from vestnik.news.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "integrations.md"
EXISTING_COMMENT = "The reading rooms need better light."
SECOND_COMMENT = "Longer opening hours will help students who work during the day."
NEW_COMMENT = "Good to see the bridge open again; the detour added twenty minutes."
#: on the partner page's library article (the bridge comment is off-topic there)
LIBRARY_COMMENT = "More children's books would get my kids into the library every week."


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(host: str, root: Path) -> Iterator[int]:
    server = ThreadingHTTPServer((host, 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def host_root(tmp_path: Path) -> Path:
    root = tmp_path / "partner"
    root.mkdir()
    return root


@pytest.fixture
def partner_port(host_root: Path) -> Iterator[int]:
    """The partner's site: 127.0.0.1 (another site than `localhost`) and
    localhost (the same site, another origin) on one port."""
    yield from _serve("127.0.0.1", host_root)


@pytest.fixture
def stranger_port(host_root: Path) -> Iterator[int]:
    """A site nobody listed, on 127.0.0.2."""
    yield from _serve("127.0.0.2", host_root)


def _page(title: str, canonical: str, body: str) -> str:
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{title}</title><link rel=canonical href='{canonical}'></head>"
        f"<body><h1>{title}</h1><p>The partner's own article text.</p>{body}</body></html>"
    )


def _snippets(vestnik: str) -> list[str]:
    """The copy-paste HTML of docs/integrations.md, pointed at the live server."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## Embeddable discussion", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```html\n(.*?)^```", section, re.S | re.M)
    assert len(blocks) == 2
    return [b.replace("https://vestnik.example", vestnik) for b in blocks]


def _verified(user: Any) -> Any:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def test_partner_pages_embed_the_thread_and_post_a_first_comment(
    live_server: Any,
    browser: Any,
    host_root: Path,
    partner_port: int,
    stranger_port: int,
    artifacts_dir: Path,
) -> None:
    vestnik = live_server.url
    assert urlsplit(vestnik).hostname == "localhost"
    cross_site = f"http://127.0.0.1:{partner_port}"
    same_site = f"http://localhost:{partner_port}"
    stranger = f"http://127.0.0.2:{stranger_port}"
    for origin in (cross_site, same_site):
        EmbedOrigin.objects.create(origin=origin)
    article = ArticleFactory()
    theirs = CommentFactory(article=article, body=EXISTING_COMMENT)
    alice = _verified(UserFactory(username="alice"))

    this_page, component = _snippets(vestnik)
    (host_root / "component.html").write_text(
        _page(
            "Partner: libraries",
            f"{cross_site}/component.html",
            component.replace("city-council-approves-budget", article.slug),
        )
    )
    (host_root / "story.html").write_text(
        _page(
            "Bridge reopens after repairs", f"{same_site}/news/bridge.html", this_page
        )
    )
    # A page that lies about where it is: the browser must refuse the frame.
    (host_root / "forged.html").write_text(
        _page(
            "Forged",
            f"{stranger}/forged.html",
            f"<iframe id=forged src='{vestnik}/integrations/embed/thread?"
            f"origin={cross_site}&amp;article={article.pk}'></iframe>",
        )
    )

    context = browser.new_context()
    page = context.new_page()

    # 1. Another site, listed: the web component shows the thread, resized.
    page.goto(f"{cross_site}/component.html")
    frame = page.frame_locator("iframe.vestnik-comments-frame")
    frame.get_by_text(EXISTING_COMMENT).wait_for(timeout=30_000)
    page.wait_for_function(
        "() => parseInt(document.querySelector('iframe').style.height || '0') > 160"
    )
    page.screenshot(path=str(artifacts_dir / "embed-1-thread.png"), full_page=True)

    # 2. A site nobody listed gets nothing, whether it asks honestly or lies.
    page.goto(f"{stranger}/forged.html")
    page.wait_for_load_state("load")
    forged = page.frame_locator("#forged")
    page.wait_for_timeout(1000)
    assert forged.get_by_text(EXISTING_COMMENT).count() == 0
    (host_root / "honest.html").write_text(
        _page(
            "Honest",
            f"{stranger}/honest.html",
            f"<vestnik-comments data-article='{article.pk}'></vestnik-comments>"
            f"<script src='{vestnik}/embed.js'></script>",
        )
    )
    page.goto(f"{stranger}/honest.html")
    honest = page.frame_locator("iframe.vestnik-comments-frame")
    page.wait_for_timeout(1000)
    assert honest.get_by_text(EXISTING_COMMENT).count() == 0

    # 3. A story Vestnik does not know yet: sign in through the pop-up, post,
    #    and the story exists with the page's canonical URL and title.
    page.goto(f"{same_site}/story.html")
    frame = page.frame_locator("iframe.vestnik-comments-frame")
    frame.get_by_text("No comments yet.").wait_for(timeout=30_000)
    assert not Article.objects.filter(external_url__isnull=False).exists()
    with context.expect_page() as popup_info:
        frame.get_by_role("link", name="Sign in to comment").click()
    popup = popup_info.value
    popup.wait_for_selector("input[name=login]", timeout=60_000)
    popup.fill("input[name=login]", alice.email)
    popup.fill("input[name=password]", PASSWORD)
    popup.locator("form button[type=submit], form input[type=submit]").last.click()
    box = frame.locator("textarea[name=body]")
    box.wait_for(timeout=30_000)
    box.fill(NEW_COMMENT)
    frame.get_by_role("button", name="Post comment").click()
    frame.get_by_text(NEW_COMMENT).wait_for(timeout=60_000)
    page.screenshot(path=str(artifacts_dir / "embed-2-story.png"), full_page=True)

    # 4. Signed in, the same reader comments on our own article from the
    #    partner's page: the site's form, CSRF header and HTMX swap, in the frame.
    (host_root / "ours.html").write_text(
        _page(
            "Partner: libraries",
            f"{same_site}/ours.html",
            component.replace("city-council-approves-budget", article.slug),
        )
    )
    page.goto(f"{same_site}/ours.html")
    frame = page.frame_locator("iframe.vestnik-comments-frame")
    frame.get_by_text(EXISTING_COMMENT).wait_for(timeout=30_000)
    frame.locator("#comment-form textarea[name=body]").fill(SECOND_COMMENT)
    frame.get_by_role("button", name="Post comment").click()
    frame.locator(".comment-list").get_by_text(SECOND_COMMENT).wait_for(timeout=60_000)
    assert Comment.objects.get(article=article, author=alice).body == SECOND_COMMENT
    # ... and reports someone else's comment from there.
    frame.locator(f"#comment-{theirs.pk} .report-link").click()
    frame.locator(f"#report-slot-{theirs.pk} select[name=rule]").select_option(
        "off-topic"
    )
    frame.locator(f"#report-slot-{theirs.pk}").get_by_role(
        "button", name="Send report"
    ).click()
    frame.get_by_text("The moderators will look at this comment").wait_for(
        timeout=30_000
    )
    assert Report.objects.get(comment=theirs, reporter=alice).rule == "off-topic"
    page.screenshot(path=str(artifacts_dir / "embed-3-ours.png"), full_page=True)

    story = Article.objects.get(external_url__isnull=False)
    assert story.external_url == f"{same_site}/news/bridge.html"
    assert story.headline == "Bridge reopens after repairs"
    comment = Comment.objects.get(article=story)
    assert comment.author == alice and comment.status == CommentStatus.PUBLISHED
    context.close()


HELD_COMMENT = (
    "THE LIBRARY SHOULD OPEN ON SUNDAYS AND EVERYONE ON THE COUNCIL KNOWS IT "
    "PERFECTLY WELL ALREADY"
)


def test_another_sites_page_signs_in_through_the_pop_up_with_an_embed_token(
    live_server: Any,
    browser: Any,
    host_root: Path,
    partner_port: int,
    artifacts_dir: Path,
) -> None:
    """On a page of another site the frame gets no cookie of ours: the pop-up
    hands it a token, and the comment, its verdict and a report go through."""
    vestnik = live_server.url
    cross_site = f"http://127.0.0.1:{partner_port}"
    EmbedOrigin.objects.create(origin=cross_site)
    article = ArticleFactory()
    theirs = CommentFactory(article=article, body=EXISTING_COMMENT)
    alice = _verified(UserFactory(username="alice", display_name="Alice"))
    _, component = _snippets(vestnik)
    (host_root / "partner.html").write_text(
        _page(
            "Partner: libraries",
            f"{cross_site}/partner.html",
            component.replace("city-council-approves-budget", article.slug),
        )
    )

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{cross_site}/partner.html")
    frame = page.frame_locator("iframe.vestnik-comments-frame")
    frame.get_by_text(EXISTING_COMMENT).wait_for(timeout=30_000)
    with context.expect_page() as popup_info:
        frame.get_by_role("link", name="Sign in to comment").click()
    popup = popup_info.value
    popup.wait_for_selector("input[name=login]", timeout=60_000)
    popup.fill("input[name=login]", alice.email)
    popup.fill("input[name=password]", PASSWORD)
    popup.locator("form button[type=submit], form input[type=submit]").last.click()
    popup.wait_for_event("close", timeout=30_000)

    # The frame holds the token, not a cookie: it now shows the reader's form.
    frame.get_by_text("Signed in as Alice").wait_for(timeout=30_000)
    box = frame.locator("#comment-form textarea[name=body]")
    box.fill(LIBRARY_COMMENT)
    frame.get_by_role("button", name="Post comment").click()
    frame.locator(".comment-list").get_by_text(LIBRARY_COMMENT).wait_for(timeout=60_000)
    # A comment the engine holds comes back with its verdict, as on our site.
    box.fill(HELD_COMMENT)
    frame.get_by_role("button", name="Post comment").click()
    frame.locator(".held-notice").get_by_text("form").wait_for(timeout=60_000)
    frame.locator(f"#comment-{theirs.pk} .report-link").click()
    frame.locator(f"#report-slot-{theirs.pk} select[name=rule]").select_option(
        "off-topic"
    )
    frame.locator(f"#report-slot-{theirs.pk}").get_by_role(
        "button", name="Send report"
    ).click()
    frame.get_by_text("The moderators will look at this comment").wait_for(
        timeout=30_000
    )
    page.screenshot(path=str(artifacts_dir / "embed-4-token.png"), full_page=True)

    posted = {c.body: c.status for c in Comment.objects.filter(author=alice)}
    assert posted == {
        LIBRARY_COMMENT: CommentStatus.PUBLISHED,
        HELD_COMMENT: CommentStatus.HELD,
    }
    assert Report.objects.get(comment=theirs, reporter=alice).rule == "off-topic"
    # The frame may not even keep the token in sessionStorage (Chromium denies
    # third-party storage with third-party cookies): after a reload the reader,
    # still signed in on our own domain, gets a new token in one click.
    page.reload()
    frame = page.frame_locator("iframe.vestnik-comments-frame")
    with context.expect_page() as popup_info:
        frame.get_by_role("link", name="Sign in to comment").click()
    popup_info.value.wait_for_event("close", timeout=30_000)
    frame.get_by_text("Signed in as Alice").wait_for(timeout=30_000)
    # "Sign out here" ends the frame's token on the server, not only in the frame.
    frame.get_by_role("link", name="Sign out here").click()
    frame.get_by_role("link", name="Sign in to comment").wait_for(timeout=30_000)
    latest = EmbedSignIn.objects.filter(user=alice).latest("created_at")
    assert latest.revoked_at is not None
    assert EmbedSignIn.objects.filter(user=alice, revoked_at__isnull=True).count() == 1
    context.close()
