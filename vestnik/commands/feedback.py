"""`vestnik feedback`: moderators' labels sent through `comments:suggestscore`.

    vestnik feedback export [--out FILE] [--client NAME]

Writes JSON lines `{"text", "attribute", "value", "language", "client",
"community", "created_at"}`, by default to $VESTNIK_DATA_DIR/feedback/
feedback.jsonl, where `vestnik train --encoder` reads them (each label trains
the abuse model's task for its attribute; see vestnik/training/abuse_data.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vestnik.commands.django_setup import setup_django


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    export = sub.add_parser("export", help="write the feedback as JSON lines")
    export.add_argument(
        "--out",
        type=Path,
        default=None,
        help="default: $VESTNIK_DATA_DIR/feedback/feedback.jsonl; - for stdout",
    )
    export.add_argument("--client", default=None, help="only this client's feedback")


def run(args: argparse.Namespace) -> int:
    setup_django()
    from vestnik.integrations.models import Feedback
    from vestnik.training.datasets import data_dir

    rows = Feedback.objects.select_related("client").order_by("created_at", "pk")
    if args.client:
        rows = rows.filter(client__name=args.client)
    lines = [
        json.dumps(
            {
                "text": row.text,
                "attribute": row.attribute,
                "value": row.value,
                "language": row.language,
                "client": row.client.name,
                "community": row.community_id,
                "created_at": row.created_at.isoformat(),
            },
            ensure_ascii=False,
        )
        for row in rows.iterator()
    ]
    if str(args.out) == "-":
        sys.stdout.write("".join(line + "\n" for line in lines))
        return 0
    out = args.out or data_dir() / "feedback" / "feedback.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{len(lines)} label(s) written to {out}")
    return 0
