"""Format and hygiene checks for the hand-written corpora in this folder.

The corpora are read by ``vestnik.training.datasets.corpus`` (training the heads)
and by ``vestnik.training.offtopic`` (off-topic pairs); these tests keep them
loadable and keep the test split honest when lines are added by hand.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from vestnik.engine.rulebook import RULE_IDS

CORPUS_DIR = Path(__file__).parent
FILES = sorted(CORPUS_DIR.glob("*.jsonl"))
KINDS = {"hit", "hard-negative", "negative"}
MAIN_RULES = {
    "violence", "drugs", "suicide", "extremism", "minors", "publisher-disrespect",
    "promotion", "commercial", "trolling", "off-topic",
}  # fmt: skip


def _rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{number}: blank line"
        rows.append(json.loads(line))
    return rows


def test_every_main_rule_has_a_corpus() -> None:
    assert {p.stem for p in FILES} >= MAIN_RULES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_rows_are_well_formed(path: Path) -> None:
    assert path.stem in RULE_IDS
    for row in _rows(path):
        assert isinstance(row["text"], str) and row["text"].strip() == row["text"] != ""
        assert row["rule"] == path.stem
        assert row["kind"] in KINDS
        assert row["label"] == (1 if row["kind"] == "hit" else 0)
        assert row["split"] in {"train", "test"}
        assert set(row.get("also_breaks", [])) <= set(RULE_IDS)
        if path.stem == "publisher-disrespect":
            assert row["publisher_names"] == ["Vestnik", "Anna Petrova", "Mark Ellis"]
        if path.stem == "off-topic":
            assert row["article"]["title"] and row["article"]["standfirst"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_duplicates_and_a_quarter_held_out(path: Path) -> None:
    rows = _rows(path)
    texts = Counter(r["text"].casefold() for r in rows)
    assert [t for t, n in texts.items() if n > 1] == []
    test_share = sum(r["split"] == "test" for r in rows) / len(rows)
    assert 0.18 <= test_share <= 0.32
    for kind in KINDS:
        assert any(r["split"] == "test" and r["kind"] == kind for r in rows), kind
    if path.stem in MAIN_RULES:
        assert len(rows) >= 250
        hits = sum(r["label"] for r in rows) / len(rows)
        assert 0.35 <= hits <= 0.55


def test_off_topic_split_is_by_article() -> None:
    rows = _rows(CORPUS_DIR / "off-topic.jsonl")
    splits: dict[str, set[str]] = {}
    for row in rows:
        splits.setdefault(row["article"]["title"], set()).add(row["split"])
    assert all(len(s) == 1 for s in splits.values())
    assert {"train", "test"} == set().union(*splits.values())


def test_no_text_is_shared_between_files() -> None:
    owners: dict[str, str] = {}
    for path in FILES:
        for row in _rows(path):
            key = row["text"].casefold()
            assert key not in owners or owners[key] == path.stem, (
                key,
                owners.get(key),
                path.stem,
            )
            owners[key] = path.stem


def test_comment_spam_rows_are_split_by_the_seeded_hash() -> None:
    """The issue-12 rows (a `note` from comment_spam.NOTES) were split by a
    seeded hash of the text, never by hand: 25% test."""
    import hashlib

    from vestnik.evaluation.comment_spam import NOTES, RULES

    seen = 0
    for rule in RULES:
        for row in _rows(CORPUS_DIR / f"{rule}.jsonl"):
            if row.get("note") not in NOTES:
                continue
            seen += 1
            digest = hashlib.sha256(f"issue-12:{row['text']}".encode()).hexdigest()
            expected = "test" if int(digest[:8], 16) % 100 < 25 else "train"
            assert row["split"] == expected, row["text"]
    assert seen >= 900
