"""Two web processes, one PostgreSQL, one Redis: no state lives in a process.

    python -m bench.stateless
    python -m bench.stateless --pg-url postgres://postgres@127.0.0.1:5432/vestnik_bench_stateless \\
        --redis-url redis://127.0.0.1:6379/11 --requests 400

Builds a fresh site (migrate, `vestnik seed-load`: 1 article with 200 comments,
readers with sessions), starts two `vestnik serve` processes (gunicorn, 2 workers
each) on two ports against the same PostgreSQL and Redis, and shows:

1. **flash-mob across processes**: 12 readers post the same comment, alternating
   between the two ports; the same burst against one port only is the baseline.
   Figure: comments the engine held, across both / on one (1.0 = nothing lost).
2. **a shared rate limit**: one reader posts 30 different comments as fast as it
   can, alternating between the ports, against the documented 12 a minute.
   Figure: accepted / 12 (1.0 = the limit holds across processes).
3. **the anonymous read path**: thread GET (200 comments, 4 keep-alive clients)
   through the shared cache, the thread API's cached JSON, a conditional GET
   answered 304, and the same thread
   for logged-in readers (rendered per request); robots.txt is the baseline
   measured in the same run. Figures: requests/s and their ratio to robots.txt.

Prints one JSON document. Needs PostgreSQL and Redis on loopback.
"""

from __future__ import annotations

# ruff: noqa: S603 - the bench runs our own interpreter and commands
import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.web_comments import _free_port, _load, _postgres_url

ROOT = Path(__file__).resolve().parent.parent
# Two unrelated campaign texts: the baseline burst must not prime the second one.
FLASH_MOBS = (
    "Everyone must read the truth about the library budget vote at the council "
    "meeting, share this before they hide it!",
    "Wake up people, the bridge repairs are a scam by the mayor and his friends, "
    "tell everybody you know today!",
)
POST_LIMIT = 12  # VESTNIK_COMMUNITY_POST_RATE_USER's documented default


