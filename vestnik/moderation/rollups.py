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
# The engine's "publish" (older entries: ""); rules are not counted for it.
PUBLISH = ["publish", ""]


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


def count_log(verdicts: QuerySet[Decision], day: date | None = None) -> Iterator[Tally]:
    """Tallies counted from the audit log. Publications (nearly all verdicts) are
    one count from the index; the others are grouped by (action, rules, local
    day) in the database, a few hundred groups however many verdicts. With `day`
    (every verdict is of that local day) nothing is converted to local days."""
    published = verdicts.filter(action__in=PUBLISH).count()
    if published:
        yield Tally(day, "publish", "", published)
    others = verdicts.exclude(action__in=PUBLISH).order_by()
    groups = (
        others.values_list("action", "rules").annotate(n=Count("id"))
        if day is not None
        else others.values_list("action", "rules", TruncDate("created_at")).annotate(
            n=Count("id")
        )
    )
    for row in groups:
        action, rules, when, n = row if day is None else (*row[:2], day, row[2])
        yield Tally(when, action, "", n)
        for rule in set(rules or []):
            yield Tally(when, action, str(rule), n)


def count_rolled(since: date, until: date) -> Iterator[Tally]:
    """Tallies read from the roll-up, for the days since <= day < until."""
    rows = DecisionDay.objects.filter(day__gte=since, day__lt=until).values_list(
        "day", "action", "rule", "count"
    )
    for day, action, rule, n in rows:
        yield Tally(day, action, rule, n)


def segments(first: date, today: date) -> Iterator[tuple[date, date, bool]]:
    """[first, today) cut into runs of days (start, end, rolled up or not)."""
    rolled = set(
        RolledDay.objects.filter(day__gte=first, day__lt=today).values_list(
            "day", flat=True
        )
    )
    start = first
    while start < today:
        end = start + timedelta(days=1)
        while end < today and (end in rolled) == (start in rolled):
            end += timedelta(days=1)
        yield start, end, start in rolled
        start = end


def tallies(since: datetime, now: datetime) -> Iterator[Tally]:
    """Every engine verdict from `since` on, as tallies: rolled-up days from
    DecisionDay; the partial first day, today and any run of days not rolled up
    (before the first verdict, or not yet counted) from the log. The sums
    equal `count_log` over the same window (tests/moderation/test_rollups.py
    checks it on SQLite and PostgreSQL)."""
    first_day = timezone.localtime(since).date()
    today = timezone.localtime(now).date()
    verdicts = engine_verdicts()
    # The log is read for the stretches between rolled-up runs, each in one go.
    live_from, live_day = since, first_day
    for start, end, rolled in segments(first_day + timedelta(days=1), today):
        if not rolled:
            continue
        yield from _count_stretch(verdicts, live_from, live_day, start, today)
        yield from count_rolled(start, end)
        live_from, live_day = day_start(end), end
    yield from _count_stretch(verdicts, live_from, live_day, None, today)


def _count_stretch(
    verdicts: QuerySet[Decision],
    since: datetime,
    first: date,
    end: date | None,
    today: date,
) -> Iterator[Tally]:
    """The log's tallies from `since` (on local day `first`) to the start of
    local day `end` (None: on to `today` and now)."""
    if end is not None and end <= first:
        return
    stretch = verdicts.filter(created_at__gte=since)
    if end is not None:
        stretch = stretch.filter(created_at__lt=day_start(end))
    one_day = end == first + timedelta(days=1) or (end is None and first == today)
    yield from count_log(stretch, first if one_day else None)


def roll_up_day(day: date) -> int:
    """Count one closed local day into DecisionDay (replacing what was there) and
    mark it rolled up; returns the number of verdicts that day."""
    start = day_start(day)
    verdicts = engine_verdicts().filter(
        created_at__gte=start, created_at__lt=day_start(day + timedelta(days=1))
    )
    counts: Counter[tuple[str, str]] = Counter()
    for tally in count_log(verdicts, day):
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
