"""Copy the trained heads' thresholds into ``default_rulebook()``.

    python -m vestnik.training.sync_thresholds           # rewrite rulebook.py
    python -m vestnik.training.sync_thresholds --check   # exit 1 when out of date

`vestnik train` chooses each head's reject (``threshold``) and hold
(``hold_threshold``) thresholds on validation and writes them into
``vestnik/engine/models/<head>.json``.  Rules scored by one head alone carry
those numbers literally in ``vestnik/engine/rulebook.py``
(``_rule("hate", ..., threshold=..., hold_threshold=...)``); this script
rewrites exactly those two numbers, nothing else.  Rules whose thresholds are
shared with other detectors (profanity, spam, commercial, promotion,
publisher-disrespect) map the head's thresholds onto theirs at run time
(``TrainedHeadDetector.fire_at`` / ``hold_at``) and need no sync; so do the
rules scored by the abuse model (hate, insult-threat: ``AbuseTaskDetector``
maps each task's thresholds from ``abuse.json`` onto the rule's).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from vestnik.engine.models.head import MODELS_DIR

RULEBOOK = Path(__file__).resolve().parents[1] / "engine" / "rulebook.py"

#: rule id -> the head that alone scores it.
RULE_HEADS: dict[str, str] = {
    "minors": "minors",
    "extremism": "extremism",
    "violence": "violence",
    "suicide": "suicide",
    "drugs": "drugs",
    "trolling": "trolling",
}

_NUMBER = r"[0-9]*\.?[0-9]+"


def synced(source: str, models_dir: Path = MODELS_DIR) -> tuple[str, list[str]]:
    """The rulebook source with every head rule's thresholds replaced, and a
    list of the changes made (``rule: old -> new``)."""
    changes: list[str] = []
    for rule, head in RULE_HEADS.items():
        meta = json.loads((models_dir / f"{head}.json").read_text(encoding="utf-8"))
        fire, hold = float(meta["threshold"]), float(meta["hold_threshold"])
        start = re.search(r'_rule\(\s*"' + re.escape(rule) + r'",', source)
        if start is None:
            raise SystemExit(f"rule {rule!r} not found in {RULEBOOK}")
        end = source.find("_rule(", start.end())
        end = len(source) if end < 0 else end
        block = source[start.start() : end]
        new = re.sub(
            r"(?<![\w])threshold=" + _NUMBER, f"threshold={round(fire, 3)}", block
        )
        new = re.sub(
            r"hold_threshold=" + _NUMBER, f"hold_threshold={round(hold, 3)}", new
        )
        if "threshold=" not in block or "hold_threshold=" not in block:
            raise SystemExit(f"rule {rule!r} has no literal thresholds to sync")
        if new != block:
            changes.append(f"{rule}: -> threshold={fire:.3f} hold={hold:.3f}")
            source = source[: start.start()] + new + source[end:]
    return source, changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report")
    parser.add_argument("--models", type=Path, default=MODELS_DIR)
    args = parser.parse_args(argv)
    source = RULEBOOK.read_text(encoding="utf-8")
    new, changes = synced(source, args.models)
    for line in changes:
        sys.stdout.write(line + "\n")
    if args.check:
        return 1 if changes else 0
    if new != source:
        RULEBOOK.write_text(new, encoding="utf-8")
    sys.stdout.write(f"{len(changes)} rule(s) updated in {RULEBOOK}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
