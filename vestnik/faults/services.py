"""Throwaway PostgreSQL and Redis servers that a drill may stop and start.

They run from the machine's binaries on a free port, with their data in the
drill's folder, so that stopping them never touches the machine's own servers.
PostgreSQL refuses to run as root: as root, the cluster runs as `postgres`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
from pathlib import Path

from vestnik.faults.processes import Process, free_port


class ServiceMissing(RuntimeError):
    """The binaries a drill needs are not installed (the drill is skipped)."""


def _postgres_bin() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise ServiceMissing("no PostgreSQL server binaries (initdb) on this machine")


class Postgres:
    def __init__(self, workdir: Path) -> None:
        self.bin = _postgres_bin()
        self.port = free_port()
        self.dir = workdir / "postgres"
        self.data = self.dir / "data"
        self.user: str | None = None
        self.dir.mkdir(parents=True)
        if os.geteuid() == 0:
            self.user = "postgres"
            try:
                owner = pwd.getpwnam(self.user)
            except KeyError as exc:
                raise ServiceMissing("running as root without a postgres user") from exc
            os.chmod(workdir, 0o755)  # noqa: S103 - the cluster's owner must reach it
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)

    def _run(self, *args: str) -> str:
        done = subprocess.run(  # noqa: S603 - the machine's PostgreSQL binaries
            [str(self.bin / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            check=False,
            user=self.user,
            cwd=self.dir,
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{args[0]} failed: {(done.stdout + done.stderr)[-1500:]}"
            )
        return done.stdout

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/vestnik"

    def create(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
        )
        self.start()
        self._run(
            "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "vestnik",
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c max_connections=60"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )

    def stop(self, mode: str = "immediate") -> None:
        """`immediate` drops every connection at once, as a crash does."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError):
                self.stop()


class Redis:
    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise ServiceMissing("no redis-server binary on this machine")
        self.binary = binary
        self.port = free_port()
        self.dir = workdir / "redis"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.process: Process | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = Process(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            dict(os.environ),
            name="redis-server",
        )
        self.process.wait_for("Ready to accept connections", 30)

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process = None
