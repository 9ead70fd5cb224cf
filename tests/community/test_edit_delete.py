"""Editing and deleting: authors within the window (re-moderated), moderators always."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.community.posting import CAPS, CLEAN, post
from vestnik.community.models import Comment, CommentStatus, Revision, RevisionRole
from vestnik.moderation.models import Decision, DecisionKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(alice: Client, article: Any) -> Comment:
    post(alice, article, CLEAN)
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PUBLISHED
    return comment


def test_author_edit_is_re_moderated_and_marked(
    alice: Client, published: Comment, article: Any
) -> None:
    url = reverse("community:edit", args=[published.pk])
    assert alice.get(url).status_code == 200
    response = alice.post(
        url, {"body": CLEAN + " Also, the reading rooms need heating."}
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.edited_at is not None
    assert published.status == CommentStatus.PUBLISHED
    assert Revision.objects.get(comment=published).role == RevisionRole.AUTHOR
    assert (
        Decision.objects.filter(
            comment=published, kind=DecisionKind.ENGINE_VERDICT
        ).count()
        == 2
    )
    html = Client().get(reverse("community:thread", args=[article.pk])).content.decode()
    assert "reading rooms need heating" in html and ">edited<" in html

    alice.post(url, {"body": CAPS})
    published.refresh_from_db()
    assert published.status == CommentStatus.HELD
    assert "form" in [r["rule"] for r in published.verdict["rules"]]
    article.refresh_from_db()
    assert article.comments_count == 0
    assert (
        "LIBRARY BUDGET"
        not in Client()
        .get(reverse("community:thread", args=[article.pk]))
        .content.decode()
    )


def test_author_cannot_edit_after_the_window(alice: Client, published: Comment) -> None:
    Comment.objects.filter(pk=published.pk).update(
        created_at=published.created_at - timedelta(hours=2)
    )
    response = alice.post(
        reverse("community:edit", args=[published.pk]),
        {"body": "Changed my mind about it."},
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.body == CLEAN


def test_nobody_else_edits_or_deletes(bob: Client, published: Comment) -> None:
    assert bob.get(reverse("community:edit", args=[published.pk])).status_code == 403
    assert (
        bob.post(
            reverse("community:edit", args=[published.pk]),
            {"body": "Hijacked text here."},
        ).status_code
        == 403
    )
    assert bob.post(reverse("community:delete", args=[published.pk])).status_code == 403
    anonymous = Client()
    assert (
        anonymous.post(reverse("community:delete", args=[published.pk])).status_code
        == 302
    )  # to login
    published.refresh_from_db()
    assert published.body == CLEAN and published.status == CommentStatus.PUBLISHED


def test_moderator_edit_keeps_a_revision_and_shows_the_marker(
    mod_client: Client, moderator: Any, published: Comment, article: Any
) -> None:
    url = reverse("community:edit", args=[published.pk])
    missing_reason = mod_client.post(url, {"body": "Trimmed by a moderator."})
    assert missing_reason.status_code == 200 and Revision.objects.count() == 0
    response = mod_client.post(
        url, {"body": "Trimmed by a moderator.", "reason": "Removed a phone number"}
    )
    assert response.status_code == 302
    revision = Revision.objects.get(comment=published)
    assert revision.editor == moderator and revision.role == RevisionRole.MODERATOR
    assert revision.reason == "Removed a phone number"
    assert revision.body_before == CLEAN and "+Trimmed by a moderator." in revision.diff
    assert revision.created_at is not None
    html = Client().get(reverse("community:thread", args=[article.pk])).content.decode()
    assert "edited by a moderator" in html and "Trimmed by a moderator." in html
    assert Decision.objects.filter(
        comment=published, kind=DecisionKind.EDIT, actor=moderator
    ).exists()


def test_author_deletes_own_comment(
    alice: Client, published: Comment, article: Any
) -> None:
    assert (
        alice.get(reverse("community:delete", args=[published.pk])).status_code == 200
    )
    assert (
        alice.post(reverse("community:delete", args=[published.pk])).status_code == 302
    )
    published.refresh_from_db()
    assert published.status == CommentStatus.DELETED
    article.refresh_from_db()
    assert article.comments_count == 0
    assert (
        CLEAN[:30]
        not in Client()
        .get(reverse("community:thread", args=[article.pk]))
        .content.decode()
    )


def test_moderator_deletes_any_comment_with_a_reason(
    mod_client: Client, published: Comment
) -> None:
    response = mod_client.post(
        reverse("community:delete", args=[published.pk]), {"reason": "Off topic"}
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == CommentStatus.DELETED
    decision = Decision.objects.get(comment=published, kind=DecisionKind.DELETE_COMMENT)
    assert decision.note == "Off topic"


def test_moderator_features_a_comment(
    mod_client: Client, bob: Client, published: Comment, article: Any
) -> None:
    assert (
        bob.post(reverse("community:feature", args=[published.pk])).status_code == 403
    )
    assert (
        mod_client.post(reverse("community:feature", args=[published.pk])).status_code
        == 302
    )
    published.refresh_from_db()
    assert published.is_featured
    html = Client().get(reverse("community:thread", args=[article.pk])).content.decode()
    assert f'id="featured-comment-{published.pk}"' in html
