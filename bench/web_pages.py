"""News pages over HTTP: the article page and the live feed, through gunicorn.

    python -m bench web_pages
    python -m bench.web_pages --seconds 5 --concurrency 4

Builds a fresh site in a temporary folder (SQLite, migrate, the demo content),
starts `vestnik serve` (gunicorn, 2 workers, DEBUG off, whitenoise) on a free
loopback port, and drives it from a bounded client loop on 127.0.0.1 only.
Each target runs for a fixed time with a hard cap on requests.

Reported as requests/s and as a ratio against two baselines measured in the
same run on the same server: /robots.txt (a Django view that touches no
database: the framework's floor) and the stylesheet (a static file served by
whitenoise). A ratio of 0.5 means the page costs twice the bare request.
"""

from __future__ import annotations

# ruff: noqa: S603 - the bench runs our own interpreter and the `vestnik` command
import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "/news/parliament-passes-budget-after-all-night-session/"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
MAX_REQUESTS = 20_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(workdir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")
    }
    env.update(
        VESTNIK_VAR_DIR=str(workdir / "var"),
        STATIC_ROOT=str(workdir / "static"),
        DJANGO_SETTINGS_MODULE="vestnik.site.settings",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    return env


def _get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"User-Agent": BROWSER})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _wait_ready(
    port: int, server: subprocess.Popen[bytes], timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("vestnik serve exited early")
        try:
            if _get(port, "/robots.txt")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("vestnik serve did not answer in time")


def _load(port: int, path: str, seconds: float, concurrency: int) -> dict[str, Any]:
    """Requests/s, p50 and p99 for `path`: `concurrency` clients for `seconds`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        while time.monotonic() < stop_at:
            with lock:
                if len(latencies) + errors >= MAX_REQUESTS:
                    return
            start = time.perf_counter()
            try:
                status, _ = _get(port, path)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - start
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors += 1

    for _ in range(10):  # warm-up: templates compiled, caches filled in both workers
        _get(port, path)
    began = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1)
        if latencies
        else None,
    }


def run(seconds: float = 6.0, concurrency: int = 4) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="vestnik-bench-") as tmp:
        workdir = Path(tmp)
        env = _env(workdir)
        vestnik = [sys.executable, "-m", "vestnik.cli"]
        subprocess.run(
            [*vestnik, "demo"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
        port = _free_port()
        log = (workdir / "serve.log").open("wb")
        server = subprocess.Popen(
            [
                *vestnik,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "2",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_ready(port, server)
            status, html = _get(port, "/")
            css = next(
                line.split('href="')[1].split('"')[0]
                for line in html.decode().splitlines()
                if 'rel="stylesheet"' in line
            )
            targets = {
                "robots.txt (baseline)": "/robots.txt",
                "static css (whitenoise)": css,
                "article page": ARTICLE,
                "live feed": "/live/",
                "home page": "/",
            }
            results = {
                name: _load(port, path, seconds, concurrency)
                for name, path in targets.items()
            }
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            log.close()
    base = results["robots.txt (baseline)"]["rps"] or 1
    static = results["static css (whitenoise)"]["rps"] or 1
    for figures in results.values():
        figures["vs_robots"] = round(figures["rps"] / base, 3)
        figures["vs_static"] = round(figures["rps"] / static, 3)
    print(
        f"gunicorn, 2 workers, SQLite, demo content; {concurrency} clients x {seconds:g} s per target on 127.0.0.1"
    )
    print(
        f"{'target':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs robots':>11}{'vs static':>11}"
    )
    for name, f in results.items():
        print(
            f"{name:<26}{f['rps']:>9}{f['p50_ms']:>9}{f['p99_ms']:>9}{f['errors']:>8}{f['vs_robots']:>11}{f['vs_static']:>11}"
        )
    return {
        "config": {
            "workers": 2,
            "db": "sqlite",
            "clients": concurrency,
            "seconds": seconds,
        },
        "results": results,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)
    run(args.seconds, args.concurrency)
    return 0


if __name__ == "__main__":
    sys.exit(main())
