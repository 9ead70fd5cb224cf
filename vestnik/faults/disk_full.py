"""A full media disk on avatar upload: a clear error, nothing half-written.

`MEDIA_ROOT` is a tmpfs of 512 KB mounted for the drill (root only: elsewhere
the drill is skipped; tests/accounts/test_full_disk.py covers the same path
with a storage that fails like a full disk). It is filled to 8 KB short of
full, so that the re-encoded avatar starts to be written and then meets
ENOSPC. Checked: the reader gets the profile page back with the error (503,
Retry-After), their avatar row is unchanged, no file but the filler is left on
the disk; once space is freed, the same upload succeeds and the stored file
is a whole image.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
from pathlib import Path
from typing import Any

from vestnik.faults.processes import Process
from vestnik.faults.report import Drill
from vestnik.faults.site import Site
from vestnik.faults.web import post_file

SIZE = "512k"
LEFT_FREE = 8 * 1024


def _noisy_png() -> bytes:
    from PIL import Image

    rng = random.Random(14)  # noqa: S311 - picture noise, not a secret
    image = Image.new("RGB", (256, 256))
    image.putdata(
        [
            (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            for _ in range(256 * 256)
        ]
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _fill(media: Path) -> Path:
    filler = media / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        while True:
            os.write(fd, b"\0" * 4096)  # unbuffered: the error comes here
    except OSError:
        pass
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - LEFT_FREE))
    return filler


def _files(media: Path) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def run(drill: Drill, workdir: Path, **_: Any) -> None:
    media = workdir / "media"
    media.mkdir()
    if os.geteuid() != 0:
        drill.skip(
            "mounting a small tmpfs needs root (tests/accounts/test_full_disk.py covers it)"
        )
        return
    mounted = subprocess.run(  # noqa: S603 - a fixed command line
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(media)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        drill.skip(f"could not mount a tmpfs: {mounted.stderr.strip()}")
        return
    server: Process | None = None
    try:
        site = Site(workdir, extra={"MEDIA_ROOT": str(media)})
        site.migrate()
        session = site.child("seed", 1)["sessions"][0]
        server, port = site.serve(workers=1)
        filler = _fill(media)
        free = os.statvfs(media)
        drill.step(
            f"MEDIA_ROOT is a {SIZE} tmpfs, filled to "
            f"{free.f_bavail * free.f_frsize // 1024} KB free; vestnik serve on :{port}"
        )
        picture = _noisy_png()
        full = post_file(
            port, "/account/profile/avatar/", session, "avatar", "me.png", picture
        )
        drill.check(
            full.status == 503
            and "could not be stored right now" in full.text
            and full.headers.get("retry-after", "").isdigit(),
            f"upload on a full disk: {full.status} with a clear message and Retry-After",
        )
        drill.check(
            site.child("avatars")["avatars"] == [], "the reader's avatar is unchanged"
        )
        left = _files(media)
        drill.check(left == ["filler.bin"], f"nothing half-written on the disk: {left}")

        filler.unlink()
        drill.step("space freed")
        again = post_file(
            port, "/account/profile/avatar/", session, "avatar", "me.png", picture
        )
        stored = site.child("avatars")["avatars"]
        whole = False
        if len(stored) == 1 and (media / stored[0]).is_file():
            from PIL import Image

            with Image.open(media / stored[0]) as image:
                image.load()
                whole = image.size == (256, 256)
        drill.check(
            again.status == 302 and whole,
            f"the same upload once space is free: {again.status}, a whole image stored",
        )
    finally:
        if server is not None:
            server.stop()
        subprocess.run(["umount", str(media)], check=False)  # noqa: S603, S607
