"""The embeddable discussion: `/embed.js` puts an iframe of ours on a publisher's
page, and the iframe shows and posts to Vestnik's thread.

Why an iframe: it is served from our origin, so the thread and the posting form
are our own pages, and posting goes through the same view, action and engine
verdict (community.views.post_to_article). The host page learns the iframe's
height through `postMessage` and nothing else. Inside another site's page the
iframe gets no session cookie: the reader signs in through a pop-up on our
domain, which hands the iframe an embed token (embed_auth.py); on a page of our
own site the cookie works as usual.

Who may embed: the origins in `EmbedOrigin` (admin-managed). The embed pages,
and only they, answer with `Content-Security-Policy: frame-ancestors <origin>`
instead of the site's `X-Frame-Options: DENY`. An external story (a page that
is not one of our articles) is created on its first post, only when the page's
URL is on the allowed origin that frames it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.core import signing
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST, require_safe

from vestnik.community.actions.errors import CannotPostError, InvalidCommentError
from vestnik.community.forms import CommentForm
from vestnik.community.ratelimit import RateLimitedError
from vestnik.integrations import embed_auth
from vestnik.integrations.embed_auth import signed_in_path, token_or_session
from vestnik.integrations.models import EmbedOrigin
from vestnik.integrations.stories import start_external_story

SCRIPT = Path(__file__).resolve().parent / "static" / "integrations" / "embed.js"
STORY_SALT = "vestnik.integrations.embed.story"
STORY_MAX_AGE = 24 * 3600
MAX_URL_LENGTH = 500
MAX_TITLE_LENGTH = 200

_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"
)
_IPV6 = re.compile(r"^\[[0-9a-f:.]+\]$")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class BadOrigin(ValueError):
    pass


def normalize_origin(value: str) -> str:
    """`scheme://host[:port]`, lower-case, default port dropped; raises BadOrigin.

    Strict on purpose: the result goes into a response header, so nothing but
    a scheme, a host name (or IP address) and a port survives.
    """
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise BadOrigin("not an origin") from None
    if parts.scheme not in _DEFAULT_PORTS:
        raise BadOrigin("an origin starts with http:// or https://")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise BadOrigin("an origin has no user, query or fragment")
    if parts.path not in {"", "/"}:
        raise BadOrigin("an origin has no path")
    netloc = parts.netloc.rsplit("@", 1)[-1].lower()
    host = netloc.rsplit(":", 1)[0] if port is not None else netloc
    if not (_HOST.fullmatch(host) or _IPV6.fullmatch(host)):
        raise BadOrigin("not a host name")
    if port is None or port == _DEFAULT_PORTS[parts.scheme]:
        return f"{parts.scheme}://{host}"
    return f"{parts.scheme}://{host}:{port}"


def origin_of(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        raise BadOrigin("not a URL") from None
    return normalize_origin(f"{parts.scheme}://{parts.netloc}")


def allowed_origin(value: str | None) -> str | None:
    """The normalised origin when an enabled EmbedOrigin lists it, else None."""
    try:
        origin = normalize_origin(value or "")
    except BadOrigin:
        return None
    if EmbedOrigin.objects.filter(origin=origin, enabled=True).exists():
        return origin
    return None


def story_url(url: str, origin: str) -> str | None:
    """The page's canonical URL without its fragment, when it is on `origin`."""
    if not url or len(url) > MAX_URL_LENGTH:
        return None
    try:
        if origin_of(url) != origin:
            return None
        parts = urlsplit(url)
    except BadOrigin:
        return None
    # One spelling per page: the normalised origin, the path, the query.
    return f"{origin}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


