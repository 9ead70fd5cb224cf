"""`vestnik backup FILE`: the database and the uploaded media in one archive.

See vestnik/site/backup.py for what the archive holds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the archive to write (.tar.gz)")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from vestnik.site.backup import BackupError, create_backup

    try:
        manifest = create_backup(args.file)
    except (BackupError, OSError, subprocess.SubprocessError) as exc:
        print(f"vestnik backup: {exc}", file=sys.stderr)
        return 1
    rows = sum(manifest["tables"].values())
    print(
        json.dumps(
            {"file": str(args.file), "tables": len(manifest["tables"]), "rows": rows}
        )
    )
    return 0
