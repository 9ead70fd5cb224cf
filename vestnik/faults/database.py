"""PostgreSQL stopped under posting load: 503 + Retry-After, nothing half-written.

A PostgreSQL cluster of the drill's own, `vestnik serve` (gunicorn, two
workers) on it, and readers posting comments from several threads without a
pause. Mid-load the cluster is stopped with `pg_ctl -m immediate` (every
connection dropped at once, as in a crash), kept down a few seconds, and
started again. A reader who gets a 503 sends the same form again (same token),
as the 503 page tells them to.

Checked: no answer but 302 (posted) or 503 during the outage, never a 500;
every 503 carries `Retry-After`; the article page says "Briefly unavailable"
and the API answers JSON while the database is down; every comment in the
database has exactly one engine decision; no token is stored twice; every post
that was answered 302 is stored; the site serves again by itself after the
restart (no process restarted).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from vestnik.faults.report import Drill
from vestnik.faults.services import Postgres, ServiceMissing
from vestnik.faults.site import Site
from vestnik.faults.web import post_comment, request

READERS = 4
DOWN_SECONDS = 6.0


class Load:
    """Readers posting without a pause; a 503 is answered by resending the form."""

    def __init__(self, port: int, article: int, sessions: list[str], marker: str):
        self.port, self.article, self.marker = port, article, marker
        self.sessions = sessions
        self.stop = threading.Event()
        self.statuses: Counter[int] = Counter()
        self.without_retry_after = 0
        self.accepted: set[str] = set()
        self.resent = 0
        self.errors: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._reader, args=(n,), daemon=True)
            for n in range(READERS)
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(60)

    def _reader(self, n: int) -> None:
        session = self.sessions[n]
        seq = 0
        while not self.stop.is_set():
            seq += 1
            token = str(uuid.uuid4())
            body = (
                f"Reader {n} asks the council to publish budget figure {seq} "
                f"before the vote. [{self.marker}]"
            )
            while True:
                try:
                    answer = post_comment(self.port, self.article, session, body, token)
                except OSError as exc:  # the server itself never went away
                    with self._lock:
                        self.errors[type(exc).__name__] += 1
                    time.sleep(0.5)
                    continue
                with self._lock:
                    self.statuses[answer.status] += 1
                    if answer.status == 503 and "retry-after" not in answer.headers:
                        self.without_retry_after += 1
                    if answer.status == 302:
                        self.accepted.add(token)
                if answer.status != 503:
                    break
                with self._lock:
                    self.resent += 1
                time.sleep(
                    0.5
                )  # the page says "in a few seconds"; a drill is impatient


def run(drill: Drill, workdir: Path, **_: Any) -> None:
    try:
        postgres = Postgres(workdir)
    except ServiceMissing as exc:
        drill.skip(str(exc))
        return
    server = None
    try:
        postgres.create()
        drill.step(f"PostgreSQL cluster of the drill's own on port {postgres.port}")
        # Enough sessions that the per-account ceiling (12 a minute) never
        # answers 429 during the drill: each reader uses its own account once.
        site = Site(
            workdir,
            database_url=postgres.url,
            extra={"VESTNIK_COMMUNITY_POST_RATE_USER": "100000"},
        )
        site.migrate()
        seeded = site.child("seed", READERS)
        server, port = site.serve(workers=2)
        drill.step(f"vestnik serve (gunicorn, 2 workers) on port {port}")
        marker = uuid.uuid4().hex[:10]
        load = Load(port, seeded["article"], seeded["sessions"], marker)
        load.start()
        # Each gunicorn worker loads the engine on its first comment: wait
        # until the readers are posting at full speed before the outage.
        warm = time.monotonic()
        while len(load.accepted) < 2 * READERS and time.monotonic() - warm < 120:
            time.sleep(0.2)
        time.sleep(2)
        before = sum(load.statuses.values())
        postgres.stop("immediate")
        stopped = time.monotonic()
        drill.step(f"{before} posts answered; PostgreSQL stopped (-m immediate)")

        time.sleep(1.0)
        page = request(port, "GET", seeded["path"])
        api = request(port, "GET", f"/api/comments/?article={seeded['article']}")
        while time.monotonic() - stopped < DOWN_SECONDS:
            time.sleep(0.2)
        during = dict(load.statuses)
        postgres.start()
        restarted = time.monotonic()
        drill.step(f"PostgreSQL started again after {restarted - stopped:.1f} s")
        recovered = _first_success(port, seeded["path"], 60)
        drill.figure(
            "seconds from PostgreSQL's restart to the next page served", recovered
        )
        time.sleep(3)
        load.finish()
        stored = site.child("comments", marker)
    finally:
        if server is not None:
            server.stop()
        postgres.destroy()

    statuses = dict(load.statuses)
    drill.figure("answers (status: count)", statuses)
    drill.figure("forms resent after a 503", load.resent)
    drill.check(
        set(statuses) <= {302, 503} and 302 in statuses,
        f"only 302 (posted) and 503 (database down) answered, no 500: {statuses}",
    )
    drill.check(
        during.get(503, 0) > 0 or page.status == 503, "posts during the outage got 503"
    )
    drill.check(load.without_retry_after == 0, "every 503 carries Retry-After")
    drill.check(
        page.status == 503
        and "Briefly unavailable" in page.text
        and page.headers.get("retry-after", "").isdigit(),
        f"the article page during the outage: {page.status}, a clear HTML page "
        "with Retry-After",
    )
    drill.check(
        api.status == 503
        and api.headers.get("content-type", "").startswith("application/json")
        and "retry_after" in api.json(),
        f"the thread API during the outage: {api.status}, JSON with retry_after",
    )
    drill.check(recovered >= 0, "the site served again by itself after the restart")
    drill.check(
        stored["without_decision"] == 0 and stored["with_two_decisions"] == 0,
        f"{stored['stored']} comments stored, each with exactly one engine decision "
        f"(without: {stored['without_decision']}, with two: "
        f"{stored['with_two_decisions']})",
    )
    drill.check(stored["doubled_tokens"] == 0, "no form stored twice (same token)")
    lost = load.accepted - set(stored["tokens"])
    drill.check(not lost, f"every post answered 302 is stored ({len(lost)} lost)")
    drill.check(
        not load.errors,
        f"no connection errors from the web server: {dict(load.errors)}",
    )
    drill.figure("comments lost", len(lost))
    drill.figure("comments doubled", stored["doubled_tokens"])


def _first_success(port: int, path: str, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if request(port, "GET", path).status == 200:
                return round(time.monotonic() - started, 2)
        except OSError:
            pass
        time.sleep(0.1)
    return -1.0
