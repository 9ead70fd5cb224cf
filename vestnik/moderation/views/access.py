"""View decorators: every console URL goes through one of these."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from vestnik.moderation.queries import (
    check_can_block,
    check_moderator,
    check_publisher_admin,
)

View = Callable[..., HttpResponse]


def _gate(check: Callable[[Any], None]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check(request.user)  # PermissionDenied -> 403
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


moderator_required = _gate(check_moderator)
blocker_required = _gate(check_can_block)
publisher_admin_required = _gate(check_publisher_admin)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Redirect to the page the form came from, if it is ours; else `fallback`."""
    target = request.POST.get("next", "")
    if target.startswith("/moderation/") and "//" not in target:
        return redirect(target)
    return redirect(fallback)


def error_messages(request: HttpRequest, exc: Exception) -> None:
    for text in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, text)
