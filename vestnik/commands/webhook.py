"""`vestnik webhook`: outgoing webhooks.

    vestnik webhook add URL --events comment.rejected,user.blocked [--allow-private] [--json]
    vestnik webhook list
    vestnik webhook redeliver DELIVERY_ID

`add` prints the signing secret once. Loopback, private and link-local targets
are refused unless `--allow-private` (see docs/integrations.md, SSRF).
"""

from __future__ import annotations

import argparse
import json
import sys

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    add = sub.add_parser("add", help="register a URL for some events")
    add.add_argument("url")
    add.add_argument(
        "--events",
        required=True,
        help="comma-separated: comment.published, comment.held, comment.rejected, "
        "comment.reported, moderation.decision, user.blocked, appeal.filed, "
        "appeal.decided",
    )
    add.add_argument(
        "--allow-private",
        action="store_true",
        help="allow loopback, private and link-local addresses (SSRF risk)",
    )
    add.add_argument("--json", action="store_true", help="one JSON line")
    sub.add_parser("list", help="list webhooks and their state")
    redeliver = sub.add_parser("redeliver", help="send one delivery again")
    redeliver.add_argument("delivery", type=int)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.db import transaction

    from vestnik.integrations import webhooks
    from vestnik.integrations.errors import IntegrationError
    from vestnik.integrations.models import Webhook, WebhookDelivery

    if args.action == "add":
        try:
            webhook = webhooks.add_webhook(
                args.url,
                events=args.events.split(","),
                allow_private=args.allow_private,
            )
        except IntegrationError as exc:
            print(f"vestnik webhook: {exc}", file=sys.stderr)
            return 2
        if args.json:
            print(
                json.dumps(
                    {
                        "id": webhook.pk,
                        "url": webhook.url,
                        "events": webhook.events,
                        "secret": webhook.secret,
                    }
                )
            )
        else:
            print(f"Webhook {webhook.pk} for {', '.join(webhook.events)}")
            print(f"Signing secret (shown once): {webhook.secret}")
        return 0
    if args.action == "list":
        for webhook in Webhook.objects.order_by("pk"):
            state = "on" if webhook.enabled else f"off ({webhook.disabled_reason})"
            print(f"{webhook.pk:>4} {webhook.url}  {','.join(webhook.events)}  {state}")
        return 0
    delivery = WebhookDelivery.objects.filter(pk=args.delivery).first()
    if delivery is None:
        print(f"vestnik webhook: no delivery {args.delivery}", file=sys.stderr)
        return 2
    with transaction.atomic():
        webhooks.redeliver(delivery)
    delivery.refresh_from_db()
    print(f"Delivery {delivery.pk}: {delivery.status} (HTTP {delivery.response_code})")
    return 0
