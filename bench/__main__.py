"""`make bench` / `python -m bench [NAME ...]`: run the benchmarks listed below.

Each module exposes `run() -> dict`, prints its own table and returns its figures;
this runner prints all the figures as one JSON document at the end. The list is
explicit: add a module here to make `make bench` run it.
"""

from __future__ import annotations

import importlib
import json
import sys

BENCHES: list[str] = [
    "web_pages",  # article page and live feed requests/s vs robots.txt, gunicorn x2
    "web_comments",  # thread GET and comment POST on 100 / 10,000-comment threads, SQLite + PG
    "thread_overlay",  # logged-in thread from the shared fragment vs a full render and the anonymous page
    "stateless",  # two `vestnik serve` on one PostgreSQL + Redis: flash-mob, rate limit, cached reads
    "isso_compare",  # #14's Goals: thread, article page, logged in, POST vs Isso 0.14, one run
    "web_console",  # moderators' console pages with 100,000 comments in the queues, SQLite + PG
    "encoder_speed",  # whole engine p99 on one core and batch throughput vs the bare torch encoder
    "engine_fast",  # engine fast path (no encoder) p50/p99 per comment on one core vs alt-profanity-check
    "api_analyze",  # comments:analyze and /api/v1/analyze (single, batch) via gunicorn vs vestnik check --jsonl
]


def main(argv: list[str]) -> int:
    names = argv or BENCHES
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(
            f"unknown bench: {', '.join(unknown)}; known: {', '.join(BENCHES)}",
            file=sys.stderr,
        )
        return 2
    results = {}
    for name in names:
        print(f"\n== bench.{name}", flush=True)
        results[name] = importlib.import_module(f"bench.{name}").run()
    print(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
