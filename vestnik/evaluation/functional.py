"""Vestnik's functional test suite for `hate`: the loader and the per-functionality report.

The suite lives in tests/training/functional/ (suite.toml -> generate.py ->
cases.jsonl; see the README there). It is never trained on. `vestnik eval
--task functional` runs every case through the real engine like any task (the
default rulebook, `moderate_batch`); `hate` counts as fired when its outcome is
hold or reject. `breakdown` turns the result into the suite's own tables:
accuracy overall, per functionality and per target group, hateful cases caught
and non-hateful cases passed, the spread between groups, and the cases' `expect`
for other rules, plus a chart and one line per case.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vestnik.evaluation.datasets import Example

if TYPE_CHECKING:
    from vestnik.evaluation.runner import TaskResult

SUITE_DIR = Path(__file__).resolve().parents[2] / "tests" / "training" / "functional"
CASES_PATH = SUITE_DIR / "cases.jsonl"
#: the cases without a target group (abuse of individuals, criticism, ...)
NO_GROUP = "none"
#: the issue-12 goals the report checks (accuracy and spread in points)
GOAL_OVERALL = 92.0
GOAL_FUNCTIONALITY = 85.0
GOAL_SPREAD = 3.0


def read_cases(path: Path = CASES_PATH) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def stratified(
    cases: Sequence[dict[str, Any]], limit: int, rng: random.Random
) -> list[dict[str, Any]]:
    """`limit` cases spread over every functionality, and within one over its groups.

    Round robin: one case of each functionality per round, taking that
    functionality's groups in turn, so even a tiny slice covers the suite.
    """
    by_func: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for case in cases:
        by_func.setdefault(case["functionality"], {}).setdefault(
            case["group"], []
        ).append(case)
    queues = []
    for groups in by_func.values():
        lists = [rng.sample(members, len(members)) for members in groups.values()]
        rng.shuffle(lists)
        longest = max(len(m) for m in lists)
        queues.append([m[i] for i in range(longest) for m in lists if i < len(m)])
    picked: list[dict[str, Any]] = []
    for i in range(max(len(q) for q in queues)):
        for queue in queues:
            if i < len(queue) and len(picked) < limit:
                picked.append(queue[i])
    return picked


def load(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
    """The suite's cases as `Example`s (`data_dir` unused: the suite is in the repository)."""
    cases = read_cases()
    if limit and limit < len(cases):
        cases = stratified(cases, limit, rng)
    return [
        Example(
            case["text"],
            int(case["label"]),
            meta={
                "id": case["id"],
                "functionality": case["functionality"],
                "area": case["area"],
                "group": case["group"],
                "direction": case["direction"],
                "expect": json.dumps(case.get("expect", {}), sort_keys=True),
            },
        )
        for case in cases
    ]


def _pct(hits: int, n: int) -> float | None:
    return round(100.0 * hits / n, 1) if n else None


def _cell(rows: Sequence[tuple[int, int]]) -> dict[str, Any]:
    """Accuracy of (label, fired) pairs, with the two directions apart."""
    hateful = [f for y, f in rows if y]
    benign = [f for y, f in rows if not y]
    correct = sum(1 for y, f in rows if bool(y) == bool(f))
    return {
        "n": len(rows),
        "accuracy": _pct(correct, len(rows)),
        "hateful": len(hateful),
        "hateful_caught": _pct(sum(hateful), len(hateful)),
        "nonhateful": len(benign),
        "nonhateful_passed": _pct(len(benign) - sum(benign), len(benign)),
    }


