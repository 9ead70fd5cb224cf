"""Run the rulebook's detectors over a submission and turn findings into a verdict.

One loop: build the `Document` once, (optionally) embed it, run every active
detector once, route each finding to the rule it names, score every rule (its
strongest finding), apply thresholds, and let the strictest outcome win. A
detector that raises is recorded as an `engine-error` finding on no rule and
never takes the verdict down with it: a crash in one heuristic must not publish
or reject a comment by accident, so the verdict falls back to HOLD (unless the
rulebook's `hold_on_engine_error` is off: then the detectors that ran decide).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from vestnik.engine.ports import Detector
from vestnik.engine.reasons import statement_of_reasons
from vestnik.engine.rulebook import Rulebook, default_rulebook
from vestnik.engine.text import Document
from vestnik.engine.types import (
    Context,
    Finding,
    Outcome,
    RuleResult,
    Submission,
    Verdict,
)

ENGINE_VERSION = "1.0.0"

_DEFAULT: Rulebook | None = None


def _default() -> Rulebook:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = default_rulebook()
    return _DEFAULT


def _needs_embedding(detectors: Sequence[Detector]) -> bool:
    return any(getattr(d, "needs_embedding", False) for d in detectors)


def _embed(docs: list[Document]) -> float:
    """Fill the documents' embeddings in one batch; returns the elapsed ms.

    If the encoder cannot load, the embeddings stay None and the detectors that
    need them find nothing (and say so through the engine-error finding of the
    verdict): moderation degrades, it does not crash.
    """
    started = time.perf_counter()
    try:
        # Lazy: the fast path (no embedding detector) never imports the encoder or torch.
        from vestnik.engine.encoder import get_encoder

        get_encoder().embed_documents(docs)
    except Exception:  # noqa: BLE001 - see the docstring
        for doc in docs:
            doc.embedding = None
            doc.task_embedding = None
            doc.task_logits = None
            doc.sentence_embeddings = None
    return (time.perf_counter() - started) * 1000.0


def _prefetch_sentences(docs: list[Document], detectors: Sequence[Detector]) -> float:
    """For a batch: embed, in one encoder call, the sentences of the comments
    a trained head flags (their evidence is per sentence), rather than one
    call per flagged comment later.  Best effort: on failure the detectors
    compute them on demand.  Returns the elapsed ms."""
    started = time.perf_counter()
    flaggers = [d for d in detectors if callable(getattr(d, "flags", None))]
    if len(docs) < 2 or not flaggers:
        return 0.0
    with contextlib.suppress(Exception):
        from vestnik.engine.encoder import embed_sentences

        flagged = [
            doc
            for doc in docs
            if doc.embedding is not None
            and doc.sentence_embeddings is None
            and len(doc.sentences) >= 2
            and any(d.flags(doc) for d in flaggers)  # type: ignore[attr-defined]
        ]
        embed_sentences(flagged)
    return (time.perf_counter() - started) * 1000.0


def _versions(rulebook: Rulebook, detectors: Sequence[Detector]) -> dict[str, str]:
    versions = {"engine": ENGINE_VERSION, "rulebook": rulebook.version}
    for detector in detectors:
        try:
            version = getattr(detector, "version", None)
        except Exception:  # noqa: BLE001 - a model file missing or damaged (#14)
            # The detector's own engine-error finding holds the comment; the
            # verdict must still be written, naming the version it lacked.
            version = "unavailable"
        if isinstance(version, str) and version:
            versions[detector.name] = version
    return versions


def _run(
    sub: Submission,
    ctx: Context,
    doc: Document,
    rulebook: Rulebook,
    detectors: Sequence[Detector],
    embed_ms: float | None,
) -> Verdict:
    started = time.perf_counter()
    ctx = replace(ctx, site=rulebook.site)
    if ctx.now is None:
        ctx = replace(ctx, now=sub.time or datetime.now(UTC))
    timings: dict[str, float] = {}
    if embed_ms is not None:
        timings["embedding"] = round(embed_ms, 4)
    findings: list[Finding] = []
    failed = False
    if _needs_embedding(detectors) and doc.embedding is None:
        failed = True
        findings.append(
            Finding(
                rule="",
                detector="encoder",
                score=0.0,
                explanation="the text encoder is unavailable",
                code="engine-error",
            )
        )
    for detector in detectors:
        t0 = time.perf_counter()
        try:
            findings.extend(detector.detect(doc, ctx))
        except Exception as exc:  # noqa: BLE001 - one detector's bug must not crash moderation
            failed = True
            findings.append(
                Finding(
                    rule="",
                    detector=detector.name,
                    score=0.0,
                    explanation=f"detector error: {type(exc).__name__}",
                    code="engine-error",
                )
            )
        timings[detector.name] = (
            timings.get(detector.name, 0.0) + (time.perf_counter() - t0) * 1000.0
        )

    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)

    scores: dict[str, float] = {}
    fired: list[RuleResult] = []
    action = Outcome.PUBLISH
    for rule in rulebook.rules:
        rule_findings = by_rule.get(rule.id, []) if rule.enabled else []
        score = max((f.score for f in rule_findings), default=0.0)
        score = min(1.0, max(0.0, float(score)))
        scores[rule.id] = round(score, 4)
        outcome = rule.outcome_for(score)
        if outcome is None:
            continue
        ordered = tuple(sorted(rule_findings, key=lambda f: -f.score))
        fired.append(
            RuleResult(rule.id, round(score, 4), outcome, rule.wording, ordered)
        )
        if outcome.severity > action.severity:
            action = outcome
    if failed and action is Outcome.PUBLISH and rulebook.hold_on_engine_error:
        action = Outcome.HOLD

    _remember(sub, ctx, doc, detectors)
    timings = {name: round(ms, 4) for name, ms in timings.items()}
    timings["total"] = round(
        (time.perf_counter() - started) * 1000.0 + (embed_ms or 0.0), 4
    )
    return Verdict(
        action=action,
        fired=tuple(fired),
        scores=scores,
        reasons=statement_of_reasons(action, fired, engine_error=failed),
        versions=_versions(rulebook, detectors),
        timings_ms=timings,
        findings=tuple(findings),
        submission_id=sub.id,
    )


def _remember(
    sub: Submission, ctx: Context, doc: Document, detectors: Sequence[Detector]
) -> None:
    """After detection, record the submission in the state ports (unless a dry run)."""
    if not ctx.record:
        return
    at = sub.time or ctx.now or datetime.now(UTC)
    if ctx.activity is not None and sub.author_id is not None:
        ctx.activity.record(sub.author_id, sub.thread_id, doc.normalized, at)
    for detector in detectors:
        remember = getattr(detector, "remember", None)
        if callable(remember):
            # State is best effort: a failing port must not undo the verdict.
            with contextlib.suppress(Exception):
                remember(doc, ctx)


def moderate(
    submission: Submission,
    context: Context | None = None,
    rulebook: Rulebook | None = None,
) -> Verdict:
    """Moderate one submission. Deterministic given its inputs and the ports' state."""
    return moderate_batch([(submission, context or Context())], rulebook)[0]


def moderate_batch(
    items: Sequence[tuple[Submission, Context]], rulebook: Rulebook | None = None
) -> list[Verdict]:
    """Moderate several submissions in input order, with one batched encoder pass.

    State ports are read and written in input order, so a batch gives the same
    verdicts as the same submissions moderated one by one.
    """
    book = rulebook or _default()
    detectors = book.active_detectors()
    docs = [Document(sub.text, submission=sub) for sub, _ in items]
    embed_ms: float | None = None
    if docs and _needs_embedding(detectors):
        embed_ms = (_embed(docs) + _prefetch_sentences(docs, detectors)) / len(docs)
    return [
        _run(sub, ctx, doc, book, detectors, embed_ms)
        for (sub, ctx), doc in zip(items, docs, strict=True)
    ]
