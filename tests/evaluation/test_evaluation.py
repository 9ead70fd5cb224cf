"""`vestnik eval` end to end on the small hand-written sets (no shared data needed)."""

import json
from pathlib import Path

from vestnik.engine import default_rulebook
from vestnik.evaluation import report, runner, tasks
from vestnik.evaluation.report import metrics


def test_metrics() -> None:
    m = metrics([1, 1, 0, 0], [1, 0, 1, 0], [0.9, 0.2, 0.6, 0.1])
    assert (m["precision"], m["recall"], m["f1"]) == (0.5, 0.5, 0.5)
    assert m["confusion"] == {"tp": 1, "fp": 1, "fn": 1, "tn": 1}
    assert m["roc_auc"] == 0.75


def test_scenario_tasks_run_and_write_a_report(tmp_path: Path) -> None:
    base = default_rulebook().fast_path()
    selected = tasks.select(["form/scenarios", "flash-mob/scenarios"])
    assert [t.name for t in selected] == ["form/scenarios", "flash-mob/scenarios"]
    results = [runner.run_task(t, tmp_path, base=base) for t in selected]
    assert all(not r.skipped and len(r.labels) == len(r.scores) > 30 for r in results)
    flash_mob = results[1]
    assert (
        sum(flash_mob.flagged) >= 8
    )  # the clusters are found once three authors posted
    path = report.write_report(results, tmp_path / "out", "vestnik eval --task form")
    text = path.read_text()
    assert "| form/scenarios |" in text
    saved = json.loads((tmp_path / "out" / "results.json").read_text())
    assert saved[0]["detectors"].keys() == {"shouting", "run_on", "repetition"}
    assert (tmp_path / "out" / "flash-mob__scenarios-pr.png").stat().st_size > 1000


def test_missing_data_is_skipped_not_a_crash(tmp_path: Path) -> None:
    (task,) = tasks.select(["spam/sms_spam_collection"])
    result = runner.run_task(task, tmp_path / "nowhere")
    assert result.skipped.startswith("FileNotFoundError")
