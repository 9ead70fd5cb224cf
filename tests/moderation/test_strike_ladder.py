"""The strike ladder: block 1 -> appeal -> unlock; block 2 is final, whatever is POSTed."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tests.moderation.conftest import login
from tests.moderation.factories import ArticleFactory, CommentFactory, UserFactory
from vestnik.community.models import Comment
from vestnik.moderation.models import (
    APPEAL_SUBJECT,
    Appeal,
    AppealStatus,
    Block,
    Decision,
    DecisionKind,
)
from vestnik.moderation.queries import user_can_participate
from vestnik.moderation.rulebook_store import current_rulebook

pytestmark = pytest.mark.django_db

EXPLANATION = "I insulted another reader twice in the budget thread. I understand why and will not do it again."


def appeal_data(user: Any, **extra: Any) -> dict[str, str]:
    return {
        "subject": APPEAL_SUBJECT,
        "user_id": str(user.pk),
        "explanation": EXPLANATION,
        **extra,
    }


def try_to_post(client: Any) -> Any:
    article = ArticleFactory()
    return client.post(
        reverse("community:post", args=[article.pk]),
        {
            "body": "A perfectly polite comment about libraries.",
            "token": str(uuid.uuid4()),
        },
    )


def test_first_block_appeal_accept_restores_access(
    mod_client: Any, moderator: Any
) -> None:
    user = UserFactory(username="offender")
    user_client = login(user)

    response = mod_client.post(
        reverse("moderation:block", args=[user.pk]),
        {"rules": ["insult-threat"], "note": "two insults in one thread"},
    )
    assert response.status_code == 302
    block = Block.objects.get(user=user)
    assert block.number == 1 and not block.is_final
    assert not user_can_participate(user)
    [blocked_mail] = mail.outbox
    assert current_rulebook()["insult-threat"].wording in blocked_mail.body
    assert "ask the moderators to restore access" in blocked_mail.body

    # Blocked users can read but not post, react or report.
    assert try_to_post(user_client).status_code in (403, 302)
    assert not Comment.objects.filter(author=user).exists()
    other = CommentFactory()
    user_client.post(reverse("community:react", args=[other.pk]), {"kind": "agree"})
    assert other.reactions.count() == 0
    assert user_client.get(other.article.get_absolute_url()).status_code == 200

    # The account page offers the appeal form with the user ID pre-filled.
    page = user_client.get(reverse("moderation:account"))
    html = page.content.decode()
    assert 'id="appeal-form"' in html
    assert f'value="{user.pk}"' in html and APPEAL_SUBJECT in html

    # A wrong user ID is refused; a correct request is filed.
    wrong = user_client.post(
        reverse("moderation:account"), appeal_data(user, user_id=str(moderator.pk))
    )
    assert wrong.status_code == 422
    assert not Appeal.objects.exists()
    filed = user_client.post(reverse("moderation:account"), appeal_data(user))
    assert filed.status_code == 302
    appeal = Appeal.objects.get(user=user)
    assert appeal.status == AppealStatus.OPEN and appeal.subject == APPEAL_SUBJECT

    # One open appeal at a time.
    again = user_client.post(reverse("moderation:account"), appeal_data(user))
    assert again.status_code == 403
    assert Appeal.objects.filter(user=user).count() == 1

    # It lands in the appeals queue; the moderator accepts.
    queue = mod_client.get(reverse("moderation:appeals"))
    assert EXPLANATION[:40] in queue.content.decode()
    accepted = mod_client.post(
        reverse("moderation:appeal-accept", args=[appeal.pk]),
        {"reason": "Welcome back."},
    )
    assert accepted.status_code == 302
    appeal.refresh_from_db()
    block.refresh_from_db()
    assert appeal.status == AppealStatus.ACCEPTED and appeal.decided_by == moderator
    assert block.lifted_at is not None and block.lifted_by == moderator
    assert user_can_participate(user)
    assert "accepted" in mail.outbox[-1].subject
    assert "Welcome back." in mail.outbox[-1].body
    account = user_client.get(reverse("moderation:account")).content.decode()
    assert 'id="not-blocked"' in account, account[account.find("<main") :]
    assert "Appeal accepted" in account

    kinds = list(
        Decision.objects.filter(subject_user=user)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["block", "appeal-filed", "unblock", "appeal-accepted"]


def test_refused_appeal_tells_the_user_why(mod_client: Any) -> None:
    user = UserFactory(username="offender")
    mod_client.post(reverse("moderation:block", args=[user.pk]), {"rules": ["spam"]})
    login(user).post(reverse("moderation:account"), appeal_data(user))
    appeal = Appeal.objects.get(user=user)
    no_reason = mod_client.post(
        reverse("moderation:appeal-refuse", args=[appeal.pk]), {"reason": ""}
    )
    assert no_reason.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.OPEN
    mod_client.post(
        reverse("moderation:appeal-refuse", args=[appeal.pk]),
        {"reason": "You kept posting adverts."},
    )
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.REFUSED
    assert not user_can_participate(user)
    assert (
        "refused" in mail.outbox[-1].subject
        and "You kept posting adverts." in mail.outbox[-1].body
    )
    # Deciding twice is refused.
    mod_client.post(reverse("moderation:appeal-accept", args=[appeal.pk]))
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.REFUSED
    # A new request right after a refusal is refused too (cool-down).
    again = login(user).post(reverse("moderation:account"), appeal_data(user))
    assert again.status_code == 403
    assert Appeal.objects.filter(user=user).count() == 1


def test_second_block_is_final_no_appeal_no_unlock(
    mod_client: Any, moderator: Any
) -> None:
    user = UserFactory(username="repeat")
    user_client = login(user)
    mod_client.post(reverse("moderation:block", args=[user.pk]), {"rules": ["spam"]})
    mod_client.post(reverse("moderation:unblock", args=[user.pk]))
    assert user_can_participate(user)

    response = mod_client.post(
        reverse("moderation:block", args=[user.pk]), {"rules": ["spam", "flooding"]}
    )
    assert response.status_code == 302
    final = Block.objects.get(user=user, number=2)
    assert final.is_final
    assert (
        "final" in mail.outbox[-1].body and "cannot be restored" in mail.outbox[-1].body
    )

    # The user is told, and gets no appeal form.
    page = user_client.get(reverse("moderation:account")).content.decode()
    assert 'id="final-block"' in page and "cannot be restored" in page
    assert 'id="appeal-form"' not in page

    # A direct POST of an appeal is refused.
    direct = user_client.post(reverse("moderation:account"), appeal_data(user))
    assert direct.status_code == 403
    assert not Appeal.objects.filter(block=final).exists()

    # Unlock is refused, through the console and the API.
    refused = mod_client.post(reverse("moderation:unblock", args=[user.pk]))
    assert refused.status_code == 403
    assert "cannot be restored" in refused.content.decode()
    api = mod_client.post(
        f"/api/moderation/users/{user.pk}/unblock",
        data={},
        content_type="application/json",
    )
    assert api.status_code == 403
    final.refresh_from_db()
    assert final.lifted_at is None
    assert not user_can_participate(user)

    # Even an appeal row forged into the database can't be accepted.
    forged = Appeal.objects.create(
        user=user, block=final, user_id_claimed=str(user.pk), explanation=EXPLANATION
    )
    accept = mod_client.post(reverse("moderation:appeal-accept", args=[forged.pk]))
    assert accept.status_code == 403
    forged.refresh_from_db()
    final.refresh_from_db()
    assert forged.status == AppealStatus.OPEN and final.lifted_at is None

    # No third block exists.
    mod_client.post(reverse("moderation:block", args=[user.pk]), {"rules": ["spam"]})
    assert Block.objects.filter(user=user).count() == 2


def test_appeal_form_is_rate_limited(settings: Any) -> None:
    settings.VESTNIK_MODERATION_APPEAL_RATE = (2, 3600)
    user = UserFactory(username="hammer")
    Block.objects.create(user=user, number=1, rules=["spam"])
    client = login(user)
    for _ in range(2):
        assert (
            client.post(
                reverse("moderation:account"), appeal_data(user, user_id="0")
            ).status_code
            == 422
        )
    assert (
        client.post(reverse("moderation:account"), appeal_data(user)).status_code == 429
    )
    assert not Appeal.objects.exists()


def test_not_blocked_user_cannot_appeal(reader_client: Any, reader: Any) -> None:
    response = reader_client.post(reverse("moderation:account"), appeal_data(reader))
    assert response.status_code == 403
    assert not Appeal.objects.exists()
    assert reader_client.get(reverse("moderation:account")).status_code == 200


def test_account_page_needs_login(client: Any) -> None:
    response = client.get(reverse("moderation:account"))
    assert response.status_code == 302


def test_moderator_can_delete_account_without_notice(mod_client: Any) -> None:
    user = UserFactory(username="gone")
    comment = CommentFactory(author=user)
    response = mod_client.post(
        reverse("moderation:delete-account", args=[user.pk]),
        {"confirm": "on", "note": "bot"},
    )
    assert response.status_code == 302
    assert not type(user).objects.filter(pk=user.pk).exists()
    assert mail.outbox == []
    entry = Decision.objects.get(kind=DecisionKind.DELETE_ACCOUNT)
    assert entry.evidence[0]["user_id"] == user.pk and entry.note == "bot"
    comment.refresh_from_db()
    assert comment.author_id != user.pk  # handed to the placeholder (or deleted)
    # Without the confirmation nothing happens.
    other = UserFactory(username="stays")
    mod_client.post(reverse("moderation:delete-account", args=[other.pk]), {})
    assert type(other).objects.filter(pk=other.pk).exists()
