"""Thread versions: one counter per article, bumped by every change a reader sees.

The cached thread fragments and the ETags of the article page, the thread page
and the thread API are keyed by it (community/threadcache.py), so a cached copy
is never served after a change. Bumps go through the database (an atomic
UPDATE), never only through the cache: a version held in a cache could be
evicted, start again at 0 and bring an old fragment back.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from vestnik.community.models import Comment, Discussion


def bump_thread(article_id: int) -> None:
    """A comment of this article changed state, text, reactions or featuring."""
    if Discussion.objects.filter(article_id=article_id).update(
        version=F("version") + 1
    ):
        return
    try:
        with transaction.atomic():
            Discussion.objects.create(article_id=article_id, version=1)
    except IntegrityError:  # created concurrently: bump that row
        Discussion.objects.filter(article_id=article_id).update(
            version=F("version") + 1
        )


def bump_threads_of_author(user_id: int) -> None:
    """The author's name, avatar or standing changed: every thread they wrote in."""
    articles = Comment.objects.filter(author_id=user_id).values("article_id")
    Discussion.objects.filter(article_id__in=articles).update(version=F("version") + 1)