def _frameable(response: HttpResponse, origin: str | None) -> HttpResponse:
    """Only `origin` may frame this response; without one, nobody may."""
    ancestors = origin or "'none'"
    response["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
    if origin is None:
        response["X-Frame-Options"] = "DENY"
    patch_vary_headers(response, ["Cookie"])
    response["Cache-Control"] = "private, no-cache"
    return response


def _refuse(request: HttpRequest, message: str, status: int) -> HttpResponse:
    response = render(
        request, "integrations/embed_refused.html", {"message": message}, status=status
    )
    return _frameable(response, None)


def _token_fits(request: HttpRequest, origin: str) -> bool:
    """An embed token works only inside pages of the origin it was given for."""
    return getattr(request, "embed_origin", origin) == origin


def _resolve_article(ref: str) -> Any:
    """One of our own visible articles, by id or slug; None if there is none."""
    from vestnik.news.models import Article

    qs = Article.objects.visible().select_related("section")
    if ref.isdigit():
        return qs.filter(pk=int(ref)).first()
    if re.fullmatch(r"[-a-zA-Z0-9_]{1,200}", ref):
        return qs.filter(slug=ref).first()
    return None


def _story_for(url: str) -> Any:
    from vestnik.integrations.queries import article_for_url
    from vestnik.news.models import Article

    return (
        article_for_url(url)
        or Article.objects.discussable()
        .select_related("section")
        .filter(external_url=url)
        .first()
    )


def embed_url(origin: str, **params: str) -> str:
    return f"{reverse('integrations:embed-thread')}?{urlencode({**params, 'origin': origin})}"


@require_safe
def script(request: HttpRequest) -> HttpResponse:
    """`/embed.js`: plain JavaScript, no build step; anyone may load it."""
    response = HttpResponse(
        SCRIPT.read_text(), content_type="text/javascript; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


@xframe_options_exempt
@token_or_session
@require_safe
def thread(request: HttpRequest) -> HttpResponse:
    """The thread inside the iframe.

    Query: `origin` (the embedding page's origin, which must be allowed) and
    either `article` (our id or slug) or `url` + `title` (the embedding page's
    canonical URL and title: an external story, created on its first post).
    """
    origin = allowed_origin(request.GET.get("origin"))
    if origin is None or not _token_fits(request, origin):
        return _refuse(request, "This site may not embed the discussion.", 403)
    ref = (request.GET.get("article") or "").strip()
    url = (request.GET.get("url") or "").strip()
    story: dict[str, str] | None = None
    if ref:
        article = _resolve_article(ref)
    else:
        normal = story_url(url, origin)
        if normal is None:
            return _refuse(
                request, "The page's address is not on the embedding site.", 400
            )
        article = _story_for(normal)
        if article is None:
            title = " ".join((request.GET.get("title") or "").split())
            story = {"url": normal, "title": title[:MAX_TITLE_LENGTH], "origin": origin}
    if article is None and story is None:
        return _refuse(request, "No such article.", 404)
    context: dict[str, Any] = {
        "origin": origin,
        "story": story,
        "signin_url": reverse("account_login")
        + "?"
        + urlencode({"next": f"{signed_in_path()}?{urlencode({'origin': origin})}"}),
        "embed_config": {
            "origin": origin,
            "header": embed_auth.HEADER,
            "communityRoot": embed_auth.community_root(),
            "tokenRoot": reverse("integrations:embed-community", args=["x"])[:-1],
            "signOut": reverse("integrations:embed-sign-out"),
            # Signed in by the session cookie (a page of our own site): the
            # frame then leaves any token it holds aside.
            "cookieReader": request.user.is_authenticated
            and not hasattr(request, "embed_origin"),
        },
    }
    if article is not None:
        from vestnik.community.templatetags.community import discussion_context

        context.update(
            discussion_context(request, article, sort=request.GET.get("sort"))
        )
    else:
        context.update(
            {
                "open": True,
                "form": CommentForm(),
                "story_token": signing.dumps(story, salt=STORY_SALT),
            }
        )
    return _frameable(
        render(request, "integrations/embed_thread.html", context), origin
    )


@xframe_options_exempt
@token_or_session
@require_POST
def post_story(request: HttpRequest) -> HttpResponse:
    """The first post on an external story: create the story, then post as usual.

    The story (URL, title, origin) comes signed from `thread`, which checked
    that the URL is on the allowed origin; the origin must still be allowed now.
    """
    from vestnik.community.views import post_to_article

    try:
        story = signing.loads(
            request.POST.get("story", ""), salt=STORY_SALT, max_age=STORY_MAX_AGE
        )
    except signing.BadSignature:
        return _refuse(request, "The form expired; reload the page.", 400)
    origin = allowed_origin(story.get("origin"))
    url = story_url(story.get("url", ""), origin) if origin else None
    if origin is None or url is None or not _token_fits(request, origin):
        return _refuse(request, "This site may not embed the discussion.", 403)
    if not request.user.is_authenticated:
        return _refuse(request, "Sign in to comment.", 403)
    article = _story_for(url)
    if article is None:
        form = CommentForm(request.POST)
        error, status = "", 400
        if form.is_valid():  # no story for an empty or invalid comment
            try:
                article = start_external_story(
                    request.user,
                    url=url,
                    title=story.get("title", ""),
                    body=form.cleaned_data["body"],
                )
            except (CannotPostError, RateLimitedError, InvalidCommentError) as exc:
                error = " ".join(getattr(exc, "messages", None) or [str(exc)])
                if isinstance(exc, RateLimitedError):
                    status = 429
                elif isinstance(exc, CannotPostError):
                    status = 403
        if article is None:
            context = {
                "form": form,
                "story_token": request.POST.get("story", ""),
                "error": error,
            }
            # HTMX swaps only 2xx answers: the form with its message is one.
            if request.headers.get("HX-Request") == "true":
                status = 200
            return render(
                request, "integrations/_story_form.html", context, status=status
            )
    return post_to_article(request, article, posted_url=embed_url(origin, url=url))


@require_safe
def session(request: HttpRequest) -> JsonResponse:
    """Whether this browser is signed in here: the iframe polls it while the
    sign-in window is open (same origin only; no CORS headers)."""
    response = JsonResponse({"authenticated": bool(request.user.is_authenticated)})
    response["Cache-Control"] = "no-store"
    return response
