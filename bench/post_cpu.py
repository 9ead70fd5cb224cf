"""Where a comment POST's time goes under gunicorn: CPU or waiting (#14).

    python -m bench.post_cpu
    python -m bench.post_cpu --seconds 6 --clients 1 4
    python -m bench.post_cpu --env OMP_NUM_THREADS=1 --env TOKENIZERS_PARALLELISM=false

The same data, server and client as bench/isso_compare.py (gunicorn ×2 as
`vestnik serve` starts it, SQLite, the 200-comment thread, posts by 200 readers
into a second article), Vestnik alone. For each number of clients it reports
the POSTs per second and the workers' CPU time per POST, read from /proc
before and after: when one client gets as many POSTs a second as four, and a
lone POST's latency equals its CPU time, the POST is bound by CPU, not by
SQLite's write lock or any other wait. It also lists each worker's threads
(thread pools of OpenMP, BLAS, the tokenizer), and `--env` runs the workers
with other environment variables to compare.

Not part of `make bench` (a diagnosis, not a goal); Linux only (/proc).
"""

from __future__ import annotations

# ruff: noqa: S603, S607 - the bench runs our own interpreter, gunicorn and pgrep
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.isso_compare import (
    BENCH_DIR,
    GUNICORN,
    _start,
    _stop,
    _wait,
    prepare_vestnik,
    thread_plan,
)
from bench.web_comments import _env, _load, _post_request
from bench.web_pages import _free_port
from vestnik.commands.serve import GUNICORN_CONFIG

WORKDIR = BENCH_DIR / "post_cpu"


def _seed(env: dict[str, str]) -> dict[str, Any]:
    shutil.rmtree(WORKDIR, ignore_errors=True)
    WORKDIR.mkdir(parents=True)
    plan_file = WORKDIR / "thread.json"
    plan_file.write_text(json.dumps(thread_plan()))
    return prepare_vestnik(env, plan_file)


def _cpu_seconds(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def run(
    seconds: float = 6.0,
    clients: tuple[int, ...] = (1, 4),
    extra_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    env = _env(WORKDIR / "vestnik", "")
    seeded = _seed(env)
    env.update(extra_env or {})
    port = _free_port()
    server = _start(
        [str(Path(sys.executable).parent / "gunicorn"), "vestnik.site.wsgi:application"]
        + ["--config", GUNICORN_CONFIG]
        + ["--bind", f"127.0.0.1:{port}", *GUNICORN],
        env,
        WORKDIR / "vestnik.log",
    )
    path = f"/comments/article/{seeded['post_article']}/post/"
    sessions = seeded["sessions"]
    sent = [0]

    def posts(n: int) -> list[tuple[str, str, dict[str, str], bytes]]:
        start = sent[0]
        sent[0] += n
        return [
            ("POST", path, *_post_request(sessions[i % len(sessions)], i))
            for i in range(start, start + n)
        ]

    report: dict[str, Any] = {"env": extra_env or {}, "runs": []}
    try:
        _wait(port, "/healthz", server)
        pgrep = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        )
        workers = [int(pid) for pid in pgrep.stdout.split()]
        _load(port, posts(8), 4, {200, 302})  # warm: each worker's first posts
        report["threads_per_worker"] = [_threads(pid) for pid in workers]
        for n in clients:
            before = _cpu_seconds(workers)
            result = _load(port, posts(20_000), n, {200, 302}, seconds)
            cpu = _cpu_seconds(workers) - before
            result["clients"] = n
            result["worker_cpu_ms_per_post"] = round(
                1000 * cpu / max(1, result["requests"]), 1
            )
            result["load_average"] = round(os.getloadavg()[0], 2)
            report["runs"].append(result)
    finally:
        _stop(server)
    print(f"threads per worker after warming up: {report['threads_per_worker']}")
    print(f"{'clients':>8}{'POST/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'CPU ms/POST':>13}")
    for r in report["runs"]:
        print(
            f"{r['clients']:>8}{r['req_per_s']:>9}{r['p50_ms']:>9}{r['p99_ms']:>9}"
            f"{r['worker_cpu_ms_per_post']:>13}  (errors {r['errors']}, "
            f"load {r['load_average']})"
        )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    extra = dict(item.split("=", 1) for item in args.env)
    started = time.strftime("%H:%M:%S UTC", time.gmtime())
    report = run(args.seconds, tuple(args.clients), extra)
    print(f"started {started}")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
