"""`vestnik worker` / `vestnik beat` start real Celery processes; tasks are safe to redeliver."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from vestnik.cli import main

REPO = Path(__file__).resolve().parents[2]
BROKER = "redis://127.0.0.1:6379/12"


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")


@pytest.mark.parametrize("command", ["worker", "beat"])
def test_without_a_broker_the_commands_refuse(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert main([command]) == 2
    assert "set REDIS_URL" in capsys.readouterr().err


def test_every_task_is_acknowledged_late_and_retried() -> None:
    from vestnik.site.celery import app

    app.loader.import_default_modules()
    ours = [task for name, task in app.tasks.items() if name.startswith("vestnik.")]
    assert len(ours) >= 7
    for task in ours:
        assert task.acks_late and task.reject_on_worker_lost, task.name
        assert task.retry_backoff and task.max_retries, task.name
        assert OSError in task.autoretry_for, task.name


def _start(command: str, tmp_path: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "REDIS_URL": BROKER,
        "VESTNIK_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(REPO),
        "DJANGO_SETTINGS_MODULE": "vestnik.site.settings",
    }
    env.pop("DATABASE_URL", None)
    args = [sys.executable, "-m", "vestnik.cli", command]
    if command == "worker":
        args += ["--concurrency", "1"]
    return subprocess.Popen(  # noqa: S603 - our own command line
        args,
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


class Output:
    """The process's output, read by a thread so that waiting never blocks."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.text = ""
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.text += line

    def wait_for(self, text: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.text:
                return
            time.sleep(0.2)
        raise AssertionError(f"{text!r} not seen; output:\n{self.text[-3000:]}")


@needs_redis
def test_worker_runs_a_task_from_the_broker(tmp_path: Path) -> None:
    import redis
    from celery import Celery

    from vestnik.workers.mail import message_to_data

    redis.Redis.from_url(BROKER).flushdb()  # no tasks left over from an earlier run
    worker = _start("worker", tmp_path)
    output = Output(worker)
    try:
        output.wait_for("ready.", 90)
        client = Celery(broker=BROKER)
        data = message_to_data(
            mail.EmailMessage("From the worker", "Body", None, ["a@example.org"])
        )
        sent = client.send_task("vestnik.workers.mail.send_email", args=[data])
        output.wait_for(f"[{sent.id}] succeeded", 60)
        assert "Subject: From the worker" in output.text  # the console mail backend
        # This worker's database has no tables: a database error is retried.
        failing = client.send_task("vestnik.workers.news.flush_view_counts")
        output.wait_for(f"[{failing.id}] retry: Retry in", 60)
    finally:
        worker.terminate()
        worker.wait(30)


@needs_redis
def test_beat_starts(tmp_path: Path) -> None:
    beat = _start("beat", tmp_path)
    output = Output(beat)
    try:
        output.wait_for("beat: Starting...", 60)
    finally:
        beat.terminate()
        beat.wait(30)
    assert (tmp_path / "celerybeat-schedule").exists() or any(
        p.name.startswith("celerybeat-schedule") for p in tmp_path.iterdir()
    )


def test_mail_goes_through_the_queue_and_is_sent_once(settings: Any) -> None:
    from vestnik.workers.mail import message_to_data, send_email

    settings.EMAIL_BACKEND = "vestnik.workers.mail.CeleryEmailBackend"
    settings.VESTNIK_MAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sent = mail.send_mail("Hello", "Body", None, ["reader@example.org"])
    assert sent == 1
    assert [m.subject for m in mail.outbox] == ["Hello"]

    data = message_to_data(mail.EmailMessage("Twice?", "x", None, ["a@example.org"]))
    assert send_email(data) == "sent"
    assert send_email(data) == "already sent"  # redelivered after a worker died
    assert [m.subject for m in mail.outbox] == ["Hello", "Twice?"]
