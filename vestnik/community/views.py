"""Thin views: parse input, call one action or query, render.

Every interaction works as a plain form post (no JavaScript: post, redirect,
get) and as an HTMX request, which gets just the fragment to swap.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from vestnik.community import overlay, queries, threadcache
from vestnik.community.actions import comments as comment_actions
from vestnik.community.actions import reactions as reaction_actions
from vestnik.community.actions import reports as report_actions
from vestnik.community.actions.errors import CannotPostError, CommentsClosedError
from vestnik.community.forms import (
    CommentForm,
    DeleteForm,
    EditForm,
    ReactionForm,
    ReportForm,
)
from vestnik.community.models import Comment, CommentStatus
from vestnik.community.ratelimit import RateLimitedError
from vestnik.community.templatetags.community import (
    discussion_context,
    render_thread_part,
)
from vestnik.news import queries as news_queries
from vestnik.site.clientip import client_ip
from vestnik.site.ids import parse_id


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _anchor(comment: Comment) -> str:
    return f"{comment.article.get_absolute_url()}#comment-{comment.pk}"


def _error_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or "That is not allowed."


def _status_for(exc: Exception) -> int:
    if isinstance(exc, RateLimitedError):
        return 429
    if isinstance(exc, PermissionDenied):
        return 403
    return 400


def _rule_choices() -> list[tuple[str, str]]:
    from vestnik.moderation.rulebook_store import current_rulebook

    return [
        (rule.id, f"{rule.title or rule.id}: a comment is removed if it {rule.wording}")
        for rule in current_rulebook().rules
        if rule.enabled
    ]


@require_safe
def thread(request: HttpRequest, article_id: int) -> HttpResponseBase:
    """The thread on its own page: sorting and "load more" without JavaScript.

    HTMX "load more" gets the next page of comments only. Anonymous readers get
    both from the shared cache, with an ETag (community/threadcache.py).
    """
    article = queries.access_article_for_comments(article_id)
    reply = parse_id(request.GET.get("reply", ""))
    if reply is None and threadcache.is_anonymous_read(request):
        response = _anonymous_thread(request, article)
    else:
        member = _member_thread(request, article) if reply is None else None
        response = member or _thread(request, article, reply)
        threadcache.finish(request, response, None)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _anonymous_thread(request: HttpRequest, article: Any) -> HttpResponseBase:
    sort, cursor = request.GET.get("sort"), request.GET.get("after")
    part = "page" if _htmx(request) and cursor else "region"
    state = threadcache.thread_state(article, sort=sort, cursor=cursor)
    etag = threadcache.etag_for("thread", part, state)
    unchanged = threadcache.not_modified(request, etag)
    if unchanged is not None:
        return unchanged

    def render_part() -> HttpResponse:
        html = render_thread_part(
            request, article, sort=sort, cursor=cursor, part=part, state=state
        )
        if part == "page":
            return HttpResponse(html)
        return render(
            request,
            "community/thread.html",
            {"article": article, "region_html": mark_safe(html)},  # noqa: S308 - rendered template
        )

    if part == "page":  # the fragment alone: already one cache read
        response = render_part()
    else:
        newsroom = news_queries.content_version()  # the page's header and footer
        parsed = queries.parse_cursor(cursor)
        response = threadcache.stored_page(
            request,
            f"thread:{state}:{newsroom}",
            render_part,
            {
                "sort": None if sort is None else threadcache.canonical_sort(sort),
                "after": f"{parsed[0]}.{parsed[1]}" if parsed else None,
            },
        )
    threadcache.finish(request, response, etag)
    return response


def _member_thread(request: HttpRequest, article: Any) -> HttpResponse | None:
    """A logged-in reader's thread from the shared fragment plus their own state;
    None when they need a full render (community/overlay.py)."""
    cursor = request.GET.get("after")
    part = "page" if _htmx(request) and cursor else "region"
    html = overlay.personal_fragment(
        request, article, sort=request.GET.get("sort"), cursor=cursor, part=part
    )
    if html is None:
        return None
    if part == "page":
        return HttpResponse(html)
    return render(
        request,
        "community/thread.html",
        {"article": article, "region_html": mark_safe(html)},  # noqa: S308 - rendered template
    )


def _thread(request: HttpRequest, article: Any, reply: int | None) -> HttpResponse:
    parent = None
    if reply is not None:
        parent = queries.access_comment(request.user, reply)
        queries.prepare_for_viewer([parent], request.user)
    context = discussion_context(
        request, article, sort=request.GET.get("sort"), cursor=request.GET.get("after")
    )
    if parent is not None and parent.article_id == article.pk:
        context["parent"] = parent
        context["form"] = CommentForm(initial={"parent": parent.pk})
    if _htmx(request) and request.GET.get("after"):
        return render(request, "community/_page.html", context)
    return render(request, "community/thread.html", context)


@require_POST
def post(request: HttpRequest, article_id: int) -> HttpResponse:
    article = queries.access_article_for_comments(article_id)
    return post_to_article(request, article)


def post_to_article(
    request: HttpRequest, article: Any, *, posted_url: str | None = None
) -> HttpResponse:
    """Post `request.POST` as a comment on `article`: the site's thread and the
    embedded one (integrations/embed.py) both answer through here.

    With `posted_url`, a comment that is posted or held sends the browser
    there (HTMX: `HX-Redirect`) instead of answering with the new comment.
    """
    form = CommentForm(request.POST)
    dry_run = "check" in request.POST or request.POST.get("dry_run") in {"1", "true"}
    parent: Comment | None = None
    error = ""
    status = 200
    result = None
    if form.is_valid():
        try:
            if form.cleaned_data["parent"]:
                parent = queries.access_comment(
                    request.user, form.cleaned_data["parent"]
                )
            result = comment_actions.post_comment(
                author=request.user,
                article=article,
                body=form.cleaned_data["body"],
                parent=parent,
                token=form.cleaned_data["token"],
                ip=client_ip(request),
                language=request.LANGUAGE_CODE
                if hasattr(request, "LANGUAGE_CODE")
                else "",
                dry_run=dry_run,
            )
        except (
            CannotPostError,
            CommentsClosedError,
            RateLimitedError,
            PermissionDenied,
            ValidationError,
        ) as exc:
            error, status = _error_message(exc), _status_for(exc)
        except Http404:
            error, status = "The comment you reply to is no longer available.", 400
    else:
        status = 400

    if (
        result is not None
        and not result.dry_run
        and result.status != CommentStatus.REJECTED
    ):
        comment = result.comment
        if posted_url is not None:
            if _htmx(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = posted_url
                return response
            return HttpResponseRedirect(posted_url)
        if not _htmx(request):
            return HttpResponseRedirect(_anchor(comment))
        queries.prepare_for_viewer([comment], request.user)
        article.refresh_from_db(fields=["comments_count"])
        return render(
            request,
            "community/_posted.html",
            {
                "comment": comment,
                "article": article,
                "form": CommentForm(),
                "parent": parent,
                "created": result.created,
            },
        )
    if result is not None and result.status == CommentStatus.REJECTED:
        form.fresh_token()
    context = {
        "article": article,
        "form": form,
        "parent": parent,
        "error": error,
        "result": result,
        "rejected": result is not None and result.status == CommentStatus.REJECTED,
        "warnings": queries.held_reasons(result.comment) if result is not None else [],
    }
    if _htmx(request):
        return render(request, "community/_form.html", context)
    return_context = discussion_context(request, article, form=form)
    return_context.update(context)
    return render(request, "community/thread.html", return_context, status=status)


@require_safe
def permalink(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = queries.access_comment(request.user, comment_id)
    root = (
        comment
        if comment.depth == 0 or comment.root_id is None
        else queries.access_comment(request.user, comment.root_id)
    )
    start = request.GET.get("from")
    replies, next_path = queries.subthread(root, request.user, start_path=start)
    if comment.pk != root.pk and comment not in replies and not start:
        replies, next_path = queries.subthread(
            root, request.user, start_path=comment.path
        )
        start = comment.path
    shown = [root, *replies]
    if comment.status != CommentStatus.PUBLISHED and comment not in shown:
        shown.append(comment)
    queries.prepare_for_viewer(
        shown, request.user, queries.my_reactions(request.user, shown)
    )
    return render(
        request,
        "community/permalink.html",
        {
            "comment": comment,
            "root": root,
            "replies": replies,
            "next_path": next_path,
            "started_later": bool(start),
            "article": comment.article,
            "open": queries.comments_are_open(comment.article),
        },
    )


@require_safe
def reply_form(request: HttpRequest, comment_id: int) -> HttpResponse:
    parent = queries.access_comment(request.user, comment_id)
    return render(
        request,
        "community/_form.html",
        {
            "article": parent.article,
            "form": CommentForm(initial={"parent": parent.pk}),
            "parent": parent,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment, role = queries.access_comment_for_edit(request.user, comment_id)
    moderator_edit = role == "moderator"
    form = EditForm(
        request.POST if request.method == "POST" else None,
        moderator_edit=moderator_edit,
        initial={"body": comment.body},
    )
    error, verdict_comment = "", None
    if request.method == "POST" and form.is_valid():
        try:
            if moderator_edit:
                comment_actions.edit_comment_as_moderator(
                    comment,
                    moderator=request.user,
                    body=form.cleaned_data["body"],
                    reason=form.cleaned_data["reason"],
                )
            else:
                comment_actions.edit_own_comment(
                    comment, author=request.user, body=form.cleaned_data["body"]
                )
            comment.refresh_from_db()
            if comment.status != CommentStatus.REJECTED:
                return HttpResponseRedirect(_anchor(comment))
            verdict_comment = comment
        except (PermissionDenied, ValidationError, RateLimitedError) as exc:
            error = _error_message(exc)
    return render(
        request,
        "community/edit.html",
        {
            "comment": comment,
            "form": form,
            "moderator_edit": moderator_edit,
            "error": error,
            "rejected_reasons": queries.held_reasons(verdict_comment)
            if verdict_comment
            else [],
            "reasons_text": (
                verdict_comment.verdict.get("reasons", "") if verdict_comment else ""
            ),
        },
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = queries.access_comment_for_delete(request.user, comment_id)
    form = DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        comment_actions.delete_comment(
            comment, actor=request.user, reason=form.cleaned_data["reason"]
        )
        return HttpResponseRedirect(comment.article.get_absolute_url() + "#comments")
    return render(
        request,
        "community/delete.html",
        {
            "comment": comment,
            "form": form,
            "by_author": comment.author_id == request.user.pk,
        },
    )


@require_POST
def react(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = queries.access_comment(request.user, comment_id)
    form = ReactionForm(request.POST)
    error, status = "", 200
    if not form.is_valid():
        error, status = "Unknown reaction.", 400
    else:
        try:
            reaction_actions.react_to_comment(
                comment, user=request.user, kind=form.cleaned_data["kind"]
            )
        except (PermissionDenied, RateLimitedError) as exc:
            error, status = _error_message(exc), _status_for(exc)
    if not _htmx(request):
        if error:
            return render(
                request,
                "community/message.html",
                {"comment": comment, "message": error},
                status=status,
            )
        return HttpResponseRedirect(_back(request, _anchor(comment)))
    comment.refresh_from_db(fields=["reaction_count"])
    queries.prepare_for_viewer(
        [comment], request.user, queries.my_reactions(request.user, [comment])
    )
    return render(
        request, "community/_reactions.html", {"comment": comment, "error": error}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = queries.access_comment(request.user, comment_id)
    form = ReportForm(
        request.POST if request.method == "POST" else None, rules=_rule_choices()
    )
    error, done, status = "", False, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report_actions.report_comment(
                    comment,
                    reporter=request.user,
                    rule=form.cleaned_data["rule"],
                    text=form.cleaned_data["text"],
                )
                done = True
            except (PermissionDenied, ValidationError, RateLimitedError) as exc:
                error, status = _error_message(exc), _status_for(exc)
        else:
            status = 400
    if done and not _htmx(request):
        return HttpResponseRedirect(_back(request, _anchor(comment)))
    template = "community/_report.html" if _htmx(request) else "community/report.html"
    return render(
        request,
        template,
        {"comment": comment, "form": form, "error": error, "done": done},
        status=200 if _htmx(request) else status,
    )


@login_required
@require_POST
def feature(request: HttpRequest, comment_id: int) -> HttpResponse:
    from vestnik.moderation.actions.comments import feature_comment

    comment = queries.access_comment_for_moderator(request.user, comment_id)
    try:
        feature_comment(
            request.user, comment, featured=request.POST.get("featured") != "0"
        )
    except ValidationError as exc:
        return render(
            request,
            "community/message.html",
            {"comment": comment, "message": _error_message(exc)},
            status=400,
        )
    return HttpResponseRedirect(_back(request, _anchor(comment)))
