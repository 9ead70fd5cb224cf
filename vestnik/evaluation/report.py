"""Metrics and the written report: report.md, results.json and PNG charts."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vestnik.evaluation.runner import TaskResult


def metrics(
    labels: Sequence[int], flagged: Sequence[int], scores: Sequence[float]
) -> dict[str, Any]:
    tp = sum(1 for y, p in zip(labels, flagged, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, flagged, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, flagged, strict=True) if y and not p)
    tn = len(labels) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    auc: float | None = None
    if 0 < sum(labels) < len(labels):
        from sklearn.metrics import roc_auc_score

        auc = float(roc_auc_score(labels, scores))
    return {
        "n": len(labels),
        "positives": sum(labels),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "roc_auc": None if auc is None or math.isnan(auc) else round(auc, 4),
        "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
    }


def summarize(result: TaskResult) -> dict[str, Any]:
    task = result.task
    entry: dict[str, Any] = {
        "task": task.name,
        "rule": task.rule,
        "dataset": task.dataset,
        "note": task.note,
        "seconds": round(result.seconds, 2),
    }
    if result.skipped:
        entry["skipped"] = result.skipped
        return entry
    entry["rule_metrics"] = metrics(result.labels, result.flagged, result.scores)
    entry["detectors"] = {}
    for name, values in sorted(result.detector_scores.items()):
        flagged = [int(v >= 0.5) for v in values]
        entry["detectors"][name] = metrics(result.labels, flagged, values)
    return entry


def _slug(name: str) -> str:
    return name.replace("/", "__")


def _charts(result: TaskResult, out_dir: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import precision_recall_curve

    written = []
    summary = metrics(result.labels, result.flagged, result.scores)["confusion"]
    fig, ax = plt.subplots(figsize=(3.6, 3.2))
    grid = [[summary["tn"], summary["fp"]], [summary["fn"], summary["tp"]]]
    ax.imshow(grid, cmap="Blues")
    for i in range(2):
        for j in range(2):
            ax.text(j, i, str(grid[i][j]), ha="center", va="center", fontsize=12)
    ax.set_xticks([0, 1], ["allowed", "fired"])
    ax.set_yticks([0, 1], ["label 0", "label 1"])
    ax.set_title(result.task.name, fontsize=9)
    fig.tight_layout()
    path = out_dir / f"{_slug(result.task.name)}-confusion.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    written.append(path.name)
    if 0 < sum(result.labels) < len(result.labels):
        fig, ax = plt.subplots(figsize=(4, 3.2))
        precision, recall, _ = precision_recall_curve(result.labels, result.scores)
        ax.plot(recall, precision, label="rule")
        for name, values in sorted(result.detector_scores.items()):
            if any(values):
                p, r, _ = precision_recall_curve(result.labels, values)
                ax.plot(r, p, linestyle="--", label=name)
        ax.set_xlabel("recall")
        ax.set_ylabel("precision")
        ax.set_ylim(0, 1.05)
        ax.set_title(result.task.name, fontsize=9)
        ax.legend(fontsize=7)
        fig.tight_layout()
        path = out_dir / f"{_slug(result.task.name)}-pr.png"
        fig.savefig(path, dpi=100)
        plt.close(fig)
        written.append(path.name)
    return written


def _fmt(value: object) -> str:
    return (
        "-"
        if value is None
        else f"{value:.3f}"
        if isinstance(value, float)
        else str(value)
    )


def write_report(results: Sequence[TaskResult], out_dir: Path, command: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    summaries = []
    lines = [
        "# vestnik eval",
        "",
        f"Command: `{command}`",
        "",
        "A rule *fires* when its score reaches its hold or reject threshold in the default rulebook;",
        "a detector column counts a detector score >= 0.5. Figures are per task (rule x data set).",
        "",
        "| task | n | pos | precision | recall | F1 | ROC-AUC | detectors (P/R/F1) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    sections: list[str] = []  # tasks' own extra reports, after the notes
    for result in results:
        summary = summarize(result)
        if not result.skipped:
            summary["charts"] = _charts(result, out_dir)
            if result.task.breakdown is not None:
                summary["breakdown"], section = result.task.breakdown(result, out_dir)
                sections += section
        summaries.append(summary)
        if result.skipped:
            lines.append(
                f"| {result.task.name} | skipped: {result.skipped} |  |  |  |  |  |  |"
            )
            continue
        m = summary["rule_metrics"]
        per = "; ".join(
            f"{name} {_fmt(d['precision'])}/{_fmt(d['recall'])}/{_fmt(d['f1'])}"
            for name, d in summary["detectors"].items()
        )
        lines.append(
            f"| {result.task.name} | {m['n']} | {m['positives']} | {_fmt(m['precision'])} | "
            f"{_fmt(m['recall'])} | {_fmt(m['f1'])} | {_fmt(m['roc_auc'])} | {per or '(no detector)'} |"
        )
    lines += ["", "## Notes", ""]
    lines += [f"- **{s['task']}** ({s['dataset']}): {s['note']}" for s in summaries]
    lines += sections
    (out_dir / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out_dir / "results.json").write_text(
        json.dumps(summaries, indent=2), encoding="utf-8"
    )
    return out_dir / "report.md"


#: (label, goal) -> how to read the headline figure of each goal from
#: `goals.measure`'s result, the target and whether higher is better.
GOAL_FIGURES: tuple[tuple[str, str, tuple[str, ...], float, bool], ...] = (
    ("OLID level A macro-F1", "olid", ("macro_f1_model",), 0.83, True),
    ("Davidson hate recall", "davidson", ("engine", "hate_recall"), 0.6, True),
    ("Davidson offensive precision", "davidson", ("engine", "offensive_precision"), 0.9, True),
    ("CrowdCounter replies passed", "counter_speech", ("crowdcounter test replies", "passed"), 0.95, True),
    ("DynaCounter counter-speech passed", "counter_speech", ("dynacounter counterspeech (eval only)", "passed"), 0.95, True),
    ("PLF counter-speech passed", "counter_speech", ("plf test counterspeech (eval only)", "passed"), 0.95, True),
    ("Identity terms, worst group flagged", "identity_terms", ("worst_rate",), 0.05, False),
    ("SMS spam F1", "spam", ("sms_spam_f1", "f1"), 0.95, True),
    ("Self-promotion corpus F1", "spam", ("self_promotion_corpus", "f1"), 0.95, True),
    ("Benign comments flagged", "benign", ("false_flag_rate",), 0.05, False),
)  # fmt: skip


def goal_rows(result: dict[str, Any]) -> list[tuple[str, float, float, bool]]:
    """(label, value, target, met) for every headline figure present."""
    rows = []
    for label, goal, path, target, higher in GOAL_FIGURES:
        value: Any = result.get(goal)
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, int | float):
            met = value >= target if higher else value <= target
            rows.append((label, float(value), target, met))
    return rows


def write_goals(result: dict[str, Any], out: Path, command: str) -> Path:
    """goals.json, goals.md (a table against each target) and goals.png."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "goals.json").write_text(
        json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    rows = goal_rows(result)
    lines = [
        "# Detection goals, through the whole engine",
        "",
        f"Command: `{command}`",
        "",
        "| figure | value | goal | met |",
        "|---|---|---|---|",
    ]
    for label, value, target, met in rows:
        sign = ">=" if any(g[0] == label and g[4] for g in GOAL_FIGURES) else "<="
        lines.append(
            f"| {label} | {value:.3f} | {sign} {target} | {'yes' if met else 'no'} |"
        )
    lines += ["", "Full figures: goals.json.", ""]
    path = out / "goals.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    if rows:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.2))
        labels = [r[0] for r in rows][::-1]
        values = [r[1] for r in rows][::-1]
        targets = [r[2] for r in rows][::-1]
        colours = ["#2a9d8f" if r[3] else "#e76f51" for r in rows][::-1]
        ax.barh(labels, values, color=colours)
        ax.scatter(targets, labels, marker="|", s=300, color="black", label="goal")
        ax.set_xlim(0, 1)
        ax.set_title("Detection goals (green: met)")
        ax.legend(loc="lower right")
        fig.tight_layout()
        fig.savefig(out / "goals.png", dpi=90)
        plt.close(fig)
    return path
