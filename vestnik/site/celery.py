"""The Celery application. Tasks live in vestnik/workers/, one module per family."""

import os

from celery import Celery, Task
from django.db import InterfaceError, OperationalError
from redis.exceptions import RedisError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.site.settings")


class VestnikTask(Task):  # type: ignore[misc]  # celery ships no types
    """Every task: acknowledged after it ran, retried with backoff on lost services.

    `acks_late` with `reject_on_worker_lost`: a worker killed mid-task (SIGKILL,
    OOM) leaves the message on the broker and another worker runs it again, so
    every task must be idempotent by the ids it takes (style guide §5). Database
    and network errors retry with exponential backoff and jitter, up to ten
    minutes apart; anything else is a bug and fails at once.
    """

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = (
        ConnectionError,
        TimeoutError,
        OSError,
        OperationalError,
        InterfaceError,
        RedisError,
    )
    retry_backoff = 2
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 8


app = Celery("vestnik", task_cls=VestnikTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
# Explicit list, no autodiscovery: see style guide §0 "wire things up explicitly".
app.conf.imports = ("vestnik.workers.tasks",)
