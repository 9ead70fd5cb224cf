"""A million comments (#14, item 2): every page at 10k comments and at 1M, one run.

    python -m bench.scale_1m                          # 10k, then 1M (PostgreSQL)
    python -m bench.scale_1m --large 200000           # a smaller "large" site
    python -m bench.scale_1m --reuse                  # keep databases seeded before

PostgreSQL only (`--pg` names the server; each size gets its own database,
vestnik_bench_<size>, dropped and re-created unless `--reuse`). Each is filled
by `vestnik seed-load` with the same densities as the issue's command
(`--comments 1000000 --users 100000 --articles 10000`: 100 comments per
article, 10 per reader, 95% published, 3% held, 2% rejected, one engine
verdict in the audit log per comment), then ANALYZEd. The seeding time is
reported. Not in `make bench`'s list: seeding a million comments took 33.5
minutes on the shared development machine.

Both sites are then served side by side (gunicorn, 1 worker each, DEBUG off)
with no cache at all (bench/scale_settings.py): every request computes its
page, as the first reader after a change would. One keep-alive client asks
each page of item 2 in turn of the small site and of the large one, a few
requests at a time, alternating, so that the machine's load falls on both
alike:

- the thread page and a "load more" page of a seeded article (anonymous);
- the console's held, published and rejected queues (a moderator);
- a reader's history in the console (a moderator), search (anonymous),
  the transparency report (a moderator), the reader's data export (the reader).

Figures: median and p90 milliseconds per page and the ratio large / small of
the medians; the goal is <= 1.5x. The JSON goes to var/bench/scale_1m.json.
"""

from __future__ import annotations

# ruff: noqa: S603, S607 - the bench runs our interpreter, gunicorn and createdb
import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.web_pages import _free_port

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PG = "postgres://postgres@127.0.0.1:5432"
GOAL = 1.5
_AFTER = re.compile(r'after=([0-9.%\-]+)"')


def _database_url(pg: str, size: int) -> str:
    return f"{pg}/vestnik_bench_{size}"


