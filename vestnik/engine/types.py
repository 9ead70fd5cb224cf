"""The engine's value types: what goes in (Submission, Context), what comes out (Verdict).

All frozen dataclasses; no Django. Offsets are character offsets into the
*original* submission text (Python str indices), so `text[start:end]` is the evidence.

Changes by the engine helper (names kept stable): `SiteProfile` and
`Context.site` (set by the pipeline from the rulebook: site languages,
publisher names, allowed domains, language action); `Verdict.submission_id`.
Detectors read the author/thread/time from `Document.submission`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vestnik.engine.ports import FingerprintIndex, RecentActivity


class Outcome(enum.Enum):
    """What happens to a comment. Ordered by strictness: the strictest wins."""

    PUBLISH = "publish"
    HOLD = "hold"
    REJECT = "reject"

    @property
    def severity(self) -> int:
        return {"publish": 0, "hold": 1, "reject": 2}[self.value]


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True)
class Submission:
    """One comment to moderate."""

    text: str
    id: str | None = None
    author_id: str | None = None
    thread_id: str | None = None
    time: datetime | None = None
    language: str | None = None  # the language the author's UI claimed, if any
    reply_to_text: str | None = None  # the parent comment, for replies


@dataclass(frozen=True)
class ArticleContext:
    """The article a comment belongs to (for off-topic and publisher-disrespect)."""

    title: str = ""
    standfirst: str = ""
    body: str = ""
    id: str | None = None
    #: The discussion so far: texts of comments already published under the
    #: article, oldest first (the off-topic detector reads the last few).
    discussion: tuple[str, ...] = ()

    @property
    def full_text(self) -> str:
        return "\n\n".join(
            part for part in (self.title, self.standfirst, self.body) if part
        )


@dataclass(frozen=True)
class AuthorHistory:
    """A summary of the author's record, supplied by the host application."""

    account_age_days: float | None = None
    published_count: int = 0
    rejected_count: int = 0
    blocks: int = 0


@dataclass(frozen=True)
class SiteProfile:
    """The publisher's site-wide settings that detectors need.

    Built by the pipeline from the rulebook (`Rulebook.site`) and placed on the
    Context it hands to detectors, so a detector never reads settings itself.
    """

    languages: tuple[str, ...] = ("en",)  # ISO 639-1 codes; the first is the main one
    publisher_names: tuple[str, ...] = ()  # the site, its brands and journalists
    allowed_domains: tuple[
        str, ...
    ] = ()  # links to these never count as commercial/spam
    language_action: str = "hold"  # remove | hold | allow


@dataclass(frozen=True)
class Context:
    """Everything about where and when a comment is posted, plus the state ports.

    `site` is set by the pipeline from the rulebook; callers leave it alone.
    """

    article: ArticleContext | None = None
    now: datetime | None = None
    author: AuthorHistory = field(default_factory=AuthorHistory)
    activity: RecentActivity | None = None
    fingerprints: FingerprintIndex | None = None
    record: bool = True  # False for dry runs: ports are read but not written
    site: SiteProfile = field(default_factory=SiteProfile)


@dataclass(frozen=True)
class Finding:
    """One detector's observation about one rule."""

    rule: str  # rule id, e.g. "malware"
    detector: str  # detector name, e.g. "url_blocklist"
    score: (
        float  # 0..1, calibrated so that the rule threshold means the same across rules
    )
    explanation: str  # for the moderator console: what was found
    spans: tuple[Span, ...] = ()
    code: str = ""  # a finer sub-reason, e.g. "ip-literal-host"
    data: Mapping[str, object] = field(
        default_factory=dict
    )  # e.g. {"cluster": ..., "size": 4}


@dataclass(frozen=True)
class RuleResult:
    """A rule that fired, with its strongest evidence."""

    rule: str
    score: float
    outcome: Outcome
    wording: str
    findings: tuple[Finding, ...]

    @property
    def detector(self) -> str:
        return (
            max(self.findings, key=lambda f: f.score).detector if self.findings else ""
        )

    @property
    def spans(self) -> tuple[Span, ...]:
        return tuple(span for finding in self.findings for span in finding.spans)


@dataclass(frozen=True)
class Verdict:
    action: Outcome
    fired: tuple[RuleResult, ...]
    scores: Mapping[str, float]  # every rule id -> 0..1
    reasons: str  # the statement of reasons for the author
    versions: Mapping[str, str]  # engine and model versions
    timings_ms: Mapping[str, float]  # per detector, plus "total"
    findings: tuple[Finding, ...] = ()  # everything every detector said, fired or not
    submission_id: str | None = None  # Submission.id, echoed for batch callers
