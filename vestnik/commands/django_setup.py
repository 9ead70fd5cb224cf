"""Set Django up for commands that need the database (serve, demo, purge ...)."""

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.site.settings")
    import django

    django.setup()
