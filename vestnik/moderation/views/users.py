"""A user's record, blocks (the strike ladder), account deletion, and the appeals queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from vestnik.moderation.actions import appeals as appeal_actions
from vestnik.moderation.actions import escalation
from vestnik.moderation.actions import users as user_actions
from vestnik.moderation.errors import FinalBlockError, ModerationError
from vestnik.moderation.forms import (
    AppealDecisionForm,
    BlockForm,
    DeleteAccountForm,
    NoteForm,
)
from vestnik.moderation.models import Appeal, AppealStatus
from vestnik.moderation.queries import (
    access_appeal_for_moderator,
    access_user_for_moderator,
    active_block,
    user_history,
)
from vestnik.moderation.rulebook_store import current_rulebook
from vestnik.moderation.views.access import (
    blocker_required,
    error_messages,
    moderator_required,
)


def _refused(
    request: HttpRequest, exc: FinalBlockError, subject: object
) -> HttpResponse:
    return render(
        request,
        "moderation/refused.html",
        {"message": str(exc), "subject": subject},
        status=403,
    )


@require_safe
@moderator_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = access_user_for_moderator(request.user, user_id)
    rulebook = current_rulebook()
    history = user_history(subject)
    block = active_block(subject)
    context = {
        "subject": subject,
        "history": history,
        "active_block": block,
        "can_block_again": block is None and len(history["blocks"]) < 2,
        "block_form": BlockForm(rulebook=rulebook),
        "delete_form": DeleteAccountForm(rulebook=rulebook),
    }
    return render(request, "moderation/user.html", context)


@require_POST
@blocker_required
def block(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = access_user_for_moderator(request.user, user_id)
    form = BlockForm(request.POST, rulebook=current_rulebook())
    if not form.is_valid():
        messages.error(request, "Cite at least one rule for the block.")
        return redirect("moderation:user", user_id=user_id)
    try:
        made = user_actions.block_user(
            request.user,
            subject,
            rules=form.cleaned_data["rules"],
            note=form.cleaned_data["note"],
        )
    except ModerationError as exc:
        error_messages(request, exc)
    else:
        messages.success(
            request,
            f"{subject.public_name} is blocked"
            + (
                " — this is the second block, which is final."
                if made.is_final
                else " (first block; appealable)."
            ),
        )
    return redirect("moderation:user", user_id=user_id)


@require_POST
@blocker_required
def unblock(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = access_user_for_moderator(request.user, user_id)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        user_actions.unblock_user(
            request.user, subject, note=form.cleaned_data.get("note", "")
        )
    except FinalBlockError as exc:
        return _refused(request, exc, subject)
    except ModerationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, f"The block on {subject.public_name} is lifted.")
    return redirect("moderation:user", user_id=user_id)


@require_POST
@blocker_required
def delete_account(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = access_user_for_moderator(request.user, user_id)
    form = DeleteAccountForm(request.POST, rulebook=current_rulebook())
    if not form.is_valid():
        messages.error(request, "Tick the confirmation to delete the account.")
        return redirect("moderation:user", user_id=user_id)
    try:
        user_actions.delete_account(
            request.user,
            subject,
            rules=form.cleaned_data["rules"],
            note=form.cleaned_data["note"],
        )
    except ModerationError as exc:
        error_messages(request, exc)
        return redirect("moderation:user", user_id=user_id)
    messages.success(request, "The account was deleted without notice.")
    return redirect("moderation:audit")


@require_POST
@moderator_required
def lift_premoderation(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = access_user_for_moderator(request.user, user_id)
    try:
        escalation.lift_premoderation(request.user, subject)
    except ModerationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, "Pre-moderation switched off.")
    return redirect("moderation:user", user_id=user_id)


@require_safe
@blocker_required
def appeals(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", AppealStatus.OPEN)
    if status not in AppealStatus.values:
        status = AppealStatus.OPEN
    qs = (
        Appeal.objects.filter(status=status)
        .select_related("user", "block", "decided_by")
        .order_by("created_at" if status == AppealStatus.OPEN else "-decided_at")
    )
    page = Paginator(qs, 25).get_page(request.GET.get("page", "1"))
    return render(
        request,
        "moderation/appeals.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": AppealStatus.choices,
            "open_count": Appeal.objects.filter(status=AppealStatus.OPEN).count(),
        },
    )


@require_safe
@blocker_required
def appeal_detail(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = access_appeal_for_moderator(request.user, appeal_id)
    return render(
        request,
        "moderation/appeal.html",
        {
            "appeal": appeal,
            "history": user_history(appeal.user),
            "form": AppealDecisionForm(),
        },
    )


@require_POST
@blocker_required
def appeal_accept(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = access_appeal_for_moderator(request.user, appeal_id)
    form = AppealDecisionForm(request.POST)
    form.is_valid()
    try:
        appeal_actions.accept_appeal(
            request.user, appeal, reason=form.cleaned_data.get("reason", "")
        )
    except FinalBlockError as exc:
        return _refused(request, exc, appeal.user)
    except ModerationError as exc:
        error_messages(request, exc)
        return redirect("moderation:appeal", appeal_id=appeal_id)
    messages.success(request, f"Access restored for {appeal.user.public_name}.")
    return redirect("moderation:appeals")


@require_POST
@blocker_required
def appeal_refuse(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = access_appeal_for_moderator(request.user, appeal_id)
    form = AppealDecisionForm(request.POST)
    form.is_valid()
    try:
        appeal_actions.refuse_appeal(
            request.user, appeal, reason=form.cleaned_data.get("reason", "")
        )
    except ModerationError as exc:
        error_messages(request, exc)
        return redirect("moderation:appeal", appeal_id=appeal_id)
    messages.success(request, "The request was refused; the user has been told why.")
    return redirect("moderation:appeals")
