"""Run one evaluation task through the real engine and collect scores."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from vestnik.engine.memory import InMemoryActivity, InMemoryFingerprints
from vestnik.engine.pipeline import moderate_batch
from vestnik.engine.rulebook import Rulebook, default_rulebook
from vestnik.engine.types import Context, Submission, Verdict
from vestnik.evaluation.datasets import Example
from vestnik.evaluation.tasks import EvalTask

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@dataclass
class TaskResult:
    task: EvalTask
    labels: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)  # the rule's score
    flagged: list[int] = field(default_factory=list)  # the rule fired (hold or reject)
    detector_scores: dict[str, list[float]] = field(default_factory=dict)
    meta: list[dict[str, str]] = field(default_factory=list)  # each example's meta
    fired_rules: list[tuple[str, ...]] = field(default_factory=list)  # whole verdict
    seconds: float = 0.0
    skipped: str = ""  # why the task could not run (missing data), if it could not
    # the whole verdict per example: its action and each fired rule's outcome
    verdicts: list[tuple[str, tuple[tuple[str, str], ...]]] = field(
        default_factory=list
    )


def fast_path(rulebook: Rulebook) -> Rulebook:
    """The rulebook without detectors that need the sentence encoder."""
    return rulebook.fast_path()


def task_rulebook(task: EvalTask, base: Rulebook) -> Rulebook:
    book = base.with_overrides(dict(task.overrides)) if task.overrides else base
    if not task.malware_blocklist:
        from vestnik.engine.detectors.malware_links import MalwareLinkDetector

        rule = book["malware"]
        detectors = tuple(
            MalwareLinkDetector(use_blocklist=False)
            if isinstance(d, MalwareLinkDetector)
            else d
            for d in rule.detectors
        )
        book = book._replace_rule(replace(rule, detectors=detectors))
    return book


#: Called with each example and its whole verdict (`vestnik eval --attributes`).
Observer = Callable[[Example, Verdict], None]


def _record(
    result: TaskResult,
    book: Rulebook,
    example: Example,
    verdict: Verdict,
    observe: Observer | None = None,
) -> None:
    if observe is not None:
        observe(example, verdict)
    rule = book[result.task.rule]
    score = float(verdict.scores.get(rule.id, 0.0))
    result.labels.append(example.label)
    result.scores.append(score)
    result.flagged.append(int(rule.outcome_for(score) is not None))
    result.meta.append(example.meta)
    result.fired_rules.append(tuple(r.rule for r in verdict.fired))
    per_detector = {d.name: 0.0 for d in rule.detectors}
    for finding in verdict.findings:
        if finding.rule == rule.id and finding.detector in per_detector:
            per_detector[finding.detector] = max(
                per_detector[finding.detector], finding.score
            )
    for name, value in per_detector.items():
        result.detector_scores.setdefault(name, []).append(value)
    result.verdicts.append(
        (
            verdict.action.value,
            tuple((r.rule, r.outcome.value) for r in verdict.fired),
        )
    )


def run_task(
    task: EvalTask,
    data_dir: Path,
    *,
    limit: int = 0,
    seed: int = 13,
    base: Rulebook | None = None,
    progress: Callable[[int], None] | None = None,
    observe: Observer | None = None,
) -> TaskResult:
    import time

    started = time.perf_counter()
    result = TaskResult(task)
    try:
        examples = task.load(data_dir, limit, random.Random(seed))  # noqa: S311 - sampling, not security
    except (OSError, KeyError, ValueError) as exc:
        result.skipped = f"{type(exc).__name__}: {exc}"
        return result
    book = task_rulebook(task, base or default_rulebook())
    if task.stateful:
        scenarios: dict[str, list[Example]] = {}
        for example in examples:
            scenarios.setdefault(example.scenario or "", []).append(example)
        for members in scenarios.values():
            activity, fingerprints = InMemoryActivity(), InMemoryFingerprints()
            for i, example in enumerate(sorted(members, key=lambda e: e.minute)):
                at = T0 + timedelta(minutes=example.minute)
                sub = Submission(
                    text=example.text,
                    id=f"{example.scenario}-{i}",
                    author_id=example.author,
                    thread_id=example.thread,
                    time=at,
                )
                ctx = Context(
                    article=example.article,
                    now=at,
                    activity=activity,
                    fingerprints=fingerprints,
                )
                (verdict,) = moderate_batch([(sub, ctx)], book)
                _record(result, book, example, verdict, observe)
                if progress:
                    progress(1)
    else:
        for start in range(0, len(examples), 64):
            chunk = examples[start : start + 64]
            items = []
            for example in chunk:
                items.append(
                    (
                        Submission(text=example.text),
                        Context(article=example.article, now=T0),
                    )
                )
            if any(e.publisher_names for e in chunk):
                # per-example publisher names (publisher-disrespect corpus)
                for example, item in zip(chunk, items, strict=True):
                    chunk_book = book.with_overrides(
                        {"publisher_names": list(example.publisher_names)}
                    )
                    (verdict,) = moderate_batch([item], chunk_book)
                    _record(result, chunk_book, example, verdict, observe)
            else:
                for example, verdict in zip(
                    chunk, moderate_batch(items, book), strict=True
                ):
                    _record(result, book, example, verdict, observe)
            if progress:
                progress(len(chunk))
    result.seconds = time.perf_counter() - started
    return result
