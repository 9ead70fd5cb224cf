"""Training the off-topic model on constructed pairs.

Pairs come from ``fox_news_comments_hate`` (10 articles, title + description):
each comment with its own article is on-topic (0), the same comment with
another article is off-topic (1).  Comments of under 5 words are left out
(the detector does not judge them).  Our corpus ``off-topic.jsonl`` (rows with
an ``article`` field) adds realistic cases when present.  Rows split by a hash
of the comment: val picks Platt scaling and the threshold, test is reported.

The background bank (comments from other sources) ships in ``off_topic.npz``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from vestnik.engine.encoder import WEIGHTS_SHA256
from vestnik.engine.models.relevance import (
    FEATURES,
    article_chunks,
    background_stats,
    features,
    word_count,
)
from vestnik.engine.types import ArticleContext
from vestnik.training import datasets as D
from vestnik.training.embeddings import EmbeddingStore
from vestnik.training.heads import SEED, array_digest, binary_metrics, choose_thresholds

MIN_WORDS = 5
BANK_SIZE = 256


def _bank(store: EmbeddingStore) -> tuple[np.ndarray, dict[str, dict[str, str]]]:
    """Background comments about nothing in particular: OLID and SMS ham train rows."""
    rng = random.Random(SEED)  # noqa: S311 - seeded sampling, not security
    olid, sms = D.olid(), D.sms_spam()
    texts_o = [
        t
        for t, s in zip(olid.texts, olid.splits, strict=True)
        if s == "train" and word_count(t) >= MIN_WORDS
    ]
    texts_s = [
        t
        for t, y, s in zip(sms.texts, sms.labels, sms.splits, strict=True)
        if s == "train" and y == 0 and word_count(t) >= MIN_WORDS
    ]
    pick_o = rng.sample(texts_o, BANK_SIZE * 3 // 4)
    pick_s = rng.sample(texts_s, BANK_SIZE // 4)
    bank = np.vstack([store.embed(olid.name, pick_o), store.embed(sms.name, pick_s)])
    return bank.astype(np.float16), {olid.name: olid.files, sms.name: sms.files}


def _pairs(
    store: EmbeddingStore, limit: int | None
) -> tuple[list[dict[str, Any]], dict[str, dict[str, str]]]:
    ex, rows = D.fox_news()
    rng = random.Random(SEED)  # noqa: S311 - seeded sampling, not security
    articles: dict[str, ArticleContext] = {}
    for row in rows:
        articles.setdefault(
            row["title"],
            ArticleContext(title=row["title"], standfirst=row.get("meta", "")),
        )
    titles = sorted(articles)
    rows = [r for r in rows if word_count(r["text"]) >= MIN_WORDS]
    if limit:
        rows = rows[:limit]
    emb = store.embed(ex.name, [r["text"] for r in rows])
    out: list[dict[str, Any]] = []
    for row, vec in zip(rows, emb, strict=True):
        split = D.hash_split(row["text"], test=0.3, val=0.2, salt="offtopic")
        other = rng.choice([t for t in titles if t != row["title"]])
        out.append(
            {
                "emb": vec,
                "text": row["text"],
                "article": articles[row["title"]],
                "label": 0,
                "split": split,
                "source": "fox",
            }
        )
        out.append(
            {
                "emb": vec,
                "text": row["text"],
                "article": articles[other],
                "label": 1,
                "split": split,
                "source": "fox",
            }
        )
    sources = {ex.name: ex.files}
    path = D.CORPUS_DIR / "off-topic.jsonl"
    if path.is_file():
        corpus = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        corpus = [r for r in corpus if isinstance(r.get("article"), dict | str)]
        vecs = store.embed("corpus:off-topic", [r["text"] for r in corpus])
        for r, vec in zip(corpus, vecs, strict=True):
            art = r["article"]
            article = (
                ArticleContext(title=art, standfirst="")
                if isinstance(art, str)
                else ArticleContext(
                    title=art.get("title", ""),
                    standfirst=art.get("standfirst", ""),
                    body=art.get("body", ""),
                )
            )
            split = (
                "test" if r.get("split") == "test" else D.train_val(r["text"], val=0.25)
            )
            out.append(
                {
                    "emb": vec,
                    "text": r["text"],
                    "article": article,
                    "label": int(r["label"]),
                    "split": split,
                    "source": "corpus",
                }
            )
        sources["corpus:off-topic"] = {
            str(path.relative_to(D.REPO_ROOT)): D.file_sha(path)
        }
    return out, sources


def pair_features(
    store: EmbeddingStore, pairs: list[dict[str, Any]], bank: np.ndarray
) -> np.ndarray:
    cache: dict[ArticleContext, tuple[np.ndarray, tuple[float, float]]] = {}
    rows = []
    for pair in pairs:
        article: ArticleContext = pair["article"]
        if article not in cache:
            chunks = article_chunks(article)
            vecs = store.encoder.encode_cached(chunks)
            cache[article] = (vecs, background_stats(vecs, bank.astype(np.float32)))
        vecs, stats = cache[article]
        rows.append(
            features(
                pair["emb"],
                vecs,
                bool(article.title.strip()),
                stats,
                word_count(pair["text"]),
            )
        )
    return np.vstack(rows)


def train_off_topic(
    store: EmbeddingStore, out_dir: Path, limit: int | None = None
) -> dict[str, Any]:
    bank, bank_sources = _bank(store)
    pairs, sources = _pairs(store, limit)
    x = pair_features(store, pairs, bank)
    y = np.array([p["label"] for p in pairs])
    split = np.array([p["split"] for p in pairs])
    src = np.array([p["source"] for p in pairs])
    tr, va, te = split == "train", split == "val", split == "test"
    model = LogisticRegression(C=1.0, random_state=SEED).fit(x[tr], y[tr])
    z = x @ model.coef_[0] + model.intercept_[0]
    platt = LogisticRegression(C=1e4, random_state=SEED).fit(
        z[va].reshape(-1, 1), y[va]
    )
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    scores = 1 / (1 + np.exp(-(a * z + b)))
    threshold, hold, val_stats = choose_thresholds(y[va], scores[va])
    tests = {
        "fox_news_pairs": binary_metrics(
            y[te & (src == "fox")], scores[te & (src == "fox")], threshold
        )
    }
    if (te & (src == "corpus")).any():
        tests["corpus:off-topic"] = binary_metrics(
            y[te & (src == "corpus")], scores[te & (src == "corpus")], threshold
        )
    path = out_dir / "off_topic.npz"
    arrays = {
        "coef": model.coef_[0].astype(np.float64),
        "bias": np.array(model.intercept_[0]),
        "platt": np.array([a, b]),
        "bank": bank,
    }
    np.savez_compressed(path, **arrays)
    meta = {
        "name": "off_topic",
        "rules": ["off-topic"],
        "summary": "Similarity of a comment to its article (title, standfirst, body chunks) against a background of comments on other subjects.",
        "weaknesses": "Trained on 10 Fox News articles (title + description only); short replies (< 5 words) are not judged; replies are also compared with their parent comment.",
        "features": list(FEATURES),
        "coef": [round(float(c), 4) for c in model.coef_[0]],
        "min_words": MIN_WORDS,
        "encoder_weights_sha256": WEIGHTS_SHA256,
        "encoder": store.encoder.version,
        "seed": SEED,
        "train": {"pairs": int(tr.sum())},
        "val": {"pairs": int(va.sum())},
        "validation": val_stats,
        "test": tests,
        "data_files": {
            **sources,
            **{f"background:{k}": v for k, v in bank_sources.items()},
        },
        "digest": array_digest(arrays),
        "threshold": threshold,
        "hold_threshold": hold,
        "limit": limit,
    }
    (out_dir / "off_topic.json").write_text(
        json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return meta
