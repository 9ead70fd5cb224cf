"""Format and hygiene checks for civil_criticism.jsonl (see README.md here).

The file is evaluation data (`vestnik eval --task civil_criticism`): these
checks keep it loadable, keep its test split honest (a seeded hash, never
hand-picked, with contrast pairs on one side of the split) and keep the two
kinds apart: a civil line breaks nothing, a crossing line names what it breaks.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from vestnik.engine.rulebook import RULE_IDS

PATH = Path(__file__).parent / "civil_criticism.jsonl"
FIELDS = {"text", "label", "split", "kind", "target", "breaks"}
TARGETS = {
    "politician", "party", "government", "institution", "police", "court",
    "company", "article", "journalist", "publisher", "referee", "club",
    "public-figure",
}  # fmt: skip


def _rows() -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(PATH.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"line {number} is blank"
        rows.append(json.loads(line))
    return rows


def _hashed_split(text: str) -> str:
    digest = int(hashlib.sha256(f"issue-12:{text}".encode()).hexdigest()[:8], 16)
    return "test" if digest % 100 < 25 else "train"


def test_rows_are_well_formed() -> None:
    for row in _rows():
        assert FIELDS <= set(row) <= FIELDS | {"pair"}, row
        assert isinstance(row["text"], str) and row["text"].strip() == row["text"] != ""
        assert row["target"] in TARGETS, row
        assert row["split"] in {"train", "test"}
        if row["kind"] == "civil":
            assert row["label"] == 0 and row["breaks"] == [], row
        else:
            assert row["kind"] == "crosses-line", row
            assert row["label"] == 1 and row["breaks"], row
            assert set(row["breaks"]) <= set(RULE_IDS), row


def test_sizes_and_no_duplicates() -> None:
    rows = _rows()
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["civil"] >= 600
    assert kinds["crosses-line"] >= 140
    texts = Counter(r["text"].casefold() for r in rows)
    assert [t for t, n in texts.items() if n > 1] == []


def test_split_is_the_seeded_hash_and_pairs_stay_together() -> None:
    rows = _rows()
    pairs: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        if row["kind"] == "civil":
            assert row["split"] == _hashed_split(row["text"]), row["text"]
        if "pair" in row:
            pairs.setdefault(row["pair"], []).append(row)
    for members in pairs.values():
        assert sorted(m["kind"] for m in members) == ["civil", "crosses-line"]
        assert len({m["split"] for m in members}) == 1
        assert len({m["target"] for m in members}) == 1
    assert all(r["kind"] == "civil" or "pair" in r for r in rows)
    share = sum(r["split"] == "test" for r in rows) / len(rows)
    assert 0.2 <= share <= 0.3
    for kind in ("civil", "crosses-line"):
        assert any(r["split"] == "test" and r["kind"] == kind for r in rows)
