"""`vestnik beat`: the Celery scheduler (CELERY_BEAT_SCHEDULE in settings.py).

Run exactly one beat per site: it only enqueues the periodic tasks (view-count
flush, purge, fingerprint pruning, the moderators' digest); workers run them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from vestnik.commands.django_setup import setup_django
from vestnik.commands.worker import needs_broker


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--loglevel", default=os.environ.get("LOG_LEVEL", "info"))
    parser.add_argument(
        "--schedule-file",
        default="",
        help="where beat keeps its last-run times (default $VESTNIK_VAR_DIR/celerybeat-schedule)",
    )


def run(args: argparse.Namespace) -> int:
    refusal = needs_broker("beat")
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    setup_django()
    from django.conf import settings

    from vestnik.site.celery import app

    schedule = args.schedule_file or str(Path(settings.VAR_DIR) / "celerybeat-schedule")
    Path(schedule).parent.mkdir(parents=True, exist_ok=True)
    app.start(argv=["beat", f"--loglevel={args.loglevel}", f"--schedule={schedule}"])
    return 0
