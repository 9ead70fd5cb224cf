"""The held queue's first page comes from its indexes (PostgreSQL's plans).

The earlier EXPLAIN test of the held queue depended on the planner's statistics
(it chose a sort over the status index in one of two CI runs on the same data).
This one asks whether the index *can* serve the query, which doesn't depend on
statistics: with sequential scans and sorts priced out (SET LOCAL, this
transaction only), a plan that still sorts or scans the table means the index
doesn't match the query, e.g. after `queues.top_score()` changed and
migration 0003's copy of it did not.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.moderation.factories import engine_judged
from vestnik.moderation.queues import QueueFilters, page_of, queue_comments

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="the plans of PostgreSQL only"
    ),
]


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_held_queue_reads_its_first_ids_in_index_order() -> None:
    for score in (0.6, 0.9, 0.75):
        engine_judged({"spam": score}, "hold")
    engine_judged(action="publish")
    qs = queue_comments("held", QueueFilters())
    with CaptureQueriesContext(connection) as ctx:
        rows = page_of(qs, 0, 25, queue="held", filters=QueueFilters())
    assert [c.verdict["rules"][0]["score"] for c in rows] == [0.9, 0.75, 0.6]
    shortlist, _reports, page, _rows = (q["sql"] for q in ctx.captured_queries)

    plan = _plan(shortlist)
    assert "Index Scan using moderation_comment_priority_idx" in plan, plan
    assert "Sort" not in plan, plan  # the index gives the order itself
    assert "Seq Scan on community_comment" not in plan, plan

    plan = _plan(page)  # the page: sorts the shortlisted ids only
    assert "(id = ANY (" in plan, plan
    assert "Seq Scan on community_comment" not in plan, plan


def test_the_other_queues_walk_the_status_index_newest_first() -> None:
    engine_judged({"spam": 0.9}, "reject")
    qs = queue_comments("rejected", QueueFilters())
    with CaptureQueriesContext(connection) as ctx:
        page_of(qs, 0, 25, queue="rejected", filters=QueueFilters())
    plan = _plan(ctx.captured_queries[0]["sql"])
    assert "moderation_comment_queue_idx" in plan, plan
    assert "Seq Scan on community_comment" not in plan, plan


def test_a_capped_count_stops_at_the_cap(monkeypatch: Any) -> None:
    from vestnik.moderation import queues

    for _ in range(4):
        engine_judged({"spam": 0.9}, "hold")
    monkeypatch.setattr(queues, "COUNT_CAP", 2)
    with CaptureQueriesContext(connection) as ctx:
        assert queues.capped_count(queues.base_queue("held")) == 3
    assert "LIMIT 3" in ctx.captured_queries[0]["sql"]
