"""Account pages beyond allauth's: captcha challenge, profile, deletion, export, policy."""

from __future__ import annotations

import time

from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from vestnik.accounts import actions, throttling, wording
from vestnik.accounts.app_settings import app_settings
from vestnik.accounts.avatars import MediaUnavailableError, default_avatar_svg
from vestnik.accounts.captcha import new_challenge
from vestnik.accounts.export import export_zip
from vestnik.accounts.forms import (
    AcceptPolicyForm,
    AvatarForm,
    DeleteAccountForm,
    ProfileForm,
    client_info,
)
from vestnik.accounts.models import Consent, User
from vestnik.accounts.queries import current_policy, needs_policy_acceptance

# A social-only account proves it is still its owner by a login this recent.
FRESH_LOGIN_SECONDS = 5 * 60


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - behind login_required
    return request.user


def _safe_next(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@never_cache
@require_safe
def altcha_challenge(request: HttpRequest) -> JsonResponse:
    return JsonResponse(new_challenge())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial={"display_name": user.display_name},
    )
    if request.method == "POST" and form.is_valid():
        actions.update_profile(user, display_name=form.cleaned_data["display_name"])
        messages.success(request, "Your profile has been saved.")
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "avatar_form": AvatarForm(),
            "max_kb": app_settings.AVATAR_MAX_BYTES // 1024,
        },
    )


@login_required
@require_POST
def avatar(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.POST.get("remove"):
        actions.remove_avatar(user)
        messages.success(request, "Your avatar has been removed.")
        return redirect("accounts:profile")
    avatar_form = AvatarForm(request.POST, request.FILES)
    status = 400
    if avatar_form.is_valid():
        try:
            actions.set_avatar(user, avatar_form.cleaned_data["avatar"])
        except ValidationError as exc:
            avatar_form.add_error("avatar", exc)
            if isinstance(exc, MediaUnavailableError):
                status = 503  # the server's fault, not the picture's
        else:
            messages.success(request, "Your new avatar has been saved.")
            return redirect("accounts:profile")
    form = ProfileForm(initial={"display_name": user.display_name})
    context = {
        "form": form,
        "avatar_form": avatar_form,
        "max_kb": app_settings.AVATAR_MAX_BYTES // 1024,
    }
    response = render(request, "accounts/profile.html", context, status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response


@require_safe
def default_avatar(request: HttpRequest, user_id: int) -> HttpResponse:
    user = User.objects.filter(pk=user_id).only("display_name", "username").first()
    initials = user.initials if user is not None else "?"
    response = HttpResponse(
        default_avatar_svg(initials, str(user_id)), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _fresh_login(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return (
        bool(records)
        and time.time() - float(records[-1].get("at", 0)) < FRESH_LOGIN_SECONDS
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = DeleteAccountForm(
        request.POST if request.method == "POST" else None, user=user
    )
    needs_relogin = not user.has_usable_password() and not _fresh_login(request)
    if request.method == "POST" and request.POST.get("answer") == "no":
        return redirect("accounts:profile")
    if request.method == "POST" and not needs_relogin:
        if throttling.delete_attempts_exhausted(user.pk):
            return lockout(request)
        if form.is_valid():
            actions.delete_account(user, site_url=request.build_absolute_uri("/"))
            logout(request)
            request.session["vestnik_account_deleted"] = True
            return redirect("accounts:deleted")
        if "password" in form.errors:
            throttling.count_failed_delete(user.pk)
    context = {"form": form, "needs_relogin": needs_relogin}
    return render(
        request, "accounts/delete.html", context, status=400 if form.errors else 200
    )


@require_POST
def relogin(request: HttpRequest) -> HttpResponse:
    """Social-only accounts: log out and log in again before deleting."""
    logout(request)
    return redirect(reverse("account_login") + "?next=" + reverse("accounts:delete"))


@require_safe
def deleted(request: HttpRequest) -> HttpResponse:
    if not request.session.get("vestnik_account_deleted"):
        return redirect("/")
    return render(
        request, "accounts/deleted.html", {"message": wording.DELETED_MESSAGE}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def restore(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button: mail scanners that pre-fetch links must not use up
    # the single-use link.
    if request.method == "POST":
        try:
            actions.restore_account(token)
        except actions.RestoreLinkError as exc:
            return render(
                request, "accounts/restore.html", {"error": str(exc)}, status=400
            )
        messages.success(
            request, "Your account has been restored. Welcome back! Please log in."
        )
        return redirect("account_login")
    return render(request, "accounts/restore.html", {"token": token})


@login_required
@require_safe
def export(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    response = HttpResponse(export_zip(user), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="vestnik-data-{user.pk}.zip"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def accept_policy(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    next_url = _safe_next(request, reverse("accounts:profile"))
    if not needs_policy_acceptance(user):
        return redirect(next_url)
    policy = current_policy()
    form = AcceptPolicyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actions.record_consent(
            user,
            Consent.Source.POLICY_UPDATE,
            wording.POLICY_UPDATE_CONSENT,
            client_info(request),
        )
        messages.success(
            request, "Thank you. You can take part in the discussion again."
        )
        return redirect(next_url)
    text = wording.render(
        wording.POLICY_UPDATE_CONSENT, str(policy.version) if policy else ""
    )
    return render(
        request,
        "accounts/accept_policy.html",
        {"policy": policy, "wording": text, "next": next_url},
    )


def lockout(
    request: HttpRequest, credentials: object = None, *args: object, **kwargs: object
) -> HttpResponse:
    """django-axes calls this when a login is blocked (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(float(getattr(settings, "AXES_COOLOFF_TIME", 0.25) or 0.25) * 60)
    return render(
        request,
        "accounts/lockout.html",
        {"message": wording.LOCKOUT_MESSAGE.format(minutes=minutes)},
        status=429,
    )
