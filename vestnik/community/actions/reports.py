"""Reports from readers, citing a rule of the community standards."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vestnik.community import ratelimit
from vestnik.community.actions.comments import check_can_post, recount_thread
from vestnik.community.actions.errors import InvalidReportError
from vestnik.community.app_settings import app_settings
from vestnik.community.models import Comment, CommentStatus, Report


def in_good_standing(user: Any) -> bool:
    """A reporter whose reports count towards holding a comment automatically.

    Blocked and deleted users can't report at all; a reader with several recently
    rejected comments can still report, but a moderator reads it before it counts.
    """
    since = timezone.now() - timedelta(days=30)
    rejected = Comment.objects.filter(
        author=user, status=CommentStatus.REJECTED, created_at__gte=since
    ).count()
    return rejected <= app_settings.GOOD_STANDING_MAX_REJECTED


def report_comment(
    comment: Comment, *, reporter: Any, rule: str, text: str = ""
) -> Report:
    """File a report; enough distinct readers in good standing hold the comment."""
    from vestnik.moderation.audit import record_decision
    from vestnik.moderation.models import ActorKind, DecisionKind
    from vestnik.moderation.rulebook_store import current_rulebook

    check_can_post(reporter)
    rulebook = current_rulebook()
    if rule not in rulebook:
        raise InvalidReportError("Choose the rule this comment breaks.", code="rule")
    if comment.status != CommentStatus.PUBLISHED:
        raise InvalidReportError("This comment is not published.", code="status")
    if comment.author_id == reporter.pk:
        raise InvalidReportError("You can't report your own comment.", code="own")
    if Report.objects.filter(comment=comment, reporter=reporter).exists():
        raise InvalidReportError(
            "You have already reported this comment.", code="duplicate"
        )
    ratelimit.hit("report-user", str(reporter.pk), app_settings.REPORT_RATE_USER)
    with transaction.atomic():
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    comment=comment,
                    reporter=reporter,
                    rule=rule,
                    text=text.strip()[:1000],
                    counted=in_good_standing(reporter),
                )
        except IntegrityError:
            raise InvalidReportError(
                "You have already reported this comment.", code="duplicate"
            ) from None
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        counted = Report.objects.filter(
            comment=locked, counted=True, resolved_at__isnull=True
        )
        readers = counted.count()
        if (
            locked.status == CommentStatus.PUBLISHED
            and readers >= app_settings.REPORTS_TO_HOLD
        ):
            rules = sorted(set(counted.values_list("rule", flat=True)))
            locked.status = CommentStatus.HELD
            locked.is_featured = False
            locked.save(update_fields=["status", "is_featured"])
            record_decision(
                DecisionKind.HOLD,
                actor_kind=ActorKind.SYSTEM,
                comment=locked,
                action="hold",
                rules=rules,
                reasons=(
                    f"Reported by {readers} readers under "
                    + ", ".join(f"{rulebook[r].title or r} ({r})" for r in rules)
                    + "; held until a moderator looks at it."
                ),
                evidence=[{"reports": readers}],
            )
            recount_thread(locked.article_id, locked.parent_id)
            comment.status = locked.status
        from vestnik.integrations.webhooks import emit_for_report

        emit_for_report(report)  # outgoing webhooks, sent after commit
    return report
