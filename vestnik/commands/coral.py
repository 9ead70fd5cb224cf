"""`vestnik coral`: Coral tenants that call our external moderation phase.

    vestnik coral add NAME [--timeout-ms 400] [--tenant ID] [--secret S] [--json]
    vestnik coral rotate NAME [--secret S] [--json]

Both print the endpoint URL and the signing secret for Coral's admin
(Configure → Moderation Phases). `--secret` takes the
signing secret Coral shows for the phase instead of generating one. After
`rotate` the previous secret is still accepted for 24 hours.
"""

from __future__ import annotations

import argparse
import json
import sys

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    add = sub.add_parser("add", help="set up a Coral tenant and print its secret")
    add.add_argument("name")
    add.add_argument(
        "--timeout-ms",
        type=int,
        default=400,
        help="answer within this many ms or not at all (default 400)",
    )
    add.add_argument("--tenant", default="", help="Coral's tenantID (optional)")
    add.add_argument(
        "--secret", default=None, help="Coral's signing secret for the phase"
    )
    add.add_argument("--json", action="store_true", help="one JSON line")
    rotate = sub.add_parser("rotate", help="new secret; the old one works 24 h more")
    rotate.add_argument("name")
    rotate.add_argument("--secret", default=None, help="the new secret Coral shows")
    rotate.add_argument("--json", action="store_true", help="one JSON line")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings
    from django.urls import reverse

    from vestnik.integrations import actions
    from vestnik.integrations.errors import IntegrationError
    from vestnik.integrations.models import CoralIntegration

    url = settings.SITE_URL + reverse("integrations:coral-moderate")
    if args.action == "add":
        try:
            integration = actions.add_coral(
                args.name,
                time_budget_ms=args.timeout_ms,
                tenant_id=args.tenant,
                secret=args.secret,
            )
        except IntegrationError as exc:
            print(f"vestnik coral: {exc}", file=sys.stderr)
            return 2
    else:
        found = CoralIntegration.objects.filter(name=args.name).first()
        if found is None:
            print(
                f"vestnik coral: no Coral set-up named {args.name!r}", file=sys.stderr
            )
            return 2
        try:
            integration = actions.rotate_coral_secret(found, secret=args.secret)
        except IntegrationError as exc:
            print(f"vestnik coral: {exc}", file=sys.stderr)
            return 2
    if args.json:
        print(
            json.dumps(
                {"name": integration.name, "url": url, "secret": integration.secret}
            )
        )
    else:
        print(f"Coral set-up {integration.name!r}:")
        print(f"  URL:    {url}")
        print(f"  Secret: {integration.secret}")
        print("In Coral: Configure → Moderation Phases (Callback URL; signing secret).")
    return 0
