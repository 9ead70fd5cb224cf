"""Saving the rulebook re-moderates recent comments, with progress in the console.

The publisher-admin saves through the settings page (dry run, then save); the
task runs eagerly after commit, as on the embedded set-up.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.moderation.factories import ArticleFactory, UserFactory, engine_judged
from tests.moderation.test_settings import CAPS, CLEAN, form_data
from vestnik.community.models import Comment, CommentStatus, Discussion
from vestnik.engine import RulebookError
from vestnik.moderation.actions.rulebook import save_rulebook_settings
from vestnik.moderation.models import (
    ActorKind,
    Decision,
    DecisionKind,
    Premoderation,
    RemoderationRun,
    RemoderationStatus,
    RulebookSettings,
)
from vestnik.workers.moderation import remoderate_recent

pytestmark = pytest.mark.django_db


def save(client: Client, **changes: Any) -> Any:
    """Dry run, then save, as the settings page does; returns the save's response."""
    url = reverse("moderation:settings")
    data = form_data(**changes)
    token = client.post(url, {**data, "do": "dry-run"}).context["reviewed"]
    return client.post(url, {**data, "reviewed": token, "do": "save"})


def status_of(comment: Comment) -> str:
    return Comment.objects.values_list("status", flat=True).get(pk=comment.pk)


def remoderations(comment: Comment) -> list[Decision]:
    return list(
        Decision.objects.filter(comment=comment, note__startswith="Re-moderated")
    )


def test_stricter_rule_moves_engine_decided_comments_but_not_human_ones(
    admin_client_: Any, mod_client: Any
) -> None:
    article = ArticleFactory()
    now = timezone.now()
    held = engine_judged({"form": 0.8}, "hold", body=CAPS, article=article)
    published = engine_judged(action="publish", body=CAPS, article=article)
    approved = engine_judged({"form": 0.8}, "hold", body=CAPS, article=article)
    assert mod_client.post(reverse("moderation:approve", args=[approved.pk]))
    assert status_of(approved) == CommentStatus.PUBLISHED
    clean = engine_judged(action="publish", body=CLEAN, article=article)
    old = engine_judged(
        action="publish", body=CAPS, created_at=now - timedelta(days=30)
    )
    version_before = Discussion.objects.get(article=article).version

    response = save(admin_client_, **{"rule__form__outcome": "reject"})
    assert response.status_code == 302

    stored = RulebookSettings.objects.get()
    assert status_of(held) == CommentStatus.REJECTED
    assert status_of(published) == CommentStatus.REJECTED
    assert status_of(approved) == CommentStatus.PUBLISHED  # a moderator decided
    assert status_of(clean) == CommentStatus.PUBLISHED
    assert status_of(old) == CommentStatus.PUBLISHED  # outside the 7-day window
    assert Discussion.objects.get(article=article).version > version_before

    (entry,) = remoderations(published)
    assert entry.kind == DecisionKind.ENGINE_VERDICT
    assert entry.actor_kind == ActorKind.ENGINE and entry.action == "reject"
    assert "form" in entry.rules
    assert f"rulebook settings v{stored.version}" in entry.note
    assert entry.versions["rulebook_settings"] == str(stored.version)
    assert not remoderations(approved) and not remoderations(clean)

    run = RemoderationRun.objects.get()
    assert run.status == RemoderationStatus.FINISHED
    assert (run.total, run.done, run.changed, run.skipped) == (4, 4, 2, 1)
    assert run.moves == {"held->rejected": 1, "published->rejected": 1}
    assert run.started_at and run.finished_at and run.created_by is not None

    # The settings page and its polled panel show it to the publisher-admin.
    page = admin_client_.get(reverse("moderation:settings")).content.decode()
    assert 'id="remoderation"' in page and "4/4" in page
    assert "published-&gt;rejected: 1" in page
    panel = admin_client_.get(reverse("moderation:remoderation"))
    assert panel.status_code == 200
    assert "Finished" in panel.content.decode()
    assert "hx-trigger" not in panel.content.decode()  # nothing left to poll


