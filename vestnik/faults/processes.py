"""Real processes for the fault drills: start, watch their output, kill.

Every process gets its own session (process group), so that a kill takes its
children with it: `vestnik worker` forks pool processes, `vestnik serve`
forks gunicorn workers, and a machine that dies takes them all.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Process:
    """A child process whose output is collected by a thread (never blocks)."""

    def __init__(
        self,
        args: Sequence[str],
        env: Mapping[str, str],
        *,
        cwd: Path = ROOT,
        name: str = "",
    ) -> None:
        self.name = name or Path(args[0]).name
        self.output = ""
        self._lock = threading.Lock()
        self.popen = subprocess.Popen(  # noqa: S603 - our own commands
            list(args),
            env=dict(env),
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    @classmethod
    def vestnik(cls, env: Mapping[str, str], *args: str) -> Process:
        return cls(
            [sys.executable, "-m", "vestnik.cli", *args],
            env,
            name=f"vestnik {args[0]}",
        )

    def _read(self) -> None:
        stdout = self.popen.stdout
        if stdout is None:
            return
        for line in stdout:
            with self._lock:
                self.output += line

    @property
    def pid(self) -> int:
        return self.popen.pid

    def running(self) -> bool:
        return self.popen.poll() is None

    def wait_for(self, text: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.output:
                return
            if not self.running():
                break
            time.sleep(0.1)
        raise RuntimeError(
            f"{self.name}: {text!r} not seen in {seconds:.0f} s; "
            f"last output:\n{self.output[-2000:]}"
        )

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send `sig` to the whole process group and reap the leader."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)
        try:
            self.popen.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(30)

    def stop(self) -> None:
        if self.running():
            self.kill(signal.SIGTERM)


def wait_http(port: int, path: str = "/healthz", seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"nothing answered {path} on port {port} in {seconds:.0f} s")


def run(args: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    """Run a command to completion; its output, or RuntimeError with it."""
    done = subprocess.run(  # noqa: S603 - our own commands
        list(args),
        env=dict(env) if env is not None else None,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} failed ({done.returncode}):\n"
            f"{(done.stdout + done.stderr)[-2000:]}"
        )
    return done.stdout
