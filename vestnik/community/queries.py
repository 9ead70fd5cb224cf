"""Reads of threads and comments, and the permission-gated `access_*` fetches.

A thread page is three queries whatever its size: a keyset page of top-level
comments, their replies (a window function keeps at most INLINE_REPLIES per
top-level comment), and the viewer's own reactions to what is shown.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from vestnik.community.app_settings import app_settings
from vestnik.community.models import Comment, CommentStatus, Reaction
from vestnik.site.ids import MAX_ID

AnyUser = AbstractBaseUser | AnonymousUser | None


class Sort(enum.StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    REACTIONS = "reactions"
    REPLIES = "replies"

    @classmethod
    def parse(cls, value: str | None) -> Sort:
        try:
            return cls(value or cls.NEWEST)
        except ValueError:
            return cls.NEWEST

    @property
    def label(self) -> str:
        return {
            "newest": "Newest",
            "oldest": "Oldest",
            "reactions": "Most reactions",
            "replies": "Most replies",
        }[self.value]


_SORT_FIELD = {
    Sort.NEWEST: "created_at",
    Sort.OLDEST: "created_at",
    Sort.REACTIONS: "reaction_count",
    Sort.REPLIES: "reply_count",
}


def is_moderator(user: AnyUser) -> bool:
    from vestnik.moderation.roles import is_moderator as _is_moderator

    return _is_moderator(user)


# --- closing -------------------------------------------------------------------------


def closing_time(article: Any) -> datetime | None:
    """When the section's "close after N days" closes this article's comments."""
    days = getattr(article.section, "comments_close_after_days", None)
    if days is None or article.publish_at is None:
        return None
    closes: datetime = article.publish_at + timedelta(days=int(days))
    return closes


def comments_are_open(article: Any, now: datetime | None = None) -> bool:
    if not article.comments_open or not article.is_visible:
        return False
    closes = closing_time(article)
    return closes is None or (now or timezone.now()) < closes


# --- visibility ------------------------------------------------------------------------


def _gone_author_q() -> Q | None:
    """Comments hidden because their author's account is deleted or blocked."""
    from vestnik.moderation.models import Block

    hidden: Q | None = None
    if app_settings.DELETED_AUTHOR_COMMENTS == "hide":
        hidden = Q(author__deleted_at__isnull=False)
    if app_settings.BLOCKED_AUTHOR_COMMENTS == "hide":
        blocked = Q(
            Exists(
                Block.objects.filter(user=OuterRef("author"), lifted_at__isnull=True)
            )
        )
        hidden = blocked if hidden is None else hidden | blocked
    return hidden


def visible_q(viewer: AnyUser, status: str = "status") -> Q:
    """What `viewer` sees in a thread: published comments, deleted ones that still
    have replies (as a placeholder), and their own comments held for review."""
    q = Q(**{status: CommentStatus.PUBLISHED}) | Q(
        **{status: CommentStatus.DELETED, "reply_count__gt": 0}
    )
    if viewer is not None and viewer.is_authenticated:
        q |= Q(**{status: CommentStatus.HELD, "author_id": viewer.pk})
    return q


# Status as an expression the planner can't match to an index on `status`. Thread
# queries must use the thread indexes (article/root first); a status index (the
# moderation queues have one) looks selective to SQLite and would scan every
# published comment on the site.
_STATUS_NO_INDEX = Func(
    F("status"), template="(%(expressions)s || '')", output_field=CharField()
)


def _with_author_state(qs: QuerySet[Comment]) -> QuerySet[Comment]:
    from vestnik.moderation.models import Block

    if app_settings.BLOCKED_AUTHOR_COMMENTS == "anonymise":
        qs = qs.annotate(
            author_blocked=Exists(
                Block.objects.filter(user=OuterRef("author"), lifted_at__isnull=True)
            )
        )
    return qs


def visible_in_threads(viewer: AnyUser) -> QuerySet[Comment]:
    # PostgreSQL needs the column itself: it estimates the expression's
    # selectivity at a guess (0.5%), and with one large thread prefers a
    # sequential scan and a sort to walking the thread index (test_explain.py).
    status_any = F("status") if connection.vendor == "postgresql" else _STATUS_NO_INDEX
    qs = Comment.objects.alias(status_any=status_any).filter(
        visible_q(viewer, "status_any")
    )
    gone = _gone_author_q()
    if gone is not None:
        qs = qs.exclude(gone)
    return qs


