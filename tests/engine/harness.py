"""Running one detector in a test the way the pipeline runs it. No database anywhere."""

from __future__ import annotations

from datetime import UTC, datetime

from vestnik.engine import Context, Document, SiteProfile
from vestnik.engine.types import Finding

T0 = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def run_detector(
    detector: object, text: str, site: SiteProfile | None = None
) -> list[Finding]:
    """Run one detector the way the pipeline does (Document built once, site on the Context)."""
    ctx = Context(now=T0, site=site or SiteProfile())
    return detector.detect(Document(text), ctx)  # type: ignore[attr-defined, no-any-return]


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}
