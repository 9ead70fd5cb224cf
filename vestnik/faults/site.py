"""A throwaway Vestnik site for one drill: its own folder, database and services.

The drill process never sets Django up itself: several drills need different
databases, and Django is set up once per process. Everything that reads or
writes the site's database runs in a child (`python -m vestnik.faults.child
FUNCTION ARGS`) with the site's environment, and prints one JSON line back.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vestnik.faults.processes import ROOT, Process, free_port, run, wait_http


@dataclass
class Site:
    workdir: Path
    database_url: str = ""  # empty: SQLite in workdir
    redis_url: str = ""  # empty: no Redis, tasks run in the web process
    extra: dict[str, str] = field(default_factory=dict)

    def env(self, **overrides: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("VESTNIK_", "CELERY_", "DJANGO_"))
            and key not in {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "STATIC_ROOT"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="vestnik.site.settings",
            PYTHONPATH=str(ROOT),
            VESTNIK_VAR_DIR=str(self.workdir / "var"),
            STATIC_ROOT=str(self.workdir / "static"),
            SECRET_KEY="faults-drill-" + self.workdir.name,
            DEBUG="0",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            ACCOUNT_EMAIL_VERIFICATION="none",
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            # Every request comes from 127.0.0.1: lift the per-address ceiling.
            VESTNIK_COMMUNITY_POST_RATE_IP="100000",
            LOG_LEVEL="WARNING",
        )
        env.update(self.extra)
        env.update(overrides)
        return env

    def migrate(self) -> None:
        (self.workdir / "var").mkdir(parents=True, exist_ok=True)
        run(
            [sys.executable, "-m", "vestnik.cli", "manage", "migrate", "-v0"],
            self.env(),
        )

    def child(self, function: str, *args: Any) -> Any:
        """Run vestnik.faults.child.<function>(*args) in the site; its JSON result."""
        out = run(
            [
                sys.executable,
                "-m",
                "vestnik.faults.child",
                function,
                *(json.dumps(arg) for arg in args),
            ],
            self.env(),
        )
        return json.loads(out.strip().splitlines()[-1])

    def serve(
        self, workers: int = 2, port: int | None = None, **overrides: str
    ) -> tuple[Process, int]:
        port = port or free_port()
        process = Process.vestnik(
            self.env(**overrides),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        )
        try:
            wait_http(port)
        except RuntimeError as exc:
            process.stop()
            raise RuntimeError(
                f"vestnik serve did not start:\n{process.output[-2000:]}"
            ) from exc
        return process, port
