"""The newsroom in Debian's Chromium: home, an article and a search result.

Screenshots go to test-artifacts/ (docs/screenshot-article.png is one of them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(transactional_db: Any, settings: Any) -> None:
    settings.VESTNIK_NEWS_RENDITION_WIDTHS = (320, 640, 960)
    from vestnik.news import demo

    demo.load()


def test_home_article_and_search(
    browser: Any, live_server: Any, demo_site: None, artifacts_dir: Path, settings: Any
) -> None:
    settings.SITE_URL = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    refused: list[str] = []  # the Content-Security-Policy blocks nothing we ship
    page.on(
        "console",
        lambda msg: (
            refused.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    hosts: set[str] = set()
    page.on("request", lambda req: hosts.add(urlparse(req.url).netloc))
    base = live_server.url

    page.goto(f"{base}/")
    page.wait_for_load_state("networkidle")
    assert page.locator("a.logo").is_visible()
    assert page.locator("a.live-link").is_visible()
    assert (
        page.locator("a.photo-story-link").inner_text().strip()
        == "This Week in Pictures"
    )
    page.screenshot(path=str(artifacts_dir / "news-home.png"), full_page=True)

    page.locator(".home-lead .card-big .card-title a").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1.article-headline").is_visible()
    assert page.locator(".lead-photo img").evaluate(
        "img => img.complete && img.naturalWidth > 0"
    )
    page.get_by_text("Get short URL").click()
    short = page.locator("#short-url-field").input_value()
    assert "/s/" in short
    page.set_viewport_size({"width": 1280, "height": 1800})
    page.screenshot(path=str(artifacts_dir / "news-article.png"))

    page.goto(short)
    assert page.locator("h1.article-headline").is_visible()

    page.fill("#site-search-q", "budget")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "results for" in page.locator(".search-summary").inner_text()
    assert page.locator(".search-result mark").count() > 0
    page.screenshot(path=str(artifacts_dir / "news-search.png"))
    page.locator(".search-result h2 a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1.article-headline").is_visible()

    # Phone width: nothing overflows sideways.
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )
    page.screenshot(path=str(artifacts_dir / "news-article-phone.png"))

    assert errors == []
    assert refused == []
    assert hosts <= {urlparse(base).netloc}
