"""`vestnik restore FILE`: restore a `vestnik backup` archive and check the counts.

Restores into an empty database: `--database-url` names a fresh one (the
configured database otherwise; on SQLite `--force` replaces an existing file).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a `vestnik backup` archive")
    parser.add_argument("--database-url", default="", help="restore into this database")
    parser.add_argument("--media-root", type=Path, default=None)
    parser.add_argument("--force", action="store_true", help="replace an SQLite file")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from vestnik.site.backup import BackupError, restore_backup

    try:
        manifest = restore_backup(
            args.file,
            database_url=args.database_url,
            media_root=args.media_root,
            force=args.force,
        )
    except (BackupError, OSError, subprocess.SubprocessError) as exc:
        print(f"vestnik restore: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"restored": str(args.file), "tables": len(manifest["tables"])}))
    return 0
