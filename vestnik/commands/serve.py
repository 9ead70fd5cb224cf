"""`vestnik serve`: gunicorn on the database the environment names.

Collects static files first (whitenoise serves them with far-future headers).
Sends no `Server` banner (see `drop_server_banner`).
"""

import argparse
import os
import sys

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
    )
    parser.add_argument(
        "--reload", action="store_true", help="restart on code changes (development)"
    )


def drop_server_banner() -> None:
    """Stop gunicorn naming itself in a `Server:` header on every response.

    gunicorn has no setting for it: its maintainers declined one
    (benoitc/gunicorn#825) and a `Server` header set by the application is sent
    in addition to theirs, not instead. So the one line is filtered out of the
    status block gunicorn writes; the workers fork from this process and
    inherit the change. Idempotent.
    """
    from gunicorn.http import wsgi

    if getattr(wsgi.Response.default_headers, "vestnik_no_banner", False):
        return
    original = wsgi.Response.default_headers

    def default_headers(self: wsgi.Response) -> list[str]:
        return [h for h in original(self) if not h.lower().startswith("server:")]

    default_headers.vestnik_no_banner = True  # type: ignore[attr-defined]  # a marker
    wsgi.Response.default_headers = default_headers


# The workers' hooks: each warms up and freezes its start-up objects (#14).
GUNICORN_CONFIG = "python:vestnik.site.gunicorn_conf"


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        print(
            f"vestnik serve: --port must be between 1 and 65535, not {args.port}",
            file=sys.stderr,
        )
        return 2
    setup_django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    argv = [
        "gunicorn",
        "vestnik.site.wsgi:application",
        "--config",
        GUNICORN_CONFIG,
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(max(1, args.workers)),
        "--access-logfile",
        "-",
        "--timeout",
        "60",
    ]
    if args.reload:
        argv.append("--reload")
    print(f"Vestnik is serving on http://{args.host}:{args.port}/", flush=True)
    from gunicorn.app.wsgiapp import run as gunicorn_run

    drop_server_banner()

    sys.argv = argv
    gunicorn_run()
    return 0
