"""The moderators' console with 100,000 comments in the queue tables.

    python -m bench.web_console                          # SQLite in a temporary folder
    python -m bench.web_console --comments 20000 --repeat 10
    python -m bench.web_console --pg-url postgres://postgres@127.0.0.1:5432/vestnik_bench_console

Builds a fresh database (migrate; for PostgreSQL the named database is dropped
and recreated), seeds stored rows directly (the engine is bypassed: this
measures the console, not the engine): 50 articles, 2,000 authors and
N comments — 20% held with a stored verdict, 10% rejected, 70% published
(a third of them in the last three days), unresolved reports on 2% and an
approve decision on 5% — plus one engine-verdict audit entry per comment.
Then it renders each console page in-process through Django's test client as a
signed-in moderator and prints, per page, the query count and p50/p99 in ms as
JSON. The query count is the same whatever N is (tests/moderation pins it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

RULES = [
    "spam", "form", "insult-threat", "trolling", "profanity", "commercial",
    "language", "flooding", "privacy", "malware",
]  # fmt: skip


def _setup(workdir: Path, pg_url: str | None) -> None:
    os.environ.update(
        VESTNIK_VAR_DIR=str(workdir),
        DEBUG="0",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="vestnik.site.settings",
        LOG_LEVEL="ERROR",
    )
    os.environ.pop("REDIS_URL", None)
    if pg_url:
        import psycopg

        base, _, name = pg_url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = pg_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings

    # No collectstatic in a temporary folder: plain static URLs (the pages' cost
    # doesn't depend on it), DEBUG stays off.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _verdict(rng: random.Random, body: str, action: str) -> dict[str, Any]:
    fired = rng.sample(RULES, rng.choice([1, 1, 2]))
    scores = {rule: round(rng.random() * 0.4, 3) for rule in RULES}
    for rule in fired:
        scores[rule] = round(0.5 + rng.random() * 0.5, 3)
    return {
        "action": action,
        "rules": [
            {"rule": r, "score": scores[r], "outcome": action, "detector": "bench",
             "evidence": [[0, min(8, len(body))]], "explanation": "seeded"}
            for r in fired
        ],
        "scores": scores,
        "reasons": "seeded",
        "versions": {"engine": "bench"},
    }  # fmt: skip


def seed(n: int, rng: random.Random) -> dict[str, Any]:
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from vestnik.accounts.models import User
    from vestnik.community.models import Comment, Report
    from vestnik.moderation.models import Decision
    from vestnik.moderation.roles import MODERATORS_GROUP, ensure_roles
    from vestnik.news.models import Article, Section

    ensure_roles()
    now = timezone.now()
    section = Section.objects.create(name="City", slug="city")
    articles = Article.objects.bulk_create(
        Article(headline=f"Article {i}", slug=f"article-{i}", section=section,
                standfirst="Standfirst.", body_text="Body.", status="published",
                publish_at=now - timedelta(days=30))
        for i in range(50)
    )  # fmt: skip
    authors = User.objects.bulk_create(
        User(
            username=f"author{i}",
            email=f"author{i}@example.org",
            display_name=f"Author {i}",
        )
        for i in range(2000)
    )
    moderator = User.objects.create(username="mod", email="mod@example.org")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    batch = 5000
    made = 0
    while made < n:
        rows = []
        for _ in range(min(batch, n - made)):
            roll = rng.random()
            status = "held" if roll < 0.2 else "rejected" if roll < 0.3 else "published"
            age = timedelta(days=rng.random() * (3 if rng.random() < 0.33 else 60))
            body = f"Comment about the budget number {made} with some words in it."
            action = {"held": "hold", "rejected": "reject", "published": "publish"}[
                status
            ]
            rows.append(
                Comment(
                    article=rng.choice(articles), author=rng.choice(authors), body=body,
                    body_html=f"<p>{body}</p>", status=status, created_at=now - age,
                    verdict=_verdict(rng, body, action) if status != "published" else {
                        "action": "publish", "rules": [], "scores": {}, "versions": {}},
                )
            )  # fmt: skip
            made += 1
        created = Comment.objects.bulk_create(rows)
        Decision.objects.bulk_create(
            Decision(kind="engine-verdict", actor_kind="engine", comment=c,
                     subject_user=c.author, action=c.verdict.get("action", ""),
                     rules=[r["rule"] for r in c.verdict.get("rules", [])],
                     created_at=c.created_at)
            for c in created
        )  # fmt: skip
        published = [c for c in created if c.status == "published"]
        Report.objects.bulk_create(
            Report(comment=c, reporter=rng.choice(authors), rule="spam")
            for c in rng.sample(published, len(created) // 50)
        )
        Decision.objects.bulk_create(
            Decision(kind="approve", actor_kind="moderator", actor=moderator, comment=c,
                     subject_user=c.author, action="publish", created_at=c.created_at)
            for c in rng.sample(published, len(created) // 20)
        )  # fmt: skip
    return {"moderator": moderator, "author": authors[0], "article": articles[0]}


def measure(seeded: dict[str, Any], repeat: int) -> dict[str, Any]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(seeded["moderator"])
    pages = {
        "held (priority)": "/moderation/queue/held/",
        "held, rule=spam, score>=0.8": "/moderation/queue/held/?rule=spam&min_score=0.8",
        "held, by author": f"/moderation/queue/held/?author={seeded['author'].pk}",
        "held, page 50": "/moderation/queue/held/?sort=oldest&page=50",
        "reported": "/moderation/queue/reported/",
        "recently published": "/moderation/queue/published/",
        "rejected": "/moderation/queue/rejected/",
        "approved": "/moderation/queue/approved/",
        "audit log": "/moderation/audit/",
        "user page": f"/moderation/users/{seeded['author'].pk}/",
        "transparency (84 days)": "/moderation/transparency/",
    }
    out: dict[str, Any] = {}
    for name, url in pages.items():
        sql_ms: list[float] = []

        def timed(
            execute: Any,
            sql: str,
            params: Any,
            many: bool,
            context: Any,
            sql_ms: list[float] = sql_ms,
        ) -> Any:
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                sql_ms.append((time.perf_counter() - started) * 1000)

        cache.clear()  # the first request of each page is uncached (transparency caches)
        started = time.perf_counter()
        with connection.execute_wrapper(timed):
            response = client.get(url)
        first_ms = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        out[name] = {
            "queries": len(sql_ms),
            "first_ms": round(first_ms, 1),
            "sql_ms": round(sum(sql_ms), 1),
            "p50_ms": round(statistics.median(times), 1),
            "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 1),
        }
    return out


def _pg_reachable(url: str) -> bool:
    try:
        import psycopg

        base, _, _name = url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", connect_timeout=2):
            return True
    except Exception:  # noqa: BLE001 - any failure means "skip PostgreSQL"
        return False


def run() -> dict[str, Any]:
    """For `python -m bench`: SQLite, then PostgreSQL if reachable; each in a child
    process (Django is set up once per process, with its own settings)."""
    import subprocess

    pg_url = os.environ.get(
        "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/vestnik_bench_console"
    )
    runs = [["--pg-url", ""]]
    if _pg_reachable(pg_url):
        runs.append(["--pg-url", pg_url])
    results: dict[str, Any] = {}
    for extra in runs:
        out = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bench.web_console", *extra],
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        result = json.loads(out.stdout)
        results[result["database"]] = result
        print(
            f"{result['database']}: {result['comments']} comments (seeded in {result['seed_s']} s)"
        )
        print(
            f"  {'page':32} {'queries':>7} {'first ms':>8} {'p50 ms':>8} {'p99 ms':>8}"
        )
        for name, figures in result["pages"].items():
            print(
                f"  {name:32} {figures['queries']:>7} {figures['first_ms']:>8} "
                f"{figures['p50_ms']:>8} {figures['p99_ms']:>8}"
            )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--pg-url", default="", help="PostgreSQL URL (database is recreated)"
    )
    args = parser.parse_args(argv)
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="vestnik-console-bench-") as tmp:
        _setup(Path(tmp), args.pg_url or None)
        started = time.perf_counter()
        seeded = seed(args.comments, rng)
        seed_s = round(time.perf_counter() - started, 1)
        from django.db import connection

        result = {
            "bench": "web_console",
            "database": connection.vendor,
            "comments": args.comments,
            "seed_s": seed_s,
            "pages": measure(seeded, args.repeat),
        }
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
