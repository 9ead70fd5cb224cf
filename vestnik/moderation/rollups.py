"""Daily roll-ups of the engine's verdicts, for the transparency report (#14).

Engine verdicts are nearly all of the audit log: one per comment. Counting them
from the log made the report scan every verdict of its 12 weeks (10x slower at
a million comments than at ten thousand). A closed day's verdicts never change
(the log is append-only), so `roll_up` counts each closed local day once into
DecisionDay (per action, and per action and rule) and marks it in RolledDay.
The report reads those rows for the rolled-up days and counts the rest (today,
the partial first day of its window, any day not rolled up yet) from the log.

Days are local days in settings.TIME_ZONE, as the report's weeks are; after a
change of TIME_ZONE, run `vestnik roll-up --rebuild`.

Celery beat runs `roll_up` every hour (vestnik.workers.moderation.roll_up_decisions);
`vestnik roll-up` runs it by hand, and `--rebuild` recounts every day (the
backfill after the migration that added the tables, or after seeding old rows).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from vestnik.moderation.models import Decision, DecisionDay, DecisionKind, RolledDay

# A day is rolled up this long after it closed: a verdict stamped just before
# midnight may commit a moment after it.
SETTLE = timedelta(minutes=15)


@dataclass(frozen=True)
class Tally:
    """`n` engine verdicts with this action on this local day; with `rule`, the
    ones among them that cited the rule ("" for the verdicts themselves)."""

    day: date | None
    action: str
    rule: str
    n: int


def day_start(day: date) -> datetime:
    """The first instant of a local day (settings.TIME_ZONE)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def engine_verdicts() -> QuerySet[Decision]:
    return Decision.objects.filter(kind=DecisionKind.ENGINE_VERDICT)


def count_log(verdicts: QuerySet[Decision]) -> Iterator[Tally]:
    """Tallies counted from the audit log: grouped by (action, rules, local day)
    in the database, a few hundred groups however many verdicts."""
    groups = (
        verdicts.values_list("action", "rules", TruncDate("created_at"))
        .annotate(n=Count("id"))
        .order_by()
    )
    for action, rules, day, n in groups:
        yield Tally(day, action, "", n)
        for rule in set(rules or []):
            yield Tally(day, action, str(rule), n)


def count_rolled(since: date, until: date) -> Iterator[Tally]:
    """Tallies read from the roll-up, for the days since <= day < until."""
    rows = DecisionDay.objects.filter(day__gte=since, day__lt=until).values_list(
        "day", "action", "rule", "count"
    )
    for day, action, rule, n in rows:
        yield Tally(day, action, rule, n)


def rolled_through(first: date, today: date) -> date:
    """The end (exclusive) of the run of rolled-up days starting at `first`,
    never past `today`: the report reads the roll-up for [first, end)."""
    rolled = set(
        RolledDay.objects.filter(day__gte=first, day__lt=today).values_list(
            "day", flat=True
        )
    )
    end = first
    while end < today and end in rolled:
        end += timedelta(days=1)
    return end


def tallies(since: datetime, now: datetime) -> Iterator[Tally]:
    """Every engine verdict from `since` on, as tallies: rolled-up days from
    DecisionDay, the partial first day and the days after the roll-up from the
    log. The sums equal `count_log` over the same window (tests/moderation/
    test_rollups.py checks it on SQLite and PostgreSQL)."""
    first_full = timezone.localtime(since).date() + timedelta(days=1)
    today = timezone.localtime(now).date()
    end = rolled_through(first_full, today)
    verdicts = engine_verdicts().filter(created_at__gte=since)
    if end == first_full:  # nothing rolled up in the window
        yield from count_log(verdicts)
        return
    yield from count_log(verdicts.filter(created_at__lt=day_start(first_full)))
    yield from count_rolled(first_full, end)
    yield from count_log(verdicts.filter(created_at__gte=day_start(end)))


def roll_up_day(day: date) -> int:
    """Count one closed local day into DecisionDay (replacing what was there) and
    mark it rolled up; returns the number of verdicts that day."""
    start = day_start(day)
    verdicts = engine_verdicts().filter(
        created_at__gte=start, created_at__lt=day_start(day + timedelta(days=1))
    )
    counts: Counter[tuple[str, str]] = Counter()
    for tally in count_log(verdicts):
        counts[(tally.action, tally.rule)] += tally.n
    with transaction.atomic():
        DecisionDay.objects.filter(day=day).delete()
        DecisionDay.objects.bulk_create(
            DecisionDay(day=day, action=action, rule=rule, count=n)
            for (action, rule), n in sorted(counts.items())
        )
        RolledDay.objects.update_or_create(
            day=day, defaults={"rolled_at": timezone.now()}
        )
    return sum(n for (_, rule), n in counts.items() if rule == "")


def days_to_roll(now: datetime, *, rebuild: bool = False) -> list[date]:
    """The closed days not rolled up yet (every closed day with `rebuild`), from
    the first engine verdict's day to the last day closed for SETTLE."""
    today = timezone.localtime(now - SETTLE).date()
    oldest = (
        engine_verdicts()
        .order_by("created_at")
        .values_list("created_at", flat=True)[:1]
    )
    if not oldest:
        return []
    first = timezone.localtime(oldest[0]).date()
    done: Iterable[date] = ()
    if not rebuild:
        done = RolledDay.objects.filter(day__gte=first).values_list("day", flat=True)
    skip = set(done)
    days = []
    day = first
    while day < today:
        if day not in skip:
            days.append(day)
        day += timedelta(days=1)
    return days


def roll_up(now: datetime | None = None, *, rebuild: bool = False) -> list[date]:
    """Roll up every closed day that is not (with `rebuild`: every closed day);
    returns the days rolled. Safe to run twice, and concurrently with posting:
    a closed day gets no new verdicts."""
    days = days_to_roll(now or timezone.now(), rebuild=rebuild)
    for day in days:
        roll_up_day(day)
    return days