def test_looser_rule_publishes_held_comments_unless_premoderated(
    admin_client_: Any,
) -> None:
    held = engine_judged({"form": 0.8}, "hold", body=CAPS)
    watched = UserFactory()
    Premoderation.objects.create(user=watched, reason="three rejections")
    held_watched = engine_judged({"form": 0.8}, "hold", body=CAPS, author=watched)

    save(admin_client_, **{"rule__form__enabled": None})

    assert status_of(held) == CommentStatus.PUBLISHED
    assert status_of(held_watched) == CommentStatus.HELD
    assert Comment.objects.get(pk=held.pk).verdict["action"] == "publish"
    # the thread's published count follows (recount, not increment)
    assert Discussion.objects.get(article=held.article).comment_count == 1
    assert held.article.__class__.objects.get(pk=held.article_id).comments_count == 1


def test_running_again_changes_and_counts_nothing_twice(
    publisher_admin: Any, settings: Any
) -> None:
    """A redelivered task (acks_late after a worker died) is a no-op."""
    settings.VESTNIK_MODERATION_REMODERATION_BATCH = 2
    comments = [engine_judged({"form": 0.8}, "hold", body=CAPS) for _ in range(5)]
    stored = save_rulebook_settings(
        publisher_admin,
        overrides={"rules": {"form": {"enabled": False}}},
        escalation_rejections=3,
        escalation_window_days=7,
        public_transparency=True,
    )  # the test's transaction never commits: the task has not run yet
    run = stored.remoderations.get()
    assert run.status == RemoderationStatus.QUEUED and run.total == 5

    remoderate_recent.delay(run.pk)
    remoderate_recent.delay(run.pk)

    run.refresh_from_db()
    assert (run.status, run.done, run.changed) == (RemoderationStatus.FINISHED, 5, 5)
    for comment in comments:
        assert status_of(comment) == CommentStatus.PUBLISHED
        assert len(remoderations(comment)) == 1


def test_a_newer_save_supersedes_an_unfinished_run(publisher_admin: Any) -> None:
    engine_judged({"form": 0.8}, "hold", body=CAPS)
    kwargs = {
        "escalation_rejections": 3,
        "escalation_window_days": 7,
        "public_transparency": True,
    }
    first = save_rulebook_settings(publisher_admin, overrides={}, **kwargs)
    second = save_rulebook_settings(
        publisher_admin, overrides={"rules": {"form": {"enabled": False}}}, **kwargs
    )
    old, new = first.remoderations.get(), second.remoderations.get()
    assert old.status == RemoderationStatus.SUPERSEDED
    remoderate_recent.delay(old.pk)  # a late delivery of the old run does nothing
    old.refresh_from_db()
    assert old.done == 0 and new.status == RemoderationStatus.QUEUED


def test_a_failing_run_records_its_error(publisher_admin: Any) -> None:
    engine_judged({"form": 0.8}, "hold", body=CAPS)
    stored = save_rulebook_settings(
        publisher_admin,
        overrides={},
        escalation_rejections=3,
        escalation_window_days=7,
        public_transparency=True,
    )
    # Settings that no longer build (e.g. a rule removed from the code since).
    RulebookSettings.objects.filter(pk=stored.pk).update(
        overrides={"rules": {"no-such-rule": {"enabled": False}}}
    )
    run = stored.remoderations.get()
    with pytest.raises(RulebookError):
        remoderate_recent.delay(run.pk)
    run.refresh_from_db()
    assert run.status == RemoderationStatus.FAILED
    assert run.errors == 1 and "no-such-rule" in run.last_error
    assert run.finished_at is not None


def test_progress_is_for_publisher_admins_only(
    mod_client: Any, reader_client: Any
) -> None:
    url = reverse("moderation:remoderation")
    assert mod_client.get(url).status_code == 403
    assert reader_client.get(url).status_code == 403
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]


def test_saving_is_refused_to_moderators(mod_client: Any) -> None:
    url = reverse("moderation:settings")
    response = mod_client.post(url, {**form_data(), "do": "save"})
    assert response.status_code == 403
    assert not RemoderationRun.objects.exists()


def test_runs_are_listed_read_only_in_the_admin(
    admin_client: Any, publisher_admin: Any
) -> None:
    engine_judged({"form": 0.8}, "hold", body=CAPS)
    save_rulebook_settings(
        publisher_admin,
        overrides={},
        escalation_rejections=3,
        escalation_window_days=7,
        public_transparency=True,
    )
    listing = admin_client.get("/admin/moderation/remoderationrun/")
    assert listing.status_code == 200
    assert "Queued" in listing.content.decode()
    assert admin_client.get("/admin/moderation/remoderationrun/add/").status_code == 403
