"""`vestnik backup` / `vestnik restore`: into a fresh database, every count equal."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from tests.community.factories import ArticleFactory, CommentFactory, UserFactory
from vestnik.cli import main
from vestnik.site.backup import BackupError, counts_in, create_backup, restore_backup


@pytest.fixture
def site_rows(transactional_db: Any, settings: Any, tmp_path: Path) -> dict[str, int]:
    article = ArticleFactory()
    for _ in range(7):
        CommentFactory(article=article, author=UserFactory())
    avatar = Path(settings.MEDIA_ROOT) / "avatars" / "a.webp"
    avatar.parent.mkdir(parents=True)
    avatar.write_bytes(b"RIFF....WEBP")
    return {"community_comment": 7, "news_article": 1}


def test_backup_restores_into_a_fresh_database(
    site_rows: dict[str, int], tmp_path: Path
) -> None:
    archive = tmp_path / "backup.tar.gz"
    manifest = create_backup(archive)
    assert manifest["tables"]["community_comment"] == 7
    assert manifest["tables"]["accounts_user"] >= 7

    media = tmp_path / "restored-media"
    if connection.vendor == "postgresql":
        import psycopg

        name = f"vestnik_restore_{uuid.uuid4().hex[:8]}"
        db = settings.DATABASES["default"]
        params = {
            "host": db.get("HOST") or "127.0.0.1",
            "port": int(db.get("PORT") or 5432),
            "user": db.get("USER") or "postgres",
            "password": db.get("PASSWORD") or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"postgres://{params['user']}@{params['host']}:{params['port']}/{name}"
        try:
            restore_backup(archive, database_url=url, media_root=media)
            found = counts_in({**db, "NAME": name})
        finally:
            with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    else:
        target = tmp_path / "fresh.sqlite3"
        restore_backup(archive, database_url=f"sqlite:///{target}", media_root=media)
        found = counts_in({"ENGINE": "django.db.backends.sqlite3", "NAME": target})
        with pytest.raises(BackupError, match="exists"):
            restore_backup(archive, database_url=f"sqlite:///{target}")

    for table, count in manifest["tables"].items():
        assert found[table] == count, table
    assert found["community_comment"] == 7
    assert (media / "avatars" / "a.webp").read_bytes() == b"RIFF....WEBP"


def test_the_commands(site_rows: dict[str, int], tmp_path: Path, capsys: Any) -> None:
    archive = tmp_path / "b.tar.gz"
    assert main(["backup", str(archive)]) == 0
    assert archive.stat().st_size > 0
    assert main(["restore", str(tmp_path / "missing.tar.gz")]) == 1
    assert "vestnik restore:" in capsys.readouterr().err