def visible_comments(article: Any, viewer: AnyUser) -> QuerySet[Comment]:
    return visible_in_threads(viewer).filter(article=article)


# --- thread pages -------------------------------------------------------------------


_SIGNED = re.compile(r"-?[0-9]{1,19}")


@dataclass
class ThreadPage:
    sort: Sort
    roots: list[Comment]
    next_cursor: str | None
    featured: list[Comment] = field(default_factory=list)
    my_reactions: dict[int, str] = field(default_factory=dict)


def parse_cursor(cursor: str | None) -> tuple[int, int] | None:
    """A cursor is "<sort value>.<id>": microseconds since the epoch, or a count."""
    if not cursor:
        return None
    value, _, pk = cursor.partition(".")
    if not _SIGNED.fullmatch(value) or not _SIGNED.fullmatch(pk):
        return None
    parsed = int(value), int(pk)
    try:
        # Every sort's value must also read as a time: a cursor that cannot is
        # forged, and `datetime.fromtimestamp` would overflow on it (#14).
        datetime.fromtimestamp(
            parsed[0] / 1_000_000, tz=timezone.get_current_timezone()
        )
    except (OverflowError, OSError, ValueError):
        return None
    if not -MAX_ID <= parsed[1] <= MAX_ID:
        return None
    return parsed


def _cursor_for(comment: Comment, sort: Sort) -> str:
    if _SORT_FIELD[sort] == "created_at":
        value = int(comment.created_at.timestamp() * 1_000_000)
    else:
        value = int(getattr(comment, _SORT_FIELD[sort]))
    return f"{value}.{comment.pk}"


def _after(sort: Sort, cursor: tuple[int, int]) -> Q:
    name = _SORT_FIELD[sort]
    raw, pk = cursor
    value: Any = raw
    if name == "created_at":
        value = datetime.fromtimestamp(
            raw / 1_000_000, tz=timezone.get_current_timezone()
        )
    op = "gt" if sort is Sort.OLDEST else "lt"
    return Q(**{f"{name}__{op}": value}) | Q(**{name: value, f"id__{op}": pk})


def _ordering(sort: Sort) -> list[Any]:
    name = _SORT_FIELD[sort]
    if sort is Sort.OLDEST:
        return [F(name).asc(), F("id").asc()]
    return [F(name).desc(), F("id").desc()]


def _display_related(qs: QuerySet[Comment]) -> QuerySet[Comment]:
    return _with_author_state(
        qs.select_related("author", "parent__author").defer(
            "verdict", "parent__verdict", "parent__body", "parent__body_html"
        )
    )


def thread_page(
    article: Any,
    viewer: AnyUser,
    *,
    sort: Sort = Sort.NEWEST,
    cursor: str | None = None,
    page_size: int | None = None,
) -> ThreadPage:
    size = page_size or app_settings.PAGE_SIZE
    base = visible_comments(article, viewer)
    roots_qs = _display_related(base.filter(depth=0))
    parsed = parse_cursor(cursor)
    if parsed is not None:
        roots_qs = roots_qs.filter(_after(sort, parsed))
    roots = list(roots_qs.order_by(*_ordering(sort))[: size + 1])
    next_cursor = _cursor_for(roots[size - 1], sort) if len(roots) > size else None
    roots = roots[:size]
    _attach_replies(roots, visible_in_threads(viewer))
    page = ThreadPage(sort=sort, roots=roots, next_cursor=next_cursor)
    if parsed is None:
        page.featured = list(
            _display_related(
                base.filter(
                    Q(is_featured__in=[True]), Q(status_any=CommentStatus.PUBLISHED)
                )
            ).order_by("-created_at")[:3]
        )
    page.my_reactions = my_reactions(viewer, [*_all_shown(roots), *page.featured])
    return page


def shown_comments(page: ThreadPage) -> list[Comment]:
    """Every comment a thread page shows: roots, their inline replies, featured."""
    return [*_all_shown(page.roots), *page.featured]


