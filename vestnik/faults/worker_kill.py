"""A Celery worker killed with SIGKILL mid-task: the task runs again once.

The task is a real one, webhook delivery (`vestnik.workers.integrations.
deliver_webhook`), made slow by its receiver: a small HTTP server in this
process that holds the first request of each round open while the drill kills
the worker. Two rounds:

1. **The pool process dies** (the OOM killer's favourite): the worker's main
   process sees its child lost and, because tasks are `reject_on_worker_lost`,
   puts the message back at once; the same worker runs it again.
2. **The whole worker dies** (the machine, the container): nobody is left to
   put it back. The message stays unacknowledged in Redis and a restarted
   worker receives it again once `VESTNIK_BROKER_VISIBILITY_TIMEOUT` has
   passed (short here; an hour by default).

Checked in the database and at the receiver: every delivery is marked
delivered, the killed task's delivery reached the receiver twice (the cut-off
attempt and the rerun, both with the same Idempotency-Key, which is how a
receiver drops the repeat), every other delivery once; nothing is lost.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from vestnik.faults.processes import Process
from vestnik.faults.report import Drill
from vestnik.faults.services import Redis, ServiceMissing
from vestnik.faults.site import Site

EVENTS = 4
VISIBILITY_TIMEOUT = 8


class Receiver:
    """Counts deliveries by key; holds the first request of a round open."""

    def __init__(self) -> None:
        self.received: Counter[str] = Counter()
        self.hold_next = threading.Event()
        self.holding = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                key = self.headers.get("Idempotency-Key", "")
                receiver.received[key] += 1
                if receiver.hold_next.is_set():
                    receiver.hold_next.clear()
                    receiver.held_key = key
                    receiver.holding.set()
                    time.sleep(4)  # under the 5 s webhook timeout: a slow receiver
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.held_key = ""
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def hold_the_next_request(self) -> None:
        self.holding.clear()
        self.hold_next.set()

    def close(self) -> None:
        self.server.shutdown()


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(x) for x in text)
    return found


def _wait_delivered(site: Site, total: int, seconds: float) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = site.child("deliveries")
        if state["statuses"].get("delivered", 0) >= total:
            break
        time.sleep(1)
    return state


def _round(
    drill: Drill,
    site: Site,
    receiver: Receiver,
    worker: Process,
    *,
    whole_worker: bool,
    delivered_before: int,
) -> tuple[Process, str]:
    import os
    import signal

    receiver.hold_the_next_request()
    keys = site.child("emit", EVENTS, uuid.uuid4().hex)["keys"]
    drill.step(f"queued {len(keys)} webhook deliveries (one task each)")
    if not receiver.holding.wait(60):
        raise RuntimeError(
            f"no delivery reached the receiver:\n{worker.output[-2000:]}"
        )
    killed = receiver.held_key
    if whole_worker:
        worker.kill(signal.SIGKILL)
        drill.step(
            f"delivery {killed[:8]}… in flight: SIGKILL to the whole worker "
            f"(pid {worker.pid} and its pool)"
        )
        worker = Process.vestnik(
            site.env(), "worker", "--concurrency", "1", "--loglevel", "info"
        )
        worker.wait_for("ready.", 120)
        drill.step(
            f"a new worker started; the killed task comes back after the "
            f"{VISIBILITY_TIMEOUT} s visibility timeout"
        )
    else:
        [child] = _children(worker.pid)
        os.kill(child, signal.SIGKILL)
        drill.step(
            f"delivery {killed[:8]}… in flight: SIGKILL to the pool process "
            f"{child} (the worker's main process {worker.pid} lives)"
        )
    started = time.monotonic()
    _wait_delivered(site, delivered_before + len(keys), 120)
    drill.figure(
        f"{'worker' if whole_worker else 'pool process'} killed: seconds until all "
        "delivered",
        round(time.monotonic() - started, 1),
    )
    return worker, killed


def run(drill: Drill, workdir: Path, *, redis_url: str = "", **_: Any) -> None:
    own = None
    if not redis_url:
        try:
            own = Redis(workdir)
        except ServiceMissing as exc:
            drill.skip(str(exc))
            return
        own.start()
        redis_url = own.url
    try:
        _run(drill, workdir, redis_url)
    finally:
        if own is not None:
            own.kill()


def _run(drill: Drill, workdir: Path, redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()  # the drill's own database
    site = Site(
        workdir,
        redis_url=redis_url,
        extra={"VESTNIK_BROKER_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)},
    )
    site.migrate()
    receiver = Receiver()
    site.child("webhook", f"http://127.0.0.1:{receiver.port}/hook")
    drill.step(f"site in {workdir}, broker {redis_url}, receiver on :{receiver.port}")
    worker = Process.vestnik(
        site.env(), "worker", "--concurrency", "1", "--loglevel", "info"
    )
    try:
        worker.wait_for("ready.", 120)
        drill.step(f"vestnik worker started (pid {worker.pid}, one pool process)")
        killed = []
        for n, whole in enumerate([False, True]):
            worker, key = _round(
                drill,
                site,
                receiver,
                worker,
                whole_worker=whole,
                delivered_before=n * EVENTS,
            )
            killed.append(key)
        state = site.child("deliveries")
    finally:
        worker.stop()
        receiver.close()

    total = 2 * EVENTS
    drill.check(
        state["rows"] == total and state["statuses"].get("delivered") == total,
        f"all {total} deliveries delivered (database: {state['statuses']})",
    )
    reruns = [receiver.received[key] for key in killed]
    drill.check(
        reruns == [2, 2],
        f"each killed task ran again exactly once (its delivery reached the "
        f"receiver {reruns} times)",
    )
    others = [n for key, n in receiver.received.items() if key not in killed]
    drill.check(
        len(others) == total - 2 and set(others) == {1},
        f"every other delivery reached the receiver once ({len(others)} deliveries)",
    )
    drill.figure("deliveries lost", total - state["statuses"].get("delivered", 0))
    drill.figure(
        "deliveries doubled (beyond the killed attempt)",
        sum(n - 1 for n in others) + sum(max(0, n - 2) for n in reruns),
    )
