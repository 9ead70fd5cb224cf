"""`vestnik eval --task functional` on a tiny slice (no encoder: a keyword fake for `hate`)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from vestnik.cli import main
from vestnik.engine import Context, Document, Finding, default_rulebook
from vestnik.evaluation import functional, runner, tasks


@dataclass(frozen=True)
class KeywordHate:
    """A stand-in for the hate head: fires on a few words, nothing else."""

    name: ClassVar[str] = "keyword_hate"
    words: tuple[str, ...] = ("parasite", "vermin", "animals")

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        text = doc.original.casefold()
        if any(w in text for w in self.words):
            return [Finding("hate", self.name, 0.99, "keyword")]
        return []


def test_the_task_is_selected_by_its_short_name() -> None:
    assert [t.name for t in tasks.select(["functional"])] == ["hate/functional"]
    assert "hate/functional" in [t.name for t in tasks.select(["hate"])]


def test_a_slice_covers_every_functionality() -> None:
    every = {c["functionality"] for c in functional.read_cases()}
    examples = functional.load(Path("unused"), len(every), random.Random(13))
    assert {e.meta["functionality"] for e in examples} == every
    again = functional.load(Path("unused"), len(every), random.Random(13))
    assert [e.meta["id"] for e in again] == [e.meta["id"] for e in examples]
    assert len(functional.load(Path("unused"), 0, random.Random(13))) == len(
        functional.read_cases()
    )


def test_tables() -> None:
    meta = [
        {"functionality": "a", "area": "x", "group": "g1", "expect": "{}"},
        {"functionality": "a", "area": "x", "group": "g2", "expect": "{}"},
        {"functionality": "b", "area": "y", "group": "g1", "expect": "{}"},
        {
            "functionality": "c",
            "area": "y",
            "group": "none",
            "expect": '{"insult-threat": 1}',
        },
    ]
    figures = functional.tables(
        meta,
        labels=[1, 1, 0, 0],
        flagged=[1, 0, 1, 0],
        fired_rules=[("hate",), (), ("hate",), ("insult-threat",)],
    )
    assert figures["overall"]["accuracy"] == 50.0
    assert figures["overall"]["hateful_caught"] == 50.0
    assert figures["overall"]["nonhateful_passed"] == 50.0
    assert figures["functionalities"]["a"]["direction"] == "hateful"
    assert figures["functionalities"]["a"]["accuracy"] == 50.0
    assert figures["functionalities"]["b"]["accuracy"] == 0.0
    assert set(figures["groups"]) == {"g1", "g2"}  # "none" reported apart
    assert figures["groups"]["g1"]["accuracy"] == 50.0
    assert figures["groups"]["g2"]["accuracy"] == 0.0
    assert figures["group_spread"] == 50.0
    assert figures["untargeted"]["accuracy"] == 100.0
    assert figures["expect"] == [
        {
            "functionality": "c",
            "rule": "insult-threat",
            "expected": "fires",
            "n": 1,
            "agreement": 100.0,
        }
    ]


def test_runner_keeps_each_case_with_its_outcome(tmp_path: Path) -> None:
    (task,) = tasks.select(["hate/functional"])
    fast = default_rulebook().fast_path()
    # `hate` judged by the keyword stand-in alone (the lexical slur detector
    # of the fast path would fire on cases the stand-in does not know)
    book = replace(
        fast,
        rules=tuple(
            replace(r, detectors=(KeywordHate(),)) if r.id == "hate" else r
            for r in fast.rules
        ),
    )
    result = runner.run_task(task, tmp_path, limit=120, base=book)
    assert len(result.meta) == len(result.flagged) == 120
    assert 0 < sum(result.flagged) < 120
    texts = {c["id"]: c["text"] for c in functional.read_cases()}
    for meta, fired, rules in zip(
        result.meta, result.flagged, result.fired_rules, strict=True
    ):
        hit = any(w in texts[meta["id"]].casefold() for w in KeywordHate.words)
        assert fired == int(hit) == int("hate" in rules), meta["id"]


def test_cli_writes_the_tables_and_the_chart(tmp_path: Path) -> None:
    out = tmp_path / "eval"
    code = main(
        [
            "eval",
            "--task",
            "functional",
            "--limit",
            "45",
            "--fast-path",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## hate/functional" in report
    assert "| derog_implicit | derogation | hateful |" in report
    assert "| target group | n | accuracy |" in report
    (saved,) = json.loads((out / "results.json").read_text(encoding="utf-8"))
    figures = saved["breakdown"]
    assert figures["overall"]["n"] == 45
    # the fast path has no hate detector: nothing fires, every non-hateful case passes
    assert figures["overall"]["hateful_caught"] == 0.0
    assert figures["overall"]["nonhateful_passed"] == 100.0
    assert len(figures["functionalities"]) == 37
    assert (out / "hate__functional-breakdown.png").stat().st_size > 10_000
    lines = (out / "hate__functional-cases.jsonl").read_text().splitlines()
    assert len(lines) == 45 and json.loads(lines[0]).keys() >= {"id", "fired", "score"}
