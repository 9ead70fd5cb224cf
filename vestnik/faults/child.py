"""What the drills read and write in a site's database, run in a child process.

    python -m vestnik.faults.child FUNCTION [JSON ARG ...]

prints the function's result as one JSON line. See vestnik/faults/site.py.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any


def seed(readers: int) -> dict[str, Any]:
    """One published article and `readers` readers, each with a live session."""

    from vestnik.accounts.models import User
    from vestnik.community.seed import seed as seed_rows
    from vestnik.community.seed import session_key
    from vestnik.news.models import Article

    summary = seed_rows(comments=0, users=readers, articles=1)
    article = Article.objects.get(slug=f"seed-{summary['tag']}-0")
    sessions = []
    for user in User.objects.filter(username__startswith=f"seed-{summary['tag']}-"):
        sessions.append(session_key(user))
    return {
        "article": article.pk,
        "path": article.get_absolute_url(),
        "sessions": sessions,
    }


def comments(marker: str) -> dict[str, Any]:
    """The comments whose body holds `marker`, and whether each is whole: stored
    with exactly one engine decision, its token used once."""
    from django.db.models import Count, Q

    from vestnik.community.models import Comment
    from vestnik.moderation.models import ActorKind

    rows = list(
        Comment.objects.filter(body__contains=marker)
        .annotate(
            engine_decisions=Count(
                "moderation_decisions",
                filter=Q(moderation_decisions__actor_kind=ActorKind.ENGINE),
            )
        )
        .values("token", "status", "engine_decisions", "verdict")
    )
    rules: Counter[str] = Counter()
    for row in rows:
        rules.update(r.get("rule", "") for r in (row["verdict"] or {}).get("rules", []))
    tokens = Counter(str(row["token"]) for row in rows)
    return {
        "stored": len(rows),
        "statuses": dict(Counter(row["status"] for row in rows)),
        "without_decision": sum(1 for row in rows if row["engine_decisions"] == 0),
        "with_two_decisions": sum(1 for row in rows if row["engine_decisions"] > 1),
        "doubled_tokens": sum(1 for n in tokens.values() if n > 1),
        "tokens": sorted(tokens),
        "rules": dict(rules),
    }


def webhook(url: str) -> dict[str, Any]:
    """A webhook on every comment event, delivering to a loopback receiver."""
    from vestnik.integrations.webhooks import add_webhook

    hook = add_webhook(url, events=["comment.published"], allow_private=True)
    return {"webhook": hook.pk}


def emit(count: int, marker: str) -> dict[str, Any]:
    """`count` events through the real path: recorded, then queued after commit."""
    from django.db import transaction

    from vestnik.integrations.webhooks import emit as emit_event

    keys = []
    for n in range(count):
        with transaction.atomic():
            for delivery in emit_event("comment.published", {"marker": marker, "n": n}):
                keys.append(delivery.idempotency_key)
    return {"keys": keys}


def deliveries() -> dict[str, Any]:
    from vestnik.integrations.models import WebhookDelivery

    rows = list(WebhookDelivery.objects.values("idempotency_key", "status", "attempts"))
    return {
        "rows": len(rows),
        "statuses": dict(Counter(row["status"] for row in rows)),
        "attempts": {row["idempotency_key"]: row["attempts"] for row in rows},
    }


def avatars() -> dict[str, Any]:
    from vestnik.accounts.models import User

    return {
        "avatars": [
            name for name in User.objects.values_list("avatar", flat=True) if name
        ]
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    functions: dict[str, Callable[..., dict[str, Any]]] = {
        "seed": seed,
        "comments": comments,
        "webhook": webhook,
        "emit": emit,
        "deliveries": deliveries,
        "avatars": avatars,
    }
    result = functions[argv[0]](*(json.loads(arg) for arg in argv[1:]))
    print(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
