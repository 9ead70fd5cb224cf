"""Posting through HTTP, judged by the real engine inside the request."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.community.conftest import login
from tests.community.factories import ArticleFactory, SectionFactory, UserFactory
from tests.community.posting import CAPS, CLEAN, MALWARE, post, post_htmx
from vestnik.community.models import Comment, CommentStatus
from vestnik.moderation.models import Decision, DecisionKind

pytestmark = pytest.mark.django_db


def test_clean_comment_is_published_and_counted(alice: Client, article: Any) -> None:
    response = post(alice, article, CLEAN)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.verdict["action"] == "publish"
    assert comment.verdict["versions"]
    article.refresh_from_db()
    assert article.comments_count == 1
    page = Client().get(reverse("community:thread", args=[article.pk]))
    assert CLEAN[:40] in page.content.decode()
    decision = Decision.objects.get(comment=comment)
    assert decision.kind == DecisionKind.ENGINE_VERDICT and decision.action == "publish"


def test_malware_link_is_rejected_with_its_wording_and_the_text_kept(
    alice: Client, article: Any
) -> None:
    from vestnik.engine import default_rulebook

    response = post(alice, article, MALWARE)
    assert response.status_code == 200
    html = response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.REJECTED
    assert "malware" in [r["rule"] for r in comment.verdict["rules"]]
    assert escape(default_rulebook()["malware"].wording) in html
    assert "not published" in html
    assert (
        "council-budget-files.net/budget-update.exe" in html
    )  # kept in the textarea to edit
    assert comment.verdict["rules"][0]["evidence"]
    article.refresh_from_db()
    assert article.comments_count == 0
    assert (
        "budget-update"
        not in Client()
        .get(reverse("community:thread", args=[article.pk]))
        .content.decode()
    )


def test_caps_rant_is_held_per_form_and_only_its_author_sees_it(
    alice: Client, bob: Client, article: Any
) -> None:
    from vestnik.engine import default_rulebook

    response = post(alice, article, CAPS)
    comment = Comment.objects.get()
    rule = default_rulebook()["form"]
    assert comment.status == ("held" if rule.outcome.value == "hold" else "rejected")
    assert "form" in [r["rule"] for r in comment.verdict["rules"]]
    assert response.status_code == 302
    own = alice.get(reverse("community:thread", args=[article.pk])).content.decode()
    assert "Held for review" in own and escape(rule.wording) in own
    assert "LIBRARY BUDGET" in own
    for viewer in (bob, Client()):
        page = viewer.get(
            reverse("community:thread", args=[article.pk])
        ).content.decode()
        assert "LIBRARY BUDGET" not in page
        assert viewer.get(comment.get_absolute_url()).status_code == 404
    article.refresh_from_db()
    assert article.comments_count == 0


def test_dry_run_warns_and_writes_nothing(alice: Client, article: Any) -> None:
    from vestnik.engine import default_rulebook

    response = post(alice, article, CAPS, check="1")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "This may break rule" in html
        and escape(default_rulebook()["form"].wording) in html
    )
    assert Comment.objects.count() == 0
    assert Decision.objects.count() == 0
    ok = post_htmx(alice, article, CLEAN, check="1").content.decode()
    assert "No problems found" in ok
    assert Comment.objects.count() == 0


def test_the_same_token_twice_makes_one_comment(alice: Client, article: Any) -> None:
    token = str(uuid.uuid4())
    url = reverse("community:post", args=[article.pk])
    first = alice.post(url, {"body": CLEAN, "token": token})
    second = alice.post(url, {"body": CLEAN, "token": token})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


def test_anonymous_visitors_get_the_account_question_and_cannot_post(
    article: Any,
) -> None:
    client = Client()
    page = client.get(reverse("community:thread", args=[article.pk])).content.decode()
    assert "Do you have an account?" in page
    response = post(client, article, CLEAN)
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_blocked_reader_cannot_post(reader: Any, moderator: Any, article: Any) -> None:
    from vestnik.moderation.actions.users import block_user

    block_user(moderator, reader, rules=["trolling"])
    client = login(reader)
    response = post(client, article, CLEAN)
    assert response.status_code == 403
    assert "blocked" in response.content.decode()
    assert Comment.objects.count() == 0


def test_deleted_account_cannot_post_and_its_comments_are_hidden(
    alice: Client, reader: Any, article: Any
) -> None:
    post(alice, article, CLEAN)
    reader.deleted_at = timezone.now()
    reader.save(update_fields=["deleted_at"])
    assert (
        CLEAN[:30]
        not in Client()
        .get(reverse("community:thread", args=[article.pk]))
        .content.decode()
    )
    client = login(reader)
    assert post(client, article, CLEAN + " Again.").status_code == 403


def test_closed_article_and_auto_close_after_section_days(alice: Client) -> None:
    closed = ArticleFactory(comments_open=False)
    assert post(alice, closed, CLEAN).status_code == 403
    assert (
        "Comments on this article are closed"
        in alice.get(reverse("community:thread", args=[closed.pk])).content.decode()
    )
    section = SectionFactory(comments_close_after_days=3)
    old = ArticleFactory(section=section, publish_at=timezone.now() - timedelta(days=4))
    fresh = ArticleFactory(
        section=section, publish_at=timezone.now() - timedelta(days=1)
    )
    assert post(alice, old, CLEAN).status_code == 403
    assert post(alice, fresh, CLEAN).status_code == 302


@pytest.mark.parametrize(
    ("body", "message"), [("a", "too short"), ("x" * 5001, "limited to 5000")]
)
def test_length_limits(alice: Client, article: Any, body: str, message: str) -> None:
    response = post(alice, article, body)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.usefixtures("pinned_clock")
def test_rate_limit_per_user(alice: Client, article: Any, settings: Any) -> None:
    settings.VESTNIK_COMMUNITY_POST_RATE_USER = (2, 60)
    assert post(alice, article, CLEAN).status_code == 302
    assert post(alice, article, CLEAN + " Second thought.").status_code == 302
    third = post(alice, article, CLEAN + " Third thought.")
    assert third.status_code == 429
    assert Comment.objects.count() == 2


@pytest.mark.usefixtures("pinned_clock")
def test_rate_limit_per_ip(article: Any, settings: Any) -> None:
    settings.VESTNIK_COMMUNITY_POST_RATE_IP = (2, 60)
    for n in range(2):
        assert (
            post(login(UserFactory()), article, f"{CLEAN} Reader {n}.").status_code
            == 302
        )
    assert (
        post(login(UserFactory()), article, CLEAN + " Third reader.").status_code == 429
    )


def test_a_burst_by_one_author_trips_flooding(alice: Client, article: Any) -> None:
    bodies = [
        "Libraries matter to the neighbourhood.",
        "Ok whatever they decide in the end.",
        "Another thing about the opening hours.",
        "And the reading rooms need new chairs.",
        "Also the parking near the library is bad.",
        "One more: the website of the library is slow.",
        "Finally, the children's corner is too small.",
        "Sorry, one last remark on the budget.",
        "Really the last one, I promise you all.",
        "Okay this is it, thanks for reading this.",
    ]
    for body in bodies:
        post(alice, article, body)
    rules = [
        r["rule"] for c in Comment.objects.order_by("id") for r in c.verdict["rules"]
    ]
    assert "flooding" in rules
    assert Comment.objects.exclude(status=CommentStatus.PUBLISHED).exists()


def test_the_same_text_from_several_accounts_trips_flash_mob(article: Any) -> None:
    text = (
        "Everyone must write to the mayor today and demand the resignation of the "
        "library director, share this message with all your friends now."
    )
    others = [ArticleFactory() for _ in range(2)]
    for n in range(6):
        post(login(UserFactory()), [article, *others][n % 3], text)
    rules = [
        r["rule"] for c in Comment.objects.order_by("id") for r in c.verdict["rules"]
    ]
    assert "flash-mob" in rules
    assert Comment.objects.filter(
        status__in=[CommentStatus.HELD, CommentStatus.REJECTED]
    ).exists()


def test_replies_nest_then_go_flat_with_in_reply_to(article: Any) -> None:
    users = [UserFactory() for _ in range(6)]
    texts = [
        "The library hours matter to students who work during the day.",
        "Evening opening would help parents with small children too.",
        "Our branch already opens late on Thursdays and it is always full.",
        "Funding for staff is the real question, not just the building.",
        "The budget documents mention two new librarians for each district.",
        "Two more librarians per district would make the longer library hours possible.",
    ]
    parent_id = None
    for n, user in enumerate(users):
        extra = {"parent": parent_id} if parent_id else {}
        response = post(login(user), article, texts[n], **extra)
        assert response.status_code == 302, response.content
        parent_id = Comment.objects.latest("id").pk
    comments = list(Comment.objects.order_by("id"))
    assert [c.status for c in comments] == ["published"] * 6, [
        c.verdict["rules"] for c in comments
    ]
    assert [c.depth for c in comments] == [0, 1, 2, 3, 3, 3]
    assert {c.root_id for c in comments} == {comments[0].pk}
    assert (
        comments[0].reply_count == 1
        or Comment.objects.get(pk=comments[0].pk).reply_count == 1
    )
    html = Client().get(reverse("community:thread", args=[article.pk])).content.decode()
    assert "in reply to" in html
    assert html.index(texts[4][:40]) < html.index(texts[5][:40])


def test_htmx_post_returns_the_new_comment_fragment(
    alice: Client, article: Any
) -> None:
    response = post_htmx(alice, article, CLEAN)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-swap-oob="afterbegin:#comments-list-' in html
    assert "<html" not in html
    assert CLEAN[:30] in html


def test_reply_to_a_held_comment_is_refused(
    alice: Client, bob: Client, article: Any
) -> None:
    post(alice, article, CAPS)
    held = Comment.objects.get()
    response = post(
        bob, article, "I agree with the point about the libraries here.", parent=held.pk
    )
    assert response.status_code == 400
    assert Comment.objects.count() == 1
