"""Signing in to the embedded discussion without third-party cookies.

Inside another site's page our iframe is a third-party context: the session
cookie (`SameSite=Lax`) is not sent, and browsers block or partition
third-party cookies anyway. So the reader signs in in a pop-up window on our
own domain, a first-party context, and its last page (`signed_in`: a GET
shows a form the page submits at once; the POST issues the token) hands the
iframe that opened it a short-lived **embed token** through
`window.postMessage`, addressed to our own origin: both windows are ours, so no
other page can receive it. The iframe keeps the token in `sessionStorage` (per
tab, partitioned by the top-level site) and sends it as the
`X-Vestnik-Embed-Token` header on its HTMX requests to the embed endpoints
below, which take the reader from the token instead of a cookie.

The token is signed with the site's secret, expires
(`VESTNIK_INTEGRATIONS_EMBED_TOKEN_SECONDS`, 2 hours), names the reader, the
embedding origin and its `EmbedSignIn` row, and dies early when that origin is
no longer listed, when the reader signs out (of the pop-up's session on our
domain, or with the frame's own "Sign out", `sign_out` below), changes their
password or deletes their account: the row ties the token to the session that
issued it, and the token is good only while that session is still signed in
as its reader (see EmbedSignIn). No cookie
authenticates these requests, so a forged cross-site request carries no
reader: CSRF has nothing to ride on, and the views skip the CSRF check only
when the header is present. Without it they are the cookie-and-CSRF views
they always were (a page of the same site still signs in with its cookie).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_vary_headers
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

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


def sign_token(user: Any, origin: str, token_id: str) -> str:
    """The signed token for an `EmbedSignIn` row (actions.issue_embed_token)."""
    return signing.dumps(
        {"u": user.pk, "o": origin, "i": token_id, "h": _session_hash(user)},
        salt=SALT,
    )


def read_token(token: str, *, max_age: int | None) -> dict[str, Any]:
    """The token's data, its signature checked (and its age, unless None);
    raises EmbedTokenError."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise EmbedTokenError("Your sign-in has expired; sign in again.") from None
    except signing.BadSignature:
        raise EmbedTokenError("Sign in again.") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("u"), int)
        or not isinstance(data.get("i"), str)
    ):
        raise EmbedTokenError("Sign in again.")
    return data


def _session_signed_in(session_key: str, user: Any) -> bool:
    """Whether the session that issued a token is still signed in as `user`
    (Django's own test: the user id and the password-derived hash)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    data = store.load()
    return str(data.get(SESSION_KEY, "")) == str(user.pk) and constant_time_compare(
        str(data.get(HASH_SESSION_KEY, "")), str(user.get_session_auth_hash())
    )


def check_token(token: str) -> tuple[Any, str]:
    """(reader, origin) for a valid token; raises EmbedTokenError."""
    from vestnik.integrations.embed import allowed_origin
    from vestnik.integrations.models import EmbedSignIn

    data = read_token(token, max_age=app_settings.EMBED_TOKEN_SECONDS)
    origin = allowed_origin(str(data.get("o", "")))
    if origin is None:
        raise EmbedTokenError("This site may no longer embed the discussion.")
    sign_in = (
        EmbedSignIn.objects.select_related("user")
        .filter(token_id=data["i"], user_id=data["u"], origin=origin)
        .first()
    )
    if sign_in is None:  # pruned, or a token from before sign-in records
        raise EmbedTokenError("Sign in again.")
    if sign_in.revoked_at is not None:
        raise EmbedTokenError("You signed out; sign in again.")
    user = sign_in.user
    if (
        not user.is_active
        or getattr(user, "is_deleted", False)
        or not constant_time_compare(_session_hash(user), str(data.get("h", "")))
        or not _session_signed_in(sign_in.session_key, user)
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


@require_http_methods(["GET", "HEAD", "POST"])
def signed_in(request: HttpRequest) -> HttpResponse:
    """Where the sign-in pop-up lands. A GET changes nothing (a prefetch, a
    crawler or another site's link may send one): it shows a form that
    embed-signed-in.js submits at once. That POST, CSRF-checked by the
    middleware, issues the embed token for `origin` and hands it to the
    iframe that opened the pop-up (embed-signed-in.js), which then closes."""
    from vestnik.integrations.embed import allowed_origin

    if not request.user.is_authenticated:
        raise Http404
    source = request.POST if request.method == "POST" else request.GET
    origin = allowed_origin(source.get("origin"))
    session_key = request.session.session_key
    posted = request.method == "POST"
    context: dict[str, Any] = {
        "origin": origin,
        "confirm": bool(origin) and not posted,
        "handoff": None,
    }
    if posted and origin and session_key:
        from vestnik.integrations.actions import issue_embed_token

        context["handoff"] = {
            "type": "vestnik:embed-token",
            "token": issue_embed_token(request.user, origin, session_key),
            "origin": origin,
        }
    response = render(request, "integrations/embed_signed_in.html", context)
    response["Cache-Control"] = "no-store"
    response["Cross-Origin-Opener-Policy"] = "unsafe-none"  # see PopupOpenerMiddleware
    return response


@csrf_exempt  # the token in the header is the credential; no cookie is involved
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """The frame's "Sign out": the token in the header stops working at once
    (204 whether or not it was still valid; nothing for a forged one)."""
    from vestnik.integrations.actions import revoke_embed_token

    revoke_embed_token(request.headers.get(HEADER, "").strip())
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response
