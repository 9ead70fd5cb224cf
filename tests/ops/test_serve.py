"""`vestnik serve` as a reader's browser meets it: no Server banner, HEAD like GET.

Starts the real process (gunicorn) on a throwaway SQLite site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from vestnik.faults.processes import Process
from vestnik.faults.site import Site
from vestnik.faults.web import request

pytestmark = pytest.mark.xdist_group("serve")


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Process, int, dict]]:
    site = Site(Path(tmp_path_factory.mktemp("serve")))
    site.migrate()
    seeded = site.child("seed", 1)
    process, port = site.serve(workers=1)
    try:
        yield process, port, seeded
    finally:
        process.stop()


@pytest.fixture
def served(server: tuple[Process, int, dict]) -> tuple[int, dict]:
    return server[1], server[2]


def test_each_worker_warms_up_before_serving(
    server: tuple[Process, int, dict],
) -> None:
    """vestnik/site/gunicorn_conf.py: the engine loaded and the start-up objects
    frozen (vestnik/site/warmup.py) in the worker, before its first request."""
    process, port, _ = server
    assert request(port, "GET", "/healthz").status == 200
    found = re.search(r"worker \d+ warmed up: (\d+) objects frozen", process.output)
    assert found, process.output[-2000:]
    assert int(found[1]) > 50_000


def test_no_server_banner(served: tuple[int, dict]) -> None:
    port, seeded = served
    for path in ["/", seeded["path"], "/healthz", "/api/comments/?article=0", "/nope"]:
        for method in ["GET", "HEAD"]:
            answer = request(port, method, path)
            assert "server" not in answer.headers, (method, path, answer.headers)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/robots.txt",
        "/healthz",
        "{article}",
        "/comments/article/{pk}/",
        "/api/comments/?article={pk}",
        "/api/openapi.json",
    ],
)
def test_head_answers_like_get_without_a_body(
    served: tuple[int, dict], path: str
) -> None:
    port, seeded = served
    path = path.format(article=seeded["path"], pk=seeded["article"])
    get = request(port, "GET", path)
    head = request(port, "HEAD", path)
    assert get.status == 200, path
    assert head.status == 200, path
    assert head.body == b""
    assert head.headers.get("content-type") == get.headers.get("content-type")
