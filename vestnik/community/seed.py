"""Bulk synthetic load: many users, articles and comments, fast, for measuring.

Rows go in with `bulk_create` in batches, comment ids assigned up front so that
each comment's thread path is written with it (no second pass); counters
(comments per article, replies per comment, the discussions) are set afterwards
with a few set-based UPDATEs. The engine does not run: the statuses are drawn
(95% published, 3% held, 2% rejected), like a site's history, and each comment
gets the engine-verdict entry in the audit log that a real post leaves (what the
transparency report and the audit pages read). Every run tags its rows
(usernames, slugs) so runs add up rather than collide.
"""

from __future__ import annotations

import random
import secrets
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, TextIO

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from vestnik.community.actions.comments import PATH_WIDTH
from vestnik.community.app_settings import app_settings
from vestnik.community.formatting import render_body
from vestnik.community.models import Comment, CommentStatus, Discussion

if TYPE_CHECKING:
    from vestnik.accounts.models import User

BATCH = 5000
SENTENCES = [
    "The council should publish the full budget before the vote.",
    "I read the report and the numbers do not add up.",
    "Good reporting, thank you for following this story.",
    "Our library has been closed on Sundays for years.",
    "Does anyone know when the new timetable starts?",
    "The minister said the same thing last spring.",
    "Interesting point about the transport costs.",
    "I disagree: the old plan was cheaper and better tested.",
    "My neighbours say the roadworks will take another month.",
    "Please correct the date in the second paragraph.",
]


