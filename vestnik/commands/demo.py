"""`vestnik demo`: migrate, then load each app's demo content (idempotent).

The loaders run in this explicit order; each one skips what already exists.
"""

import argparse
import importlib

from vestnik.commands.django_setup import setup_django

# (module, function): news first (articles), then accounts, then the community on top.
LOADERS: list[tuple[str, str]] = [
    ("vestnik.news.demo", "load"),
    ("vestnik.community.demo", "load"),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-migrate", action="store_true", help="skip `migrate`")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=1)
    for module_name, func_name in LOADERS:
        loader = getattr(importlib.import_module(module_name), func_name)
        loader()
    return 0
