"""The discussion in a real browser: log in, post, reply, held notice, react, report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.community.factories import ArticleFactory, CommentFactory, UserFactory
from tests.community.posting import CAPS
from vestnik.community.models import Comment, CommentStatus, Reaction, Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def _verified(user: Any) -> Any:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def test_reader_posts_replies_sees_hold_reacts_and_reports(
    live_server: Any, browser: Any, artifacts_dir: Path
) -> None:
    article = ArticleFactory()
    alice = _verified(UserFactory(username="alice"))
    bob = UserFactory(username="bob")
    bobs = CommentFactory(
        article=article, author=bob, body="The reading rooms need better light."
    )

    page = browser.new_page()
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert page.get_by_text("Do you have an account?").is_visible()
    page.get_by_role("link", name="Yes").click()
    page.wait_for_url("**/accounts/login/**")
    try:
        page.wait_for_selector("input[name=login]", timeout=60_000)
    except Exception:
        (artifacts_dir / "community-login-failure.html").write_text(page.content())
        page.screenshot(path=str(artifacts_dir / "community-login-failure.png"))
        raise
    page.fill("input[name=login]", alice.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")

    # Post: HTMX puts the new comment at the top of the thread.
    page.fill(
        "#comment-form textarea[name=body]",
        "Longer opening hours will help students who work during the day.",
    )
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_selector("text=Longer opening hours will help students")
    page.screenshot(path=str(artifacts_dir / "community-1-posted.png"), full_page=True)
    mine = Comment.objects.get(author=alice)
    assert mine.status == CommentStatus.PUBLISHED

    # Reply to Bob: the reply form loads in place.
    page.locator(f"#comment-{bobs.pk} .reply-link").click()
    reply_box = page.locator(f"#reply-slot-{bobs.pk} textarea[name=body]")
    reply_box.wait_for()
    reply_box.fill("Agreed, and the children's corner could be brighter too.")
    page.locator(f"#reply-slot-{bobs.pk}").get_by_role(
        "button", name="Post reply"
    ).click()
    page.wait_for_selector("text=Your reply is posted")
    assert Comment.objects.get(parent=bobs).author == alice

    # "Check before posting" asks the engine without posting and names the rule.
    page.fill("#comment-form textarea[name=body]", CAPS)
    page.get_by_role("button", name="Check before posting").click()
    page.wait_for_selector(".dry-run-warnings")
    assert "form" in page.locator(".dry-run-warnings").inner_text()
    assert Comment.objects.filter(author=alice).count() == 2

    # Posted anyway, the caps-lock rant is held: the author sees the notice with the rule's wording.
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_selector(".held-notice")
    assert "Held for review" in page.locator(".held-notice").first.inner_text()
    page.screenshot(path=str(artifacts_dir / "community-2-held.png"), full_page=True)

    # React to Bob's comment.
    page.locator(f"#reactions-{bobs.pk}").get_by_role("button", name="Agree").click()
    page.wait_for_selector(f"#reactions-{bobs.pk} >> text=1 reaction")
    assert Reaction.objects.get(comment=bobs, user=alice).kind == "agree"

    # Report it, citing a rule.
    page.locator(f"#comment-{bobs.pk} .report-link").click()
    page.locator(f"#report-slot-{bobs.pk} select[name=rule]").select_option("off-topic")
    page.locator(f"#report-slot-{bobs.pk}").get_by_role(
        "button", name="Send report"
    ).click()
    page.wait_for_selector("text=The moderators will look at this comment")
    page.screenshot(
        path=str(artifacts_dir / "community-3-reacted-reported.png"), full_page=True
    )
    assert Report.objects.get(comment=bobs, reporter=alice).rule == "off-topic"
    page.close()
