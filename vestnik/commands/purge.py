"""`vestnik purge`: remove personal data of accounts deleted more than 30 days ago.

The embedded set-up runs this from cron (or by hand); production runs the same
action from Celery beat (vestnik.workers.accounts.purge_deleted_accounts).
"""

from __future__ import annotations

import argparse

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="only list the accounts that would be purged",
    )


def run(args: argparse.Namespace) -> int:
    setup_django()
    from datetime import timedelta

    from django.utils import timezone

    from vestnik.accounts.actions import purge_expired_accounts
    from vestnik.accounts.app_settings import app_settings
    from vestnik.accounts.models import User

    if args.dry_run:
        cutoff = timezone.now() - timedelta(days=app_settings.RESTORE_DAYS)
        due = User.objects.filter(deleted_at__lt=cutoff, is_placeholder=False).count()
        print(f"{due} deleted account(s) are past the restore window.")  # noqa: T201
        return 0
    purged = purge_expired_accounts()
    print(f"Purged {purged} deleted account(s).")  # noqa: T201
    return 0
