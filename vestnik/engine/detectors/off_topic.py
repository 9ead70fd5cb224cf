"""OffTopicDetector: a comment that does not correspond with the subject of the article."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from vestnik.engine.models.head import MODELS_DIR
from vestnik.engine.models.relevance import (
    article_chunks,
    background_stats,
    features,
    word_count,
)
from vestnik.engine.types import Finding

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import ArticleContext, Context

_MODEL: dict[str, Any] = {}
_LOCK = threading.Lock()


def _load() -> dict[str, Any]:
    if not _MODEL:
        with _LOCK:
            if not _MODEL:
                with np.load(MODELS_DIR / "off_topic.npz") as data:
                    model = {k: data[k] for k in data.files}
                model["bank"] = model["bank"].astype(np.float32)
                model["meta"] = json.loads(
                    (MODELS_DIR / "off_topic.json").read_text(encoding="utf-8")
                )
                _MODEL.update(model)
    return _MODEL


_ARTICLES: OrderedDict[tuple[str, ...], tuple[np.ndarray, tuple[float, float]]] = (
    OrderedDict()
)
_ARTICLES_MAX = 256


def _article_vectors(
    chunks: tuple[str, ...], bank: np.ndarray
) -> tuple[np.ndarray, tuple[float, float]]:
    """Chunk embeddings and background statistics of an article (or a parent
    comment), computed once and kept in an LRU: threads share their article."""
    with _LOCK:
        hit = _ARTICLES.get(chunks)
        if hit is not None:
            _ARTICLES.move_to_end(chunks)
            return hit
    from vestnik.engine.encoder import get_encoder

    vecs = get_encoder().encode(list(chunks))
    value = (vecs, background_stats(vecs, bank))
    with _LOCK:
        _ARTICLES[chunks] = value
        while len(_ARTICLES) > _ARTICLES_MAX:
            _ARTICLES.popitem(last=False)
    return value


@dataclass(frozen=True)
class OffTopicDetector:
    """Flags comments unrelated to their article (rule `off-topic`).

    Compares the comment's embedding with the article's title, standfirst and body
    chunks (embedded once per article, LRU-cached) against a background of comments
    on other subjects; a logistic model trained on Fox News comment/article pairs
    turns the similarities into a calibrated score (models/off_topic.md).
    Not judged: comments without an article, short comments (under ``min_words``
    words: "Agreed.", "Source?"), and replies that are on the parent comment's
    topic (the parent's similarity counts like the article's).
    Known false positives: comments that answer the article from an unexpected angle,
    very short articles. Evaluated on constructed pairs (own article vs another).
    """

    name: ClassVar[str] = "off_topic"
    needs_embedding: ClassVar[bool] = True
    min_words: int = 5
    min_report: float = 0.1

    @property
    def version(self) -> str:
        from vestnik.engine.encoder import describe

        return f"off_topic@{_load()['meta'].get('digest', '?')} on {describe()}"

    def score(
        self,
        embedding: np.ndarray,
        text: str,
        article: ArticleContext,
        parent: str | None,
    ) -> float:
        model = _load()
        chunks = article_chunks(article)
        if not chunks:
            return 0.0
        vecs, stats = _article_vectors(tuple(chunks), model["bank"])
        x = features(
            embedding, vecs, bool(article.title.strip()), stats, word_count(text)
        )
        if parent and parent.strip():
            parent_vec, parent_stats = _article_vectors((parent,), model["bank"])
            px = features(embedding, parent_vec, False, parent_stats, word_count(text))
            x[0], x[2] = max(x[0], px[0]), max(x[2], px[2])
        z = float(x @ model["coef"] + model["bias"])
        a, b = model["platt"]
        return float(1.0 / (1.0 + np.exp(-np.clip(a * z + b, -40, 40))))

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        article = ctx.article
        if (
            article is None
            or doc.embedding is None
            or word_count(doc.normalized) < self.min_words
        ):
            return []
        parent = doc.submission.reply_to_text if doc.submission is not None else None
        score = self.score(doc.embedding, doc.normalized, article, parent)
        if score < self.min_report:
            return []
        return [
            Finding(
                rule="off-topic",
                detector=self.name,
                score=round(score, 4),
                explanation=f"the comment is not about the article ({article.title[:80]!r}); score {score:.2f}",
                spans=(doc.to_original(0, len(doc.normalized)),),
                code="low-similarity",
            )
        ]