def tables(
    meta: Sequence[Mapping[str, str]],
    labels: Sequence[int],
    flagged: Sequence[int],
    fired_rules: Sequence[Sequence[str]],
) -> dict[str, Any]:
    """The suite's figures from one run: overall, per functionality, per group, expect."""
    rows = list(zip(labels, flagged, strict=True))
    per_func: dict[str, list[tuple[int, int]]] = {}
    per_group: dict[str, list[tuple[int, int]]] = {}
    areas: dict[str, str] = {}
    expect: dict[tuple[str, str, int], list[int]] = {}
    for m, row, rules in zip(meta, rows, fired_rules, strict=True):
        per_func.setdefault(m["functionality"], []).append(row)
        per_group.setdefault(m["group"], []).append(row)
        areas[m["functionality"]] = m["area"]
        for rule, wanted in json.loads(m.get("expect") or "{}").items():
            expect.setdefault((m["functionality"], rule, int(wanted)), []).append(
                int((rule in rules) == bool(wanted))
            )
    functionalities = {}
    for name, cell_rows in per_func.items():
        cell = _cell(cell_rows)
        cell["area"] = areas[name]
        cell["direction"] = (
            "hateful"
            if not cell["nonhateful"]
            else "non-hateful"
            if not cell["hateful"]
            else "both"
        )
        functionalities[name] = cell
    groups = {g: _cell(r) for g, r in sorted(per_group.items()) if g != NO_GROUP}
    accuracies = [c["accuracy"] for c in groups.values() if c["accuracy"] is not None]
    return {
        "overall": _cell(rows),
        "functionalities": functionalities,
        "groups": groups,
        "untargeted": _cell(per_group.get(NO_GROUP, [])),
        "group_spread": round(max(accuracies) - min(accuracies), 1)
        if accuracies
        else None,
        "expect": [
            {
                "functionality": func,
                "rule": rule,
                "expected": "fires" if wanted else "does not fire",
                "n": len(hits),
                "agreement": _pct(sum(hits), len(hits)),
            }
            for (func, rule, wanted), hits in expect.items()
        ],
    }


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def markdown(figures: dict[str, Any], chart: str) -> list[str]:
    o = figures["overall"]
    lines = [
        "",
        "## hate/functional: Vestnik's functional suite",
        "",
        "`hate` fires = its outcome is hold or reject. Accuracy in %; goals (issue 12): "
        f"overall >= {GOAL_OVERALL:.0f}, every functionality >= {GOAL_FUNCTIONALITY:.0f}, "
        f"spread across target groups <= {GOAL_SPREAD:.0f} points.",
        "",
        f"- overall accuracy **{_fmt(o['accuracy'])}** on {o['n']} cases; hateful caught "
        f"{_fmt(o['hateful_caught'])} ({o['hateful']}), non-hateful passed "
        f"{_fmt(o['nonhateful_passed'])} ({o['nonhateful']})",
        f"- spread across target groups: **{_fmt(figures['group_spread'])}** points; "
        f"untargeted cases: {_fmt(figures['untargeted']['accuracy'])} "
        f"({figures['untargeted']['n']})",
        f"- chart: `{chart}`",
        "",
        "| functionality | area | direction | n | accuracy |",
        "|---|---|---|---|---|",
    ]
    for name, c in figures["functionalities"].items():
        flag = "" if (c["accuracy"] or 0) >= GOAL_FUNCTIONALITY else " ✗"
        lines.append(
            f"| {name} | {c['area']} | {c['direction']} | {c['n']} | {_fmt(c['accuracy'])}{flag} |"
        )
    lines += [
        "",
        "| target group | n | accuracy | hateful caught | non-hateful passed |",
        "|---|---|---|---|---|",
    ]
    for name, c in figures["groups"].items():
        lines.append(
            f"| {name} | {c['n']} | {_fmt(c['accuracy'])} | {_fmt(c['hateful_caught'])} | "
            f"{_fmt(c['nonhateful_passed'])} |"
        )
    if figures["expect"]:
        lines += [
            "",
            "Other rules the cases expect (not part of the `hate` accuracy):",
            "",
            "| functionality | rule | expected | n | agreement |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {e['functionality']} | {e['rule']} | {e['expected']} | {e['n']} | "
            f"{_fmt(e['agreement'])} |"
            for e in figures["expect"]
        ]
    return lines


