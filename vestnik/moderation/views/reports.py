"""The audit log and the transparency report (full, and the public summary)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from vestnik.moderation import charts, transparency
from vestnik.moderation.models import ActorKind, Decision, DecisionKind
from vestnik.moderation.queries import check_moderator
from vestnik.moderation.roles import can_view_transparency
from vestnik.moderation.rulebook_store import current_rulebook, transparency_is_public
from vestnik.moderation.views.access import moderator_required
from vestnik.site.ids import parse_id

PERIODS = {"28": 28, "84": 84, "182": 182, "365": 365}


@require_safe
@moderator_required
def audit(request: HttpRequest) -> HttpResponse:
    check_moderator(request.user)
    qs = Decision.objects.select_related("actor", "subject_user", "comment").order_by(
        "-created_at", "-id"
    )
    kind = request.GET.get("kind", "")
    if kind in DecisionKind.values:
        qs = qs.filter(kind=kind)
    actor_kind = request.GET.get("actor_kind", "")
    if actor_kind in ActorKind.values:
        qs = qs.filter(actor_kind=actor_kind)
    if request.GET.get("overrides") == "1":
        qs = qs.filter(overrides_engine=True)
    user_id = parse_id(request.GET.get("user", ""))
    if user_id is not None:
        qs = qs.filter(subject_user_id=user_id)
    page = Paginator(qs, 50).get_page(request.GET.get("page", "1"))
    return render(
        request,
        "moderation/audit.html",
        {
            "page_obj": page,
            "kinds": DecisionKind.choices,
            "actor_kinds": ActorKind.choices,
            "kind": kind,
            "actor_kind": actor_kind,
            "overrides": request.GET.get("overrides") == "1",
        },
    )


def _report_context(request: HttpRequest) -> dict[str, object]:
    days = PERIODS.get(request.GET.get("days", "84"), 84)
    report = transparency.build_report(days)
    rulebook = current_rulebook()
    labels = transparency.weekly_labels(report)
    agreement_rows = [
        (
            a.rule,
            a.agreement,
            f"{a.confirmed} confirmed / {a.overturned} overturned / {a.missed} missed",
        )
        for a in report.agreement
        if a.confirmed or a.overturned or a.missed
    ]
    return {
        "report": report,
        "days": days,
        "periods": PERIODS,
        "rule_totals": [
            (rule, rulebook[rule].title if rule in rulebook else rule, engine, human)
            for rule, engine, human in transparency.rule_totals(report)
        ],
        "weekly_chart": charts.stacked_bars(
            labels,
            transparency.chart_series(report),
            title="Comments removed or held, per rule and week",
        ),
        "agreement_chart": charts.horizontal_bars(
            agreement_rows, title="Engine–moderator agreement per rule"
        ),
        "split_chart": charts.horizontal_bars(
            [
                (
                    "automated (engine)",
                    report.automated_total
                    / max(1, report.automated_total + report.human_total),
                    f"{report.automated_total} decisions",
                ),
                (
                    "human (moderators)",
                    report.human_total
                    / max(1, report.automated_total + report.human_total),
                    f"{report.human_total} decisions",
                ),
            ],
            title="Automated and human decisions",
        ),
        "agreement": [
            a for a in report.agreement if a.confirmed or a.overturned or a.missed
        ],
    }


@require_safe
def transparency_full(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not can_view_transparency(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Moderators and the publisher only.")
    return render(
        request,
        "moderation/transparency.html",
        {**_report_context(request), "public": False},
    )


@require_safe
def transparency_public(request: HttpRequest) -> HttpResponse:
    if not transparency_is_public():
        raise Http404("The publisher hasn't published a transparency summary.")
    return render(
        request,
        "moderation/transparency_public.html",
        {**_report_context(request), "public": True},
    )
