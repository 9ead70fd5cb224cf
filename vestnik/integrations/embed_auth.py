"""Signing in to the embedded discussion without third-party cookies.

Inside another site's page our iframe is a third-party context: the session
cookie (`SameSite=Lax`) is not sent, and browsers block or partition
third-party cookies anyway. So the reader signs in in a pop-up window on our
own domain, a first-party context, and its last page (`signed_in`) hands the
iframe that opened it a short-lived **embed token** through
`window.postMessage`, addressed to our own origin: both windows are ours, so no
other page can receive it. The iframe keeps the token in `sessionStorage` (per
tab, partitioned by the top-level site) and sends it as the
`X-Vestnik-Embed-Token` header on its HTMX requests to the embed endpoints
below, which take the reader from the token instead of a cookie.

The token is signed with the site's secret, expires
(`VESTNIK_INTEGRATIONS_EMBED_TOKEN_SECONDS`, 2 hours), names the reader and the
embedding origin, and dies early when that origin is no longer listed or the
reader's password changes (the session hash is part of it). No cookie
authenticates these requests, so a forged cross-site request carries no
reader: CSRF has nothing to ride on, and the views skip the CSRF check only
when the header is present. Without it they are the cookie-and-CSRF views
they always were (a page of the same site still signs in with its cookie).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_vary_headers
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_safe

from vestnik.integrations.app_settings import app_settings

HEADER = "X-Vestnik-Embed-Token"
SALT = "vestnik.integrations.embed.token"
#: The community views an embed token may reach, under /integrations/embed/comments/.
#: Edits, deletion and moderators' tools open on our own site instead.
COMMUNITY_VIEWS = {"thread", "post", "reply", "react", "report"}


class EmbedTokenError(Exception):
    """The token is forged, expired, or no longer valid for its reader or origin."""


def _session_hash(user: Any) -> str:
    return str(user.get_session_auth_hash())[:16]


def issue_token(user: Any, origin: str) -> str:
    """A token for `user` inside pages of `origin` (an allowed embed origin)."""
    return signing.dumps(
        {"u": user.pk, "o": origin, "h": _session_hash(user)}, salt=SALT
    )


def check_token(token: str) -> tuple[Any, str]:
    """(reader, origin) for a valid token; raises EmbedTokenError."""
    from vestnik.integrations.embed import allowed_origin

    try:
        data = signing.loads(token, salt=SALT, max_age=app_settings.EMBED_TOKEN_SECONDS)
    except signing.SignatureExpired:
        raise EmbedTokenError("Your sign-in has expired; sign in again.") from None
    except signing.BadSignature:
        raise EmbedTokenError("Sign in again.") from None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise EmbedTokenError("Sign in again.")
    origin = allowed_origin(str(data.get("o", "")))
    if origin is None:
        raise EmbedTokenError("This site may no longer embed the discussion.")
    user = get_user_model().objects.filter(pk=data["u"], is_active=True).first()
    if (
        user is None
        or getattr(user, "is_deleted", False)
        or not constant_time_compare(_session_hash(user), str(data.get("h", "")))
    ):
        raise EmbedTokenError("Sign in again.")
    return user, origin


def _expired(request: HttpRequest, message: str) -> HttpResponse:
    response = render(
        request, "integrations/_embed_expired.html", {"message": message}, status=401
    )
    response["Cache-Control"] = "no-store"
    return response


def token_or_session(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let `view` take its reader from the embed token when the header is there
    (no CSRF check: no cookie speaks for the reader), and otherwise from the
    session cookie, with Django's CSRF check as usual."""
    protected = csrf_protect(view)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = request.headers.get(HEADER, "").strip()
        if not token:
            response = protected(request, *args, **kwargs)
        else:
            try:
                user, origin = check_token(token)
            except EmbedTokenError as exc:
                return _expired(request, str(exc))
            request.user = user
            request.embed_origin = origin  # type: ignore[attr-defined]  # read by the templates
            response = view(request, *args, **kwargs)
            response["Cache-Control"] = "private, no-store"
        patch_vary_headers(response, [HEADER])
        return response

    return csrf_exempt(wrapper)


def community_root() -> str:
    """Where the community's URLs are mounted ("/comments/")."""
    return reverse("community:permalink", args=[0]).removesuffix("0/")


def signed_in_path() -> str:
    return reverse("integrations:embed-signed-in")


class PopupOpenerMiddleware:
    """Keep the sign-in pop-up's `window.opener` through allauth's pages.

    The site answers `Cross-Origin-Opener-Policy: same-origin`, which cuts a
    pop-up off from an opener whose top-level page is another site's (our
    iframe's host page): `signed_in` could then not hand the iframe its token.
    Only the sign-in pages on their way to `signed_in` (`next=` says so), and
    `signed_in` itself, answer `unsafe-none` instead. Listed after
    SecurityMiddleware, so its default does not overwrite ours.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(reverse("account_login").rsplit("/", 2)[0]):
            target = request.GET.get("next", "")
            if not target and request.method == "POST":
                target = request.POST.get("next", "")
            if target.startswith(signed_in_path() + "?"):
                response["Cross-Origin-Opener-Policy"] = "unsafe-none"
        return response


@token_or_session
def community(request: HttpRequest, rest: str) -> HttpResponse:
    """The thread's own views (post, reply, react, report, more comments) for
    an iframe that holds a token; embed-frame.js sends its requests here."""
    try:
        match = resolve(community_root() + rest)
    except Resolver404:
        raise Http404 from None
    if match.namespace != "community" or match.url_name not in COMMUNITY_VIEWS:
        raise Http404
    response: HttpResponse = match.func(request, *match.args, **match.kwargs)
    return response


@require_safe
def signed_in(request: HttpRequest) -> HttpResponse:
    """Where the sign-in pop-up lands: hands the iframe that opened it an embed
    token for `origin` (embed-signed-in.js), then closes itself."""
    from vestnik.integrations.embed import allowed_origin

    if not request.user.is_authenticated:
        raise Http404
    origin = allowed_origin(request.GET.get("origin"))
    context = {
        "handoff": {
            "type": "vestnik:embed-token",
            "token": issue_token(request.user, origin),
            "origin": origin,
        }
        if origin
        else None
    }
    response = render(request, "integrations/embed_signed_in.html", context)
    response["Cache-Control"] = "no-store"
    response["Cross-Origin-Opener-Policy"] = "unsafe-none"  # see PopupOpenerMiddleware
    return response
