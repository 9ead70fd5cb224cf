"""`vestnik seed-load`: bulk synthetic users, articles and comments for load tests.

    vestnik seed-load --comments 1000000 --users 100000 --articles 10000

Runs against the database DATABASE_URL names (PostgreSQL for the large sizes);
prints a progress bar per table. Refuses to run with VESTNIK_PRODUCTION set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=1_000)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "--no-migrate", action="store_true", help="skip `migrate` before loading"
    )


def run(args: argparse.Namespace) -> int:
    if os.environ.get("VESTNIK_PRODUCTION", "").strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }:
        print("vestnik seed-load: refused on a production site", file=sys.stderr)
        return 2
    if min(args.comments, args.users, args.articles) < 1:
        print("vestnik seed-load: every count must be at least 1", file=sys.stderr)
        return 2
    setup_django()
    from django.core.management import call_command

    from vestnik.community.seed import seed

    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    started = time.monotonic()
    summary: dict[str, object] = dict(
        seed(
            comments=args.comments,
            users=args.users,
            articles=args.articles,
            seed_value=args.seed,
        )
    )
    summary["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(summary))
    return 0
