"""`vestnik faults`: break real services under a throwaway site, check nothing is lost.

Prints each drill's steps, checks and figures, then one PASS or FAIL line per
drill. See vestnik/faults/ and docs/deployment.md "Faults".
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import tempfile
import traceback
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from vestnik.faults import SCENARIOS

    parser.add_argument(
        "--scenario",
        action="append",
        choices=list(SCENARIOS),
        help="run this drill (repeatable; default: all)",
    )
    parser.add_argument("--list", action="store_true", help="list the drills")
    parser.add_argument(
        "--redis-url",
        default="",
        help="the broker for the worker drill, a Redis database it may flush "
        "(default: a redis-server of the drill's own on a free port)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep each drill's folder (logs, database)"
    )


def run(args: argparse.Namespace) -> int:
    from vestnik.faults import SCENARIOS
    from vestnik.faults.report import Drill

    if args.list:
        for name, (_, text) in SCENARIOS.items():
            print(f"{name:12} {text}")
        return 0
    names = args.scenario or list(SCENARIOS)
    results: list[tuple[str, bool, str]] = []
    for name in names:
        module = importlib.import_module(SCENARIOS[name][0])
        print(f"== {name}: {SCENARIOS[name][1]}", flush=True)
        workdir = Path(tempfile.mkdtemp(prefix=f"vestnik-faults-{name}-"))
        drill = Drill(name)
        note = ""
        try:
            module.run(drill, workdir, redis_url=args.redis_url)
        except Exception as exc:  # noqa: BLE001 - a drill that breaks is a FAIL line
            traceback.print_exc()
            drill.check(False, f"the drill stopped: {type(exc).__name__}: {exc}")
        finally:
            if args.keep:
                note = f" (kept {workdir})"
            else:
                shutil.rmtree(workdir, ignore_errors=True)
        skipped = drill.skipped
        results.append((name, drill.passed, skipped))
        verdict = "SKIP" if skipped else ("PASS" if drill.passed else "FAIL")
        failed = sum(1 for ok, _ in drill.checks if not ok)
        detail = skipped or f"{len(drill.checks) - failed}/{len(drill.checks)} checks"
        print(f"{verdict} {name}: {detail}{note}", flush=True)
    failures = [name for name, ok, skipped in results if not ok and not skipped]
    return 1 if failures else 0
