"""The signed-in user's own side: block status, the unlock request, moderation notices."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from vestnik.moderation.actions import appeals as appeal_actions
from vestnik.moderation.errors import (
    AppealNotAllowedError,
    FinalBlockError,
    ModerationError,
)
from vestnik.moderation.forms import AppealForm
from vestnik.moderation.models import APPEAL_SUBJECT, Appeal, Decision, DecisionKind
from vestnik.moderation.queries import active_block, can_appeal, open_appeal

NOTICE_KINDS = [
    DecisionKind.REJECT,
    DecisionKind.APPROVE,
    DecisionKind.EDIT,
    DecisionKind.BLOCK,
    DecisionKind.UNBLOCK,
    DecisionKind.APPEAL_ACCEPTED,
    DecisionKind.APPEAL_REFUSED,
    DecisionKind.ESCALATE,
    DecisionKind.DEESCALATE,
]


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """Where a blocked user learns why, and (after a first block) asks for unlock."""
    user: Any = request.user  # login_required: a real User
    block = active_block(user)
    form = None
    status = 200
    if request.method == "POST":
        form = AppealForm(request.POST)
        if form.is_valid():
            try:
                appeal_actions.file_appeal(
                    user,
                    subject=form.cleaned_data["subject"],
                    user_id_claimed=form.cleaned_data["user_id"],
                    explanation=form.cleaned_data["explanation"],
                )
            except FinalBlockError as exc:
                messages.error(request, str(exc))
                status = 403
            except AppealNotAllowedError as exc:
                messages.error(request, str(exc))
                status = 429 if "Too many" in str(exc) else 403
            except ModerationError as exc:
                for text in exc.messages:
                    form.add_error(None, text)
                status = 422
            else:
                messages.success(
                    request,
                    "Your request was sent to the moderators. You'll hear back by e-mail and here.",
                )
                return redirect("moderation:account")
        else:
            status = 422
    if form is None and can_appeal(user):
        form = AppealForm(initial={"subject": APPEAL_SUBJECT, "user_id": str(user.pk)})
    notices = (
        Decision.objects.filter(subject_user=user, kind__in=NOTICE_KINDS)
        .exclude(kind=DecisionKind.APPROVE, reasons="")
        .select_related("comment")
        .order_by("-created_at", "-id")[:30]
    )
    context = {
        "active_block": block,
        "can_appeal": can_appeal(user),
        "form": form if (block is not None and not block.is_final) else None,
        "open_appeal": open_appeal(user),
        "appeals": Appeal.objects.filter(user=user).order_by("-created_at")[:10],
        "notices": notices,
        "moderators_email": settings.VESTNIK_MODERATORS_EMAIL,
    }
    return render(request, "moderation/account.html", context, status=status)
