"""Redis stopped: pages are served, posting works, limits and engine state hold.

A Redis server of the drill's own is the site's cache and broker (production
settings: tasks go to the broker, not run in the request). It is killed with
SIGKILL, and then, as anonymous and logged-in readers over HTTP:

- the front page, the article page, the thread and the thread API answer 200
  (cache misses; vestnik/site/cache.py);
- a clean comment is posted and published;
- one reader posting fast is stopped at the documented 12 comments a minute
  (the counters fall back to the database: vestnik/site/counters.py);
- the engine's state still works (it lives in the database,
  vestnik/moderation/adapters.py): the same text from several readers is held
  as a flash mob, a reader's sixth comment in a minute in one thread as
  flooding;
- `/readyz` answers 503 naming the cache; after Redis is started again it
  answers 200 with no web process restarted.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from vestnik.faults.report import Drill
from vestnik.faults.services import Redis, ServiceMissing
from vestnik.faults.site import Site
from vestnik.faults.web import post_comment, request

POST_LIMIT = 12  # VESTNIK_COMMUNITY_POST_RATE_USER's documented default


def run(drill: Drill, workdir: Path, **_: Any) -> None:
    try:
        redis = Redis(workdir)
    except ServiceMissing as exc:
        drill.skip(str(exc))
        return
    server = None
    try:
        redis.start()
        site = Site(workdir, redis_url=redis.url)
        site.migrate()
        seeded = site.child("seed", 8)
        sessions = seeded["sessions"]
        article, path = seeded["article"], seeded["path"]
        server, port = site.serve(workers=2)
        drill.step(
            f"redis-server of the drill's own on :{redis.port}; vestnik serve on :{port}"
        )
        marker = uuid.uuid4().hex[:10]
        warm = post_comment(
            port, article, sessions[0], f"Warm-up before the outage [{marker}]"
        )
        drill.step(f"with Redis up: a comment posted ({warm.status}), pages cached")
        ready_before = request(port, "GET", "/readyz").status

        redis.kill()
        drill.step("redis-server killed (SIGKILL)")
        pages = {}
        started = time.monotonic()
        for url in [
            "/",
            path,
            f"/comments/article/{article}/",
            f"/api/comments/?article={article}",
        ]:
            pages[url] = request(port, "GET", url).status
        drill.figure(
            "seconds for 4 pages without Redis", round(time.monotonic() - started, 2)
        )
        clean = post_comment(
            port,
            article,
            sessions[1],
            f"The council should publish the budget before the vote. [{marker}-clean]",
        )

        # One reader, as fast as it can: 12 a minute, whichever process answers.
        # The limit counts in fixed minute windows: start the burst early in
        # one, so that a slow machine cannot spread it over two.
        into_window = time.time() % 60
        if into_window > 20:
            time.sleep(60 - into_window + 0.5)
        fast = [
            post_comment(
                port,
                article,
                sessions[2],
                f"Budget question number {n}: when will the council vote on item {n}? "
                f"[{marker}-fast]",
            ).status
            for n in range(POST_LIMIT + 3)
        ]
        # The same campaign text from four readers: a flash mob.
        mob_text = (
            "Everyone must read the truth about the budget vote, share this "
            f"before they hide it! [{marker}-mob]"
        )
        mob = [post_comment(port, article, s, mob_text).status for s in sessions[3:7]]
        ready_down = request(port, "GET", "/readyz")

        redis.start()
        drill.step("redis-server started again on the same port")
        ready_after = _ready_within(port, 30)
        clean_stored = site.child("comments", f"{marker}-clean")
        fast_stored = site.child("comments", f"{marker}-fast")
        mob_stored = site.child("comments", f"{marker}-mob")
    finally:
        if server is not None:
            server.stop()
        redis.kill()

    drill.check(ready_before == 200, f"/readyz with Redis up: {ready_before}")
    drill.check(set(pages.values()) == {200}, f"pages served without Redis: {pages}")
    drill.check(
        clean.status == 302 and clean_stored["statuses"] == {"published": 1},
        f"a clean comment posted and published without Redis ({clean.status}; "
        f"statuses {clean_stored['statuses']})",
    )
    accepted = fast.count(302)
    drill.figure("fast reader: posts accepted of 15 (limit 12 a minute)", accepted)
    drill.check(
        accepted == POST_LIMIT and fast[POST_LIMIT:] == [429] * 3,
        f"the posting limit held without Redis: {accepted} accepted, then "
        f"{fast[POST_LIMIT:]}",
    )
    drill.check(
        fast_stored["rules"].get("flooding", 0) > 0,
        f"flooding caught without Redis: rules fired {fast_stored['rules']}",
    )
    drill.check(
        mob == [302] * 4 and mob_stored["rules"].get("flash-mob", 0) >= 2,
        f"flash mob caught without Redis: {mob_stored['rules'].get('flash-mob', 0)} "
        f"of 4 held ({mob_stored['statuses']})",
    )
    cache_check = (
        ready_down.json()["checks"]["cache"] if ready_down.status == 503 else {}
    )
    drill.check(
        ready_down.status == 503 and not cache_check.get("ok", True),
        f"/readyz without Redis: {ready_down.status}, cache: {cache_check.get('detail', '')[:80]}",
    )
    drill.check(ready_after, "/readyz answers 200 again once Redis is back")
    drill.check(
        all(
            s["without_decision"] == 0 for s in (clean_stored, fast_stored, mob_stored)
        ),
        "every comment stored with its engine decision",
    )


def _ready_within(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if request(port, "GET", "/readyz").status == 200:
            return True
        time.sleep(0.5)
    return False
