"""The transparency report's daily roll-ups (vestnik/moderation/rollups.py, #14).

The report read through the roll-ups must give the figures counted from the raw
audit log (`_compute(..., use_rollups=False)`): after the roll-up, after new
verdicts today, after a day closes without a roll-up, and after re-rolling.
Runs on SQLite and, with DATABASE_URL set, on PostgreSQL.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.moderation.factories import UserFactory, engine_judged
from vestnik.cli import main as vestnik
from vestnik.moderation.audit import record_decision
from vestnik.moderation.models import (
    ActorKind,
    Decision,
    DecisionDay,
    DecisionKind,
    RolledDay,
)
from vestnik.moderation.rollups import day_start, roll_up
from vestnik.moderation.transparency import _compute, as_dict

pytestmark = pytest.mark.django_db

RULES = ["spam", "form", "insult-threat", "profanity", "malware"]
ACTIONS = ["publish", "hold", "reject", ""]


def _log(at: datetime, action: str, rules: list[str]) -> None:
    Decision.objects.create(
        kind=DecisionKind.ENGINE_VERDICT,
        actor_kind=ActorKind.ENGINE,
        action=action,
        engine_action=action,
        rules=rules,
        engine_rules=rules,
        created_at=at,
    )


def _history(now: datetime, days: int, seed: int) -> None:
    """Engine verdicts every few hours over `days` days, up to `now`, some
    around local midnight, with mixed actions and rules."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    at = now - timedelta(days=days)
    while at < now:
        action = rng.choice(ACTIONS)
        rules = rng.sample(RULES, rng.randint(0, 2)) if action != "publish" else []
        _log(at, action, rules)
        at += timedelta(hours=rng.choice([1, 3, 7, 11]), minutes=rng.randint(0, 59))
    for back in range(1, days):  # a verdict each side of a local midnight
        midnight = day_start(timezone.localtime(now).date() - timedelta(days=back))
        _log(midnight - timedelta(seconds=1), "reject", ["spam"])
        _log(midnight, "hold", ["form", "spam"])


def _figures(days: int, now: datetime, *, use_rollups: bool) -> dict[str, Any]:
    report = _compute(days, now, use_rollups=use_rollups)
    return {**as_dict(report), "per_rule_week": report.per_rule_week}


def _same(days: int, now: datetime) -> dict[str, Any]:
    rolled = _figures(days, now, use_rollups=True)
    raw = _figures(days, now, use_rollups=False)
    assert rolled == raw
    return rolled


@pytest.fixture
def now() -> datetime:
    return timezone.now()


def test_report_from_rollups_equals_raw_counts(now: datetime) -> None:
    _history(now, 40, seed=1)
    before = _same(28, now)  # nothing rolled up: all from the log
    rolled = roll_up(now)
    assert rolled, "closed days to roll up"
    assert RolledDay.objects.count() == len(rolled)
    assert _same(28, now) == before
    assert _same(7, now) == _figures(7, now, use_rollups=False)
    assert sum(before["automated"].values()) > 100


def test_new_verdicts_today_are_counted_live(now: datetime) -> None:
    _history(now - timedelta(minutes=5), 20, seed=2)
    roll_up(now)
    before = _same(14, now)
    # A real comment judged now, through the engine's audit entry.
    engine_judged({"spam": 0.9}, "reject")
    engine_judged(action="publish")
    after = _same(14, now + timedelta(seconds=1))
    assert after["automated"]["reject"] == before["automated"].get("reject", 0) + 1
    assert after["automated"]["publish"] == before["automated"]["publish"] + 1
    assert (
        after["per_rule"]["spam"]["engine"] == before["per_rule"]["spam"]["engine"] + 1
    )


def test_a_day_not_rolled_up_yet_is_counted_from_the_log(now: datetime) -> None:
    _history(now, 20, seed=3)
    roll_up(now)
    later = now + timedelta(days=2)  # two days closed since, no roll-up ran
    _log(now + timedelta(hours=1), "hold", ["malware"])
    _log(now + timedelta(days=1, hours=2), "reject", ["malware"])
    figures = _same(14, later)
    assert figures["per_rule"]["malware"]["engine"] >= 2
    assert roll_up(later), "the two days are rolled up now"
    assert _same(14, later) == figures


def test_the_report_reads_the_rollup_rows(now: datetime) -> None:
    """Proof that the closed days come from DecisionDay, not the log: a changed
    roll-up row changes the report (until `--rebuild` recounts it)."""
    _history(now, 20, seed=4)
    roll_up(now)
    raw = _figures(14, now, use_rollups=False)
    day = timezone.localtime(now).date() - timedelta(days=3)
    row = DecisionDay.objects.get(day=day, action="reject", rule="")
    DecisionDay.objects.filter(pk=row.pk).update(count=row.count + 5)
    tampered = _figures(14, now, use_rollups=True)
    assert tampered["automated"]["reject"] == raw["automated"]["reject"] + 5
    assert vestnik(["roll-up", "--rebuild"]) == 0
    assert _same(14, now) == raw


def test_reading_rollups_does_not_group_the_closed_days_in_the_log(
    now: datetime,
) -> None:
    _history(now, 30, seed=5)
    roll_up(now)
    with CaptureQueriesContext(connection) as ctx:
        _compute(28, now)
    grouped = [
        q["sql"]
        for q in ctx.captured_queries
        if "moderation_decision" in q["sql"]
        and "GROUP BY" in q["sql"].upper()
        and "moderation_decisionday" not in q["sql"]
    ]
    # Two live ranges: the partial first day and today; no grouped count over
    # the whole window.
    assert len(grouped) == 2, grouped


def test_rollup_is_idempotent_and_skips_the_unsettled_day(now: datetime) -> None:
    _history(now, 10, seed=6)
    first = roll_up(now)
    assert roll_up(now) == []
    settled = timezone.localtime(now - timedelta(minutes=15)).date()
    assert max(first) == settled - timedelta(days=1)
    assert timezone.localtime(now).date() not in first


def test_human_decisions_are_unchanged_by_rollups(
    now: datetime, moderator: Any
) -> None:
    _history(now, 10, seed=7)
    roll_up(now)
    user = UserFactory(username="subject")
    record_decision(
        DecisionKind.BLOCK,
        actor=moderator,
        actor_kind=ActorKind.MODERATOR,
        subject_user=user,
        action="block",
    )
    assert _same(14, now + timedelta(seconds=1))["blocks"] == 1
