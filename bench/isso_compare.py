"""The issue's Goals (#14): Vestnik's read and write paths against Isso 0.14, one run.

    python -m bench isso_compare
    python -m bench.isso_compare --seconds 5 --rounds 2 --concurrency 4

Isso (a small Python comment server, https://isso-comments.de) is installed from
PyPI into its own virtualenv, var/bench/isso-venv, with every dependency pinned
(ISSO_PINS). Both servers run side by side on loopback under the same gunicorn
(2 sync workers, access log on, 60 s timeout: what `vestnik serve` starts), each
on its own fresh SQLite database under var/bench/isso_compare/.

The same 200-comment thread (140 top-level, 60 replies, the same texts) goes into
both: into Isso through its own API (POST /new?uri=...), into Vestnik as stored
rows (the engine is not what the reads measure). The same keep-alive client
(bench/web_comments.py's `_load`, `--concurrency` threads, a fixed time per
target) then measures, interleaved round by round:

- Isso: GET /?uri=<thread> (the whole thread as JSON) and POST /new (no
  moderation, no guard: Isso's cheapest write);
- Vestnik: /robots.txt (the framework's floor on this machine, for scale), the
  thread API (/api/comments/?article=), the thread HTML fragment
  (/comments/article/<id>/), the article page with its thread, the same fragment
  and article page for a logged-in reader (with reactions of their own), and a
  comment POST by a logged-in reader through the full engine (the encoder
  included) into a second article, so the read thread stays as it was.

Vestnik's per-account and per-address posting limits are raised for the run
(VESTNIK_COMMUNITY_POST_RATE_USER/IP=100000, bench/web_comments.py's `_env`):
every request comes from 127.0.0.1 and the posts rotate over 200 readers; the
bench measures throughput, not the limits. Isso's guard (its rate limit) is
off for the same reason.

Figures per target: requests/s over all rounds, the median p50 and the worst
p99 of the rounds, and the ratio to Isso's figure from the same run. The goals
of #14 are printed as met / not met; the JSON goes to var/bench/isso_compare.json.
"""

from __future__ import annotations

# ruff: noqa: S603 - the bench runs our own interpreter, pip and gunicorn
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.web_comments import _env, _load, _post_request, _text
from bench.web_pages import _free_port
from vestnik.commands.serve import GUNICORN_CONFIG

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
ISSO_VENV = BENCH_DIR / "isso-venv"
# Isso 0.14.0 and what it needs on Python 3.11, pinned; gunicorn as Vestnik's.
ISSO_PINS = [
    "isso==0.14.0",
    "bleach==6.4.0",
    "cffi==2.1.1",
    "html5lib==1.1",
    "itsdangerous==2.2.0",
    "Jinja2==3.1.6",
    "MarkupSafe==3.0.4",
    "misaka==2.1.1",
    "mistune==3.4.0",
    "pycparser==3.12",
    "six==1.17.0",
    "webencodings==0.6.1",
    "Werkzeug==3.1.9",
    "setuptools==65.5.0",
    "gunicorn==27.0.1",
]
COMMENTS = 200
ROOTS = 140
READERS = 200
THREAD_URI = "/news/council-approves-library-budget/"
POST_URI = "/news/council-approves-library-budget-posts/"
GUNICORN = ["--workers", "2", "--access-logfile", "-", "--timeout", "60"]


def thread_plan(n: int = COMMENTS, roots: int = ROOTS) -> list[tuple[str, int | None]]:
    """The thread both servers get: (text, index of the parent or None), in order."""
    rng = random.Random(14)  # noqa: S311 - synthetic data
    plan: list[tuple[str, int | None]] = [(_text(rng, i), None) for i in range(roots)]
    plan += [(_text(rng, i), rng.randrange(roots)) for i in range(roots, n)]
    return plan


# --- Isso -------------------------------------------------------------------


def isso_venv() -> Path:
    """var/bench/isso-venv with ISSO_PINS installed (once; a stamp file remembers)."""
    stamp = ISSO_VENV / ".pins"
    if stamp.exists() and stamp.read_text() == "\n".join(ISSO_PINS):
        return ISSO_VENV
    shutil.rmtree(ISSO_VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(ISSO_VENV)], check=True)
    subprocess.run(
        [str(ISSO_VENV / "bin" / "pip"), "install", "--quiet", *ISSO_PINS],
        check=True,
    )
    stamp.write_text("\n".join(ISSO_PINS))
    return ISSO_VENV


