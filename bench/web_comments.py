"""Comment threads over HTTP: thread page GET and comment POST, through gunicorn.

    python -m bench.web_comments                       # SQLite, then PostgreSQL if reachable
    python -m bench.web_comments --db sqlite --requests 300 --concurrency 4
    python -m bench.web_comments --pg-url postgres://postgres@127.0.0.1:5432/vestnik_bench

For each database it builds a fresh site in a temporary folder (migrate,
collectstatic), seeds two articles with threads of 100 and 10,000 comments
(70% top-level, 30% replies, stored rows: seeding bypasses the engine), starts
gunicorn on loopback (2 workers, DEBUG off) and measures with keep-alive clients:

- GET  /comments/article/<id>/      the thread page (first page, newest first)
- GET  /comments/article/<id>/?after=<cursor>  a "load more" page deep in the thread
- POST /comments/article/<id>/post/ a new comment by a logged-in reader (the real
  engine judges it inside the request; 302 on publish/hold, 200 on reject)

and prints requests/s, p50 and p99 (ms) per scenario as JSON. The rate limits
are raised for the run (VESTNIK_COMMUNITY_POST_RATE_*): every request comes from
127.0.0.1, and the bench measures throughput, not the limits.
"""

from __future__ import annotations

# ruff: noqa: S603 - the bench runs our own interpreter, gunicorn and manage commands
import argparse
import http.client
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 10_000)
WORDS = [
    "council",
    "library",
    "budget",
    "hours",
    "reading",
    "room",
    "children",
    "books",
    "residents",
    "meeting",
    "funding",
    "district",
    "staff",
    "autumn",
    "winter",
    "timetable",
    "consultation",
    "report",
    "spring",
    "decision",
    "review",
    "building",
    "neighbourhood",
    "students",
    "parents",
    "evening",
    "weekend",
    "branch",
    "librarians",
    "schedule",
]


def _env(workdir: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="vestnik.site.settings",
        VESTNIK_VAR_DIR=str(workdir / "var"),
        STATIC_ROOT=str(workdir / "static"),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        ACCOUNT_EMAIL_VERIFICATION="none",
        VESTNIK_COMMUNITY_POST_RATE_USER="100000",
        VESTNIK_COMMUNITY_POST_RATE_IP="100000",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def _text(rng: Any, n: int) -> str:
    return (
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))).capitalize()
        + f". #{n}"
    )


