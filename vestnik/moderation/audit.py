"""The audit log's one appender. Nothing else creates `Decision` rows.

Call it inside the same transaction as the state change it records, so a change
without its entry (or an entry without its change) can never be committed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from vestnik.moderation.models import ActorKind, Decision, DecisionKind

ESCALATING_KINDS = {DecisionKind.ENGINE_VERDICT, DecisionKind.REJECT}
HUMAN_COMMENT_KINDS = {DecisionKind.APPROVE, DecisionKind.REJECT}


def _evidence_from_verdict(verdict: Mapping[str, Any]) -> list[dict[str, Any]]:
    evidence = []
    for item in verdict.get("rules", []) or []:
        evidence.append(
            {
                "rule": item.get("rule", ""),
                "detector": item.get("detector", ""),
                "score": item.get("score", 0.0),
                "spans": [list(span) for span in item.get("evidence", []) or []],
                "explanation": item.get("explanation", ""),
            }
        )
    return evidence


def engine_flagged(action: str) -> bool:
    return action in {"hold", "reject"}


def record_decision(
    kind: DecisionKind | str,
    *,
    actor: Any = None,
    actor_kind: ActorKind | str | None = None,
    comment: Any = None,
    subject_user: Any = None,
    action: str = "",
    rules: Iterable[str] = (),
    scores: Mapping[str, float] | None = None,
    evidence: list[dict[str, Any]] | None = None,
    reasons: str = "",
    note: str = "",
    versions: Mapping[str, str] | None = None,
    verdict: Mapping[str, Any] | None = None,
    engine_action: str | None = None,
) -> Decision:
    """Append one entry to the audit log and return it.

    - `actor=None` with no `actor_kind` means the engine.
    - `verdict` is `vestnik.engine.verdict_to_dict(...)` output; it fills action,
      rules, scores, evidence, reasons and versions unless they are given.
    - For a human decision about a comment, `engine_action` defaults to the action
      of the comment's latest engine verdict, and `overrides_engine` is set when
      the human and the engine disagree (the engine flagged it and the human
      published it, or the engine published it and the human rejected it).
    - A rejection (engine or human) of a user's comment runs the automatic
      escalation check (N rejections in the window -> pre-moderation).
    - `subject_user` defaults to the comment's author.
    """
    kind = DecisionKind(kind)
    if actor_kind is None:
        actor_kind = ActorKind.ENGINE if actor is None else ActorKind.MODERATOR
    actor_kind = ActorKind(actor_kind)
    if verdict is not None:
        action = action or str(verdict.get("action", ""))
        rules = list(rules) or [
            str(item.get("rule")) for item in verdict.get("rules", [])
        ]
        scores = scores if scores is not None else dict(verdict.get("scores", {}))
        evidence = evidence if evidence is not None else _evidence_from_verdict(verdict)
        reasons = reasons or str(verdict.get("reasons", ""))
        versions = (
            versions if versions is not None else dict(verdict.get("versions", {}))
        )
    rules = [str(r) for r in rules]
    if comment is not None and subject_user is None:
        subject_user = getattr(comment, "author", None)

    overrides = False
    engine_rules: list[str] = []
    if kind == DecisionKind.ENGINE_VERDICT:
        engine_action = action
        engine_rules = list(rules)
    elif (
        comment is not None
        and actor_kind == ActorKind.MODERATOR
        and kind in HUMAN_COMMENT_KINDS
    ):
        if engine_action is None:
            last = (
                Decision.objects.filter(
                    comment=comment, kind=DecisionKind.ENGINE_VERDICT
                )
                .order_by("-created_at", "-id")
                .values_list("action", "rules")
                .first()
            )
            engine_action, engine_rules = (last[0], list(last[1])) if last else ("", [])
        if engine_action and action:
            overrides = engine_flagged(engine_action) != (action == "reject")

    decision = Decision(
        kind=kind,
        actor_kind=actor_kind,
        actor=actor,
        comment=comment,
        subject_user=subject_user,
        action=action,
        engine_action=engine_action or "",
        engine_rules=sorted(dict.fromkeys(engine_rules)),
        overrides_engine=overrides,
        rules=sorted(dict.fromkeys(rules)),
        scores=dict(scores or {}),
        evidence=list(evidence or []),
        reasons=reasons,
        note=note,
        versions=dict(versions or {}),
    )
    decision.save()
    if comment is not None:
        from vestnik.moderation.queues import forget_queue_counts

        forget_queue_counts()
    if action == "reject" and subject_user is not None and kind in ESCALATING_KINDS:
        # Automatic escalation counts every rejection, the engine's and the humans'.
        from vestnik.moderation.actions.escalation import check_escalation

        check_escalation(subject_user)
    # Every decision about a comment can change what its thread shows; one about
    # a user (a block, a lift) hides or shows all of their comments.
    from vestnik.community.actions.threads import bump_thread, bump_threads_of_author

    if comment is not None:
        bump_thread(comment.article_id)
    elif subject_user is not None:
        bump_threads_of_author(subject_user.pk)
    from vestnik.integrations.webhooks import emit_for_decision

    emit_for_decision(decision)  # outgoing webhooks, sent after commit
    return decision
