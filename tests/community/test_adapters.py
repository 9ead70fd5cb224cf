"""The engine's ports on our database: near-duplicates across threads, recent activity."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.community.factories import CommentFactory
from vestnik.moderation.adapters import CommentActivity, DatabaseFingerprints

pytestmark = pytest.mark.django_db


def _sig(text: str) -> bytes:
    from vestnik.engine.detectors.near_duplicate import signature

    return signature(text)


def test_fingerprints_find_near_duplicates_within_the_window() -> None:
    index = DatabaseFingerprints()
    now = timezone.now()
    text = "Write to the mayor today and demand the resignation of the library director now"
    index.add("a", _sig(text), "1", "10", now - timedelta(minutes=5))
    index.add("a", _sig(text), "1", "10", now)  # same key again: ignored
    index.add("b", _sig(text + "!"), "2", "11", now - timedelta(minutes=1))
    index.add("old", _sig(text), "3", "12", now - timedelta(days=2))
    index.add(
        "other",
        _sig("The reading rooms need better chairs and more light"),
        "4",
        "10",
        now,
    )
    found = index.similar(_sig(text.upper()), since=now - timedelta(hours=6))
    assert sorted(found) == [("a", "1", "10"), ("b", "2", "11")]
    assert index.similar(b"short", since=now - timedelta(hours=6)) == []


def test_activity_counts_an_author_per_thread_and_excludes_the_judged_comment(
    article: Any, reader: Any
) -> None:
    comments = [CommentFactory(article=article, author=reader) for _ in range(3)]
    CommentFactory(author=reader)  # another thread
    CommentFactory(
        article=article, author=reader, created_at=timezone.now() - timedelta(hours=1)
    )
    since = timezone.now() - timedelta(minutes=10)
    activity = CommentActivity()
    assert activity.count_by_author(str(reader.pk), since, str(article.pk)) == 3
    assert activity.count_by_author(str(reader.pk), since) == 4
    editing = CommentActivity(exclude=comments[0].pk)
    assert editing.count_by_author(str(reader.pk), since, str(article.pk)) == 2
    assert comments[0].body not in editing.recent_texts_by_author(str(reader.pk), since)
    assert activity.count_by_author("not-a-number", since) == 0
