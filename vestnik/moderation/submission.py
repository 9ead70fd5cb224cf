"""Moderating a comment: the one place that runs the engine on a Comment.

`submit_for_moderation` builds the engine's inputs from the comment (through
`adapters`), runs the rulebook in force, and — unless it is a dry run — stores
the verdict on the comment, sets its status, and appends the engine's Decision
to the audit log, all in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from vestnik.community.models import Comment, CommentStatus
from vestnik.engine import Outcome, Rulebook, Verdict, moderate, verdict_to_dict
from vestnik.moderation import adapters
from vestnik.moderation.app_settings import app_settings

STATUS_FOR_OUTCOME = {
    Outcome.PUBLISH: CommentStatus.PUBLISHED,
    Outcome.HOLD: CommentStatus.HELD,
    Outcome.REJECT: CommentStatus.REJECTED,
}


def stored_verdict(
    verdict: Verdict,
    comment: Comment,
    wording: dict[str, str],
    versions: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """`verdict_to_dict` plus each rule's published wording, as the comment keeps
    it; `versions` adds to the verdict's own (which rulebook judged it)."""
    data = verdict_to_dict(verdict, comment.body, id=str(comment.token))
    data["versions"].update(versions or {})
    for rule in data["rules"]:
        rule["wording"] = wording.get(rule["rule"], "")
    data["moderated_at"] = timezone.now().isoformat()
    # Checks that could not run (a missing or damaged model file), so that the
    # audit trail says on what a verdict rests; replay once the file is fixed.
    errors = sorted(
        {
            f"{f.detector}: {f.explanation}"
            for f in verdict.findings
            if f.code == "engine-error"
        }
    )
    if errors:
        data["engine_errors"] = errors
    return data


def comment_rulebook(
    comment: Comment, base: Rulebook | None = None
) -> tuple[Rulebook, dict[str, str]]:
    """The rulebook that judges `comment`, over `base` (default: the site's in
    force), and what the stored verdict's versions add. The site's, unless an
    API client's author wrote it: then the client's override on top, for every
    engine run on the comment (vestnik/integrations/rulebooks.py, #13)."""
    from vestnik.integrations.rulebooks import rulebook_for_author
    from vestnik.moderation.rulebook_store import current_rulebook

    return rulebook_for_author(comment.author, base or current_rulebook())


def run_engine(
    comment: Comment,
    *,
    record: bool,
    pending: list[adapters.PendingFingerprint] | None = None,
) -> tuple[Verdict, dict[str, Any]]:
    """The engine's verdict on `comment` and the verdict as stored. With
    `pending`, the fingerprint it remembers is collected there instead of being
    written at once: `submit_for_moderation(..., fingerprints=pending)` stores
    it with the comment, one write transaction instead of two (#14)."""
    rulebook, versions = comment_rulebook(comment)
    if app_settings.ON_ENGINE_ERROR == "heuristics":
        rulebook = replace(rulebook, hold_on_engine_error=False)
    now = timezone.now()
    verdict = moderate(
        adapters.submission_for(comment),
        adapters.context_for(comment, now=now, record=record, pending=pending),
        rulebook,
    )
    if record:
        from vestnik.site.metrics import observe_verdict

        observe_verdict(verdict)
    wording = {result.rule: result.wording for result in verdict.fired}
    return verdict, stored_verdict(verdict, comment, wording, versions)


def submit_for_moderation(
    comment: Comment,
    *,
    dry_run: bool = False,
    judged: tuple[Verdict, dict[str, Any]] | None = None,
    fingerprints: Sequence[adapters.PendingFingerprint] = (),
) -> Verdict:
    """Run the engine on `comment` and, unless `dry_run`, apply and audit the verdict.

    A new (unsaved) comment is inserted; an existing one is updated narrowly.
    An author under pre-moderation has a "publish" verdict turned into "hold".
    A dry run writes nothing at all: not the comment, not the ports, not the log.
    `judged` is `run_engine(comment, record=True)` computed earlier by a caller
    that keeps the engine out of its transaction (`post_comment`), and
    `fingerprints` what that run collected, stored here with the comment.
    """
    verdict, data = judged or run_engine(comment, record=not dry_run)
    if dry_run:
        comment.verdict = data
        return verdict
    from vestnik.moderation.audit import record_decision
    from vestnik.moderation.models import DecisionKind
    from vestnik.moderation.queries import user_is_premoderated

    status = STATUS_FOR_OUTCOME[verdict.action]
    if status == CommentStatus.PUBLISHED and user_is_premoderated(comment.author):
        status = CommentStatus.HELD
        data["premoderated"] = True
    with transaction.atomic():
        comment.verdict = data
        comment.status = status
        if comment.pk is None:
            comment.save()
        else:
            comment.save(update_fields=["verdict", "status"])
        record_decision(DecisionKind.ENGINE_VERDICT, comment=comment, verdict=data)
        adapters.store_fingerprints(fingerprints)
    return verdict
