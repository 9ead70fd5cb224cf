"""Console pages run a fixed number of queries, however many items they show."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.moderation.factories import CommentFactory, UserFactory, engine_judged
from vestnik.community.models import Report
from vestnik.moderation.actions.users import block_user

pytestmark = pytest.mark.django_db

# session, user, user and group permissions, rulebook settings, paginator count
# (capped), the page's ids, its rows, author records (decisions, blocks). The
# five queue counts come from the cache once warm (see queues.capped_queue_counts).
QUEUE_QUERIES = 10
# The held queue in priority order adds its shortlist: the first ids by score
# and the open reports (queues._shortlist).
HELD_PRIORITY_QUERIES = QUEUE_QUERIES + 2


def fill(n: int, moderator: Any) -> None:
    for i in range(n):
        parent = engine_judged(action="publish")
        comment = engine_judged(
            {"spam": 0.9, "form": 0.5}, "hold", parent=parent, article=parent.article
        )
        if i % 2:
            Report.objects.create(
                comment=comment, reporter=CommentFactory().author, rule="spam"
            )
        if i % 3 == 0:
            block_user(moderator, UserFactory(), rules=["spam"])


def count(client: Any, url: str, params: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, HELD_PRIORITY_QUERIES),
        ({"sort": "score"}, QUEUE_QUERIES + 1),
        ({"rule": "spam", "min_score": "0.5", "sort": "score"}, QUEUE_QUERIES),
    ],
)
def test_held_queue_query_count_is_pinned(
    mod_client: Any,
    moderator: Any,
    django_assert_num_queries: Any,
    params: dict[str, str],
    queries: int,
) -> None:
    url = reverse("moderation:queue", args=["held"])
    fill(2, moderator)
    mod_client.get(url)  # warm the session
    with django_assert_num_queries(queries):
        mod_client.get(url, params)
    fill(10, moderator)
    with django_assert_num_queries(queries):
        response = mod_client.get(url, params)
    assert len(response.context["rows"]) == 12


@pytest.mark.parametrize("queue", ["reported", "published", "rejected", "approved"])
def test_other_queues_do_not_grow_with_items(
    mod_client: Any, moderator: Any, queue: str
) -> None:
    url = reverse("moderation:queue", args=[queue])
    fill(2, moderator)
    mod_client.get(url)
    few = count(mod_client, url)
    fill(8, moderator)
    assert count(mod_client, url) == few


def test_audit_and_appeals_pages_do_not_grow(mod_client: Any, moderator: Any) -> None:
    fill(2, moderator)
    mod_client.get(reverse("moderation:audit"))
    few = (
        count(mod_client, reverse("moderation:audit")),
        count(mod_client, reverse("moderation:appeals")),
    )
    fill(6, moderator)
    assert (
        count(mod_client, reverse("moderation:audit")),
        count(mod_client, reverse("moderation:appeals")),
    ) == few


def test_user_page_does_not_grow(mod_client: Any, moderator: Any) -> None:
    author = UserFactory(username="prolific")
    engine_judged({"spam": 0.9}, "hold", author=author)
    url = reverse("moderation:user", args=[author.pk])
    mod_client.get(url)
    few = count(mod_client, url)
    for _ in range(6):
        engine_judged({"spam": 0.9}, "hold", author=author)
    assert count(mod_client, url) == few


def test_tab_counts_follow_decisions_despite_the_cache(mod_client: Any) -> None:
    first = engine_judged({"spam": 0.9}, "hold")
    engine_judged({"spam": 0.9}, "hold")
    url = reverse("moderation:queue", args=["held"])
    assert {k: n for k, _label, n in mod_client.get(url).context["tabs"]}["held"] == "2"
    mod_client.post(reverse("moderation:reject", args=[first.pk]), {"rules": ["spam"]})
    tabs = {k: n for k, _label, n in mod_client.get(url).context["tabs"]}
    assert tabs["held"] == "1" and tabs["rejected"] == "1"


def test_a_long_queue_is_counted_up_to_the_cap(
    mod_client: Any, moderator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vestnik.moderation import queues

    monkeypatch.setattr(queues, "COUNT_CAP", 3)
    fill(5, moderator)
    response = mod_client.get(reverse("moderation:queue", args=["held"]))
    tabs = {k: n for k, _label, n in response.context["tabs"]}
    assert tabs["held"] == "3+"
    assert response.context["page_obj"].paginator.capped
    assert len(response.context["rows"]) == 5  # the page itself is not capped
