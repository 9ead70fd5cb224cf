"""`{% discussion article %}`: the comment area under an article.

The article page includes "community/_discussion.html" with `article` in its
context; that template calls this tag, which runs the thread queries (a fixed
number, whatever the thread's size) and renders the thread.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from vestnik.community import overlay, queries, threadcache
from vestnik.community.app_settings import app_settings
from vestnik.community.forms import CommentForm

register = template.Library()


def discussion_context(
    request: HttpRequest,
    article: Any,
    *,
    sort: str | None = None,
    cursor: str | None = None,
    form: CommentForm | None = None,
) -> dict[str, Any]:
    viewer = request.user
    page = queries.thread_page(
        article, viewer, sort=queries.Sort.parse(sort), cursor=cursor
    )
    queries.prepare_page(page, viewer)
    can_post, cannot_post_reason = True, ""
    if viewer.is_authenticated:
        from vestnik.community.actions.comments import check_can_post
        from vestnik.community.actions.errors import CannotPostError

        try:
            check_can_post(viewer)
        except CannotPostError as exc:
            can_post, cannot_post_reason = False, str(exc)
    return {
        "article": article,
        "page": page,
        "sorts": list(queries.Sort),
        "open": queries.comments_are_open(article),
        "closes_at": queries.closing_time(article),
        "form": form or CommentForm(),
        "can_post": can_post,
        "cannot_post_reason": cannot_post_reason,
        "max_length": app_settings.MAX_LENGTH,
        "request": request,
        "user": viewer,
    }


def render_thread_part(
    request: HttpRequest,
    article: Any,
    *,
    sort: str | None = None,
    cursor: str | None = None,
    part: str = "region",
    state: str | None = None,
) -> str:
    """The discussion region (or one "load more" page of it, `part="page"`);
    anonymous readers get it from the shared cache, logged-in readers the shared
    cache's member fragment with their own state added (community/overlay.py)."""
    name = "community/_page.html" if part == "page" else "community/_region.html"

    def render() -> str:
        context = discussion_context(request, article, sort=sort, cursor=cursor)
        return render_to_string(name, context, request=request)

    if not threadcache.is_anonymous_read(request):
        personal = None
        if request.method in {"GET", "HEAD"}:
            personal = overlay.personal_fragment(
                request, article, sort=sort, cursor=cursor, part=part
            )
        return render() if personal is None else personal
    if state is None:
        state = threadcache.thread_state(article, sort=sort, cursor=cursor)
    return threadcache.cached_fragment(state, part, render)


@register.simple_tag(takes_context=True)
def discussion(context: template.Context, article: Any) -> str:
    request = context["request"]
    return mark_safe(  # noqa: S308 - a rendered template, autoescaped
        render_thread_part(request, article, sort=request.GET.get("sort"))
    )
