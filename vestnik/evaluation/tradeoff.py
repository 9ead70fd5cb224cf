"""The false-alarm / recall trade-off of each rule (issue 12, item 6).

For every abuse and spam rule: its scores on the benign held-out comments
(the `benign` goal's set: a reader's innocent comments) and on the positive
rows of the rule's own held-out tasks (`tasks.TASKS`), swept over the
threshold.  Each point says: at this threshold, this share of innocent
comments would be held, and this share of the rule's positives caught.  The
rulebook's hold and reject thresholds are marked, so that a publisher sees
what moving a threshold buys and costs.

    vestnik eval --tradeoff [RULE ...] --out DIR   # tradeoff.json, .md, .png

Scores come from the whole engine (`goals.verdicts`: every detector of the
rule, dry runs), computed once per text; the sweep itself is arithmetic.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from vestnik.engine.rulebook import Rulebook, default_rulebook
from vestnik.evaluation.goals import ABUSE_RULES, SPAM_RULES, Progress, verdicts
from vestnik.evaluation.tasks import TASKS
from vestnik.training import datasets as D

RULES = (*ABUSE_RULES, *SPAM_RULES)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.96, 0.05))
#: Positive rows per task at most (seeded sample), to keep a run in minutes.
PER_TASK = 400
BENIGN_PER_SOURCE = 300


def _positives(
    rule: str, data_dir: Path, rng: random.Random, per_task: int
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for task in TASKS:
        if task.rule != rule or task.stateful or task.overrides:
            continue
        try:
            examples = task.load(data_dir, 0, rng)
        except (FileNotFoundError, OSError):
            continue
        texts = [e.text for e in examples if e.label == 1]
        if len(texts) > per_task:
            texts = rng.sample(texts, per_task)
        if texts:
            out[task.name] = texts
    return out


def _benign(rng: random.Random, per_source: int) -> list[str]:
    ex = D.benign_heldout()
    by: dict[str, list[str]] = {}
    for text, source in zip(ex.texts, ex.groups, strict=True):
        by.setdefault(source, []).append(text)
    out: list[str] = []
    for source in sorted(by):
        texts = by[source]
        out += texts if len(texts) <= per_source else rng.sample(texts, per_source)
    return out


def curve(
    benign: np.ndarray, positive: np.ndarray, thresholds: Sequence[float] = THRESHOLDS
) -> list[dict[str, float]]:
    """(threshold, share of benign flagged, share of positives caught)."""
    return [
        {
            "threshold": float(t),
            "benign_flagged": round(float((benign >= t).mean()), 4)
            if len(benign)
            else 0.0,
            "recall": round(float((positive >= t).mean()), 4) if len(positive) else 0.0,
        }
        for t in thresholds
    ]


def measure(
    rules: Sequence[str] = (),
    data_dir: Path | None = None,
    book: Rulebook | None = None,
    progress: Progress | None = None,
    per_task: int = PER_TASK,
    benign_per_source: int = BENIGN_PER_SOURCE,
) -> dict[str, Any]:
    book = book or default_rulebook()
    data_dir = data_dir or D.data_dir()
    rng = random.Random(1729)  # noqa: S311 - seeded sampling, not security
    chosen = [r for r in RULES if not rules or r in rules]
    benign = _benign(rng, benign_per_source)
    positives = {r: _positives(r, data_dir, rng, per_task) for r in chosen}
    texts = list(
        dict.fromkeys(
            benign
            + [t for sets in positives.values() for ts in sets.values() for t in ts]
        )
    )
    found = verdicts(texts, book, progress=progress, label="trade-off")
    score = {
        text: {r: float(v.scores.get(r, 0.0)) for r in chosen}
        for text, v in zip(texts, found, strict=True)
    }
    out: dict[str, Any] = {"benign_n": len(benign), "rules": {}}
    for rule in chosen:
        b = np.array([score[t][rule] for t in benign])
        pos_texts = [t for ts in positives[rule].values() for t in ts]
        p = np.array([score[t][rule] for t in pos_texts])
        setting = book[rule]
        marks = {"hold": setting.hold_threshold, "reject": setting.threshold}
        out["rules"][rule] = {
            "positives": {name: len(ts) for name, ts in positives[rule].items()},
            "curve": curve(b, p),
            "shipped": {
                name: curve(b, p, [t])[0] if t is not None else None
                for name, t in marks.items()
            },
        }
    return out


def write(result: dict[str, Any], out_dir: Path, command: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "tradeoff.json").write_text(
        json.dumps(result, indent=1) + "\n", encoding="utf-8"
    )
    lines = [
        "# Trade-off per rule: innocent comments flagged against positives caught",
        "",
        f"`{command}`; benign held-out comments: {result['benign_n']}.",
        "",
        "| Rule | Positives | At hold: benign flagged | At hold: recall "
        "| At reject: benign flagged | At reject: recall |",
        "|---|---|---|---|---|---|",
    ]
    for rule, r in result["rules"].items():
        hold, reject = r["shipped"]["hold"], r["shipped"]["reject"]
        lines.append(
            f"| {rule} | {sum(r['positives'].values())} "
            f"| {hold['benign_flagged'] if hold else '-'} | {hold['recall'] if hold else '-'} "
            f"| {reject['benign_flagged']} | {reject['recall']} |"
        )
    (out_dir / "tradeoff.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plot(result, out_dir / "tradeoff.png")
    return out_dir / "tradeoff.md"


def plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rules = list(result["rules"])
    cols = 4
    rows = (len(rules) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3.4 * rows), squeeze=False)
    for ax, rule in zip(axes.flat, rules, strict=False):
        r = result["rules"][rule]
        xs = [100 * p["benign_flagged"] for p in r["curve"]]
        ys = [100 * p["recall"] for p in r["curve"]]
        ax.plot(xs, ys, marker=".", color="#1f77b4")
        for name, colour in (("hold", "#ff7f0e"), ("reject", "#d62728")):
            point = r["shipped"][name]
            if point:
                ax.scatter(
                    [100 * point["benign_flagged"]],
                    [100 * point["recall"]],
                    color=colour,
                    zorder=3,
                    label=f"{name} {point['threshold']:.2f}",
                )
        ax.axvline(5, color="grey", linestyle=":", linewidth=1)
        ax.set_title(f"{rule} ({sum(r['positives'].values())} positives)", fontsize=10)
        ax.set_xlabel("benign comments flagged, %")
        ax.set_ylabel("positives caught, %")
        ax.set_xlim(left=0)
        ax.set_ylim(0, 100)
        ax.legend(fontsize=8, loc="lower right")
    for ax in list(axes.flat)[len(rules) :]:
        ax.axis("off")
    fig.suptitle("Each rule's threshold sweep (dotted line: 5 % of benign comments)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
