"""The held queue's pages in priority order: reports first, then score, then age,
the same rows whichever way the page is read (queues.page_of and its shortlist)."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.urls import reverse

from tests.moderation.factories import CommentFactory, engine_judged
from vestnik.community.models import Report
from vestnik.moderation.queues import QueueFilters, queue_comments

pytestmark = pytest.mark.django_db


@pytest.fixture
def held() -> list[Any]:
    rng = random.Random(14)  # noqa: S311 - test data
    comments = [
        engine_judged({"spam": rng.choice([0.55, 0.7, 0.7, 0.9, 0.95])}, "hold")
        for _ in range(23)
    ]
    reporter = CommentFactory().author
    for comment in rng.sample(comments, 5):  # reported ones of any score
        Report.objects.create(comment=comment, reporter=reporter, rule="spam")
    return comments


@pytest.mark.parametrize("sort", ["", "score", "oldest"])
def test_every_page_holds_the_rows_of_the_full_order(
    mod_client: Any, held: list[Any], settings: Any, sort: str
) -> None:
    settings.VESTNIK_MODERATION_QUEUE_PAGE_SIZE = 4
    url = reverse("moderation:queue", args=["held"])
    expected = [
        c.pk for c in queue_comments("held", QueueFilters(sort=sort)).select_related()
    ]
    assert len(expected) == 23
    shown = []
    for page in range(1, 7):  # 23 rows, 4 a page
        response = mod_client.get(
            url, {"page": page, "sort": sort} if sort else {"page": page}
        )
        assert response.status_code == 200
        shown += [row["comment"].pk for row in response.context["rows"]]
    assert shown == expected
    if not sort:  # priority: the reported comments lead
        assert set(expected[:5]) == set(
            Report.objects.values_list("comment_id", flat=True)
        )
