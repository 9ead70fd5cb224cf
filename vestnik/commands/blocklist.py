"""`vestnik blocklist`: rebuild the engine's small shipped artefacts.

    vestnik blocklist update FILE          malware blocklist from a URLhaus list
    vestnik blocklist profanity [DATA_DIR] profanity lexicon from Surge + LDNOOBW
    vestnik blocklist charstats [DATA_DIR] character-bigram models (gibberish)

Nothing is downloaded: FILE is a list you fetched yourself (URLhaus
`urlhaus-filter.txt`, `urlhaus-filter-domains.txt`, or one host/URL a line).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _default_data_dir() -> Path:
    return Path(
        os.environ.get(
            "VESTNIK_DATA_DIR",
            Path(__file__).resolve().parents[2].parent / "shared" / "data",
        )
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    update = sub.add_parser(
        "update", help="recompile the malware blocklist from a URLhaus list"
    )
    update.add_argument("file", type=Path)
    for name, help_text in (
        ("profanity", "rebuild the profanity lexicon"),
        ("charstats", "rebuild the gibberish models"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument(
            "data_dir",
            nargs="?",
            type=Path,
            default=None,
            help="default: $VESTNIK_DATA_DIR or ../shared/data",
        )


def run(args: argparse.Namespace) -> int:
    if args.action == "update":
        from vestnik.engine import blocklist

        try:
            lines = args.file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            print(f"vestnik blocklist: cannot read {args.file}: {exc}", file=sys.stderr)
            return 2
        listed = blocklist.parse_source(lines, source=args.file.name)
        if not listed.hosts and not listed.urls:
            print(
                f"vestnik blocklist: no hosts or URLs found in {args.file}",
                file=sys.stderr,
            )
            return 2
        size = blocklist.save(listed)
        blocklist.reset_cache()
        print(
            f"{blocklist.ARTEFACT}: {len(listed.hosts)} hosts, {len(listed.urls)} URLs, updated {listed.updated}, {size} bytes"
        )
        return 0
    data_dir = args.data_dir or _default_data_dir()
    if not data_dir.is_dir():
        print(
            f"vestnik blocklist: data directory {data_dir} not found", file=sys.stderr
        )
        return 2
    if args.action == "profanity":
        from vestnik.engine import lexicons

        lexicon = lexicons.build_profanity_lexicon(data_dir)
        size = lexicons.save(lexicon)
        print(
            f"{lexicons.ARTEFACT}: {sum(map(len, lexicon.values()))} terms in {len(lexicon)} languages, {size} bytes"
        )
        return 0
    from vestnik.engine import charstats

    models = charstats.build(data_dir)
    size = charstats.save(models)
    print(f"{charstats.ARTEFACT}: {len(models)} languages, {size} bytes")
    return 0
