"""A key's rulebook override judges the comments posted through it (#13, item 1).

The same text, posted by a reader on our site, through a key without an
override and through keys with a stricter or a more lenient one, gets each
its own rulebook's verdict; the stored verdict and the audit log name the
rulebook (and the key); the author's edits, re-moderation on request and the
re-moderation after the publisher saves the site's rulebook keep judging the
comment with the key's override over the site's rulebook of the moment.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.community.factories import ArticleFactory, UserFactory
from tests.community.posting import CAPS, CLEAN
from tests.community.posting import post as post_on_site
from tests.moderation.factories import moderator_user, publisher_admin_user
from tests.moderation.test_settings import form_data
from vestnik.community.models import Comment, CommentStatus
from vestnik.integrations.models import ApiClient
from vestnik.integrations.rulebooks import client_label
from vestnik.moderation.actions.rulebook import save_rulebook_settings
from vestnik.moderation.models import Decision, DecisionKind, RemoderationStatus
from vestnik.moderation.rulebook_store import current_rulebook
from vestnik.workers.moderation import remoderate_recent

pytestmark = pytest.mark.django_db

WRITE = ("comments:read", "comments:write")
#: Shouting (rule `form`) is held by the default rulebook.
LENIENT = {"rules": {"form": {"enabled": False}}}
STRICT = {"rules": {"form": {"enabled": True, "outcome": "reject"}}}
#: An edit into shouting, unlike CAPS (or the flash-mob rule could fire).
SHOUT = "WHY DOES NOBODY AT THE TOWN HALL READ THE PETITIONS WE SEND THEM EVERY MONTH"


def _post(client: Client, key: str, article: Any, body: str, author: str) -> Any:
    response = client.post(
        "/api/v1/comments",
        json.dumps(
            {
                "article": article.pk,
                "author": {"id": author, "name": f"Author {author}"},
                "body": body,
                "token": str(uuid.uuid4()),
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201, response.content
    return response.json()


def _on_site(article: Any, body: str, username: str) -> Comment:
    reader = UserFactory(username=username)
    browser = Client()
    browser.force_login(reader)
    assert post_on_site(browser, article, body).status_code in (200, 302)
    return Comment.objects.get(author=reader)


def _save_site_rulebook(overrides: dict[str, Any]) -> Any:
    return save_rulebook_settings(
        publisher_admin_user(),
        overrides=overrides,
        escalation_rejections=3,
        escalation_window_days=7,
        public_transparency=True,
    )


def _engine_decisions(comment_id: int) -> list[Decision]:
    return list(
        Decision.objects.filter(
            comment_id=comment_id, kind=DecisionKind.ENGINE_VERDICT
        ).order_by("pk")
    )


def test_a_lenient_key_publishes_what_the_site_holds(
    client: Client, make_client: Any
) -> None:
    _, plain = make_client("plain", WRITE)
    lenient, key = make_client("lenient", WRITE, rulebook=LENIENT)
    site_book = current_rulebook()

    # The same text from three authors: the lenient key's first, before the
    # repeats make a flash mob (held by every rulebook here).
    through_lenient = _post(client, key, ArticleFactory(), CAPS, "l1")
    on_site = _on_site(ArticleFactory(), CAPS, "alice")
    through_plain = _post(client, plain, ArticleFactory(), CAPS, "p1")

    assert on_site.status == CommentStatus.HELD
    assert "form" in {r["rule"] for r in on_site.verdict["rules"]}
    assert on_site.verdict["versions"]["rulebook"] == site_book.version
    assert "rulebook_client" not in on_site.verdict["versions"]
    assert through_plain["status"] == "held"
    assert "form" in {r["rule"] for r in through_plain["comment"]["verdict"]["rules"]}
    assert through_plain["comment"]["verdict"]["rulebook"] == site_book.version
    assert through_lenient["status"] == "published"
    assert through_lenient["comment"]["verdict"]["action"] == "publish"

    # The stored verdict and the audit log say which rulebook judged it.
    stored = Comment.objects.get(pk=through_lenient["comment"]["id"])
    layered = site_book.with_overrides(LENIENT).version
    assert layered != site_book.version
    assert stored.verdict["versions"]["rulebook"] == layered
    assert stored.verdict["versions"]["rulebook_client"] == client_label(lenient)
    assert through_lenient["comment"]["verdict"]["rulebook"] == layered
    (decision,) = _engine_decisions(stored.pk)
    assert decision.versions["rulebook_client"] == client_label(lenient)
    assert decision.versions["rulebook"] == layered

    # /api/v1/analyze names the same rulebook for the same key.
    _, analyze_key = make_client("lenient-analyze", ("analyze",), rulebook=LENIENT)
    analyzed = client.post(
        "/api/v1/analyze",
        json.dumps({"comment": {"text": CAPS}}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {analyze_key}",
    ).json()
    assert analyzed["rulebook"] == layered


def test_a_stricter_key_rejects_what_the_site_publishes(
    client: Client, make_client: Any
) -> None:
    _save_site_rulebook(LENIENT)  # the publisher lets shouting through
    _, plain = make_client("plain", WRITE)
    _, strict = make_client("strict", WRITE, rulebook=STRICT)

    on_site = _on_site(ArticleFactory(), CAPS, "alice")
    through_plain = _post(client, plain, ArticleFactory(), CAPS, "p1")
    through_strict = _post(client, strict, ArticleFactory(), CAPS, "s1")
    clean = _post(client, strict, ArticleFactory(), CLEAN, "s2")

    assert on_site.status == CommentStatus.PUBLISHED
    assert through_plain["status"] == "published"
    assert through_strict["status"] == "rejected"
    assert "form" in {r["rule"] for r in through_strict["comment"]["verdict"]["rules"]}
    assert clean["status"] == "published"  # stricter about shouting only
    stored = Comment.objects.get(pk=through_strict["comment"]["id"])
    assert stored.verdict["versions"]["rulebook"] == (
        current_rulebook().with_overrides(STRICT).version
    )


def test_edits_and_remoderation_keep_the_keys_rulebook(
    client: Client, make_client: Any
) -> None:
    article = ArticleFactory()
    lenient, key = make_client("lenient", WRITE, rulebook=LENIENT)
    on_site = _on_site(article, CAPS, "alice")
    posted = _post(client, key, article, CLEAN, "l1")
    comment_id = posted["comment"]["id"]

    # The author's edit is judged again, with the key's rulebook.
    edited = client.patch(
        f"/api/v1/comments/{comment_id}",
        json.dumps({"body": SHOUT}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["status"] == "published"

    comment = Comment.objects.get(pk=comment_id)
    assert comment.status == CommentStatus.PUBLISHED
    assert all(
        d.versions["rulebook_client"] == client_label(lenient)
        for d in _engine_decisions(comment_id)
    )
    assert len(_engine_decisions(comment_id)) == 2  # post, edit

    # The publisher makes shouting a rejection: the site's comment goes, the
    # key's stays, judged by the new site rulebook with the key's override.
    stored = _save_site_rulebook({"rules": {"form": {"outcome": "reject"}}})
    (run,) = stored.remoderations.all()
    remoderate_recent.delay(run.pk)
    run.refresh_from_db()
    assert run.status == RemoderationStatus.FINISHED
    assert Comment.objects.get(pk=on_site.pk).status == CommentStatus.REJECTED
    assert Comment.objects.get(pk=comment_id).status == CommentStatus.PUBLISHED

    # A key made stricter since (as the admin's change form saves it) is
    # applied by the next re-moderation run.
    ApiClient.objects.filter(pk=lenient.pk).update(rulebook=STRICT)
    stored = _save_site_rulebook({"rules": {"form": {"outcome": "hold"}}})
    (run,) = stored.remoderations.all()
    remoderate_recent.delay(run.pk)
    comment = Comment.objects.get(pk=comment_id)
    assert comment.status == CommentStatus.REJECTED
    assert comment.verdict["versions"]["rulebook_client"] == client_label(lenient)
    assert comment.verdict["versions"]["rulebook"] == (
        current_rulebook().with_overrides(STRICT).version
    )
    assert comment.verdict["versions"]["rulebook_settings"] == str(stored.version)
    last = _engine_decisions(comment_id)[-1]
    assert last.versions["rulebook_client"] == client_label(lenient)
    assert last.action == "reject"


def test_the_rulebook_dry_run_previews_keys_comments_with_their_override(
    client: Client, make_client: Any
) -> None:
    """The publisher's dry run shows what the re-moderation after a save
    would do: a key's comment judged with the key's override on both sides."""
    _, key = make_client("lenient", WRITE, rulebook=LENIENT)
    through_key = _post(client, key, ArticleFactory(), CAPS, "l1")["comment"]["id"]
    on_site = _on_site(ArticleFactory(), CAPS, "alice")
    publisher = Client()
    publisher.force_login(publisher_admin_user())

    data = form_data(**{"rule__form__outcome": "reject"})
    response = publisher.post(reverse("moderation:settings"), {**data, "do": "dry-run"})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.scored == 2
    changed = {c.comment_id: c for c in result.changes}
    assert (changed[on_site.pk].before_action, changed[on_site.pk].after_action) == (
        "hold",
        "reject",
    )
    assert through_key not in changed  # form is off for the key: publish, publish
    assert result.before["publish"] == result.after["publish"] == 1


def test_a_moderators_rejection_cites_the_keys_rulebook(
    client: Client, make_client: Any
) -> None:
    """The author of a key's comment reads the rule in the key's words, and
    the audit log names the rulebook and the key, as for the engine's verdicts."""
    worded = {"rules": {"trolling": {"wording": "baits the partner's readers"}}}
    partner, key = make_client("worded", WRITE, rulebook=worded)
    comment_id = _post(client, key, ArticleFactory(), CLEAN, "w1")["comment"]["id"]
    on_site = _on_site(ArticleFactory(), CAPS, "alice")
    console = Client()
    console.force_login(moderator_user())

    for pk in (comment_id, on_site.pk):
        response = console.post(
            reverse("moderation:reject", args=[pk]), {"rules": ["trolling"]}
        )
        assert response.status_code == 302
    keys, sites = (
        Decision.objects.get(comment_id=pk, kind=DecisionKind.REJECT)
        for pk in (comment_id, on_site.pk)
    )
    assert "baits the partner's readers" in keys.reasons
    assert keys.versions == {
        "rulebook": current_rulebook().with_overrides(worded).version,
        "rulebook_client": client_label(partner),
    }
    assert "baits the partner's readers" not in sites.reasons
    assert current_rulebook()["trolling"].wording in sites.reasons
    assert sites.versions == {"rulebook": current_rulebook().version}
