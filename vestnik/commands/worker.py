"""`vestnik worker`: a Celery worker on the broker REDIS_URL names.

Runs re-moderation, purges, the view-count flush and e-mail. Without REDIS_URL
there is no broker: tasks run inside the web process and no worker is needed.
"""

from __future__ import annotations

import argparse
import os
import sys

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--concurrency",
        type=int,
        default=int(os.environ.get("CELERY_CONCURRENCY", "2")),
        help="worker processes (default CELERY_CONCURRENCY or 2)",
    )
    parser.add_argument("--loglevel", default=os.environ.get("LOG_LEVEL", "info"))
    parser.add_argument(
        "--queues", default="", help="comma-separated queues (default: all)"
    )


def needs_broker(command: str) -> str | None:
    """The refusal to print when there is no broker to talk to, else None."""
    if not os.environ.get("REDIS_URL"):
        return (
            f"vestnik {command}: set REDIS_URL (the Celery broker); without it "
            f"tasks run inside the web process and no {command} is needed"
        )
    return None


def run(args: argparse.Namespace) -> int:
    refusal = needs_broker("worker")
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    setup_django()
    from vestnik.site.celery import app

    argv = [
        "worker",
        f"--loglevel={args.loglevel}",
        f"--concurrency={max(1, args.concurrency)}",
        # One message at a time per process: with acks_late a prefetched message
        # would wait behind a long task instead of going to an idle worker.
        "--prefetch-multiplier=1",
    ]
    if args.queues:
        argv.append(f"--queues={args.queues}")
    app.worker_main(argv=argv)
    return 0
