"""Logged-in readers: the shared cached thread, plus their own state.

A logged-in reader who is not a moderator and has nothing held in the
discussion sees what any other reader sees, except for their own comments
(edit and delete instead of reactions, reply and report) and the reactions
they gave. So the thread is rendered once per thread version for every
logged-in reader ("member" fragments in the shared cache, keyed like the
anonymous ones in threadcache.py), as if by a reader who wrote none of it, with
markers around each comment's action bar naming the comment and its author and
a stand-in for the CSRF token. Each request then adds its reader's state with
two small queries (their comments among those on the page or held in the
discussion; their reactions to the comments on the page) and string edits:
their reactions pressed, their own comments' action bars rendered alone, the
comment form for them, their CSRF token.

Moderators (who may feature and edit every comment) and readers with a held
comment in the discussion (shown to them alone, in its place in the thread) are
rendered in full per request, as before; both are rare on a news site.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone

from vestnik.community import queries, threadcache
from vestnik.community.app_settings import app_settings
from vestnik.community.forms import CommentForm
from vestnik.community.models import Comment, CommentStatus

# Body text can't contain either: it is escaped and goes through nh3, which drops
# HTML comments and input elements (community/formatting.py).
_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
_CSRF_STAND_IN = "shared-thread-csrf-stand-in"
_FORM_MARK = "<!--vk:form-->"
_ACTIONS = re.compile(r"<!--vk:a:(\d+):(\d*):(f?)-->(.*?)<!--/vk:a-->", re.S)


def _template(part: str) -> str:
    return "community/_page.html" if part == "page" else "community/_region.html"


def _render_shared(
    article: Any, sort: str | None, cursor: str | None, part: str
) -> str:
    """The thread as a logged-in reader who wrote none of it and reacted to none sees it."""
    nobody = AnonymousUser()
    page = queries.thread_page(
        article, nobody, sort=queries.Sort.parse(sort), cursor=cursor
    )
    queries.prepare_page(page, nobody)
    for comment in queries.shown_comments(page):
        comment.can_respond = comment.status == CommentStatus.PUBLISHED  # type: ignore[attr-defined]
    context = {
        "article": article,
        "page": page,
        "sorts": list(queries.Sort),
        "open": queries.comments_are_open(article),
        "closes_at": queries.closing_time(article),
        "max_length": app_settings.MAX_LENGTH,
        "overlay": True,
        "csrf_token": _CSRF_STAND_IN,
    }
    return render_to_string(_template(part), context)


def shared_fragment(
    article: Any, *, sort: str | None, cursor: str | None, part: str
) -> str:
    """The logged-in readers' fragment from the shared cache, with its markers."""
    state = threadcache.thread_state(article, sort=sort, cursor=cursor)
    return threadcache.cached_fragment(
        state, f"member-{part}", lambda: _render_shared(article, sort, cursor, part)
    )


def personal_fragment(
    request: HttpRequest,
    article: Any,
    *,
    sort: str | None,
    cursor: str | None,
    part: str = "region",
) -> str | None:
    """The shared fragment with this reader's state; None when it needs a full render."""
    user = request.user
    if not user.is_authenticated or queries.is_moderator(user):
        return None
    html = shared_fragment(article, sort=sort, cursor=cursor, part=part)
    bars = list(_ACTIONS.finditer(html))
    own_ids = {int(m[1]) for m in bars if m[2] == str(user.pk)}
    own: dict[int, Comment] = {}
    for comment in Comment.objects.filter(
        Q(pk__in=own_ids) | Q(status=CommentStatus.HELD),
        article_id=article.pk,
        author_id=user.pk,
    ).only("id", "article_id", "author_id", "status", "created_at", "reaction_count"):
        if comment.status == CommentStatus.HELD:
            return None
        own[comment.pk] = comment
    if own.keys() != own_ids:
        return None  # changed since the fragment was rendered
    reactions = queries.my_reactions_by_id(user, {int(m[1]) for m in bars} - own_ids)
    now = timezone.now()
    for comment in own.values():
        comment.can_edit = queries.edit_role(user, comment, now) is not None  # type: ignore[attr-defined]
        comment.can_delete = queries.can_delete(user, comment)  # type: ignore[attr-defined]
        comment.can_respond = comment.can_feature = False  # type: ignore[attr-defined]

    def personal_bar(match: re.Match[str]) -> str:
        pk, bar = int(match[1]), match[4]
        if pk in own:
            return render_to_string(
                "community/_actions.html",
                {
                    "comment": own[pk],
                    "featured_view": bool(match[3]),
                    "csrf_token": _CSRF_STAND_IN,
                },
            )
        kind = reactions.get(pk)
        if kind:
            bar = bar.replace(
                f'value="{kind}" aria-pressed="false"',
                f'value="{kind}" aria-pressed="true"',
            )
        return bar

    html = _ACTIONS.sub(personal_bar, html)
    if _FORM_MARK in html:
        html = html.replace(_FORM_MARK, _form_slot(request, article), 1)
    return html.replace(
        _CSRF_INPUT.format(_CSRF_STAND_IN), _CSRF_INPUT.format(get_token(request))
    )


def _form_slot(request: HttpRequest, article: Any) -> str:
    from vestnik.community.actions.comments import check_can_post
    from vestnik.community.actions.errors import CannotPostError

    can_post, reason = True, ""
    try:
        check_can_post(request.user)
    except CannotPostError as exc:
        can_post, reason = False, str(exc)
    return render_to_string(
        "community/_form_slot.html",
        {
            "article": article,
            "open": queries.comments_are_open(article),
            "user": request.user,
            "can_post": can_post,
            "cannot_post_reason": reason,
            "form": CommentForm(),
        },
        request=request,
    )