def _all_shown(roots: list[Comment]) -> list[Comment]:
    shown: list[Comment] = []
    for root in roots:
        shown.append(root)
        shown.extend(getattr(root, "inline_replies", []))
    return shown


def _attach_replies(roots: list[Comment], base: QuerySet[Comment]) -> None:
    """One query for the replies of every root on the page, at most N per root."""
    for root in roots:
        root.inline_replies = []  # type: ignore[attr-defined]
        root.hidden_replies = 0  # type: ignore[attr-defined]
    if not roots:
        return
    by_id = {root.pk: root for root in roots}
    # Not filtered by article: the (root, path) index finds these rows directly.
    ranked = (
        _display_related(base.filter(root_id__in=list(by_id), depth__gt=0))
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("root_id")], order_by=[F("path").asc()]
            ),
            total=Window(Count("id"), partition_by=[F("root_id")]),
        )
        .order_by("root_id", "path")
    )
    limit = app_settings.INLINE_REPLIES
    for reply in ranked.filter(rank__lte=limit):
        owner = by_id.get(reply.root_id or 0)
        if owner is None:
            continue
        root = owner
        root.inline_replies.append(reply)  # type: ignore[attr-defined]
        root.hidden_replies = max(0, reply.total - limit)  # type: ignore[attr-defined]


def subthread(
    root: Comment, viewer: AnyUser, *, start_path: str | None = None, limit: int = 200
) -> tuple[list[Comment], str | None]:
    """Replies under `root` in display order from `start_path`, and the next start."""
    qs = _display_related(
        visible_comments(root.article, viewer).filter(root=root, depth__gt=0)
    ).order_by("path")
    if start_path:
        qs = qs.filter(path__gte=start_path)
    replies = list(qs[: limit + 1])
    next_path = replies[limit].path if len(replies) > limit else None
    return replies[:limit], next_path


def my_reactions(viewer: AnyUser, comments: list[Comment]) -> dict[int, str]:
    if viewer is None or not viewer.is_authenticated or not comments:
        return {}
    return dict(
        Reaction.objects.filter(
            user_id=viewer.pk, comment_id__in=[c.pk for c in comments]
        ).values_list("comment_id", "kind")
    )


def my_reactions_by_id(viewer: AnyUser, comment_ids: set[int]) -> dict[int, str]:
    """The viewer's reactions to these comments: one query on (user, comment)."""
    if viewer is None or not viewer.is_authenticated or not comment_ids:
        return {}
    return dict(
        Reaction.objects.filter(
            user_id=viewer.pk, comment_id__in=sorted(comment_ids)
        ).values_list("comment_id", "kind")
    )


def thread_count(article: Any) -> int:
    """The published comment count, as the actions keep it on the article."""
    return int(article.comments_count)


def count_published(article_id: int) -> int:
    return Comment.objects.filter(
        article_id=article_id, status=CommentStatus.PUBLISHED
    ).count()


# --- access ---------------------------------------------------------------------------


def access_comment(viewer: AnyUser, comment_id: int) -> Comment:
    """A comment the viewer may see (its author and moderators also see it held/rejected)."""
    try:
        comment = Comment.objects.select_related(
            "article__section", "author", "parent__author"
        ).get(pk=comment_id)
    except Comment.DoesNotExist:
        raise Http404("No such comment.") from None
    if not comment.article.is_visible and not is_moderator(viewer):
        raise Http404("No such comment.")
    if comment.status == CommentStatus.PUBLISHED:
        return comment
    if is_moderator(viewer):
        return comment
    is_author = (
        viewer is not None
        and viewer.is_authenticated
        and comment.author_id == viewer.pk
    )
    if is_author and comment.status in (CommentStatus.HELD, CommentStatus.REJECTED):
        return comment
    if comment.status == CommentStatus.DELETED and comment.reply_count > 0:
        return comment
    raise Http404("No such comment.")


class CommentNotEditableError(PermissionDenied):
    """Only the author (within the edit window) or a moderator may change a comment."""


