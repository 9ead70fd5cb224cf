"""Suite-wide fixtures. Per-app fixtures live in tests/<app>/conftest.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests may read through the `replica` mirror.

    Outside a transaction, an anonymous reading page reads from the replica
    (vestnik/site/replica.py); in the test settings that is a mirror of the test
    database, so a live server or a transactional test reads the same rows. The
    other tests run inside a transaction, where every read stays on `default`.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        names = getattr(item, "fixturenames", ())
        transactional = (
            "live_server" in names
            or "transactional_db" in names
            or (marker is not None and marker.kwargs.get("transaction", False))
        )
        if not transactional:
            continue
        kwargs = dict(marker.kwargs) if marker is not None else {}
        if kwargs.get("databases") is None:
            kwargs["transaction"] = True
            kwargs["databases"] = ["default", "replica"]
            item.add_marker(pytest.mark.django_db(**kwargs))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path: Path) -> None:
    """Uploaded files go to a per-test folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _site_row(request: pytest.FixtureRequest) -> None:
    """Transactional tests flush every table between tests, the `sites` row included;
    allauth's pages need it (SITE_ID), so put it back for tests that use live servers."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if not transactional and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "testserver", "name": "Vestnik"}
    )


@pytest.fixture
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """One rate-limit window for the whole test, however slow the run (the
    limits count in fixed windows; a slow run could straddle a boundary).
    Opt-in: a server started in another process keeps the real clock."""
    from vestnik.community import ratelimit

    monkeypatch.setattr(ratelimit, "clock", lambda: 1_800_000_010.0)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("VESTNIK_REQUIRE_BROWSER"):
            pytest.fail(
                "Chromium is required (apt-get install chromium) but not installed"
            )
        pytest.skip("Debian's chromium is not installed")
    return CHROMIUM


@pytest.fixture
def browser(chromium_path: str):
    """A headless Chromium driven by Playwright; never downloads a browser."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Screenshots and other outputs of browser tests."""
    path = Path(__file__).resolve().parent.parent / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