def isso_config(workdir: Path, site_port: int) -> Path:
    config = workdir / "isso.cfg"
    config.write_text(
        "\n".join(
            [
                "[general]",
                f"dbpath = {workdir / 'comments.db'}",
                f"host = http://127.0.0.1:{site_port}/",
                "notify = stdout",
                "[moderation]",
                "enabled = false",
                "[guard]",
                "enabled = false",
                "[server]",
                "listen = http://127.0.0.1:0/",
                "",
            ]
        )
    )
    return config


def _json(port: int, method: str, path: str, body: dict[str, Any]) -> Any:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            method,
            path,
            body=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        response = conn.getresponse()
        data = response.read()
        if response.status not in (200, 201, 202):
            raise RuntimeError(
                f"Isso {method} {path}: {response.status} {data[:200]!r}"
            )
        return json.loads(data)
    finally:
        conn.close()


def seed_isso(port: int, plan: list[tuple[str, int | None]]) -> None:
    ids: list[int] = []
    for i, (text, parent) in enumerate(plan):
        created = _json(
            port,
            "POST",
            f"/new?uri={THREAD_URI}",
            {
                "text": text,
                "author": f"Bench {i % READERS}",
                "parent": ids[parent] if parent is not None else None,
                "title": "Council approves the library budget",
            },
        )
        ids.append(int(created["id"]))
    _json(
        port,
        "POST",
        f"/new?uri={POST_URI}",
        {"text": "The first comment.", "title": "Posts", "author": "Bench"},
    )


def _isso_post(n: int) -> tuple[str, str, dict[str, str], bytes]:
    body = {"text": _text(random.Random(n), n), "author": f"Bench {n % READERS}"}  # noqa: S311
    return (
        "POST",
        f"/new?uri={POST_URI}",
        {"Content-Type": "application/json"},
        json.dumps(body).encode(),
    )


# --- Vestnik ----------------------------------------------------------------


def seed_vestnik(plan_file: str) -> dict[str, Any]:
    """Runs in a child with the bench's environment: the thread, readers, sessions."""
    from datetime import timedelta

    import django

    django.setup()
    from django.utils import timezone

    from vestnik.accounts.models import User
    from vestnik.community.actions.comments import PATH_WIDTH, recount_thread
    from vestnik.community.actions.threads import bump_thread
    from vestnik.community.formatting import render_body
    from vestnik.community.models import Comment, CommentStatus, Reaction
    from vestnik.community.seed import session_key
    from vestnik.news.models import Article, ArticleStatus, Section

    plan = [(text, parent) for text, parent in json.loads(Path(plan_file).read_text())]
    section, _ = Section.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    joined = timezone.now() - timedelta(days=100)
    readers = User.objects.bulk_create(
        [
            User(
                username=f"bench{i}",
                email=f"bench{i}@bench.example",
                display_name=f"Bench {i}",
                date_joined=joined,
            )
            for i in range(READERS)
        ]
    )
    articles = []
    for slug in ("council-approves-library-budget", "library-budget-posts"):
        articles.append(
            Article.objects.create(
                headline="Council approves the library budget",
                slug=slug,
                section=section,
                status=ArticleStatus.PUBLISHED,
                standfirst="The council voted to extend library opening hours.",
                body_text="Libraries across the city will open longer after the vote.",
                publish_at=timezone.now() - timedelta(days=1),
            )
        )
    article = articles[0]
    start = timezone.now() - timedelta(hours=20)
    saved: list[Comment] = []
    for i, (text, parent_index) in enumerate(plan):
        parent = saved[parent_index] if parent_index is not None else None
        comment = Comment.objects.create(
            article=article,
            author=readers[i % READERS],
            body=text,
            body_html=render_body(text),
            status=CommentStatus.PUBLISHED,
            parent=parent,
            depth=1 if parent else 0,
            created_at=start + timedelta(seconds=5 * i),
        )
        comment.root_id = parent.pk if parent else comment.pk
        own = str(comment.pk).zfill(PATH_WIDTH)
        comment.path = f"{parent.path}/{own}" if parent else own
        comment.save(update_fields=["root_id", "path"])
        saved.append(comment)
    for root in saved[:ROOTS]:
        root.reply_count = sum(1 for c in saved if c.parent_id == root.pk)
    Comment.objects.bulk_update(saved[:ROOTS], ["reply_count"])
    # The logged-in reader reacts to a few comments (their own state on the page).
    member = User.objects.create_user(
        username="bench-member", email="member@bench.example", date_joined=joined
    )
    for comment in saved[ROOTS - 20 : ROOTS]:
        Reaction.objects.create(comment=comment, user=member, kind="agree")
    for each in articles:
        recount_thread(each.pk)
        bump_thread(each.pk)
    sessions = []
    for user in [member, *readers]:
        sessions.append(session_key(user))
    return {
        "article": article.pk,
        "article_url": article.get_absolute_url(),
        "post_article": articles[1].pk,
        "member_session": sessions[0],
        "sessions": sessions[1:],
    }


