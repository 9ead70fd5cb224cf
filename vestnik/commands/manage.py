import argparse

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "args", nargs=argparse.REMAINDER, help="arguments for manage.py"
    )


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vestnik manage", *args.args])
    return 0
