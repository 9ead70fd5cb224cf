"""`vestnik eval --attributes`: how well each Perspective attribute ranks.

An attribute applies to the labelled sets of the rules it is scored from
(vestnik/integrations/attributes.py): IDENTITY_ATTACK to the `hate` sets,
TOXICITY to the sets of its five rules, and so on. Each applicable task runs
once through the real engine; every attribute is scored on each verdict, and
the report gives its ROC-AUC against the task's labels (the label of the
task's rule: e.g. TOXICITY on a `hate` set is asked to rank hateful comments
above the others). Writes attributes.md and attributes.json.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from vestnik.engine import Rulebook, Verdict
from vestnik.evaluation import report, runner, tasks
from vestnik.evaluation.datasets import Example
from vestnik.integrations.attributes import ATTRIBUTES


def applicable(names: Sequence[str] | None = None) -> dict[str, list[tasks.EvalTask]]:
    """attribute -> the tasks whose rule is one of its sources."""
    out: dict[str, list[tasks.EvalTask]] = {}
    for name in names or ATTRIBUTES:
        rules = {source.rule for source in ATTRIBUTES[name].sources}
        out[name] = [task for task in tasks.TASKS if task.rule in rules]
    return out


def measure(
    data_dir: Path,
    *,
    names: Sequence[str] | None = None,
    limit: int = 2000,
    seed: int = 13,
    base: Rulebook | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, Any]:
    """{"attributes": {NAME: {task: {n, positives, roc_auc}}}, "skipped": {task: why}}."""
    by_attribute = applicable(names)
    needed: dict[str, tasks.EvalTask] = {}
    for found in by_attribute.values():
        for task in found:
            needed.setdefault(task.name, task)
    scores: dict[str, dict[str, list[float]]] = {}
    labels: dict[str, list[int]] = {}
    skipped: dict[str, str] = {}
    for task in needed.values():
        wanted = [a for a, found in by_attribute.items() if task in found]
        per_attribute: dict[str, list[float]] = {a: [] for a in wanted}

        def observe(
            example: Example,
            verdict: Verdict,
            per: dict[str, list[float]] = per_attribute,
        ) -> None:
            for attribute, values in per.items():
                values.append(ATTRIBUTES[attribute].score(verdict)[0])

        def advance(n: int, name: str = task.name) -> None:
            if progress is not None:
                progress(name, n)

        result = runner.run_task(
            task,
            data_dir,
            limit=limit,
            seed=seed,
            base=base,
            observe=observe,
            progress=advance,
        )
        if result.skipped:
            skipped[task.name] = result.skipped
            continue
        labels[task.name] = result.labels
        scores[task.name] = per_attribute
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for attribute, found in by_attribute.items():
        out[attribute] = {}
        for task in found:
            if task.name not in labels:
                continue
            m = report.metrics(
                labels[task.name],
                [0] * len(labels[task.name]),
                scores[task.name][attribute],
            )
            out[attribute][task.name] = {
                "n": m["n"],
                "positives": m["positives"],
                "roc_auc": m["roc_auc"],
            }
    return {"attributes": out, "skipped": skipped, "limit": limit, "seed": seed}


def write(result: dict[str, Any], out: Path, command: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / "attributes.json").write_text(json.dumps(result, indent=1) + "\n")
    lines = [
        "# Perspective attributes: ROC-AUC on the labelled sets they apply to",
        "",
        f"`{command}` (at most {result['limit']} examples per set, seed {result['seed']}).",
        "The label is that of the set's rule; `-` where a set has one class only.",
        "",
        "| attribute | set | n | positives | ROC-AUC |",
        "|---|---|---|---|---|",
    ]
    for attribute, per_task in result["attributes"].items():
        for task_name, m in per_task.items():
            auc = "-" if m["roc_auc"] is None else f"{m['roc_auc']:.3f}"
            lines.append(
                f"| {attribute} | {task_name} | {m['n']} | {m['positives']} | {auc} |"
            )
    if result["skipped"]:
        lines += ["", "Skipped (data missing):", ""]
        lines += [f"- {name}: {why}" for name, why in result["skipped"].items()]
    path = out / "attributes.md"
    path.write_text("\n".join(lines) + "\n")
    return path
