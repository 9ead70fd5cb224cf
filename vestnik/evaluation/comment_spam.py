"""The comment-spam rows of the hand-written corpora (issue 12): video and news comments.

`tests/engine/corpus/{promotion,spam,commercial}.jsonl` gained rows whose
`note` names what they are (`NOTES`): self-promotion of a channel, video,
playlist or profile, engagement bait, link-only drive-bys, spelled-out or
spaced domains, work-from-home lures, and their hard negatives (a reader
linking a source, recommending a book, mentioning the channel an article is
about, quoting a scam to warn others, likes and subscriptions as a topic).
`rows(rule)` loads their test split for `vestnik eval`
(`<rule>/comment_spam` in `tasks.py`); `python -m
vestnik.evaluation.comment_spam [--fast-path]` prints the same rows per note
and the figure a spam-versus-ham reader cares about: any of the three rules
fired (hold or reject) on a hit, or on a negative.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from vestnik.evaluation.datasets import CORPUS_DIR, Example, Loader

if TYPE_CHECKING:
    from vestnik.engine.rulebook import Rulebook

RULES = ("promotion", "spam", "commercial")
HIT_NOTES = frozenset(
    {
        "self-promo",
        "engagement-bait",
        "link-only",
        "spelled-domain",
        "wfh-lure",
        "shop-plug",
    }
)
NEGATIVE_NOTES = frozenset(
    {
        "source-link",
        "book-doc-rec",
        "channel-topic",
        "where-to-watch",
        "subscription-topic",
        "journalist-handle",
        "first-person",
        "promo-discussion",
        "scam-quote",
        "likes-topic",
        "wfh-topic",
        "dotcom-topic",
        "video-topic",
        "price-topic",
        "shop-topic",
        "spelled-topic",
        "video-comment",
        "news-comment",
    }
)
NOTES = HIT_NOTES | NEGATIVE_NOTES


EARLIER = "(earlier rows)"


def _read(
    rule: str, split: str | None, corpus_dir: Path | None, *, earlier: bool = False
) -> list[dict[str, str]]:
    """The noted rows of a corpus; with `earlier`, the others too, noted `EARLIER`."""
    path = (corpus_dir or CORPUS_DIR) / f"{rule}.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if split is not None and row["split"] != split:
            continue
        if row.get("note") in NOTES:
            out.append(row)
        elif earlier:
            out.append({**row, "note": EARLIER})
    return out


def rows(rule: str, corpus_dir: Path | None = None) -> Loader:
    """The issue-12 rows of `rule`'s corpus, test split only."""

    def load(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
        items = [
            Example(
                text=row["text"],
                label=int(row["label"]),
                meta={"kind": row["kind"], "note": row["note"]},
            )
            for row in _read(rule, "test", corpus_dir)
        ]
        return rng.sample(items, limit) if limit and len(items) > limit else items

    return load


def by_note(*, fast_path: bool = False, split: str = "test") -> str:
    """A table per corpus and note: how often each rule fired on those rows."""
    from vestnik.engine.pipeline import moderate_batch
    from vestnik.engine.rulebook import default_rulebook
    from vestnik.engine.types import Context, Submission
    from vestnik.evaluation.runner import T0

    book = default_rulebook()
    if fast_path:
        book = book.fast_path()
    lines = [
        f"split {split}, {'fast path' if fast_path else 'full rulebook'}; "
        "fired = the rule's hold or reject threshold reached",
        "",
        "| corpus | note | kind | n | own rule fired | any of promotion/spam/commercial |",
        "|---|---|---|---|---|---|",
    ]
    totals: Counter[str] = Counter()
    per_rule: dict[str, Counter[str]] = {rule: Counter() for rule in RULES}
    for rule in RULES:
        data = _read(rule, None if split == "all" else split, None, earlier=True)
        verdicts = moderate_batch(
            [(Submission(text=r["text"]), Context(now=T0)) for r in data], book
        )
        groups: dict[tuple[str, str], list[tuple[bool, bool]]] = {}
        for row, verdict in zip(data, verdicts, strict=True):
            own = _fired(book, verdict.scores, rule)
            anyone = any(_fired(book, verdict.scores, r) for r in RULES)
            groups.setdefault((row["note"], row["kind"]), []).append((own, anyone))
            if row["note"] == EARLIER:
                continue  # shown per kind, kept out of the comment-spam totals
            hit = row["kind"] == "hit"
            per_rule[rule][_cell(hit, own)] += 1
            totals[_cell(hit, anyone)] += 1
        for (note, kind), flags in sorted(
            groups.items(), key=lambda kv: (kv[0][0] == EARLIER, kv[0][1], kv[0][0])
        ):
            n = len(flags)
            own_n = sum(f[0] for f in flags)
            any_n = sum(f[1] for f in flags)
            lines.append(
                f"| {rule} | {note} | {kind} | {n} | {own_n} ({own_n / n:.0%}) | "
                f"{any_n} ({any_n / n:.0%}) |"
            )
    lines += [
        "",
        "| rows | precision | recall | F1 | tp / fp / fn / tn |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES:
        lines.append(
            f"| {rule} corpus, comment-spam rows, {rule} rule | {_prf(per_rule[rule])} |"
        )
    lines.append(
        f"| the three corpora, comment-spam rows, any of the three rules | {_prf(totals)} |"
    )
    return "\n".join(lines)


def _fired(book: Rulebook, scores: Mapping[str, float], rule_id: str) -> bool:
    return book[rule_id].outcome_for(float(scores.get(rule_id, 0.0))) is not None


def _cell(hit: bool, fired: bool) -> str:
    return ("tp" if fired else "fn") if hit else ("fp" if fired else "tn")


def _prf(c: Counter[str]) -> str:
    tp, fp, fn, tn = c["tp"], c["fp"], c["fn"], c["tn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f} | {r:.3f} | {f:.3f} | {tp} / {fp} / {fn} / {tn}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast-path", action="store_true")
    parser.add_argument("--split", choices=("test", "train", "all"), default="test")
    args = parser.parse_args(argv)
    print(by_note(fast_path=args.fast_path, split=args.split))  # noqa: T201 - a report
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
