"""Re-moderation of recent comments after the publisher saves the rulebook (#14).

A save snapshots the recent held and published comments into a
`RemoderationRun` and, after commit, queues `vestnik.workers.moderation
.remoderate_recent`, which calls `remoderate_batch` until the run is done.

Each batch is judged by the engine *before* its transaction (one batched
encoder pass, no locks held meanwhile); then, in one transaction, the comments
whose outcome changed are moved and audited and the run's counters and cursor
advance. A batch that runs twice (a worker killed mid-batch, a redelivered
task) finds the cursor already past it, so nothing is moved or counted twice.

A human decision always outranks the engine's second opinion: comments a
moderator approved, rejected or edited are left alone, and so is a held comment
whose author is under pre-moderation.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from vestnik.community.models import Comment, CommentStatus
from vestnik.engine import Rulebook, Verdict, moderate_batch
from vestnik.integrations.rulebooks import clients_of_authors, rulebook_of_client
from vestnik.moderation import adapters
from vestnik.moderation.app_settings import app_settings
from vestnik.moderation.audit import record_decision
from vestnik.moderation.models import (
    ActorKind,
    Decision,
    DecisionKind,
    RemoderationRun,
    RemoderationStatus,
    RulebookSettings,
)
from vestnik.moderation.rulebook_store import rulebook_from
from vestnik.moderation.submission import STATUS_FOR_OUTCOME, stored_verdict

ELIGIBLE = (CommentStatus.PUBLISHED, CommentStatus.HELD)
ENGINE_KINDS = (ActorKind.ENGINE, ActorKind.SYSTEM)


def recent_comment_ids(window_days: int, cap: int) -> list[int]:
    """Held and published comments of the last `window_days`, newest first."""
    since = timezone.now() - timedelta(days=window_days)
    return list(
        Comment.objects.filter(status__in=ELIGIBLE, created_at__gte=since)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)[:cap]
    )


def schedule_remoderation(
    stored: RulebookSettings, *, actor: Any, rulebook_version: str
) -> RemoderationRun:
    """Snapshot the recent comments and queue their re-moderation after commit.

    An unfinished run of older settings is superseded: the new run covers the
    same recent comments with the settings now in force.
    """
    window = app_settings.REMODERATION_WINDOW_DAYS
    ids = recent_comment_ids(window, app_settings.REMODERATION_MAX)
    now = timezone.now()
    with transaction.atomic():
        RemoderationRun.objects.filter(
            status__in=[RemoderationStatus.QUEUED, RemoderationStatus.RUNNING]
        ).update(status=RemoderationStatus.SUPERSEDED, finished_at=now)
        run = RemoderationRun.objects.create(
            rulebook_settings=stored,
            rulebook_version=rulebook_version,
            window_days=window,
            comment_ids=ids,
            total=len(ids),
            created_by=actor,
            created_at=now,
        )
        if not ids:
            run.status = RemoderationStatus.FINISHED
            run.started_at = run.finished_at = now
            run.save(update_fields=["status", "started_at", "finished_at"])
        else:
            run_id = run.pk
            # robust: on the embedded set-up the task runs eagerly in this request;
            # a failure is kept on the run (and logged), the saved settings stand.
            transaction.on_commit(lambda: _enqueue(run_id), robust=True)
    return run


def _enqueue(run_id: int) -> None:
    from vestnik.workers.moderation import remoderate_recent

    remoderate_recent.delay(run_id)


def _judge(
    comments: list[Comment], base: Rulebook
) -> list[tuple[Verdict, dict[str, str]]]:
    """The engine's verdicts, as at each comment's posting time; records nothing.

    Each comment is judged by its own rulebook over `base`: an API client's
    author's with the client's override on top (#13), and each verdict comes
    with what its stored versions add.
    """
    clients = clients_of_authors(
        c.author_id for c in comments if getattr(c.author, "is_external", False)
    )
    books = [rulebook_of_client(clients.get(c.author_id or 0), base) for c in comments]
    groups: dict[str, list[int]] = {}
    for index, (book, _) in enumerate(books):
        groups.setdefault(book.version, []).append(index)
    judged: dict[int, tuple[Verdict, dict[str, str]]] = {}
    for indexes in groups.values():
        pairs = [
            (
                adapters.submission_for(comments[i]),
                adapters.context_for(
                    comments[i],
                    now=comments[i].edited_at or comments[i].created_at,
                    record=False,
                ),
            )
            for i in indexes
        ]
        verdicts = moderate_batch(pairs, rulebook=books[indexes[0]][0])
        for i, verdict in zip(indexes, verdicts, strict=True):
            judged[i] = (verdict, books[i][1])
    return [judged[i] for i in range(len(comments))]


def _humans_decided(ids: list[int]) -> set[int]:
    return set(
        Decision.objects.filter(comment_id__in=ids)
        .exclude(actor_kind__in=ENGINE_KINDS)
        .values_list("comment_id", flat=True)
    )


def _move(
    comment: Comment,
    verdict: Verdict,
    versions: dict[str, str],
    target: str,
    run: RemoderationRun,
) -> None:
    from vestnik.community.actions.comments import recount_thread

    settings_version = run.rulebook_settings.version
    before = comment.status
    data = stored_verdict(
        verdict,
        comment,
        {result.rule: result.wording for result in verdict.fired},
        {**versions, "rulebook_settings": str(settings_version)},
    )
    data["remoderation"] = run.pk
    comment.verdict = data
    comment.status = target
    comment.save(update_fields=["verdict", "status"])
    record_decision(
        DecisionKind.ENGINE_VERDICT,
        comment=comment,
        verdict=data,
        note=(
            f"Re-moderated after rulebook settings v{settings_version} "
            f"({run.rulebook_version}): {before} → {target}."
        ),
    )
    if (before == CommentStatus.PUBLISHED) != (target == CommentStatus.PUBLISHED):
        recount_thread(comment.article_id, comment.parent_id)


def _target(comment: Comment, verdict: Verdict, premoderated: set[int]) -> str | None:
    """The status the verdict moves the comment to, or None to leave it."""
    target = str(STATUS_FOR_OUTCOME[verdict.action])
    if target == comment.status:
        return None
    if target == CommentStatus.PUBLISHED and comment.author_id in premoderated:
        return None  # pre-moderation holds every comment of this author
    return target


def remoderate_batch(run_id: int) -> bool:
    """Re-moderate the run's next batch; True while more remain."""
    from vestnik.moderation.models import Premoderation

    run = (
        RemoderationRun.objects.filter(pk=run_id)
        .select_related("rulebook_settings")
        .first()
    )
    if run is None or not run.is_active:
        return False
    cursor = run.done
    ids = [int(i) for i in run.comment_ids[cursor : cursor + _batch_size()]]
    if run.status == RemoderationStatus.QUEUED:
        RemoderationRun.objects.filter(
            pk=run.pk, status=RemoderationStatus.QUEUED
        ).update(status=RemoderationStatus.RUNNING, started_at=timezone.now())
    comments = list(
        Comment.objects.filter(pk__in=ids, status__in=ELIGIBLE).select_related(
            "article", "author", "parent"
        )
    )
    human = _humans_decided(ids)
    candidates = [c for c in comments if c.pk not in human]
    verdicts = _judge(candidates, rulebook_from(run.rulebook_settings.overrides))

    moves: Counter[str] = Counter()
    left_alone = len(ids) - len(candidates)
    with transaction.atomic():
        locked = RemoderationRun.objects.select_for_update().get(pk=run.pk)
        if locked.done != cursor or not locked.is_active:
            return locked.is_active  # another delivery of this task got here first
        judged = {c.pk: (c, v) for c, v in zip(candidates, verdicts, strict=True)}
        current = {
            c.pk: c
            for c in Comment.objects.select_for_update(of=("self",))
            .filter(pk__in=list(judged))
            .select_related("article", "author", "parent")
        }
        human |= _humans_decided(list(current))  # decided while the engine ran
        premoderated = set(
            Premoderation.objects.filter(
                user_id__in={c.author_id for c in current.values()},
                lifted_at__isnull=True,
            ).values_list("user_id", flat=True)
        )
        for pk, (seen, (verdict, versions)) in judged.items():
            comment = current.get(pk)
            if (
                comment is None
                or pk in human
                or comment.status != seen.status
                or comment.body != seen.body
            ):
                left_alone += 1  # changed since it was judged: not the engine's call
                continue
            target = _target(comment, verdict, premoderated)
            if target is not None:
                moves[f"{comment.status}->{target}"] += 1
                _move(comment, verdict, versions, target, locked)
        locked.done = cursor + len(ids)
        locked.changed += sum(moves.values())
        locked.skipped += left_alone
        merged = Counter(locked.moves) + moves
        locked.moves = dict(sorted(merged.items()))
        fields = ["done", "changed", "skipped", "moves"]
        if locked.done >= locked.total:
            locked.status = RemoderationStatus.FINISHED
            locked.finished_at = timezone.now()
            fields += ["status", "finished_at"]
        locked.save(update_fields=fields)
    return locked.is_active


def note_remoderation_error(run_id: int, error: BaseException, *, final: bool) -> None:
    """Count a failed batch on the run; `final` when no retry will follow."""
    run = RemoderationRun.objects.filter(pk=run_id).first()
    if run is None:
        return
    run.errors += 1
    run.last_error = f"{type(error).__name__}: {error}"[:2000]
    fields = ["errors", "last_error"]
    if final and run.is_active:
        run.status = RemoderationStatus.FAILED
        run.finished_at = timezone.now()
        fields += ["status", "finished_at"]
    run.save(update_fields=fields)


def _batch_size() -> int:
    return max(1, app_settings.REMODERATION_BATCH)
