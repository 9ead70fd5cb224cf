"""The Celery application. Tasks live in vestnik/workers/, one module per family."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.site.settings")

app = Celery("vestnik")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Explicit list, no autodiscovery: see style guide §0 "wire things up explicitly".
app.conf.imports = ("vestnik.workers.tasks",)
