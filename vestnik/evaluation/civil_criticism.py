"""Harsh but civil criticism, and its twins that cross the line (issue 12).

`tests/engine/corpus_negatives/civil_criticism.jsonl` holds the most common
news comment — harsh criticism of politicians, governments, institutions,
companies, the article, the journalist, the publisher, referees and clubs —
written without slurs, profanity, threats or attacks on identity (`kind`
"civil", label 0), and minimally edited twins that do cross the line
(`kind` "crosses-line", label 1, `breaks` = the rule ids they break). See the
README beside it.

`rows(rule)` loads the test split for one rule: a row is positive when its
`breaks` names the rule, so a civil line is always negative and a twin that
only swears is negative for `hate`. `breakdown` adds to the report what the
whole engine did with each kind of line: published, held or rejected, and
under which rules.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vestnik.evaluation.datasets import Example, Loader

if TYPE_CHECKING:
    from vestnik.evaluation.runner import TaskResult

PATH = (
    Path(__file__).resolve().parents[2]
    / "tests"
    / "engine"
    / "corpus_negatives"
    / "civil_criticism.jsonl"
)
#: The rules a crossing twin breaks (every value of `breaks` in the file).
RULES = ("insult-threat", "profanity", "hate", "violence", "publisher-disrespect")
#: The publisher and the two staff journalists the texts name, as in
#: publisher-disrespect.jsonl: criticism of them is measured as the site sees it.
OVERRIDES = {"publisher_names": ["Vestnik", "Anna Petrova", "Mark Ellis"]}


def rows(rule: str, path: Path | None = None) -> Loader:
    """The test split; label 1 when the line breaks `rule`."""

    def load(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
        items = []
        for line in (path or PATH).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row["split"] != "test":
                continue
            items.append(
                Example(
                    text=row["text"],
                    label=int(rule in row["breaks"]),
                    meta={"kind": row["kind"], "target": row["target"]},
                )
            )
        return rng.sample(items, limit) if limit and len(items) > limit else items

    return load


def breakdown(result: TaskResult, out_dir: Path) -> tuple[dict[str, Any], list[str]]:
    """The whole engine's verdicts: civil lines, all crossing lines, and the
    crossing lines that break the task's rule (caught = held or rejected)."""
    groups: dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]] = {}
    for meta, label, verdict in zip(
        result.meta, result.labels, result.verdicts, strict=True
    ):
        groups.setdefault(meta.get("kind", ""), []).append(verdict)
        if label:
            groups.setdefault(f"breaks {result.task.rule}", []).append(verdict)
    figures: dict[str, Any] = {}
    lines = [
        "",
        f"### {result.task.name}: whole-engine verdicts",
        "",
        "| lines | n | published | held | rejected | rules fired (outcome) |",
        "|---|---|---|---|---|---|",
    ]
    for kind, verdicts in groups.items():
        actions = Counter(action for action, _ in verdicts)
        rules = Counter(f"{r} ({o})" for _, fired in verdicts for r, o in fired)
        figures[kind] = {
            "n": len(verdicts),
            "published": actions["publish"],
            "held": actions["hold"],
            "rejected": actions["reject"],
            "rules": dict(rules.most_common()),
        }
        listed = ", ".join(f"{k} {v}" for k, v in rules.most_common()) or "none"
        lines.append(
            f"| {kind} | {len(verdicts)} | {actions['publish']} | {actions['hold']} | "
            f"{actions['reject']} | {listed} |"
        )
    return figures, lines