# --- the run ----------------------------------------------------------------


def _start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        argv,
        env=env,
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait(port: int, path: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited early")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"no answer on port {port}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    server.wait(timeout=30)


def _combine(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    requests = sum(r["requests"] for r in rounds)
    wall = sum(r["wall_s"] for r in rounds)
    return {
        "requests": requests,
        "errors": sum(r["errors"] for r in rounds),
        "first_error": next(
            (r["first_error"] for r in rounds if r["first_error"]), None
        ),
        "req_per_s": round(requests / wall, 1) if wall else 0.0,
        "p50_ms": round(
            statistics.median(r["p50_ms"] for r in rounds if r["p50_ms"]), 1
        ),
        "p99_ms": max(r["p99_ms"] or 0 for r in rounds),
        "rounds_req_per_s": [r["req_per_s"] for r in rounds],
    }


def prepare_vestnik(env: dict[str, str], plan_file: Path) -> dict[str, Any]:
    """Migrate and collect static files for the Vestnik site in ``env``, then
    store the thread of ``plan_file`` in it (a child process, so the bench's
    own process never holds Django settings); returns what the child seeded."""
    py = sys.executable
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([py, "-m", "django", *command], env=env, cwd=ROOT, check=True)
    out = subprocess.run(
        [py, "-m", "bench.isso_compare", "--child-seed", str(plan_file)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[-1]
    seeded: dict[str, Any] = json.loads(out)
    return seeded


def run(seconds: float = 5.0, rounds: int = 2, concurrency: int = 4) -> dict[str, Any]:
    workdir = BENCH_DIR / "isso_compare"
    shutil.rmtree(workdir, ignore_errors=True)
    (workdir / "isso").mkdir(parents=True)
    venv = isso_venv()
    plan = thread_plan()
    plan_file = workdir / "thread.json"
    plan_file.write_text(json.dumps(plan))

    env = _env(workdir / "vestnik", "")
    seeded = prepare_vestnik(env, plan_file)
    py = sys.executable
    vestnik_port, isso_port = _free_port(), _free_port()
    isso_env = {
        "PATH": os.environ.get("PATH", ""),
        "ISSO_SETTINGS": str(isso_config(workdir / "isso", vestnik_port)),
    }
    vestnik = _start(
        [str(Path(py).parent / "gunicorn"), "vestnik.site.wsgi:application"]
        + ["--config", GUNICORN_CONFIG]  # as `vestnik serve`: workers warm up
        + ["--bind", f"127.0.0.1:{vestnik_port}", *GUNICORN],
        env,
        workdir / "vestnik.log",
    )
    isso = _start(
        [str(venv / "bin" / "gunicorn"), "isso.run"]
        + ["--bind", f"127.0.0.1:{isso_port}", *GUNICORN],
        isso_env,
        workdir / "isso.log",
    )
    try:
        _wait(vestnik_port, "/healthz", vestnik)
        _wait(isso_port, "/info", isso)
        seed_isso(isso_port, plan)
        report = _measure(vestnik_port, isso_port, seeded, seconds, rounds, concurrency)
    finally:
        _stop(vestnik)
        _stop(isso)
    report["config"] = {
        "comments": COMMENTS,
        "clients": concurrency,
        "seconds_per_round": seconds,
        "rounds": rounds,
        "gunicorn": "2 sync workers each",
        "database": "SQLite each",
        "isso": ISSO_PINS[0],
        "cpus": os.cpu_count(),
    }
    _table(report)
    out = BENCH_DIR / "isso_compare.json"
    out.write_text(json.dumps(report, indent=2))
    print(f"written to {out.relative_to(ROOT)}")
    return report


def _measure(
    vestnik_port: int,
    isso_port: int,
    seeded: dict[str, Any],
    seconds: float,
    rounds: int,
    concurrency: int,
) -> dict[str, Any]:
    article = seeded["article"]
    member = {"Cookie": f"sessionid={seeded['member_session']}"}
    many = 200_000
    gets: dict[str, tuple[int, tuple[str, str, dict[str, str], bytes]]] = {
        "isso thread JSON": (isso_port, ("GET", f"/?uri={THREAD_URI}", {}, b"")),
        # Django's floor on this machine: a view without a query or a template.
        "robots.txt (floor)": (vestnik_port, ("GET", "/robots.txt", {}, b"")),
        "thread API, anonymous": (
            vestnik_port,
            ("GET", f"/api/comments/?article={article}", {}, b""),
        ),
        "thread fragment, anonymous": (
            vestnik_port,
            ("GET", f"/comments/article/{article}/", {}, b""),
        ),
        "article page, anonymous": (
            vestnik_port,
            ("GET", seeded["article_url"], {}, b""),
        ),
        "thread fragment, logged in": (
            vestnik_port,
            ("GET", f"/comments/article/{article}/", member, b""),
        ),
        "article page, logged in": (
            vestnik_port,
            ("GET", seeded["article_url"], member, b""),
        ),
    }
    sessions = seeded["sessions"]
    post_path = f"/comments/article/{seeded['post_article']}/post/"
    posted = {"isso": 0, "vestnik": 0}

    def posts(kind: str) -> list[tuple[str, str, dict[str, str], bytes]]:
        start = posted[kind]
        posted[kind] += 20_000
        if kind == "isso":
            return [_isso_post(start + i) for i in range(20_000)]
        return [
            (
                "POST",
                post_path,
                *_post_request(sessions[(start + i) % len(sessions)], start + i),
            )
            for i in range(20_000)
        ]

    # Warm both: templates, caches, each worker's engine (its encoder) and Isso's.
    for port, request in gets.values():
        _load(port, [request] * 8, concurrency, {200})
    _load(isso_port, posts("isso")[:8], concurrency, {201, 202})
    _load(vestnik_port, posts("vestnik")[:8], concurrency, {200, 302})
    measured: dict[str, list[dict[str, Any]]] = {}
    for _ in range(rounds):
        for name, (port, request) in gets.items():
            measured.setdefault(name, []).append(
                _load(port, [request] * many, concurrency, {200}, seconds)
            )
        measured.setdefault("isso POST /new", []).append(
            _load(isso_port, posts("isso"), concurrency, {201, 202}, seconds)
        )
        measured.setdefault("comment POST, full engine", []).append(
            _load(vestnik_port, posts("vestnik"), concurrency, {200, 302}, seconds)
        )
    results = {name: _combine(r) for name, r in measured.items()}
    isso_get = results["isso thread JSON"]["req_per_s"] or 1.0
    isso_post = results["isso POST /new"]["req_per_s"] or 1.0
    for name, figures in results.items():
        base = isso_post if "POST" in name else isso_get
        figures["vs_isso"] = round(figures["req_per_s"] / base, 2)
    return {"results": results, "goals": _goals(results)}


def _goals(results: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    def ratio(name: str) -> float:
        return float(results[name]["vs_isso"])

    api, fragment = (
        results["thread API, anonymous"],
        results["thread fragment, anonymous"],
    )
    logged_in = min(
        ratio("thread fragment, logged in"), ratio("article page, logged in")
    )
    return [
        {
            "goal": "thread GET, anonymous: >= 10x Isso and p99 <= 50 ms",
            "figure": f"API {api['vs_isso']}x p99 {api['p99_ms']} ms; "
            f"fragment {fragment['vs_isso']}x p99 {fragment['p99_ms']} ms",
            "met": min(api["vs_isso"], fragment["vs_isso"]) >= 10
            and max(api["p99_ms"], fragment["p99_ms"]) <= 50,
        },
        {
            "goal": "article page with its thread: >= 10x Isso's thread JSON",
            "figure": f"{ratio('article page, anonymous')}x",
            "met": ratio("article page, anonymous") >= 10,
        },
        {
            "goal": "logged-in reader: >= 3x Isso",
            "figure": f"fragment {ratio('thread fragment, logged in')}x, "
            f"article page {ratio('article page, logged in')}x",
            "met": logged_in >= 3,
        },
        {
            "goal": "comment POST, full engine: >= Isso's POST req/s",
            "figure": f"{ratio('comment POST, full engine')}x",
            "met": ratio("comment POST, full engine") >= 1,
        },
    ]


def _table(report: dict[str, Any]) -> None:
    config = report["config"]
    print(
        f"{config['comments']}-comment thread, {config['clients']} keep-alive clients, "
        f"{config['rounds']} rounds x {config['seconds_per_round']:g} s per target; "
        f"gunicorn x2 and SQLite each; {config['isso']}"
    )
    print(
        f"{'target':30}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs Isso':>9}"
    )
    for name, f in report["results"].items():
        print(
            f"{name:30}{f['req_per_s']:>9}{f['p50_ms']:>9}{f['p99_ms']:>9}"
            f"{f['errors']:>8}{f['vs_isso']:>9}"
        )
    for goal in report["goals"]:
        mark = "met" if goal["met"] else "NOT MET"
        print(f"[{mark}] {goal['goal']}: {goal['figure']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--child-seed", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_seed:
        print(json.dumps(seed_vestnik(args.child_seed)))
        return 0
    run(args.seconds, args.rounds, args.concurrency)
    return 0


if __name__ == "__main__":
    sys.exit(main())
