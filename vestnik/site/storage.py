"""Uploads written whole or not at all.

Django's FileSystemStorage streams an upload straight into its final name, so a
disk that fills up mid-write (ENOSPC) leaves a truncated file behind under a
name a page may already point to. Here the bytes go to a hidden temporary file
in the same folder, are flushed, and only then linked under the final name; on
any error the temporary file is removed and the OSError reaches the caller
(`set_avatar` turns it into a form error). See #14, "faults lose nothing".
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Any

from django.core.files.storage import FileSystemStorage


class MediaStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(partial, self.file_permissions_mode or 0o644)
            while True:
                try:
                    # A link never replaces an existing file (unlike a rename).
                    os.link(partial, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)
        return str(name).replace("\\", "/")
