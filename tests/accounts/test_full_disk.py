"""A full media disk on avatar upload: a clear form error, nothing half-written.

The disk is the one outside system faked here: `FullDisk` writes the first
chunk of the file for real and then fails the way write(2) does on a full
filesystem (ENOSPC). `vestnik faults --scenario disk-full` does it on a real
tmpfs that is full.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import File
from django.test import Client

from vestnik.accounts.models import User
from vestnik.site.storage import MediaStorage

from .test_profile import png, upload

pytestmark = pytest.mark.django_db


class _FillsUp(File):  # type: ignore[type-arg]
    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        data = self.file.read()
        yield data[: len(data) // 2]
        raise OSError(errno.ENOSPC, "No space left on device")


class FullDisk(MediaStorage):
    def _save(self, name: str, content: Any) -> str:
        return super()._save(name, _FillsUp(content.file, content.name))


@pytest.fixture
def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _fill_the_disk(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.accounts.test_full_disk.FullDisk"},
    }


def test_a_full_disk_is_a_clear_error_and_leaves_nothing(
    logged_in: Client, user: User, settings: Any
) -> None:
    _fill_the_disk(settings)
    response = upload(logged_in, png(64, 64))
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "could not be stored right now" in response.content.decode()
    user.refresh_from_db()
    assert not user.avatar
    assert _files(Path(settings.MEDIA_ROOT)) == []  # no truncated file, no leftovers


def test_the_old_avatar_stays_when_the_disk_fills_up(
    logged_in: Client, user: User, settings: Any
) -> None:
    assert upload(logged_in, png(64, 64)).status_code == 302
    user.refresh_from_db()
    before = user.avatar.name
    stored = _files(Path(settings.MEDIA_ROOT))

    _fill_the_disk(settings)
    assert upload(logged_in, png(80, 80)).status_code == 503
    user.refresh_from_db()
    assert user.avatar.name == before
    assert _files(Path(settings.MEDIA_ROOT)) == stored
    page = logged_in.get("/account/profile/").content.decode()
    assert user.avatar.url in page


def test_the_storage_writes_whole_files_under_fresh_names(settings: Any) -> None:
    from django.core.files.base import ContentFile

    storage = MediaStorage(location=settings.MEDIA_ROOT)
    first = storage.save("avatars/a.webp", ContentFile(b"one"))
    second = storage.save("avatars/a.webp", ContentFile(b"two"))
    assert first == "avatars/a.webp" and second != first
    assert storage.open(first).read() == b"one"
    assert storage.open(second).read() == b"two"
    assert _files(Path(settings.MEDIA_ROOT)) == sorted([first, second])
