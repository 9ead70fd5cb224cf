"""The abuse model's file missing or damaged: held for a human, and /readyz says why.

Two servers on one throwaway site:

1. `VESTNIK_TASK_MODEL` names a copy of the shipped model cut off after 4 KB
   (a copy that ran out of disk). `/readyz` answers 503 naming the engine and
   the policy; a clean comment is held for a moderator, with a statement of
   reasons that says a check could not be completed. Then the file is
   replaced by a whole copy, and, with no restart, readiness comes back
   (within the probe's 30 s) and the next clean comment is published.
2. `VESTNIK_TASK_MODEL` names a file that does not exist, with
   `VESTNIK_MODERATION_ON_ENGINE_ERROR=heuristics`: a clean comment is
   published, a comment in capitals is still held by the `form` rule.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

from vestnik.faults.processes import Process
from vestnik.faults.report import Drill
from vestnik.faults.site import Site
from vestnik.faults.web import post_comment, request

CLEAN = "Longer opening hours will help students who work during the day. I hope the council also funds more books."
CAPS = "THE COUNCIL NEVER LISTENS TO ANYONE AND THE BUDGET IS A COMPLETE JOKE EVERY SINGLE YEAR"


def _engine(port: int) -> tuple[int, str]:
    answer = request(port, "GET", "/readyz", timeout=120)
    return answer.status, answer.json()["checks"]["engine"]["detail"]


def _ready_within(port: int, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if request(port, "GET", "/readyz", timeout=120).status == 200:
            return round(time.monotonic() - started, 1)
        time.sleep(1)
    return -1.0


def run(drill: Drill, workdir: Path, **_: Any) -> None:
    from vestnik.engine.encoder import SHIPPED_TASK_MODEL

    if not SHIPPED_TASK_MODEL.is_file():
        drill.skip(f"no shipped model at {SHIPPED_TASK_MODEL}")
        return
    site = Site(workdir)
    site.migrate()
    seeded = site.child("seed", 2)
    article, sessions = seeded["article"], seeded["sessions"]
    damaged = workdir / "abuse.safetensors"
    damaged.write_bytes(SHIPPED_TASK_MODEL.read_bytes()[:4096])
    sidecar = SHIPPED_TASK_MODEL.with_suffix(".json")
    if sidecar.is_file():
        shutil.copyfile(sidecar, damaged.with_suffix(".json"))
    marker = uuid.uuid4().hex[:10]

    server: Process | None = None
    try:
        server, port = site.serve(workers=1, VESTNIK_TASK_MODEL=str(damaged))
        drill.step(f"vestnik serve on :{port} with a model file cut off at 4 KB")
        status, detail = _engine(port)
        drill.check(
            status == 503 and "comments are held" in detail,
            f"/readyz: {status}, engine: {detail[:110]}",
        )
        post_comment(port, article, sessions[0], f"{CLEAN} [{marker}-held]")
        held = site.child("comments", f"{marker}-held")
        drill.check(
            held["statuses"] == {"held": 1} and held["without_decision"] == 0,
            f"a clean comment was held for a moderator: {held['statuses']}",
        )

        whole = damaged.with_name(".abuse.partial")
        shutil.copyfile(SHIPPED_TASK_MODEL, whole)
        os.replace(whole, damaged)
        drill.step("the model file replaced by a whole copy (no restart)")
        recovered = _ready_within(port, 90)
        drill.figure("seconds until /readyz answered 200 again", recovered)
        drill.check(recovered >= 0, "/readyz ready again without a restart")
        post_comment(port, article, sessions[0], f"{CLEAN} [{marker}-fixed]")
        fixed = site.child("comments", f"{marker}-fixed")
        drill.check(
            fixed["statuses"] == {"published": 1},
            f"the next clean comment was published: {fixed['statuses']}",
        )
    finally:
        if server is not None:
            server.stop()

    try:
        server, port = site.serve(
            workers=1,
            VESTNIK_TASK_MODEL=str(workdir / "missing.safetensors"),
            VESTNIK_MODERATION_ON_ENGINE_ERROR="heuristics",
        )
        drill.step(f"vestnik serve on :{port}, model file missing, policy: heuristics")
        status, detail = _engine(port)
        drill.check(
            status == 503 and "heuristics" in detail,
            f"/readyz: {status}, engine: {detail[:110]}",
        )
        post_comment(port, article, sessions[1], f"{CLEAN} [{marker}-heur]")
        post_comment(port, article, sessions[1], f"{CAPS} [{marker}-caps]")
        clean = site.child("comments", f"{marker}-heur")
        caps = site.child("comments", f"{marker}-caps")
        drill.check(
            clean["statuses"] == {"published": 1}
            and caps["statuses"] == {"held": 1}
            and caps["rules"].get("form") == 1,
            f"heuristics only: the clean comment {clean['statuses']}, the one in "
            f"capitals {caps['statuses']} by {caps['rules']}",
        )
    finally:
        server.stop()
