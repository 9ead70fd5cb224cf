"""The console's queues: what each one holds, its filters, and its priority order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields.json import KT, KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Greatest
from django.utils import timezone
from django.utils.functional import cached_property

from vestnik.community.models import Comment, CommentStatus, Report
from vestnik.engine import RULE_IDS, Rulebook
from vestnik.moderation.models import Block, Decision, DecisionKind
from vestnik.moderation.rulebook_store import current_rulebook
from vestnik.site.ids import parse_id

QUEUES: dict[str, str] = {
    "held": "Held by the engine",
    "reported": "Reported by readers",
    "published": "Recently published",
    "rejected": "Rejected",
    "approved": "Approved by moderators",
}
RECENT = timedelta(days=3)
DEFAULT_SORT = {
    "held": "priority",
    "reported": "priority",
    "published": "newest",
    "rejected": "newest",
    "approved": "newest",
}
SORTS = {
    "": "Default for the queue",
    "priority": "Priority",
    "oldest": "Oldest first",
    "newest": "Newest first",
    "score": "Score",
}


class UnknownQueueError(LookupError):
    pass


@dataclass(frozen=True)
class QueueFilters:
    rule: str = ""
    article: str = ""
    section: str = ""
    author: str = ""
    language: str = ""
    min_score: float | None = None
    sort: str = ""  # "" = the queue's default (DEFAULT_SORT)

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> QueueFilters:
        """Lenient parsing: a bad value is dropped, never a 500."""
        rule = params.get("rule", "").strip()
        try:
            min_score: float | None = float(params.get("min_score", "") or "x")
        except ValueError:
            min_score = None
        if min_score is not None and not 0.0 <= min_score <= 1.0:
            min_score = None
        sort = params.get("sort", "")
        return cls(
            rule=rule if rule in RULE_IDS else "",
            article=params.get("article", "").strip()[:200],
            section=params.get("section", "").strip()[:80],
            author=params.get("author", "").strip()[:254],
            language=params.get("language", "").strip()[:12],
            min_score=min_score,
            sort=sort if sort in SORTS else "",
        )

    def as_params(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items() if v not in ("", None)}


def _score(rule: str) -> Any:
    return Coalesce(
        Cast(
            KeyTextTransform(rule, KeyTextTransform("scores", "verdict")), FloatField()
        ),
        Value(0.0),
        output_field=FloatField(),
    )


TOP_FIRED = 3


def _fired_score(index: int) -> Any:
    return Coalesce(
        Cast(KT(f"verdict__rules__{index}__score"), FloatField()),
        Value(0.0),
        output_field=FloatField(),
    )


def top_score() -> Any:
    """The strongest score among the verdict's first fired rules (0 when none fired).

    Reads three JSON paths per row rather than all twenty rule scores: sorting the
    held queue at 100,000 comments was dominated by JSON extraction. A comment
    that fires more than three rules sorts high anyway.
    """
    return Greatest(
        *(_fired_score(i) for i in range(TOP_FIRED)), output_field=FloatField()
    )


def _open_reports() -> Any:
    counted = (
        Report.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
        .order_by()
        .values("comment")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def base_queue(queue: str) -> QuerySet[Comment]:
    now = timezone.now()
    comments = Comment.objects.all()
    if queue == "held":
        return comments.filter(status=CommentStatus.HELD)
    # Reported and approved are driven from the (small) reports and decisions:
    # an IN over their ids beats an EXISTS probe for each of 100,000 comments.
    if queue == "reported":
        unresolved = Report.objects.filter(resolved_at__isnull=True).values(
            "comment_id"
        )
        return comments.filter(
            pk__in=unresolved, status__in=[CommentStatus.PUBLISHED, CommentStatus.HELD]
        )
    if queue == "published":
        return comments.filter(
            status=CommentStatus.PUBLISHED, created_at__gte=now - RECENT
        )
    if queue == "rejected":
        return comments.filter(status=CommentStatus.REJECTED)
    if queue == "approved":
        approved = Decision.objects.filter(kind=DecisionKind.APPROVE).values(
            "comment_id"
        )
        return comments.filter(pk__in=approved, status=CommentStatus.PUBLISHED)
    raise UnknownQueueError(queue)


def queue_comments(
    queue: str, filters: QueueFilters, rulebook: Rulebook | None = None
) -> QuerySet[Comment]:
    """The queue's comments, filtered and ordered, with what a list row shows."""
    qs = base_queue(queue)
    if filters.rule:
        rule = (rulebook or current_rulebook())[filters.rule]
        fires_at = min(rule.threshold, rule.hold_threshold or rule.threshold)
        fired = Q(rule_score__gte=fires_at)
        if queue == "reported":
            cited = Report.objects.filter(
                comment=OuterRef("pk"), rule=filters.rule, resolved_at__isnull=True
            )
            fired |= Q(Exists(cited))
        qs = qs.annotate(rule_score=_score(filters.rule)).filter(fired)
    if filters.article:
        article_id = parse_id(filters.article)
        if article_id is not None:
            qs = qs.filter(article_id=article_id)
        elif filters.article.isdigit():  # out of range, or not ASCII digits
            qs = qs.none()
        else:
            qs = qs.filter(article__slug=filters.article)
    if filters.section:
        qs = qs.filter(article__section__slug=filters.section)
    if filters.author:
        author_id = parse_id(filters.author)
        if author_id is not None:
            qs = qs.filter(author_id=author_id)
        elif filters.author.isdigit():
            qs = qs.none()
        else:
            qs = qs.filter(
                Q(author__email__iexact=filters.author)
                | Q(author__username__iexact=filters.author)
            )
    if filters.language:
        qs = qs.filter(language=filters.language)
    qs = qs.annotate(open_reports=_open_reports())
    score_expr = _score(filters.rule) if filters.rule else top_score()
    qs = qs.annotate(priority_score=score_expr)
    if filters.min_score is not None:
        qs = qs.filter(priority_score__gte=filters.min_score)
    # Review queues of what is already decided are read newest first; the queues
    # waiting for a decision are read by priority. Newest-first also walks the
    # (status, created_at) index, so a page of 70,000 published rows costs 25.
    sort = filters.sort or DEFAULT_SORT[queue]
    if sort == "oldest":
        qs = qs.order_by("created_at", "id")
    elif sort == "newest":
        qs = qs.order_by("-created_at", "-id")
    elif sort == "score":
        qs = qs.order_by(F("priority_score").desc(), "created_at", "id")
    else:
        # Priority: readers' reports first, then the engine's confidence, then age
        # (the oldest waits least longer).
        qs = qs.order_by(
            F("open_reports").desc(), F("priority_score").desc(), "created_at", "id"
        )
    return qs.select_related(
        "author", "article", "article__section", "parent", "parent__author"
    )