def edit_role(
    user: AnyUser, comment: Comment, now: datetime | None = None
) -> str | None:
    """ "author" when the author may still edit, "moderator" for moderators, else None."""
    if user is None or not user.is_authenticated:
        return None
    if comment.author_id == user.pk and comment.status != CommentStatus.DELETED:
        window = timedelta(seconds=app_settings.EDIT_WINDOW_SECONDS)
        if (now or timezone.now()) - comment.created_at <= window:
            return "author"
    if is_moderator(user):
        return "moderator"
    return None


def can_delete(user: AnyUser, comment: Comment) -> bool:
    if (
        user is None
        or not user.is_authenticated
        or comment.status == CommentStatus.DELETED
    ):
        return False
    return comment.author_id == user.pk or is_moderator(user)


def access_comment_for_edit(user: AnyUser, comment_id: int) -> tuple[Comment, str]:
    comment = access_comment(user, comment_id)
    role = edit_role(user, comment)
    if role is None:
        raise CommentNotEditableError("You can't edit this comment.")
    return comment, role


def access_comment_for_delete(user: AnyUser, comment_id: int) -> Comment:
    comment = access_comment(user, comment_id)
    if not can_delete(user, comment):
        raise CommentNotEditableError("You can't delete this comment.")
    return comment


def access_comment_for_moderator(user: AnyUser, comment_id: int) -> Comment:
    if not is_moderator(user):
        raise CommentNotEditableError("Moderators only.")
    return access_comment(user, comment_id)


# --- presentation for one viewer -------------------------------------------------------


def author_label(comment: Comment) -> str:
    """The name shown on a comment, per the publisher's setting for gone accounts."""
    author = comment.author
    if author is None or getattr(author, "is_placeholder", False):
        return "Deleted account"
    if (
        getattr(author, "deleted_at", None) is not None
        and app_settings.DELETED_AUTHOR_COMMENTS != "show"
    ):
        return "Deleted account"
    if getattr(comment, "author_blocked", False):
        return "Blocked account"
    return str(author.public_name)


def held_reasons(comment: Comment) -> list[dict[str, str]]:
    """The rules (id and wording) a held or rejected comment was stopped under."""
    return [
        {"rule": str(rule.get("rule", "")), "wording": str(rule.get("wording", ""))}
        for rule in comment.rules_fired
        if rule.get("outcome") in (None, "hold", "reject")
    ]


def prepare_for_viewer(
    comments: list[Comment], viewer: AnyUser, reactions: dict[int, str] | None = None
) -> None:
    """Attach what the templates need per comment, with no further queries."""
    moderator = is_moderator(viewer)
    now = timezone.now()
    reactions = reactions or {}
    for comment in comments:
        comment.author_label = author_label(comment)  # type: ignore[attr-defined]
        comment.my_reaction = reactions.get(comment.pk)  # type: ignore[attr-defined]
        role = edit_role(viewer, comment, now)
        comment.can_edit = role is not None  # type: ignore[attr-defined]
        comment.can_delete = can_delete(viewer, comment)  # type: ignore[attr-defined]
        comment.can_feature = moderator and comment.status == CommentStatus.PUBLISHED  # type: ignore[attr-defined]
        mine = (
            viewer is not None
            and viewer.is_authenticated
            and comment.author_id == viewer.pk
        )
        comment.is_mine = mine  # type: ignore[attr-defined]
        comment.can_respond = (  # type: ignore[attr-defined]
            viewer is not None
            and viewer.is_authenticated
            and not mine
            and comment.status == CommentStatus.PUBLISHED
        )
        comment.in_reply_to = (  # type: ignore[attr-defined]
            author_label(comment.parent)
            if comment.parent_id
            and comment.parent is not None
            and comment.depth >= app_settings.MAX_DEPTH
            else ""
        )
        comment.held_reasons = held_reasons(comment) if mine else []  # type: ignore[attr-defined]


def prepare_page(page: ThreadPage, viewer: AnyUser) -> None:
    prepare_for_viewer(
        [*_all_shown(page.roots), *page.featured], viewer, page.my_reactions
    )


def access_article_for_comments(article_id: int) -> Any:
    from vestnik.news.models import Article

    try:
        return (
            Article.objects.discussable()
            # the thread's version in the same query (community/threadcache.py)
            .select_related("section", "discussion")
            .get(pk=article_id)
        )
    except Article.DoesNotExist:
        raise Http404("No such article.") from None