def chart(figures: dict[str, Any], path: Path) -> None:
    """Per-functionality accuracy bars and per-group accuracy bars, one PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    funcs = list(figures["functionalities"].items())
    groups = list(figures["groups"].items())
    fig, (left, right) = plt.subplots(
        1,
        2,
        figsize=(13, max(6.0, 0.26 * len(funcs) + 1.5)),
        gridspec_kw={"width_ratios": [3, 2]},
    )
    colours = {"hateful": "#c0392b", "non-hateful": "#2874a6", "both": "#7f8c8d"}
    names = [name for name, _ in funcs][::-1]
    values = [c["accuracy"] or 0.0 for _, c in funcs][::-1]
    left.barh(names, values, color=[colours[c["direction"]] for _, c in funcs][::-1])
    left.axvline(GOAL_FUNCTIONALITY, color="black", linestyle="--", linewidth=0.8)
    left.set_xlim(0, 100)
    left.set_xlabel("accuracy % (red: hateful, blue: non-hateful; dashed: goal)")
    left.tick_params(axis="y", labelsize=8)
    left.set_title("per functionality", fontsize=10)
    for y, v in enumerate(values):
        left.text(min(v + 1, 92), y, f"{v:.0f}", va="center", fontsize=7)
    gnames = [name for name, _ in groups]
    gvalues = [c["accuracy"] or 0.0 for _, c in groups]
    xs = list(range(len(groups)))
    right.bar(
        [x - 0.27 for x in xs], gvalues, width=0.27, color="#5d6d7e", label="accuracy"
    )
    right.bar(
        xs,
        [c["hateful_caught"] or 0.0 for _, c in groups],
        width=0.27,
        color=colours["hateful"],
        label="hateful caught",
    )
    right.bar(
        [x + 0.27 for x in xs],
        [c["nonhateful_passed"] or 0.0 for _, c in groups],
        width=0.27,
        color=colours["non-hateful"],
        label="non-hateful passed",
    )
    right.set_xticks(xs, gnames)
    right.legend(fontsize=7, loc="upper center", ncol=3)
    overall = figures["overall"]["accuracy"] or 0.0
    right.axhline(overall, color="black", linestyle="--", linewidth=0.8)
    right.set_ylim(0, 112)  # room for the legend above the bars
    right.set_ylabel("accuracy % (dashed: overall)")
    right.tick_params(axis="x", labelrotation=60, labelsize=8)
    right.set_title(
        f"per target group (spread {_fmt(figures['group_spread'])} points)", fontsize=10
    )
    for x, v in enumerate(gvalues):
        right.text(x - 0.27, v + 1, f"{v:.0f}", ha="center", fontsize=6)
    fig.suptitle(
        f"hate/functional: {_fmt(overall)}% of {figures['overall']['n']} cases",
        fontsize=11,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def breakdown(result: TaskResult, out_dir: Path) -> tuple[dict[str, Any], list[str]]:
    """The task's extra report: (figures for results.json, markdown for report.md).

    Also writes `hate__functional-breakdown.png` and `hate__functional-cases.jsonl`
    (one line per case: id, label, fired, the hate score and every rule fired).
    """
    figures = tables(result.meta, result.labels, result.flagged, result.fired_rules)
    slug = result.task.name.replace("/", "__")
    chart_path = out_dir / f"{slug}-breakdown.png"
    chart(figures, chart_path)
    with (out_dir / f"{slug}-cases.jsonl").open("w", encoding="utf-8") as fh:
        for m, label, fired, score, rules in zip(
            result.meta,
            result.labels,
            result.flagged,
            result.scores,
            result.fired_rules,
            strict=True,
        ):
            fh.write(
                json.dumps(
                    {
                        "id": m["id"],
                        "label": label,
                        "fired": fired,
                        "correct": int(bool(label) == bool(fired)),
                        "score": round(score, 4),
                        "rules": list(rules),
                    }
                )
                + "\n"
            )
    figures["charts"] = [chart_path.name, f"{slug}-cases.jsonl"]
    return figures, markdown(figures, chart_path.name)
