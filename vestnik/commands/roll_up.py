"""`vestnik roll-up`: count closed days' engine verdicts into the transparency
report's daily roll-ups (vestnik/moderation/rollups.py).

Production runs the same every hour from Celery beat
(vestnik.workers.moderation.roll_up_decisions). `--rebuild` recounts every
closed day: the backfill after upgrading, or after a change of TIME_ZONE.
"""

from __future__ import annotations

import argparse
import time

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="recount every closed day, not only those not rolled up yet",
    )


def run(args: argparse.Namespace) -> int:
    setup_django()
    from vestnik.moderation.rollups import roll_up

    started = time.monotonic()
    days = roll_up(rebuild=args.rebuild)
    span = f" ({days[0]} to {days[-1]})" if days else ""
    print(f"Rolled up {len(days)} day(s){span} in {time.monotonic() - started:.1f} s.")
    return 0