def page_of(
    qs: QuerySet[Comment],
    start: int,
    stop: int,
    *,
    queue: str = "",
    filters: QueueFilters | None = None,
) -> list[Comment]:
    """Rows `start:stop` of a queue: ordered and cut on the comments alone, then
    only the page's rows fetched with their joins.

    Joined first, PostgreSQL hashed every user and article for every held
    comment before it sorted them: 160 ms at 3,000 held, growing with the queue
    (bench/scale_1m.py, #14). The held queue's priority order also reads each
    held comment's verdict: `_shortlist` narrows that to the rows that can be
    on the page, through moderation_comment_priority_idx.
    """
    ids_qs = qs.select_related(None)
    shortlist = _shortlist(qs, queue, filters or QueueFilters(), stop)
    if shortlist is not None:
        ids_qs = ids_qs.filter(shortlist)
    ids = list(ids_qs.values_list("pk", flat=True)[start:stop])
    if not ids:
        return []
    rows = {comment.pk: comment for comment in qs.filter(pk__in=ids).order_by()}
    return [rows[pk] for pk in ids if pk in rows]


def _shortlist(
    qs: QuerySet[Comment], queue: str, filters: QueueFilters, stop: int
) -> Q | None:
    """The held comments that can be among the first `stop` in priority order.

    Priority is (open reports, top score, age). The first `stop` rows are all
    either reported (few: the open reports) or among the first `stop` by (top
    score, age) alone, which moderation_comment_priority_idx reads in order
    without touching the other held rows: of the first `stop` unreported rows,
    the j-th has at most `stop - j` reported rows ahead of it by (top score,
    age), so it ranks within the first `stop` of all. Sorting by score alone
    needs only the second set. Both are read as ids (two small queries): as
    subqueries ORed together, PostgreSQL filtered every held row by them.
    """
    sort = filters.sort or DEFAULT_SORT.get(queue, "")
    if queue != "held" or filters.rule or sort not in ("priority", "score"):
        return None
    ids = set(
        qs.select_related(None)
        .order_by(F("priority_score").desc(), "created_at", "id")
        .values_list("pk", flat=True)[:stop]
    )
    if sort == "priority":
        ids.update(
            Report.objects.filter(resolved_at__isnull=True)
            .order_by()
            .values_list("comment_id", flat=True)
            .distinct()
        )
    return Q(pk__in=ids)


