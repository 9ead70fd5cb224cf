"""Backups: the database and the uploaded media in one archive, and back again.

    vestnik backup var/backups/vestnik-2026-12-03.tar.gz
    vestnik restore var/backups/vestnik-2026-12-03.tar.gz [--database-url URL]

The archive holds `manifest.json` (when, which database engine, and the row
count of every table), the database (`db.pgdump` from `pg_dump --format=custom`
on PostgreSQL; `db.sqlite3`, a consistent copy through SQLite's online backup
API, on the embedded set-up) and `media/` (MEDIA_ROOT). A restore goes into an
empty database (a fresh one, or the configured one after `--force` on SQLite),
then compares every table's row count with the manifest and fails if any differ.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dj_database_url
from django.apps import apps
from django.conf import settings
from django.db import connection

FORMAT = 1


class BackupError(Exception):
    pass


def table_counts() -> dict[str, int]:
    tables = set(connection.introspection.table_names())
    counts: dict[str, int] = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in tables and table not in counts:
            counts[table] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def _pg_env(url_or_settings: Mapping[str, Any]) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    if url_or_settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(url_or_settings["PASSWORD"])
    args = [
        "--host",
        str(url_or_settings.get("HOST") or "127.0.0.1"),
        "--port",
        str(url_or_settings.get("PORT") or 5432),
        "--username",
        str(url_or_settings.get("USER") or "postgres"),
    ]
    return args, env


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (PostgreSQL client tools)")
    return found


def create_backup(out: Path) -> dict[str, Any]:
    """Write the archive to `out`; returns its manifest."""
    db = settings.DATABASES["default"]
    vendor = connection.vendor
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": datetime.now(tz=UTC).isoformat(),
        "database": vendor,
        "tables": table_counts(),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / ("db.pgdump" if vendor == "postgresql" else "db.sqlite3")
        if vendor == "postgresql":
            args, env = _pg_env(db)
            subprocess.run(  # noqa: S603 - fixed program, arguments from settings
                [
                    _program("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    *args,
                    "--file",
                    str(dump),
                    str(db["NAME"]),
                ],
                env=env,
                check=True,
            )
        elif vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            raise BackupError(f"backups of {vendor} databases are not supported")
        with tarfile.open(out, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                archive.add(media, arcname="media")
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or member.issym() or member.islnk():
            raise BackupError(
                f"refusing a suspicious path in the archive: {member.name}"
            )
        members.append(member)
    return members


def restore_backup(
    archive_path: Path,
    *,
    database_url: str = "",
    media_root: Path | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """Restore into `database_url` (default: the configured database) and
    `media_root` (default MEDIA_ROOT); returns the manifest after checking counts."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with (
        tempfile.TemporaryDirectory() as tmp,
        tarfile.open(archive_path, "r:gz") as archive,
    ):
        archive.extractall(tmp, members=_safe_members(archive), filter="data")
        root = Path(tmp)
        manifest: dict[str, Any] = json.loads((root / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        target = (
            dj_database_url.parse(database_url)
            if database_url
            else dict(settings.DATABASES["default"])
        )
        engine = str(target["ENGINE"])
        if manifest["database"] == "postgresql":
            if not engine.endswith("postgresql"):
                raise BackupError("a PostgreSQL backup restores into PostgreSQL only")
            args, env = _pg_env(target)
            subprocess.run(  # noqa: S603
                [
                    _program("pg_restore"),
                    "--no-owner",
                    "--exit-on-error",
                    *args,
                    "--dbname",
                    str(target["NAME"]),
                    str(root / "db.pgdump"),
                ],
                env=env,
                check=True,
            )
        else:
            if not engine.endswith("sqlite3"):
                raise BackupError("an SQLite backup restores into SQLite only")
            path = Path(str(target["NAME"]))
            if path.exists() and path.stat().st_size and not force:
                raise BackupError(f"{path} exists; pass --force to replace it")
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / "db.sqlite3", path)
        if (root / "media").is_dir():
            shutil.copytree(root / "media", media_root, dirs_exist_ok=True)
    found = counts_in(target)
    wrong = {
        table: (count, found.get(table))
        for table, count in manifest["tables"].items()
        if found.get(table) != count
    }
    if wrong:
        raise BackupError(f"row counts differ after the restore: {wrong}")
    return manifest


def counts_in(target: Mapping[str, Any]) -> dict[str, int]:
    """Row counts of every table in another database (not Django's connection)."""
    engine = str(target["ENGINE"])
    if engine.endswith("sqlite3"):
        lite = sqlite3.connect(str(target["NAME"]))
        try:
            names = [
                row[0]
                for row in lite.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'"
                )
            ]
            return {
                t: int(lite.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0])  # noqa: S608 - names from the catalogue
                for t in names
            }
        finally:
            lite.close()
    import psycopg

    with psycopg.connect(
        host=str(target.get("HOST") or "127.0.0.1"),
        port=int(target.get("PORT") or 5432),
        user=str(target.get("USER") or "postgres"),
        password=str(target.get("PASSWORD") or "") or None,
        dbname=str(target["NAME"]),
    ) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        counts: dict[str, int] = {}
        for t in tables:
            row = conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()  # noqa: S608
            counts[t] = int(row[0]) if row else 0
        return counts
