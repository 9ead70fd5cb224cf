"""The newsroom's pages. Each view parses input, calls queries/actions, renders."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_safe

from vestnik.community import threadcache
from vestnik.news import actions, queries
from vestnik.news.app_settings import app_settings
from vestnik.news.models import GalleryKind
from vestnik.news.templatetags.news import absolute

SHARE_TARGETS: dict[str, tuple[str, str]] = {
    # network: (label, URL template with {url} and {title})
    "facebook": ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    "x": ("X", "https://x.com/intent/post?url={url}&text={title}"),
    "telegram": ("Telegram", "https://t.me/share/url?url={url}&text={title}"),
    "vk": ("VK", "https://vk.com/share.php?url={url}&title={title}"),
}


def _page(request: HttpRequest, queryset: Any, per_page: int) -> Page[Any]:
    """The requested page of `queryset`; anything but a real page number is 404."""
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        raise Http404("Bad page number")
    number = int(raw)
    if not 1 <= number <= app_settings.MAX_PAGE:
        raise Http404("Bad page number")
    try:
        return Paginator(queryset, per_page, allow_empty_first_page=True).page(number)
    except InvalidPage as exc:
        raise Http404("No such page") from exc


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "news/home.html", {"page": queries.home_page()})


def _article_etag(request: HttpRequest, item: Any) -> str:
    """What an anonymous reader's copy of the page depends on: the article's row,
    every newsroom write (content version), and the thread's state."""
    row = tuple(getattr(item, f.attname) for f in item._meta.concrete_fields)
    state = threadcache.thread_state(item, sort=request.GET.get("sort"), cursor=None)
    return threadcache.etag_for("article", queries.content_version(), row, state)


@require_safe
def article(request: HttpRequest, slug: str) -> HttpResponseBase:
    item = queries.access_article(request.user, slug)
    if request.method == "GET":
        actions.record_view(item, request.headers.get("user-agent"))
    counters = {
        "views": item.views + actions.pending_count("views", item.pk),
        "shares": item.shares + actions.pending_count("shares", item.pk),
    }
    etag = None
    if item.is_visible and threadcache.is_anonymous_read(request):
        etag = _article_etag(request, item)
        unchanged = threadcache.not_modified(request, etag)
        if unchanged is not None:
            return unchanged

    # Read on every request: an article hidden since the choice was made must
    # not show, even from a stored page (whose key holds the ids).
    related = queries.related_articles(item)

    def render_page(marked: bool) -> HttpResponse:
        queries.prepare_article_page(item)
        context = {
            "article": item,
            "related": related,
            **{k: threadcache.marker(k) if marked else v for k, v in counters.items()},
            "share_targets": [(k, label) for k, (label, _) in SHARE_TARGETS.items()],
            "is_preview": not item.is_visible,
        }
        return render(request, "news/article.html", context)

    if etag is not None and threadcache.serves_stored_pages(request):
        # The same page for every such reader; the counters go in per response.
        state = f"{etag}:{','.join(str(a.pk) for a in related)}"
        sort = request.GET.get("sort")
        stored = threadcache.stored_page(
            request,
            state,
            lambda: render_page(True),
            {"sort": None if sort is None else threadcache.canonical_sort(sort)},
        )
        response = threadcache.fill(stored, counters)
    else:
        response = render_page(False)
    if not item.is_visible:
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
    else:
        threadcache.finish(request, response, etag)
    return response


@require_safe
def short_url(request: HttpRequest, code: str) -> HttpResponse:
    item = queries.access_article_by_short_code(request.user, code)
    return redirect(item.get_absolute_url())


@require_GET
def share(request: HttpRequest, code: str, network: str) -> HttpResponse:
    if network not in SHARE_TARGETS:
        raise Http404("Unknown network")
    item = queries.access_article_by_short_code(request.user, code)
    actions.record_share(item, request.headers.get("user-agent"))
    target = SHARE_TARGETS[network][1].format(
        url=quote(absolute(item.get_absolute_url()), safe=""),
        title=quote(item.headline, safe=""),
    )
    return HttpResponseRedirect(target)


@require_safe
def section(request: HttpRequest, slug: str) -> HttpResponse:
    item = queries.access_section(slug)
    page = _page(request, queries.section_articles(item), app_settings.PAGE_SIZE)
    return render(request, "news/section.html", {"section": item, "page_obj": page})


@require_safe
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    item = queries.access_tag(slug)
    page = _page(request, queries.tag_articles(item), app_settings.PAGE_SIZE)
    return render(request, "news/tag.html", {"tag": item, "page_obj": page})


@require_safe
def live(request: HttpRequest) -> HttpResponse:
    page = _page(request, queries.live_feed(), app_settings.PAGE_SIZE)
    return render(request, "news/live.html", {"page_obj": page})


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    if len(query) > app_settings.SEARCH_MAX_QUERY_LENGTH or "\x00" in query:
        return render(
            request,
            "news/search.html",
            {
                "query": "",
                "too_long": True,
                "limit": app_settings.SEARCH_MAX_QUERY_LENGTH,
            },
            status=400,
        )
    raw_page = request.GET.get("page", "1")
    if not raw_page.isascii() or not raw_page.isdigit() or len(raw_page) > 4:
        raise Http404("Bad page number")
    number = int(raw_page)
    per_page = app_settings.SEARCH_PAGE_SIZE
    if number < 1:
        raise Http404("Bad page number")
    total, results = queries.search_page(query, number, per_page) if query else (0, [])
    if number > 1 and not results:
        raise Http404("No such page")
    pages = (total + per_page - 1) // per_page
    context = {
        "query": query,
        "total": total,
        "results": results,
        "number": number,
        "has_previous": number > 1,
        "has_next": number < pages,
        "pages": pages,
    }
    return render(request, "news/search.html", context)


@require_safe
def multimedia(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    galleries = queries.visible_galleries()
    if kind:
        if kind not in GalleryKind.values:
            raise Http404("Unknown kind")
        galleries = galleries.filter(kind=kind)
    page = _page(request, galleries, 12)
    return render(
        request,
        "news/multimedia.html",
        {"page_obj": page, "kind": kind, "kinds": GalleryKind.choices},
    )


@require_safe
def gallery(request: HttpRequest, slug: str) -> HttpResponse:
    item = queries.access_gallery(request.user, slug)
    return render(request, "news/gallery.html", {"gallery": item})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    policy = queries.current_privacy_policy()
    return render(
        request,
        "news/privacy.html",
        {
            "policy": policy,
            "current": policy,
            "versions": queries.privacy_policy_versions(),
        },
    )


@require_safe
def privacy_version(request: HttpRequest, version: str) -> HttpResponse:
    policy = queries.access_privacy_policy(version)
    return render(
        request,
        "news/privacy.html",
        {
            "policy": policy,
            "current": queries.current_privacy_policy(),
            "versions": queries.privacy_policy_versions(),
        },
    )


@require_safe
def community_standards(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "news/community_standards.html",
        {
            "rulebook": queries.community_rulebook(),
            "transparency_public": queries.moderation_report_is_public(),
        },
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /account/",
        "Disallow: /accounts/",
        "Disallow: /moderation/",
        "Disallow: /comments/",
        "Disallow: /api/",
        "Disallow: /search/",
        "Disallow: /s/",
        "",
        f"Sitemap: {absolute(reverse('news:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
