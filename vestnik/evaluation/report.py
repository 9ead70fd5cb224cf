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
