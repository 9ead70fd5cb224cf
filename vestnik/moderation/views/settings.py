"""Publisher-admins edit the rulebook settings; a dry run must precede each save."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from vestnik.engine import RulebookError
from vestnik.moderation.actions.rulebook import save_rulebook_settings
from vestnik.moderation.app_settings import app_settings
from vestnik.moderation.dryrun import dry_run
from vestnik.moderation.errors import ModerationError
from vestnik.moderation.forms import RulebookSettingsForm
from vestnik.moderation.models import RulebookSettings
from vestnik.moderation.queries import recent_remoderations
from vestnik.moderation.rulebook_store import (
    base_rulebook,
    current_rulebook,
    current_settings,
)
from vestnik.moderation.views.access import publisher_admin_required

SALT = "vestnik.moderation.dry-run"


def _fingerprint(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@publisher_admin_required
def rulebook_settings(request: HttpRequest) -> HttpResponse:
    stored = current_settings() or RulebookSettings(version=0)
    base, current = base_rulebook(), current_rulebook()
    initial = {
        "escalation_rejections": stored.escalation_rejections,
        "escalation_window_days": stored.escalation_window_days,
        "public_transparency": stored.public_transparency,
        "dry_run_last": 200,
    }
    result = None
    reviewed = ""
    status = 200
    if request.method == "POST":
        form = RulebookSettingsForm(
            request.POST, base=base, current=current, initial=initial
        )
        if form.is_valid():
            overrides = form.overrides()
            proposal = {
                "overrides": overrides,
                "escalation": [
                    form.cleaned_data["escalation_rejections"],
                    form.cleaned_data["escalation_window_days"],
                ],
                "public": form.cleaned_data["public_transparency"],
            }
            if request.POST.get("do") == "save":
                token = request.POST.get("reviewed", "")
                try:
                    ok = signing.loads(token, salt=SALT, max_age=3600) == _fingerprint(
                        proposal
                    )
                except signing.BadSignature:
                    ok = False
                if not ok:
                    form.add_error(
                        None, "Run a dry run of exactly these settings before saving."
                    )
                    status = 422
                else:
                    try:
                        saved = save_rulebook_settings(
                            request.user,
                            overrides=overrides,
                            escalation_rejections=form.cleaned_data[
                                "escalation_rejections"
                            ],
                            escalation_window_days=form.cleaned_data[
                                "escalation_window_days"
                            ],
                            public_transparency=form.cleaned_data[
                                "public_transparency"
                            ],
                            note=form.cleaned_data["note"],
                        )
                    except ModerationError as exc:
                        for text in exc.messages:
                            form.add_error(None, text)
                        status = 422
                    else:
                        messages.success(
                            request,
                            f"Rulebook settings saved as version {saved.version}; "
                            "recent comments are re-moderated with them "
                            "(progress below).",
                        )
                        return redirect("moderation:settings")
            else:
                last = min(
                    form.cleaned_data.get("dry_run_last") or 200,
                    app_settings.DRY_RUN_MAX,
                )
                try:
                    result = dry_run(overrides, last=last, base=current)
                except RulebookError as exc:
                    form.add_error(None, str(exc))
                    status = 422
                else:
                    reviewed = signing.dumps(_fingerprint(proposal), salt=SALT)
        else:
            status = 422
    else:
        form = RulebookSettingsForm(base=base, current=current, initial=initial)
    history = RulebookSettings.objects.select_related("created_by").order_by(
        "-version"
    )[:10]
    return render(
        request,
        "moderation/settings.html",
        {
            "form": form,
            "result": result,
            "reviewed": reviewed,
            "stored": stored,
            "history": history,
            "dry_run_max": app_settings.DRY_RUN_MAX,
            **_remoderation_context(),
        },
        status=status,
    )


def _remoderation_context() -> dict[str, Any]:
    runs = recent_remoderations()
    return {
        "remoderations": runs,
        "remoderation_active": any(run.is_active for run in runs),
        "remoderation_window": app_settings.REMODERATION_WINDOW_DAYS,
        "remoderation_max": app_settings.REMODERATION_MAX,
    }


@require_safe
@publisher_admin_required
def remoderation_progress(request: HttpRequest) -> HttpResponse:
    """The progress panel alone: the settings page polls it (HTMX) while a run is on."""
    return render(request, "moderation/_remoderation.html", _remoderation_context())