def _env(database_url: str, size: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DEBUG")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.scale_settings",
        VESTNIK_VAR_DIR=str(BENCH_DIR / f"scale-{size}"),
        STATIC_ROOT=str(BENCH_DIR / "scale-static"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    return env


def _exists(pg: str, size: int) -> bool:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s",
            [f"vestnik_bench_{size}"],
        ).fetchone()
    return row is not None


def seed_site(pg: str, size: int, reuse: bool) -> dict[str, Any]:
    """Create and fill vestnik_bench_<size>; returns the seeding figures."""
    import psycopg

    url = _database_url(pg, size)
    env = _env(url, size)
    if reuse and _exists(pg, size):
        subprocess.run(  # a database seeded before the last migrations
            [sys.executable, "-m", "django", "migrate", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        # The closed days not rolled up yet, as Celery beat does every hour
        # (a site seeded before the roll-ups existed gets them all once).
        subprocess.run(
            [sys.executable, "-m", "vestnik.cli", "roll-up"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        return {"comments": size, "reused": True}
    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "vestnik_bench_{size}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "vestnik_bench_{size}"')
    command = [
        sys.executable,
        "-m",
        "vestnik.cli",
        "seed-load",
        "--comments",
        str(size),
        "--users",
        str(max(1, size // 10)),
        "--articles",
        str(max(1, size // 100)),
    ]
    print(f"$ {' '.join(command[2:])}  # DATABASE_URL={url}", flush=True)
    started = time.monotonic()
    done = subprocess.run(
        command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
    )
    seconds = time.monotonic() - started
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return {**summary, "wall_seconds": round(seconds, 1), "reused": False}


def child_setup() -> dict[str, Any]:
    """In the site's environment: a moderator, a reader, their sessions, the ids."""
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.db.models import Count

    from vestnik.accounts.models import User
    from vestnik.community.models import Comment
    from vestnik.community.seed import session_key
    from vestnik.moderation.roles import ROLE_PERMISSIONS, ensure_roles

    ensure_roles()
    staff, _ = User.objects.get_or_create(
        username="bench-moderator", defaults={"email": "mod@bench.example"}
    )
    staff.groups.add(*Group.objects.filter(name__in=ROLE_PERMISSIONS))
    # A reader and an article from the middle of the seeded ids: typical rows.
    middle = Comment.objects.order_by("id")[Comment.objects.count() // 2]
    subject = User.objects.annotate(n=Count("comments")).get(pk=middle.author_id)
    sessions = {}
    for role, user in (("moderator", staff), ("reader", subject)):
        sessions[role] = session_key(user)
    return {
        "article": middle.article_id,
        "reader": subject.pk,
        "reader_comments": subject.n,
        "sessions": sessions,
        "comments": Comment.objects.count(),
    }


class Site:
    """One seeded site served by gunicorn, and a keep-alive client to it."""

    def __init__(self, pg: str, size: int) -> None:
        self.size = size
        self.env = _env(_database_url(pg, size), size)
        Path(self.env["VESTNIK_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
        self.ids = json.loads(
            subprocess.run(
                [sys.executable, "-m", "bench.scale_1m", "--child-setup"],
                env=self.env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.splitlines()[-1]
        )
        self.port = _free_port()
        log = (Path(self.env["VESTNIK_VAR_DIR"]) / "gunicorn.log").open("wb")
        self.server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "vestnik.site.wsgi"]
            + ["--bind", f"127.0.0.1:{self.port}", "--workers", "1"]
            + ["--timeout", "120"],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.conn: http.client.HTTPConnection | None = None
        deadline = time.monotonic() + 120
        while True:
            try:
                self.get("/healthz", None)
                break
            except OSError:
                if time.monotonic() > deadline or self.server.poll() is not None:
                    raise
                time.sleep(0.5)

    def get(self, path: str, role: str | None, htmx: bool = False) -> tuple[int, bytes]:
        headers = {}
        if role:
            headers["Cookie"] = f"sessionid={self.ids['sessions'][role]}"
        if htmx:
            headers["HX-Request"] = "true"
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        try:
            self.conn.request("GET", path, headers=headers)
            response = self.conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise

    def pages(self) -> dict[str, tuple[str, str | None, bool]]:
        article, reader = self.ids["article"], self.ids["reader"]
        thread = f"/comments/article/{article}/?sort=oldest"
        found = _AFTER.search(self.get(thread, None)[1].decode())
        more = f"{thread}&after={found[1]}" if found else thread
        return {
            "thread page": (thread, None, False),
            "load more": (more, None, True),
            "held queue": ("/moderation/queue/held/", "moderator", False),
            "published queue": ("/moderation/queue/published/", "moderator", False),
            "rejected queue": ("/moderation/queue/rejected/", "moderator", False),
            "user history": (f"/moderation/users/{reader}/", "moderator", False),
            "search": ("/search/?q=budget", None, False),
            "transparency report": ("/moderation/transparency/", "moderator", False),
            "data export": ("/account/export/", "reader", False),
        }

    def stop(self) -> None:
        if self.conn is not None:
            self.conn.close()
        try:
            os.killpg(self.server.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        self.server.wait(timeout=30)


def _timed(site: Site, target: tuple[str, str | None, bool]) -> float:
    path, role, htmx = target
    started = time.perf_counter()
    status, _ = site.get(path, role, htmx)
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        raise RuntimeError(f"{path} on the {site.size:,} site: HTTP {status}")
    return elapsed


def measure(small: Site, large: Site, requests: int, block: int = 3) -> dict[str, Any]:
    targets = {"small": small.pages(), "large": large.pages()}
    results: dict[str, Any] = {}
    for name in targets["small"]:
        times: dict[str, list[float]] = {"small": [], "large": []}
        for which, site in (("small", small), ("large", large)):
            _timed(site, targets[which][name])  # warm: templates, the plan cache
        while len(times["small"]) < requests:
            for which, site in (("small", small), ("large", large)):
                for _ in range(block):
                    times[which].append(_timed(site, targets[which][name]))
        figures: dict[str, Any] = {}
        for which, values in times.items():
            values.sort()
            figures[f"{which}_median_ms"] = round(statistics.median(values), 1)
            figures[f"{which}_p90_ms"] = round(values[int(len(values) * 0.9) - 1], 1)
        figures["ratio"] = round(
            figures["large_median_ms"] / max(figures["small_median_ms"], 0.01), 2
        )
        figures["flat"] = figures["ratio"] <= GOAL
        results[name] = figures
        print(
            f"{name:22}{figures['small_median_ms']:>10}{figures['large_median_ms']:>10}"
            f"{figures['ratio']:>8}x  {'flat' if figures['flat'] else 'NOT FLAT'}",
            flush=True,
        )
    return results


def run(
    small: int = 10_000,
    large: int = 1_000_000,
    requests: int = 15,
    reuse: bool = False,
    pg: str = PG,
) -> dict[str, Any]:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    seeding = {size: seed_site(pg, size, reuse) for size in (small, large)}
    for size, figures in seeding.items():
        print(f"seeded {size:,} comments: {figures}", flush=True)
    subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v0"],
        env=_env(_database_url(pg, small), small),
        cwd=ROOT,
        check=True,
    )
    sites = [Site(pg, small), Site(pg, large)]
    try:
        print(f"{'page':22}{f'{small:,} ms':>10}{f'{large:,} ms':>10}{'ratio':>9}")
        results = measure(sites[0], sites[1], requests)
    finally:
        for site in sites:
            site.stop()
    report = {
        "small": small,
        "large": large,
        "requests_per_page": requests,
        "seeding": {str(k): v for k, v in seeding.items()},
        "sites": {str(s.size): s.ids | {"sessions": "..."} for s in sites},
        "pages": results,
        "goal": f"every page within {GOAL}x of its {small:,} figure",
        "met": all(r["flat"] for r in results.values()),
    }
    print(f"[{'met' if report['met'] else 'NOT MET'}] {report['goal']}")
    out = BENCH_DIR / "scale_1m.json"
    out.write_text(json.dumps(report, indent=2))
    print(f"written to {out.relative_to(ROOT)}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--pg", default=PG, help="the PostgreSQL server's URL")
    parser.add_argument("--child-setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_setup:
        print(json.dumps(child_setup()))
        return 0
    run(args.small, args.large, args.requests, args.reuse, args.pg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