@dataclass
class Progress:
    """A one-line progress bar on a terminal (plain lines otherwise)."""

    label: str
    total: int
    out: TextIO = sys.stderr
    done: int = 0
    started: float = 0.0

    def __post_init__(self) -> None:
        self.started = time.monotonic()
        self._last = 0.0

    def advance(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self._last < 0.5 and self.done < self.total:
            return
        self._last = now
        rate = self.done / max(now - self.started, 1e-6)
        share = self.done / max(self.total, 1)
        bar = "#" * int(share * 30)
        line = (
            f"{self.label:<9} [{bar:<30}] {self.done:>9,}/{self.total:,} "
            f"{share:6.1%} {rate:>9,.0f}/s"
        )
        if self.out.isatty():
            self.out.write("\r" + line + ("\n" if self.done >= self.total else ""))
        else:
            self.out.write(line + "\n")
        self.out.flush()


def _batches(total: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, BATCH):
        yield start, min(total, start + BATCH)


def seed_users(count: int, tag: str, progress: Progress) -> list[int]:
    from vestnik.accounts.models import User

    joined = timezone.now() - timedelta(days=400)
    unusable = make_password(None)  # nobody logs in as a seeded reader
    for start, end in _batches(count):
        users = [
            User(
                username=f"seed-{tag}-{i}",
                email=f"seed-{tag}-{i}@example.invalid",
                display_name=f"Reader {tag}-{i}",
                password=unusable,
                date_joined=joined,
            )
            for i in range(start, end)
        ]
        with transaction.atomic():
            User.objects.bulk_create(users, batch_size=BATCH)
        progress.advance(end - start)
    return list(
        User.objects.filter(username__startswith=f"seed-{tag}-").values_list(
            "id", flat=True
        )
    )


def seed_articles(count: int, tag: str, progress: Progress) -> list[int]:
    from vestnik.news.models import Article, ArticleStatus, Section

    section, _ = Section.objects.get_or_create(
        slug="seed", defaults={"name": "Seeded news"}
    )
    now = timezone.now()
    for start, end in _batches(count):
        articles = [
            Article(
                headline=f"Seeded story {tag}-{i}: the council and the budget",
                slug=f"seed-{tag}-{i}",
                section=section,
                standfirst="A seeded article for load tests.",
                body_text=" ".join(SENTENCES),
                status=ArticleStatus.PUBLISHED,
                publish_at=now - timedelta(hours=1 + i % 240),
            )
            for i in range(start, end)
        ]
        with transaction.atomic():
            Article.objects.bulk_create(articles, batch_size=BATCH)
        progress.advance(end - start)
    return list(
        Article.objects.filter(slug__startswith=f"seed-{tag}-").values_list(
            "id", flat=True
        )
    )


@dataclass
class _Node:
    pk: int
    depth: int
    path: str
    root: int


def seed_comments(
    count: int,
    articles: list[int],
    users: list[int],
    progress: Progress,
    rng: random.Random,
) -> int:
    """Insert the comments; returns the first seeded comment's id."""
    first = (
        Comment.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ) + 1
    per_article = max(1, count // max(1, len(articles)))
    now = timezone.now()
    threads: dict[int, list[_Node]] = {}
    statuses = [CommentStatus.PUBLISHED] * 95 + [CommentStatus.HELD] * 3
    statuses += [CommentStatus.REJECTED] * 2
    max_depth = app_settings.MAX_DEPTH
    rendered = {s: render_body(s) for s in SENTENCES}
    next_id = first
    for start, end in _batches(count):
        rows: list[Comment] = []
        for i in range(start, end):
            article = articles[min(i // per_article, len(articles) - 1)]
            nodes = threads.setdefault(article, [])
            pk = next_id
            next_id += 1
            own = str(pk).zfill(PATH_WIDTH)
            parent = rng.choice(nodes) if nodes and rng.random() < 0.3 else None
            if parent is None:
                node = _Node(pk, 0, own, pk)
            elif parent.depth < max_depth:
                node = _Node(pk, parent.depth + 1, f"{parent.path}/{own}", parent.root)
            else:
                prefix = parent.path.rsplit("/", 1)[0]
                node = _Node(pk, parent.depth, f"{prefix}/{own}", parent.root)
            if len(nodes) < 200:  # replies go to recent comments
                nodes.append(node)
            else:
                nodes[rng.randrange(200)] = node
            body = rng.choice(SENTENCES)
            rows.append(
                Comment(
                    id=pk,
                    article_id=article,
                    author_id=rng.choice(users),
                    parent_id=parent.pk if parent else None,
                    root_id=node.root,
                    depth=node.depth,
                    path=node.path,
                    body=body,
                    body_html=rendered[body],
                    status=rng.choice(statuses),
                    language="en",
                    created_at=now - timedelta(seconds=(count - i) * 3),
                    reaction_count=rng.choice((0, 0, 0, 1, 2, 5)),
                )
            )
        with transaction.atomic():
            Comment.objects.bulk_create(rows, batch_size=BATCH)
            _engine_verdicts(rows, rng)
        progress.advance(end - start)
    _reset_sequence()
    return first


_VERDICTS = {
    CommentStatus.PUBLISHED: "publish",
    CommentStatus.HELD: "hold",
    CommentStatus.REJECTED: "reject",
}
_RULES = ["profanity", "spam", "insult-threat", "form", "off-topic", "commercial"]


def _engine_verdicts(comments: list[Comment], rng: random.Random) -> None:
    """The audit log's engine-verdict entry for each seeded comment."""
    from vestnik.moderation.models import ActorKind, Decision, DecisionKind

    decisions = []
    for comment in comments:
        action = _VERDICTS[CommentStatus(comment.status)]
        rules = [] if action == "publish" else [rng.choice(_RULES)]
        decisions.append(
            Decision(
                kind=DecisionKind.ENGINE_VERDICT,
                actor_kind=ActorKind.ENGINE,
                comment_id=comment.pk,
                subject_user_id=comment.author_id,
                action=action,
                engine_action=action,
                rules=rules,
                engine_rules=rules,
                created_at=comment.created_at,
            )
        )
    Decision.objects.bulk_create(decisions, batch_size=BATCH)


def _reset_sequence() -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), [Comment])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# Set-based counters (UPDATE ... FROM, PostgreSQL and SQLite >= 3.33): one pass
# over the seeded rows instead of a correlated subquery per row.
_REPLY_COUNTS = """
UPDATE community_comment SET reply_count = counted.n
FROM (SELECT parent_id, COUNT(*) AS n FROM community_comment
      WHERE id >= %s AND status = 'published' AND parent_id IS NOT NULL
      GROUP BY parent_id) AS counted
WHERE community_comment.id = counted.parent_id
"""
_ARTICLE_COUNTS = """
UPDATE news_article SET comments_count = counted.n
FROM (SELECT article_id, COUNT(*) AS n FROM community_comment
      WHERE id >= %s AND status = 'published'
      GROUP BY article_id) AS counted
WHERE news_article.id = counted.article_id
"""


def recount(articles: list[int], first_comment: int, progress: Progress) -> None:
    """Set the counters the actions keep (comments per article, replies, discussions)."""
    from vestnik.news.models import Article

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_REPLY_COUNTS, [first_comment])
        cursor.execute(_ARTICLE_COUNTS, [first_comment])
    for start in range(0, len(articles), BATCH):
        chunk = articles[start : start + BATCH]
        counts = dict(
            Article.objects.filter(pk__in=chunk).values_list("pk", "comments_count")
        )
        with transaction.atomic():
            Discussion.objects.bulk_create(
                [
                    Discussion(article_id=pk, comment_count=n, version=1)
                    for pk, n in counts.items()
                ],
                update_conflicts=True,
                unique_fields=["article"],
                update_fields=["comment_count"],  # a version only moves forward
            )
        progress.advance(len(chunk))


def seed(
    *, comments: int, users: int, articles: int, seed_value: int = 1
) -> dict[str, int | str]:
    rng = random.Random(seed_value)  # noqa: S311 - synthetic data
    tag = secrets.token_hex(3)
    user_ids = seed_users(users, tag, Progress("users", users))
    article_ids = seed_articles(articles, tag, Progress("articles", articles))
    first = seed_comments(
        comments, article_ids, user_ids, Progress("comments", comments), rng
    )
    recount(article_ids, first, Progress("counters", len(article_ids)))
    # The seeded verdicts are dated in the past: the closed days' roll-ups are
    # recounted, as beat would have kept them (vestnik/moderation/rollups.py).
    from vestnik.moderation.rollups import roll_up

    roll_up(rebuild=True)
    return {"tag": tag, "users": users, "articles": articles, "comments": comments}


def session_key(user: User) -> str:
    """A stored login session for ``user``: the cookie value a bench or a
    drill's client sends to act as that reader."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)
