"""The `vestnik` command.

Each subcommand lives in its own module under vestnik/commands/ and exposes
`add_arguments(parser)` and `run(args) -> int`. The table below is the whole
registry: add a line to add a command (no discovery, no import side effects).
Modules are imported only when their command runs, so `vestnik check` never
pays for Django and `vestnik serve` never pays for the encoder.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (module, one-line help)
    "serve": (
        "vestnik.commands.serve",
        "serve the site with gunicorn (whitenoise for static files)",
    ),
    "worker": (
        "vestnik.commands.worker",
        "run a Celery worker (broker: REDIS_URL)",
    ),
    "beat": (
        "vestnik.commands.beat",
        "run the Celery scheduler for the periodic tasks (one per site)",
    ),
    "seed-load": (
        "vestnik.commands.seed_load",
        "bulk-load synthetic users, articles and comments (load tests)",
    ),
    "backup": (
        "vestnik.commands.backup",
        "write the database and uploaded media to one archive",
    ),
    "restore": (
        "vestnik.commands.restore",
        "restore a backup archive into an empty database and check its row counts",
    ),
    "demo": ("vestnik.commands.demo", "migrate the database and load the demo content"),
    "manage": (
        "vestnik.commands.manage",
        "run a Django management command (vestnik manage migrate ...)",
    ),
    "check": (
        "vestnik.commands.check",
        "moderate a comment (or JSON lines on stdin) and print the verdict",
    ),
    "eval": (
        "vestnik.commands.eval",
        "measure every detector on the labelled data and write reports/eval/",
    ),
    "blocklist": (
        "vestnik.commands.blocklist",
        "rebuild the engine's shipped artefacts (malware blocklist, lexicons)",
    ),
    "flush-views": (
        "vestnik.commands.flush_views",
        "move buffered view and share counts into the database",
    ),
    "roll-up": (
        "vestnik.commands.roll_up",
        "count closed days' engine verdicts into the transparency report's roll-ups",
    ),
    "train": (
        "vestnik.commands.train",
        "train the moderation heads and write their model cards",
    ),
    "apikey": (
        "vestnik.commands.apikey",
        "create, list and revoke API clients' keys",
    ),
    "coral": (
        "vestnik.commands.coral",
        "set up Coral's external moderation phase (URL and signing secret)",
    ),
    "webhook": (
        "vestnik.commands.webhook",
        "register outgoing webhooks and redeliver their events",
    ),
    "feedback": (
        "vestnik.commands.feedback",
        "export moderators' feedback (comments:suggestscore) for training",
    ),
    "faults": (
        "vestnik.commands.faults",
        "fault drills: kill a worker, stop PostgreSQL or Redis, break the model, "
        "fill the disk; PASS/FAIL each",
    ),
    "purge": (
        "vestnik.commands.purge",
        "purge personal data of accounts deleted over 30 days ago",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vestnik", description=__doc__.splitlines()[0]
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command_parser)
        command_parser.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._module.run(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
