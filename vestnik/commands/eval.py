"""`vestnik eval`: measure every detector on the labelled data it applies to.

    vestnik eval                         all tasks, the full rulebook
    vestnik eval --fast-path             only detectors that need no encoder
    vestnik eval --task spam --limit 500 one rule (or task name), a sample
    vestnik eval --goals                 the detection goals through the whole engine
    vestnik eval --goals olid davidson   some of them (olid, davidson, counter_speech,
                                         identity_terms, spam, benign)
    vestnik eval --attributes            each Perspective attribute's ROC-AUC on the
                                         labelled sets of its rules (-> attributes.md)
    vestnik eval --attributes TOXICITY   some attributes
    vestnik eval --tradeoff [RULE ...]   each abuse / spam rule's threshold sweep: benign
                                         comments flagged against positives caught
                                         (-> tradeoff.json/md/png)

Writes reports/eval/report.md, results.json and PNG charts (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--task",
        action="append",
        help="a task name or rule id (repeatable); default: all",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=2000,
        help="examples per task, seeded sample (0 = all)",
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--fast-path",
        action="store_true",
        help="skip detectors that need the sentence encoder",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="default: $VESTNIK_DATA_DIR or ../shared/data",
    )
    parser.add_argument("--out", type=Path, default=Path("reports/eval"))
    parser.add_argument("--list", action="store_true", help="list the tasks and exit")
    parser.add_argument(
        "--goals",
        nargs="*",
        default=None,
        metavar="GOAL",
        help="measure the detection goals (all, or those named) -> goals.json/md/png",
    )
    parser.add_argument(
        "--attributes",
        nargs="*",
        default=None,
        metavar="ATTRIBUTE",
        help="ROC-AUC of the Perspective attributes (all, or those named) on the "
        "labelled sets of their rules -> attributes.json/md",
    )
    parser.add_argument(
        "--tradeoff",
        nargs="*",
        default=None,
        metavar="RULE",
        help="each abuse and spam rule's threshold sweep (all, or those named): "
        "benign comments flagged against positives caught -> tradeoff.json/md/png",
    )


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from vestnik.engine.rulebook import default_rulebook
    from vestnik.evaluation import report, runner, tasks

    if args.goals is not None:
        return _goals(args)
    if args.attributes is not None:
        return _attributes(args)
    if args.tradeoff is not None:
        return _tradeoff(args)
    selected = tasks.select(args.task)
    if args.list or not selected:
        for task in tasks.TASKS:
            print(f"{task.name:<40} {task.dataset}")
        return 0 if args.list else 2
    data_dir = args.data_dir or Path(
        os.environ.get(
            "VESTNIK_DATA_DIR",
            Path(__file__).resolve().parents[2].parent / "shared" / "data",
        )
    )
    base = default_rulebook()
    if args.fast_path:
        base = runner.fast_path(base)
    results = []
    for task in selected:
        with tqdm(desc=task.name, unit="ex", leave=False, file=sys.stderr) as bar:
            result = runner.run_task(
                task,
                data_dir,
                limit=args.limit,
                seed=args.seed,
                base=base,
                progress=bar.update,
            )
        results.append(result)
        if result.skipped:
            print(f"{task.name}: skipped ({result.skipped})", file=sys.stderr)
        else:
            m = report.metrics(result.labels, result.flagged, result.scores)
            print(
                f"{task.name:<40} n={m['n']:<5} P={m['precision']:.3f} R={m['recall']:.3f} "
                f"F1={m['f1']:.3f} AUC={m['roc_auc'] if m['roc_auc'] is not None else '-'}"
            )
    command = (
        "vestnik eval " + " ".join(sys.argv[2:])
        if len(sys.argv) > 1
        else "vestnik eval"
    )
    path = report.write_report(results, args.out, command)
    print(f"report: {path}")
    return 0


def _data_dir(args: argparse.Namespace) -> Path:
    return args.data_dir or Path(
        os.environ.get(
            "VESTNIK_DATA_DIR",
            Path(__file__).resolve().parents[2].parent / "shared" / "data",
        )
    )


def _attributes(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from vestnik.engine.rulebook import default_rulebook
    from vestnik.evaluation import attributes, runner
    from vestnik.integrations.attributes import ATTRIBUTES

    unknown = sorted(set(args.attributes) - set(ATTRIBUTES))
    if unknown:
        print(
            f"unknown attribute(s) {', '.join(unknown)}; choose from "
            + ", ".join(ATTRIBUTES),
            file=sys.stderr,
        )
        return 2
    base = default_rulebook()
    if args.fast_path:
        base = runner.fast_path(base)
    bars: dict[str, tqdm] = {}

    def progress(task: str, n: int) -> None:
        bar = bars.get(task)
        if bar is None:
            bar = bars[task] = tqdm(desc=task, unit="ex", leave=False, file=sys.stderr)
        bar.update(n)

    result = attributes.measure(
        _data_dir(args),
        names=args.attributes or None,
        limit=args.limit,
        seed=args.seed,
        base=base,
        progress=progress,
    )
    for bar in bars.values():
        bar.close()
    for attribute, per_task in result["attributes"].items():
        for task_name, m in per_task.items():
            auc = "-" if m["roc_auc"] is None else f"{m['roc_auc']:.3f}"
            print(f"{attribute:<20} {task_name:<40} n={m['n']:<5} AUC={auc}")
    for task_name, why in result["skipped"].items():
        print(f"{task_name}: skipped ({why})", file=sys.stderr)
    command = "vestnik eval " + " ".join(sys.argv[2:])
    path = attributes.write(result, args.out, command)
    print(f"report: {path}")
    return 0


def _tradeoff(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from vestnik.evaluation import tradeoff

    unknown = sorted(set(args.tradeoff) - set(tradeoff.RULES))
    if unknown:
        print(
            f"unknown rule(s) {', '.join(unknown)}; choose from "
            + ", ".join(tradeoff.RULES),
            file=sys.stderr,
        )
        return 2
    bar = tqdm(desc="trade-off", unit="comment", file=sys.stderr)

    def progress(label: str, done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    # --limit: positive rows per task and benign rows per source (a sample)
    result = tradeoff.measure(
        args.tradeoff,
        _data_dir(args),
        progress=progress,
        per_task=args.limit or tradeoff.PER_TASK,
        benign_per_source=args.limit or tradeoff.BENIGN_PER_SOURCE,
    )
    bar.close()
    for rule, r in result["rules"].items():
        hold = r["shipped"]["hold"] or r["shipped"]["reject"]
        print(
            f"{rule:<16} positives={sum(r['positives'].values()):<5} at hold "
            f"{hold['threshold']:.2f}: benign flagged {hold['benign_flagged']:.3f}, "
            f"recall {hold['recall']:.3f}"
        )
    command = "vestnik eval " + " ".join(sys.argv[2:])
    path = tradeoff.write(result, args.out, command)
    print(f"report: {path}")
    return 0


def _goals(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from vestnik.evaluation import goals, report

    unknown = sorted(set(args.goals) - set(goals.GOALS))
    if unknown:
        print(
            f"unknown goal(s) {', '.join(unknown)}; choose from {', '.join(goals.GOALS)}",
            file=sys.stderr,
        )
        return 2
    bars: dict[str, tqdm] = {}

    def progress(label: str, done: int, total: int) -> None:
        bar = bars.get(label)
        if bar is None:
            bar = bars[label] = tqdm(
                desc=label, total=total, unit="comment", leave=False, file=sys.stderr
            )
        bar.n = done
        bar.refresh()

    result = goals.measure(args.goals, progress=progress)
    for bar in bars.values():
        bar.close()
    command = "vestnik eval " + " ".join(sys.argv[2:])
    path = report.write_goals(result, args.out, command)
    print(json_summary(result))
    print(f"report: {path}")
    return 0


def json_summary(result: dict[str, object]) -> str:
    import json

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {
                k: strip(v)
                for k, v in value.items()
                if k not in ("examples", "by_group")
            }
        return value

    return json.dumps(strip(result), indent=1)