# The console counts a queue up to here and then says "1,000+": counting every
# held or recent comment grew with the site (#14: five tabs and the pager
# counted 60,000 index entries per page at a million comments; a cap of 10,000
# still read three times what a 10,000-comment site does). Forty pages deep is
# further than a moderator pages; the filters narrow a long queue.
COUNT_CAP = 1_000


def capped_count(qs: QuerySet[Comment]) -> int:
    """COUNT over at most COUNT_CAP + 1 rows (a LIMIT inside the count).

    Ordered by time, so that PostgreSQL walks moderation_comment_queue_idx
    (status, created_at) and stops after the cap: unordered, it chose a
    sequential scan that read 33,000 rows to find 1,001 held ones at a
    million comments, and most of the table for the recent published ones.
    """
    return qs.order_by("created_at").values("created_at")[: COUNT_CAP + 1].count()


def count_label(count: int) -> str:
    return f"{COUNT_CAP:,}+" if count > COUNT_CAP else f"{count:,}"


if TYPE_CHECKING:  # generic in django-stubs only
    _Paginator = Paginator[Comment]
else:
    _Paginator = Paginator


class CappedPaginator(_Paginator):
    """Pages of a queue counted up to COUNT_CAP: `capped` says there are more."""

    @cached_property
    def count(self) -> int:
        assert isinstance(self.object_list, QuerySet)  # noqa: S101 - queues only
        return capped_count(self.object_list)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


COUNTS_KEY = "moderation:queue-counts"
CAPPED_COUNTS_KEY = "moderation:queue-counts-capped"
COUNTS_SECONDS = 15


def queue_counts() -> dict[str, int]:
    """The five queue sizes for the tabs, cached for a few seconds.

    Five COUNTs over 100,000 comments were most of a queue page's SQL. Every
    audited decision about a comment (the engine's included) drops the cache
    after commit (`forget_queue_counts`, called by `record_decision`), so the
    counts are only reused while nothing changed; 15 s bounds any other drift.
    """
    cached = cache.get(COUNTS_KEY)
    if isinstance(cached, dict):
        return cached
    counts = {name: base_queue(name).count() for name in QUEUES}
    cache.set(COUNTS_KEY, counts, COUNTS_SECONDS)
    return counts


def capped_queue_counts() -> dict[str, str]:
    """The tabs' labels: each queue counted up to COUNT_CAP ("1,000+")."""
    cached = cache.get(CAPPED_COUNTS_KEY)
    if isinstance(cached, dict):
        return cached
    counts = {name: count_label(capped_count(base_queue(name))) for name in QUEUES}
    cache.set(CAPPED_COUNTS_KEY, counts, COUNTS_SECONDS)
    return counts


def forget_queue_counts() -> None:
    transaction.on_commit(lambda: cache.delete_many([COUNTS_KEY, CAPPED_COUNTS_KEY]))


@dataclass(frozen=True)
class AuthorRecord:
    rejected: int
    approved: int
    blocks: int
    active_block: bool


def author_records(author_ids: set[int]) -> dict[int, AuthorRecord]:
    """Previous decisions and blocks for the authors on a page: two queries."""
    if not author_ids:
        return {}
    rows = (
        Decision.objects.filter(subject_user_id__in=author_ids, comment__isnull=False)
        .values("subject_user_id")
        .annotate(
            rejected=Count("id", filter=Q(action="reject")),
            approved=Count("id", filter=Q(kind=DecisionKind.APPROVE)),
        )
        .order_by()
    )
    decisions = {row["subject_user_id"]: row for row in rows}
    block_rows = (
        Block.objects.filter(user_id__in=author_ids)
        .values("user_id")
        .annotate(n=Count("id"), active=Count("id", filter=Q(lifted_at__isnull=True)))
        .order_by()
    )
    blocks = {row["user_id"]: row for row in block_rows}
    return {
        uid: AuthorRecord(
            rejected=decisions.get(uid, {}).get("rejected", 0),
            approved=decisions.get(uid, {}).get("approved", 0),
            blocks=blocks.get(uid, {}).get("n", 0),
            active_block=bool(blocks.get(uid, {}).get("active", 0)),
        )
        for uid in author_ids
    }
