"""Held-out loaders for `vestnik eval` (vestnik.evaluation.tasks).

Each returns the *test* split only, exactly as `vestnik train` split it
(official test sets, hash-held-out rows, evaluation-only sets), so the
trained rules are never measured on rows their heads trained on.  Signature:
``loader(data_dir, limit, rng) -> list[Example]``.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

from vestnik.engine.types import ArticleContext
from vestnik.evaluation.datasets import Example, Loader
from vestnik.training import datasets as D


def _with_data_dir(data_dir: Path) -> None:
    os.environ["VESTNIK_DATA_DIR"] = str(data_dir)


def heldout(
    reader: Callable[[], D.Examples],
    label: Callable[[int, str], int | None] | None = None,
) -> Loader:
    """Test rows of a `vestnik.training.datasets` reader, optionally relabelled."""

    def load(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
        _with_data_dir(data_dir)
        ex = reader()
        items = []
        for text, y, split, group in zip(
            ex.texts, ex.labels, ex.splits, ex.groups, strict=True
        ):
            if split != "test":
                continue
            mapped = y if label is None else label(y, group)
            if mapped is not None:
                items.append(Example(text, int(mapped), meta={"group": group}))
        if limit and len(items) > limit:
            items = rng.sample(items, limit)
        return items

    load.__doc__ = f"test split of {reader.__name__}"
    return load


def davidson_hate(y: int, group: str) -> int:
    return int(group == "0")


def olid_targeted(y: int, group: str) -> int:
    return int(group.startswith("TIN"))


def fox_off_topic_pairs(
    data_dir: Path, limit: int, rng: random.Random
) -> list[Example]:
    """Fox News comments (>= 5 words, the off-topic test split of `vestnik train`):
    each with its own article (label 0) and with another article (label 1)."""
    _with_data_dir(data_dir)
    from dataclasses import replace

    from vestnik.engine.models.relevance import DISCUSSION_MAX, word_count

    _, rows = D.fox_news()
    articles = {
        r["title"]: ArticleContext(title=r["title"], standfirst=r.get("meta", ""))
        for r in rows
    }
    titles = sorted(articles)
    pick = random.Random(1729)  # noqa: S311 - seeded sampling, not security
    items = []
    for index, row in enumerate(rows):
        if (
            word_count(row["text"]) < 5
            or D.hash_split(row["text"], test=0.3, val=0.2, salt="offtopic") != "test"
        ):
            continue
        other = pick.choice([t for t in titles if t != row["title"]])
        # each side with the discussion so far under that article (same length)
        for title, label in ((row["title"], 0), (other, 1)):
            article = replace(
                articles[title],
                discussion=D.fox_discussion(rows, index, title, DISCUSSION_MAX),
            )
            items.append(Example(row["text"], label, article=article))
    if limit and len(items) > limit:
        items = rng.sample(items, limit)
    return items