def seed() -> dict[str, Any]:
    """Runs in a child with the bench's environment: threads, readers, sessions."""
    import random

    import django

    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from vestnik.accounts.models import User
    from vestnik.community.actions.comments import PATH_WIDTH, recount_thread
    from vestnik.community.formatting import render_body
    from vestnik.community.models import Comment, CommentStatus
    from vestnik.community.seed import session_key
    from vestnik.news.models import Article, ArticleStatus, Section

    rng = random.Random(7)
    section, _ = Section.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    readers = User.objects.bulk_create(
        [
            User(
                username=f"bench{i}",
                email=f"bench{i}@bench.example",
                display_name=f"Bench {i}",
                date_joined=timezone.now() - timedelta(days=100),
            )
            for i in range(300)
        ]
    )
    articles = {}
    for size in SIZES:
        article = Article.objects.create(
            headline=f"Council approves the library budget ({size} comments)",
            slug=f"bench-{size}",
            section=section,
            status=ArticleStatus.PUBLISHED,
            standfirst="The council voted to extend library opening hours.",
            body_text="Libraries across the city will open longer after the council vote.",
            publish_at=timezone.now() - timedelta(days=1),
        )
        start = timezone.now() - timedelta(hours=20)
        roots_n = int(size * 0.7)
        rows = []
        for i in range(roots_n):
            body = _text(rng, i)
            rows.append(
                Comment(
                    article=article,
                    author=rng.choice(readers),
                    body=body,
                    body_html=render_body(body),
                    status=CommentStatus.PUBLISHED,
                    created_at=start + timedelta(seconds=5 * i),
                    depth=0,
                    reaction_count=rng.randint(0, 20),
                )
            )
        roots = Comment.objects.bulk_create(rows, batch_size=1000)
        for root in roots:
            root.root_id = root.pk
            root.path = str(root.pk).zfill(PATH_WIDTH)
        Comment.objects.bulk_update(roots, ["root_id", "path"], batch_size=1000)
        replies = []
        for i in range(size - roots_n):
            parent = rng.choice(roots)
            body = _text(rng, roots_n + i)
            replies.append(
                Comment(
                    article=article,
                    author=rng.choice(readers),
                    body=body,
                    body_html=render_body(body),
                    status=CommentStatus.PUBLISHED,
                    parent=parent,
                    root_id=parent.pk,
                    depth=1,
                    created_at=parent.created_at + timedelta(seconds=1 + i % 50),
                )
            )
        replies = Comment.objects.bulk_create(replies, batch_size=1000)
        for reply in replies:
            reply.path = f"{reply.parent.path}/{str(reply.pk).zfill(PATH_WIDTH)}"
        Comment.objects.bulk_update(replies, ["path"], batch_size=1000)
        counts: dict[int, int] = {}
        for reply in replies:
            counts[reply.parent_id] = counts.get(reply.parent_id, 0) + 1
        for root in roots:
            root.reply_count = counts.get(root.pk, 0)
        Comment.objects.bulk_update(roots, ["reply_count"], batch_size=1000)
        recount_thread(article.pk)
        articles[size] = article.pk
    sessions = []
    for user in readers[:200]:
        sessions.append(session_key(user))
    return {"articles": articles, "sessions": sessions}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _load(
    port: int,
    requests: list[tuple[str, str, dict[str, str], bytes]],
    concurrency: int,
    ok: set[int],
    seconds: float | None = None,
) -> dict[str, Any]:
    """Keep-alive clients through `requests` in order; with `seconds`, they stop
    when that time is up (or the list runs out, whichever comes first)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    queue = list(reversed(requests))
    stop_at = time.perf_counter() + seconds if seconds else float("inf")

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < stop_at:
            with lock:
                if not queue:
                    break
                method, path, headers, body = queue.pop()
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body or None, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                with lock:
                    errors.append(repr(exc))
                continue
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                latencies.append(elapsed)
                if status not in ok:
                    errors.append(f"HTTP {status} {path}")
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "req_per_s": round(len(latencies) / wall, 1),
        "wall_s": round(wall, 2),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(_percentile(latencies, 0.99), 1) if latencies else None,
    }


def _cursor(port: int, article_id: int) -> str | None:
    """A "load more" cursor from the middle of the thread: follow a few pages."""
    import re

    path = f"/comments/article/{article_id}/"
    cursor = None
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(5):
        conn.request("GET", path)
        html = conn.getresponse().read().decode()
        found = re.search(r"after=([0-9.]+)", html)
        if not found:
            break
        cursor = found.group(1)
        path = f"/comments/article/{article_id}/?after={cursor}"
    conn.close()
    return cursor


def run_database(
    label: str, database_url: str, n: int, concurrency: int, workers: int
) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix=f"vestnik-bench-{label}-"))
    env = _env(workdir, database_url)
    py = sys.executable
    try:
        subprocess.run(
            [py, "-m", "django", "migrate", "-v0"], env=env, cwd=ROOT, check=True
        )
        subprocess.run(
            [py, "-m", "django", "collectstatic", "--noinput", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        seeded = json.loads(
            subprocess.run(
                [py, "-m", "bench.web_comments", "--child-seed"],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        port = _free_port()
        server = subprocess.Popen(
            [
                str(Path(py).parent / "gunicorn"),
                "vestnik.site.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(workers),
                "--log-level",
                "error",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            for _ in range(120):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.5)
            # Warm each worker: imports, the engine's rulebook and encoder.
            warm = [
                (
                    "POST",
                    f"/comments/article/{seeded['articles']['100']}/post/",
                    *_post_request(seeded["sessions"][i], i),
                )
                for i in range(workers * 2)
            ]
            _load(port, warm, workers, {200, 302})
            results: dict[str, Any] = {}
            for size in SIZES:
                article_id = seeded["articles"][str(size)]
                get = [("GET", f"/comments/article/{article_id}/", {}, b"")] * n
                results[f"thread GET ({size} comments)"] = _load(
                    port, get, concurrency, {200}
                )
                cursor = _cursor(port, article_id)
                if cursor:
                    more = [
                        (
                            "GET",
                            f"/comments/article/{article_id}/?after={cursor}",
                            {"HX-Request": "true"},
                            b"",
                        )
                    ] * n
                    results[f"load-more GET ({size} comments)"] = _load(
                        port, more, concurrency, {200}
                    )
                posts = [
                    (
                        "POST",
                        f"/comments/article/{article_id}/post/",
                        *_post_request(
                            seeded["sessions"][(i * 7) % len(seeded["sessions"])],
                            i + size,
                        ),
                    )
                    for i in range(max(20, n // 3))
                ]
                results[f"comment POST ({size} comments)"] = _load(
                    port, posts, concurrency, {200, 302}
                )
            return results
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _post_request(session_key: str, n: int) -> tuple[dict[str, str], bytes]:
    import random
    from urllib.parse import urlencode

    csrf = secrets.token_hex(16)  # a 32-character secret: the cookie and the form agree
    body = urlencode(
        {
            "csrfmiddlewaretoken": csrf,
            "token": str(uuid.uuid4()),
            "body": _text(random.Random(n), n),
        }
    ).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
        "Referer": "http://127.0.0.1/",
    }
    return headers, body


def _postgres_url(url: str) -> str | None:
    """Create (or re-create) the bench database; None when the server isn't reachable."""
    try:
        import psycopg
    except ImportError:
        return None
    base, _, name = url.rpartition("/")
    try:
        with psycopg.connect(
            f"{base}/postgres", autocommit=True, connect_timeout=3
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    return url


def run(
    requests: int = 300,
    concurrency: int = 4,
    db: str = "both",
    workers: int = 2,
    pg_url: str = "postgres://postgres@127.0.0.1:5432/vestnik_bench_comments",
) -> dict[str, Any]:
    report: dict[str, Any] = {
        "requests_per_scenario": requests,
        "concurrency": concurrency,
        "gunicorn_workers": workers,
        "cpus": os.cpu_count(),
    }
    if db in ("sqlite", "both"):
        report["sqlite"] = run_database("sqlite", "", requests, concurrency, workers)
    if db in ("postgres", "both"):
        url = _postgres_url(pg_url)
        report["postgres"] = (
            run_database("postgres", url, requests, concurrency, workers)
            if url
            else "PostgreSQL not reachable"
        )
    _table(report)
    return report


def _table(report: dict[str, Any]) -> None:
    print(
        f"{'database':10} {'scenario':34} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}"
    )
    for db in ("sqlite", "postgres"):
        results = report.get(db)
        if not isinstance(results, dict):
            if results:
                print(f"{db:10} {results}")
            continue
        for scenario, r in results.items():
            print(
                f"{db:10} {scenario:34} {r['req_per_s']:>7} {r['p50_ms']!s:>8} "
                f"{r['p99_ms']!s:>8} {r['errors']:>6}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--pg-url", default="postgres://postgres@127.0.0.1:5432/vestnik_bench_comments"
    )
    parser.add_argument("--child-seed", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_seed:
        print(json.dumps(seed()))
        return 0
    print(
        json.dumps(
            run(args.requests, args.concurrency, args.db, args.workers, args.pg_url),
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
