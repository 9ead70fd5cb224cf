"""The rulebook dry run: re-score recent comments with proposed settings, change nothing.

Both sides are re-scored now, with the settings in force and with the proposed
ones, under the same conditions (no recent-activity or fingerprint ports, since a
dry run must not record anything), so every difference shown is caused by the
proposed settings alone and not by what the ports remembered at posting time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vestnik.community.models import Comment, CommentStatus
from vestnik.engine import (
    ArticleContext,
    Context,
    Rulebook,
    Submission,
    Verdict,
    moderate_batch,
)
from vestnik.integrations.rulebooks import clients_of_authors, rulebook_of_client
from vestnik.moderation.adapters import discussion_for
from vestnik.moderation.rulebook_store import current_rulebook, rulebook_from


@dataclass(frozen=True)
class DryRunChange:
    comment_id: int
    excerpt: str
    status: str
    before_action: str
    after_action: str
    before_rules: tuple[str, ...]
    after_rules: tuple[str, ...]

    @property
    def action_changed(self) -> bool:
        return self.before_action != self.after_action


@dataclass
class DryRunResult:
    scored: int = 0
    changes: list[DryRunChange] = field(default_factory=list)
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    rulebook_version: str = ""

    @property
    def before_counts(self) -> list[tuple[str, int]]:
        # A list, not the Counter: templates look up `.items` as a key on dicts.
        return sorted(self.before.items())

    @property
    def after_counts(self) -> list[tuple[str, int]]:
        return sorted(self.after.items())

    @property
    def changed_actions(self) -> int:
        return sum(1 for c in self.changes if c.action_changed)


def _pair(comment: Comment) -> tuple[Submission, Context]:
    article = comment.article
    sub = Submission(
        text=comment.body,
        id=str(comment.pk),
        author_id=str(comment.author_id) if comment.author_id else None,
        thread_id=str(comment.article_id),
        time=comment.created_at,
        language=comment.language or None,
    )
    ctx = Context(
        article=ArticleContext(
            title=article.headline,
            standfirst=article.standfirst,
            body=article.body_text,
            id=str(article.pk),
            discussion=discussion_for(comment),
        ),
        now=comment.created_at,
        record=False,
    )
    return sub, ctx


def _fired(verdict: Any) -> tuple[str, ...]:
    return tuple(result.rule for result in verdict.fired)


def _score(
    comments: list[Comment], old_book: Rulebook, new_book: Rulebook
) -> tuple[list[Verdict], list[Verdict]]:
    """Each comment's verdicts under both rulebooks, as re-moderation would
    judge it: an API client's author's comment with the client's override on
    top of each (vestnik/integrations/rulebooks.py, #13)."""
    clients = clients_of_authors(c.author_id for c in comments)
    groups: dict[int | None, list[int]] = {}
    for index, comment in enumerate(comments):
        client = clients.get(comment.author_id or 0)
        groups.setdefault(client.pk if client else None, []).append(index)
    before: dict[int, Verdict] = {}
    after: dict[int, Verdict] = {}
    for indexes in groups.values():
        client = clients.get(comments[indexes[0]].author_id or 0)
        pairs = [_pair(comments[i]) for i in indexes]
        for book, into in ((old_book, before), (new_book, after)):
            judged = moderate_batch(pairs, rulebook=rulebook_of_client(client, book)[0])
            into.update(zip(indexes, judged, strict=True))
    order = range(len(comments))
    return [before[i] for i in order], [after[i] for i in order]


def dry_run(
    proposed: Mapping[str, Any], *, last: int, base: Rulebook | None = None
) -> DryRunResult:
    """Re-score the last `last` comments; raises RulebookError on bad `proposed`."""
    new_book = rulebook_from(proposed)
    old_book = base or current_rulebook()
    comments = list(
        Comment.objects.exclude(status=CommentStatus.DELETED)
        .select_related("article")
        .only(
            "id",
            "body",
            "status",
            "language",
            "created_at",
            "author_id",
            "article_id",
            "article__headline",
            "article__standfirst",
            "article__body_text",
        )
        .order_by("-created_at", "-id")[:last]
    )
    result = DryRunResult(scored=len(comments), rulebook_version=new_book.version)
    if not comments:
        return result
    before, after = _score(comments, old_book, new_book)
    for comment, old, new in zip(comments, before, after, strict=True):
        result.before[old.action.value] += 1
        result.after[new.action.value] += 1
        if old.action != new.action or _fired(old) != _fired(new):
            result.changes.append(
                DryRunChange(
                    comment_id=comment.pk,
                    excerpt=comment.body[:160],
                    status=comment.status,
                    before_action=old.action.value,
                    after_action=new.action.value,
                    before_rules=_fired(old),
                    after_rules=_fired(new),
                )
            )
    result.changes.sort(key=lambda c: (not c.action_changed, -c.comment_id))
    return result
