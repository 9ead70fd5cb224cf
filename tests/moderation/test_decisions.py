"""Moderators' decisions about comments, through HTTP: audited, mailed, explained."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tests.moderation.factories import CommentFactory, engine_judged
from vestnik.community.models import CommentStatus, Report, Revision
from vestnik.moderation.models import Decision, DecisionKind
from vestnik.moderation.rulebook_store import current_rulebook

pytestmark = pytest.mark.django_db


def test_queue_shows_held_comment_with_evidence_rules_and_shortcuts(
    mod_client: Any,
) -> None:
    comment = engine_judged(
        {"form": 0.83}, "hold", body="SHOUTING about <script>alert(1)</script> budget"
    )
    response = mod_client.get(reverse("moderation:queue", args=["held"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="item-{comment.pk}"' in html
    assert (
        '<mark class="evidence" data-rules="form" title="form">SHOUTING</mark>' in html
    )
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert "0.83" in html
    assert comment.article.headline in html
    assert "<kbd>a</kbd> approve" in html


def test_approve_held_comment_publishes_audits_disagreement_and_tells_author(
    mod_client: Any, moderator: Any
) -> None:
    comment = engine_judged({"form": 0.8}, "hold")
    response = mod_client.post(reverse("moderation:approve", args=[comment.pk]))
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    decision = Decision.objects.get(comment=comment, kind=DecisionKind.APPROVE)
    assert decision.actor == moderator
    assert decision.engine_action == "hold"
    assert decision.engine_rules == ["form"]
    assert decision.overrides_engine is True
    assert len(mail.outbox) == 1
    assert "published" in mail.outbox[0].subject
    assert mail.outbox[0].to == [comment.author.email]


def test_reject_cites_rule_wording_in_statement_and_email(mod_client: Any) -> None:
    comment = engine_judged(action="publish")
    Report.objects.create(
        comment=comment, reporter=CommentFactory().author, rule="insult-threat"
    )
    response = mod_client.post(
        reverse("moderation:reject", args=[comment.pk]),
        {
            "rules": ["insult-threat", "trolling"],
            "message": "Please argue the point, not the person.",
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    decision = Decision.objects.get(comment=comment, kind=DecisionKind.REJECT)
    rulebook = current_rulebook()
    assert decision.rules == ["insult-threat", "trolling"]
    assert rulebook["insult-threat"].wording in decision.reasons
    assert rulebook["trolling"].wording in decision.reasons
    assert decision.overrides_engine is True  # the engine had published it
    assert Report.objects.get(comment=comment).resolved_at is not None
    [message] = mail.outbox
    assert rulebook["insult-threat"].wording in message.body
    assert "Please argue the point" in message.body


def test_reject_agreeing_with_engine_is_not_a_disagreement(mod_client: Any) -> None:
    comment = engine_judged({"spam": 0.7}, "hold")
    mod_client.post(
        reverse("moderation:reject", args=[comment.pk]), {"rules": ["spam"]}
    )
    decision = Decision.objects.get(comment=comment, kind=DecisionKind.REJECT)
    assert decision.overrides_engine is False


@pytest.mark.parametrize("rules", [[], ["no-such-rule"]])
def test_reject_without_a_valid_rule_is_refused_cleanly(
    mod_client: Any, rules: list[str]
) -> None:
    comment = engine_judged({"form": 0.8}, "hold")
    response = mod_client.post(
        reverse("moderation:reject", args=[comment.pk]), {"rules": rules}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    assert not Decision.objects.filter(kind=DecisionKind.REJECT).exists()


def test_htmx_decision_returns_the_decided_fragment(mod_client: Any) -> None:
    comment = engine_judged({"form": 0.8}, "hold")
    response = mod_client.post(
        reverse("moderation:reject", args=[comment.pk]),
        {"rules": ["form"]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'data-decided="1"' in response.content.decode()
    again = mod_client.post(
        reverse("moderation:reject", args=[comment.pk]),
        {"rules": ["form"]},
        HTTP_HX_REQUEST="true",
    )
    assert again.status_code == 422
    assert "already rejected" in again.content.decode()


def test_edit_keeps_revision_and_audits(mod_client: Any, moderator: Any) -> None:
    comment = engine_judged(
        action="publish", body="The budget is gr8, call 555-0100 now."
    )
    url = reverse("moderation:edit", args=[comment.pk])
    assert mod_client.get(url).status_code == 200
    response = mod_client.post(
        url, {"body": "The budget is great.", "reason": "Removed a phone number."}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "The budget is great."
    assert comment.moderator_edited_at is not None
    revision = Revision.objects.get(comment=comment)
    assert revision.body_before == "The budget is gr8, call 555-0100 now."
    assert revision.editor == moderator
    assert Decision.objects.filter(comment=comment, kind=DecisionKind.EDIT).count() == 1
    bad = mod_client.post(url, {"body": "   ", "reason": "x"})
    assert bad.status_code == 422


def test_feature_and_unfeature(mod_client: Any) -> None:
    comment = engine_judged(action="publish")
    url = reverse("moderation:feature", args=[comment.pk])
    mod_client.post(url)
    comment.refresh_from_db()
    assert comment.is_featured
    mod_client.post(url)
    comment.refresh_from_db()
    assert not comment.is_featured
    kinds = list(
        Decision.objects.filter(comment=comment)
        .values_list("kind", flat=True)
        .order_by("id")
    )
    assert kinds == ["engine-verdict", "feature", "unfeature"]
    held = engine_judged({"form": 0.8}, "hold")
    mod_client.post(reverse("moderation:feature", args=[held.pk]))
    held.refresh_from_db()
    assert not held.is_featured


def test_bulk_reject_and_approve(mod_client: Any) -> None:
    comments = [engine_judged({"spam": 0.9}, "hold") for _ in range(3)]
    response = mod_client.post(
        reverse("moderation:bulk"),
        {
            "ids": [str(c.pk) for c in comments[:2]],
            "decision": "reject",
            "rules": ["spam"],
        },
    )
    assert response.status_code == 302
    statuses = [type(c).objects.get(pk=c.pk).status for c in comments]
    assert statuses == ["rejected", "rejected", "held"]
    assert Decision.objects.filter(kind=DecisionKind.REJECT).count() == 2
    mod_client.post(
        reverse("moderation:bulk"),
        {"ids": [str(comments[2].pk)], "decision": "approve"},
    )
    assert type(comments[2]).objects.get(pk=comments[2].pk).status == "published"
    bad = mod_client.post(
        reverse("moderation:bulk"), {"ids": ["x"], "decision": "approve"}
    )
    assert bad.status_code == 302
    no_rule = mod_client.post(
        reverse("moderation:bulk"), {"ids": [str(comments[0].pk)], "decision": "reject"}
    )
    assert no_rule.status_code == 302


def test_comment_detail_shows_context_history_and_log(mod_client: Any) -> None:
    parent = engine_judged(
        action="publish", body="The parent comment about opening hours."
    )
    comment = engine_judged(
        {"trolling": 0.7}, "hold", parent=parent, article=parent.article
    )
    response = mod_client.get(reverse("moderation:comment", args=[comment.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The parent comment about opening hours." in html
    assert "Decisions about this comment" in html
    assert (
        mod_client.get(reverse("moderation:comment", args=[999999])).status_code == 404
    )


@pytest.mark.parametrize(
    "queue", ["held", "reported", "published", "rejected", "approved"]
)
def test_every_queue_renders_and_filters(mod_client: Any, queue: str) -> None:
    held = engine_judged({"spam": 0.9}, "hold", language="en")
    engine_judged({"form": 0.6}, "hold")
    url = reverse("moderation:queue", args=[queue])
    for params in (
        {},
        {"rule": "spam"},
        {"min_score": "0.85"},
        {"sort": "oldest"},
        {"author": str(held.author_id)},
        {"section": held.article.section.slug},
        {"article": str(held.article_id)},
        {"language": "en"},
        {"min_score": "abc", "sort": "nonsense", "rule": "bogus", "page": "zz"},
    ):
        response = mod_client.get(url, params)
        assert response.status_code == 200, params


def test_held_queue_filters_by_rule_and_sorts_by_priority(mod_client: Any) -> None:
    low = engine_judged({"form": 0.55}, "hold")
    high = engine_judged({"spam": 0.95}, "hold")
    reported = engine_judged({"form": 0.5}, "hold")
    Report.objects.create(
        comment=reported, reporter=CommentFactory().author, rule="spam"
    )
    html = mod_client.get(reverse("moderation:queue", args=["held"])).content.decode()
    assert (
        html.index(f'id="item-{reported.pk}"')
        < html.index(f'id="item-{high.pk}"')
        < html.index(f'id="item-{low.pk}"')
    )
    only_spam = mod_client.get(
        reverse("moderation:queue", args=["held"]), {"rule": "spam"}
    ).content.decode()
    assert (
        f'id="item-{high.pk}"' in only_spam and f'id="item-{low.pk}"' not in only_spam
    )


def test_unknown_queue_is_404(mod_client: Any) -> None:
    assert mod_client.get("/moderation/queue/nope/").status_code == 404