def _env(workdir: Path, database_url: str, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="vestnik.site.settings",
        VESTNIK_VAR_DIR=str(workdir / "var"),
        STATIC_ROOT=str(workdir / "static"),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        ACCOUNT_EMAIL_VERIFICATION="none",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="1",  # no worker in this bench
        # Every request comes from 127.0.0.1: lift the per-address ceiling only.
        VESTNIK_COMMUNITY_POST_RATE_IP="100000",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    return env


def child_seed() -> dict[str, Any]:
    import django

    django.setup()

    from vestnik.accounts.models import User
    from vestnik.community.seed import seed, session_key
    from vestnik.news.models import Article

    summary = seed(comments=200, users=80, articles=1)
    article = Article.objects.get(slug=f"seed-{summary['tag']}-0")
    sessions = []
    for user in User.objects.filter(username__startswith=f"seed-{summary['tag']}-"):
        sessions.append(session_key(user))
    return {"article": article.pk, "sessions": sessions}


def child_count(marker: str) -> dict[str, Any]:
    import django

    django.setup()
    from vestnik.community.models import Comment

    rows = list(
        Comment.objects.filter(body__contains=marker).values_list("status", "verdict")
    )
    held_by_flash_mob = sum(
        1
        for status, verdict in rows
        if status == "held"
        and any(r.get("rule") == "flash-mob" for r in (verdict or {}).get("rules", []))
    )
    return {
        "stored": len(rows),
        "held": sum(1 for status, _ in rows if status == "held"),
        "held_by_flash_mob": held_by_flash_mob,
        "published": sum(1 for status, _ in rows if status == "published"),
    }


def _child(env: dict[str, str], *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.stateless", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _post(port: int, article: int, session: str, body: str) -> int:
    csrf = uuid.uuid4().hex
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(
        "POST",
        f"/comments/article/{article}/post/",
        body=urlencode(
            {"csrfmiddlewaretoken": csrf, "token": str(uuid.uuid4()), "body": body}
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "Referer": "http://127.0.0.1/",
        },
    )
    status = conn.getresponse().status
    conn.close()
    return status


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "vestnik.cli", "serve", "--port", str(port)],
        env={**env, "WEB_CONCURRENCY": "2"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(240):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"vestnik serve on port {port} did not start")


def _flash_mob(
    env: dict[str, str], ports: list[int], article: int, sessions: list[str], text: str
) -> dict[str, Any]:
    for i, session in enumerate(sessions[:12]):
        _post(ports[i % len(ports)], article, session, text)
    return _child(env, "--child-count", text)


def run(
    requests: int = 400,
    pg_url: str = "postgres://postgres@127.0.0.1:5432/vestnik_bench_stateless",
    redis_url: str = "redis://127.0.0.1:6379/11",
) -> dict[str, Any]:
    url = _postgres_url(pg_url)
    if url is None:
        return {"skipped": "PostgreSQL not reachable"}
    import redis

    try:
        redis.Redis.from_url(redis_url).flushdb()
    except redis.RedisError:
        return {"skipped": "Redis not reachable"}
    workdir = Path(tempfile.mkdtemp(prefix="vestnik-bench-stateless-"))
    env = _env(workdir, url, redis_url)
    servers: list[subprocess.Popen[bytes]] = []
    try:
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        seeded = _child(env, "--child-seed")
        article, sessions = seeded["article"], seeded["sessions"]
        ports = [_free_port(), _free_port()]
        servers = [_serve(env, port) for port in ports]

        # 1. flash-mob: the same burst on one port (baseline), then across both.
        one = _flash_mob(env, ports[:1], article, sessions[:12], FLASH_MOBS[0])
        both = _flash_mob(env, ports, article, sessions[12:24], FLASH_MOBS[1])

        # 2. one reader, 30 quick posts alternating between the ports.
        reader = sessions[30]
        statuses = [
            _post(ports[i % 2], article, reader, f"Comment number {i} about the hours.")
            for i in range(30)
        ]
        accepted = sum(1 for s in statuses if s in (200, 302))

        # 3. reads: baseline robots.txt, anonymous thread (cached), 304, logged in.
        thread = f"/comments/article/{article}/"
        conn = http.client.HTTPConnection("127.0.0.1", ports[1], timeout=30)
        conn.request("GET", thread)
        first = conn.getresponse()
        first.read()
        etag = first.getheader("ETag") or ""
        conn.close()
        robots = _load(ports[0], [("GET", "/robots.txt", {}, b"")] * requests, 4, {200})
        anon = _load(ports[0], [("GET", thread, {}, b"")] * requests, 4, {200})
        api_path = f"/api/comments/?article={article}"
        api_anon = _load(ports[0], [("GET", api_path, {}, b"")] * requests, 4, {200})
        revalidate = _load(
            ports[0],
            [("GET", thread, {"If-None-Match": etag}, b"")] * requests,
            4,
            {304},
        )
        logged_in = _load(
            ports[0],
            [
                ("GET", thread, {"Cookie": f"sessionid={sessions[40 + i % 20]}"}, b"")
                for i in range(requests)
            ],
            4,
            {200},
        )
        base = robots["req_per_s"] or 1.0
        return {
            "flash_mob": {
                "one_process": one,
                "two_processes": both,
                "held_ratio_two_over_one": round(
                    both["held_by_flash_mob"] / max(1, one["held_by_flash_mob"]), 2
                ),
            },
            "rate_limit": {
                "posts": len(statuses),
                "accepted": accepted,
                "documented_limit_per_minute": POST_LIMIT,
                "accepted_over_limit": round(accepted / POST_LIMIT, 2),
                "statuses": statuses,
            },
            "reads": {
                "robots.txt (baseline)": robots,
                "thread GET anonymous (cached)": anon,
                "thread API GET anonymous (cached JSON)": api_anon,
                "thread GET If-None-Match (304)": revalidate,
                "thread GET logged-in (rendered)": logged_in,
                "ratio_anonymous_over_robots": round(anon["req_per_s"] / base, 2),
                "ratio_api_over_robots": round(api_anon["req_per_s"] / base, 2),
                "ratio_304_over_robots": round(revalidate["req_per_s"] / base, 2),
                "ratio_logged_in_over_robots": round(logged_in["req_per_s"] / base, 2),
                "ratio_anonymous_over_logged_in": round(
                    anon["req_per_s"] / max(logged_in["req_per_s"], 0.1), 2
                ),
            },
            "cpus": os.cpu_count(),
            "requests_per_read_scenario": requests,
        }
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument(
        "--pg-url", default="postgres://postgres@127.0.0.1:5432/vestnik_bench_stateless"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--child-seed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-count", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_seed:
        print(json.dumps(child_seed()))
        return 0
    if args.child_count:
        print(json.dumps(child_count(args.child_count)))
        return 0
    print(json.dumps(run(args.requests, args.pg_url, args.redis_url), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
