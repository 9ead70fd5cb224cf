"""The transparency report: what was decided, by whom, under which rule, how fast.

Computed from the audit log, so it reports what actually happened: engine
verdicts of closed days through their daily roll-ups (rollups.py, counted from
the log once), everything else from the log itself. The figures are cached for a few minutes; the log is append-only, so a cached report
is merely a little late, never wrong about the past.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from vestnik.engine import RULE_IDS
from vestnik.moderation import rollups
from vestnik.moderation.models import Appeal, AppealStatus, Decision, DecisionKind

CACHE_SECONDS = 300
COMMENT_KINDS = [
    DecisionKind.ENGINE_VERDICT,
    DecisionKind.APPROVE,
    DecisionKind.REJECT,
    DecisionKind.HOLD,
]


@dataclass
class RuleAgreement:
    rule: str
    engine_flagged: int = (
        0  # human decisions on comments the engine flagged under the rule
    )
    confirmed: int = 0  # ... that the human rejected
    overturned: int = 0  # ... that the human published
    missed: int = (
        0  # human rejections citing the rule where the engine hadn't flagged it
    )

    @property
    def agreement(self) -> float | None:
        total = self.confirmed + self.overturned + self.missed
        return self.confirmed / total if total else None


@dataclass
class Report:
    since: date
    until: date
    weeks: list[date] = field(default_factory=list)
    per_rule_week: dict[str, list[int]] = field(default_factory=dict)
    per_rule_total: dict[str, dict[str, int]] = field(default_factory=dict)
    automated: Counter[str] = field(default_factory=Counter)  # action -> count (engine)
    human: Counter[str] = field(default_factory=Counter)  # action -> count (moderators)
    agreement: list[RuleAgreement] = field(default_factory=list)
    overrides: int = 0
    human_decisions: int = 0
    appeals: dict[str, int] = field(default_factory=dict)
    median_decision_hours: float | None = None
    median_appeal_hours: float | None = None
    blocks: int = 0

    @property
    def automated_list(self) -> list[tuple[str, int]]:
        # Lists for templates, which would look `.items` up as a Counter key.
        return sorted(self.automated.items())

    @property
    def human_list(self) -> list[tuple[str, int]]:
        return sorted(self.human.items())

    @property
    def automated_total(self) -> int:
        return sum(self.automated.values())

    @property
    def human_total(self) -> int:
        return sum(self.human.values())


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _median_hours(deltas: list[timedelta]) -> float | None:
    if not deltas:
        return None
    return round(statistics.median(d.total_seconds() for d in deltas) / 3600.0, 2)


def build_report(days: int = 84, now: datetime | None = None) -> Report:
    now = now or timezone.now()
    key = f"moderation:transparency:{days}:{now:%Y%m%d%H}"
    cached = cache.get(key)
    if isinstance(cached, Report):
        return cached
    report = _compute(days, now)
    cache.set(key, report, CACHE_SECONDS)
    return report


def _compute(days: int, now: datetime, *, use_rollups: bool = True) -> Report:
    """The report; `use_rollups=False` counts every engine verdict from the log
    (the raw figures the roll-ups must equal)."""
    since_dt = now - timedelta(days=days)
    report = Report(since=since_dt.date(), until=now.date())
    first = _week(since_dt.date())
    weeks = []
    week = first
    while week <= now.date():
        weeks.append(week)
        week += timedelta(days=7)
    report.weeks = weeks
    index = {w: i for i, w in enumerate(weeks)}
    per_week: dict[str, list[int]] = {rule: [0] * len(weeks) for rule in RULE_IDS}
    totals: dict[str, dict[str, int]] = {
        rule: {"engine": 0, "human": 0} for rule in RULE_IDS
    }
    agreement = {rule: RuleAgreement(rule) for rule in RULE_IDS}
    decision_delays: list[timedelta] = []

    # Engine verdicts are nearly all of the log: they are counted per (local
    # day, action, rule), from the daily roll-ups for closed days and from the
    # log for the rest (vestnik/moderation/rollups.py). Scanning them all cost
    # 10x more at a million comments than at ten thousand (#14, bench/scale_1m.py).
    # Human and system decisions are few and walked below.
    recent = Decision.objects.filter(created_at__gte=since_dt)
    engine_kind = DecisionKind.ENGINE_VERDICT
    counted = (
        rollups.tallies(since_dt, now)
        if use_rollups
        else rollups.count_log(
            rollups.engine_verdicts().filter(created_at__gte=since_dt)
        )
    )
    for tally in counted:
        action = tally.action or "publish"
        if not tally.rule:
            report.automated[action] += tally.n
            continue
        if action not in ("reject", "hold") or tally.rule not in per_week:
            continue
        local_week = index.get(_week(tally.day)) if tally.day is not None else None
        if local_week is not None:
            per_week[tally.rule][local_week] += tally.n
        totals[tally.rule]["engine"] += tally.n
    rows = (
        recent.filter(kind__in=[k for k in COMMENT_KINDS if k != engine_kind])
        .values_list(
            "actor_kind",
            "kind",
            "action",
            "rules",
            "engine_action",
            "engine_rules",
            "overrides_engine",
            "created_at",
            "comment__created_at",
        )
        .order_by()
    )
    for (
        actor_kind,
        kind,
        action,
        rules,
        engine_action,
        engine_rules,
        overrides,
        at,
        posted,
    ) in rows.iterator(chunk_size=2000):
        local_week = index.get(
            _week(timezone.localtime(at).date())
            if timezone.is_aware(at)
            else _week(at.date())
        )
        if actor_kind == "moderator":
            report.human[action] += 1
            report.human_decisions += 1
            report.overrides += int(overrides)
            if posted is not None:
                decision_delays.append(at - posted)
        if action in ("reject", "hold"):
            for rule in rules or []:
                if rule in per_week:
                    if local_week is not None:
                        per_week[rule][local_week] += 1
                    totals[rule]["human"] += 1
        if (
            kind in (DecisionKind.APPROVE, DecisionKind.REJECT)
            and actor_kind == "moderator"
        ):
            flagged = (
                set(engine_rules or [])
                if engine_action in ("hold", "reject")
                else set()
            )
            for rule in flagged & set(agreement):
                agreement[rule].engine_flagged += 1
                if action == "reject":
                    agreement[rule].confirmed += 1
                else:
                    agreement[rule].overturned += 1
            if action == "reject":
                for rule in set(rules or []) - flagged:
                    if rule in agreement:
                        agreement[rule].missed += 1

    report.per_rule_week = per_week
    report.per_rule_total = totals
    report.agreement = list(agreement.values())
    report.median_decision_hours = _median_hours(decision_delays)
    appeals = Appeal.objects.filter(created_at__gte=since_dt)
    counts = dict(appeals.values_list("status").annotate(n=Count("id")).order_by())
    report.appeals = {
        status.value: counts.get(status.value, 0) for status in AppealStatus
    }
    report.median_appeal_hours = _median_hours(
        [
            decided - created
            for created, decided in appeals.filter(
                decided_at__isnull=False
            ).values_list("created_at", "decided_at")
            if decided is not None
        ]
    )
    report.blocks = Decision.objects.filter(
        created_at__gte=since_dt, kind=DecisionKind.BLOCK
    ).count()
    return report


def chart_series(report: Report, *, top: int = 6) -> list[tuple[str, list[int]]]:
    """The rules with the most removals, for the stacked weekly chart."""
    ranked = sorted(
        (
            (rule, counts)
            for rule, counts in report.per_rule_week.items()
            if sum(counts)
        ),
        key=lambda item: -sum(item[1]),
    )
    head = ranked[:top]
    rest = ranked[top:]
    if rest:
        other = [sum(col) for col in zip(*(c for _, c in rest), strict=True)]
        head.append(("other rules", other))
    return head


def rule_totals(report: Report) -> list[tuple[str, int, int]]:
    return sorted(
        (
            (rule, t["engine"], t["human"])
            for rule, t in report.per_rule_total.items()
            if t["engine"] or t["human"]
        ),
        key=lambda item: -(item[1] + item[2]),
    )


def as_dict(report: Report) -> dict[str, Any]:
    """A JSON-ready summary (the API's transparency endpoint)."""
    return {
        "since": report.since.isoformat(),
        "until": report.until.isoformat(),
        "automated": dict(report.automated),
        "human": dict(report.human),
        "overrides": report.overrides,
        "per_rule": {
            rule: t
            for rule, t in report.per_rule_total.items()
            if t["engine"] or t["human"]
        },
        "agreement": {
            a.rule: {
                "confirmed": a.confirmed,
                "overturned": a.overturned,
                "missed": a.missed,
            }
            for a in report.agreement
            if a.confirmed or a.overturned or a.missed
        },
        "appeals": report.appeals,
        "median_decision_hours": report.median_decision_hours,
        "median_appeal_hours": report.median_appeal_hours,
        "blocks": report.blocks,
    }


def weekly_labels(report: Report) -> list[str]:
    return [w.strftime("%d %b") for w in report.weeks]
