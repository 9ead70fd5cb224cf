"""`vestnik apikey`: API clients and their keys.

    vestnik apikey create NAME --scopes analyze[,moderation] [--rate 600/min]
                          [--story-origin https://partner.example ...] [--json]
    vestnik apikey list [--json]
    vestnik apikey revoke NAME

`create` prints the key once (it is stored hashed); with `--json`, one line
`{"name", "key", "scopes"}` for scripts.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from vestnik.commands.django_setup import setup_django


def _rate(value: str) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*(?:/\s*min)?\s*", value)
    if match is None:
        raise argparse.ArgumentTypeError("give requests per minute, e.g. 600/min")
    return int(match.group(1))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    create = sub.add_parser("create", help="create a client and print its key once")
    create.add_argument("name")
    create.add_argument(
        "--scopes",
        default="analyze",
        help="comma-separated: analyze, comments:read, comments:write, moderation",
    )
    create.add_argument(
        "--rate", type=_rate, default=600, help="requests per minute (N/min)"
    )
    create.add_argument(
        "--story-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="a site of the client's whose pages a first comment through the key "
        "may open as external stories (repeatable)",
    )
    create.add_argument("--json", action="store_true", help="one JSON line")
    listing = sub.add_parser("list", help="list the clients (never their keys)")
    listing.add_argument("--json", action="store_true", help="JSON lines")
    revoke = sub.add_parser("revoke", help="revoke a client's key")
    revoke.add_argument("name")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from vestnik.integrations import actions
    from vestnik.integrations.errors import IntegrationError
    from vestnik.integrations.models import ApiClient

    if args.action == "create":
        try:
            client, key = actions.create_client(
                args.name,
                scopes=args.scopes.split(","),
                rate_limit=args.rate,
                story_origins=args.story_origin,
            )
        except IntegrationError as exc:
            print(f"vestnik apikey: {exc}", file=sys.stderr)
            return 2
        if args.json:
            print(
                json.dumps({"name": client.name, "key": key, "scopes": client.scopes})
            )
        else:
            print(
                f"Client {client.name!r} created with scopes {', '.join(client.scopes)}."
            )
            print(f"Key (shown once, store it now): {key}")
        return 0
    if args.action == "list":
        for client in ApiClient.objects.order_by("name"):
            row = {
                "name": client.name,
                "key_prefix": client.key_prefix,
                "scopes": client.scopes,
                "rate_limit": client.rate_limit,
                "story_origins": client.story_origins,
                "enabled": client.enabled and client.revoked_at is None,
                "last_used_at": client.last_used_at.isoformat()
                if client.last_used_at
                else None,
            }
            if args.json:
                print(json.dumps(row))
            else:
                state = "enabled" if row["enabled"] else "revoked"
                print(
                    f"{client.name:<24} {client.key_prefix}…  {','.join(client.scopes):<32} "
                    f"{client.rate_limit}/min  {state}"
                )
        return 0
    found = ApiClient.objects.filter(name=args.name).first()
    if found is None:
        print(f"vestnik apikey: no client named {args.name!r}", file=sys.stderr)
        return 2
    actions.revoke_client(found)
    print(f"Key of {found.name!r} revoked.")
    return 0
