"""The issue-12 evaluation tasks: civil criticism (whole-engine verdicts) and comment spam."""

import json
import random
from pathlib import Path

from vestnik.engine import default_rulebook
from vestnik.evaluation import comment_spam, report, runner, tasks


def test_civil_criticism_reports_the_whole_engines_verdicts(tmp_path: Path) -> None:
    selected = tasks.select(["civil_criticism"])
    assert [t.rule for t in selected] == [
        "insult-threat", "profanity", "hate", "violence", "publisher-disrespect",
    ]  # fmt: skip
    profanity = selected[1]
    result = runner.run_task(profanity, tmp_path, base=default_rulebook().fast_path())
    assert not result.skipped
    assert 0 < sum(result.labels) < len(result.labels)
    assert len(result.verdicts) == len(result.labels)
    path = report.write_report([result], tmp_path / "out", "vestnik eval --task x")
    assert "profanity/civil_criticism: whole-engine verdicts" in path.read_text()
    (saved,) = json.loads((tmp_path / "out" / "results.json").read_text())
    civil = saved["breakdown"]["civil"]
    crossing = saved["breakdown"]["crosses-line"]
    swearing = saved["breakdown"]["breaks profanity"]
    assert civil["n"] + crossing["n"] == len(result.labels)
    assert swearing["n"] == sum(result.labels) < crossing["n"]
    for row in (civil, crossing, swearing):
        assert row["published"] + row["held"] + row["rejected"] == row["n"]
    # the lexicon alone catches the twins that swear in plain words
    assert crossing["rules"].get("profanity (reject)", 0) > 0


def test_comment_spam_rows_are_the_noted_test_rows() -> None:
    (task,) = tasks.select(["spam/comment_spam"])
    examples = task.load(Path("."), 0, random.Random(0))
    assert len(examples) > 50
    assert {e.meta["note"] for e in examples} <= comment_spam.NOTES
    assert {e.label for e in examples} == {0, 1}
