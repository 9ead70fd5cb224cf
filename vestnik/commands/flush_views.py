"""`vestnik flush-views`: move view and share counts buffered in the cache into the database.

Production runs the same action from Celery beat every minute
(vestnik.workers.news.flush_view_counts); without Redis each web process also
flushes its own counts about once a minute.
"""

from __future__ import annotations

import argparse

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    setup_django()
    from vestnik.news.actions import flush_counters

    moved = flush_counters()
    print(f"Flushed {moved} buffered view(s) and share(s).")
    return 0
