"""Comment-to-article relevance features, shared by `vestnik train` and the
off-topic detector (the same code computes them in both places).

The article is cut into chunks (title, standfirst, body pieces of about 60
words).  For a comment embedding ``c`` the features are:

- ``sim_max``: the best cosine between ``c`` and any chunk;
- ``sim_title``: cosine to the title;
- ``z``: ``sim_max`` against how similar comments written under *other*
  articles are to this article — a background bank of comment embeddings
  shipped with the model (``off_topic.npz``): (sim_max - mean) / std;
- ``log_words``: log(1 + number of words).
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from vestnik.engine.types import ArticleContext

CHUNK_WORDS = 60
MAX_CHUNKS = 16
FEATURES = ("sim_max", "sim_title", "z", "log_words")


def article_chunks(article: ArticleContext) -> list[str]:
    """Title first, then the standfirst, then body chunks of ~60 words."""
    chunks = [article.title.strip()] if article.title.strip() else []
    if article.standfirst.strip():
        chunks.append(article.standfirst.strip())
    words = article.body.split()
    for start in range(0, len(words), CHUNK_WORDS):
        if len(chunks) >= MAX_CHUNKS:
            break
        chunks.append(" ".join(words[start : start + CHUNK_WORDS]))
    return chunks


def background_stats(
    chunks: npt.NDArray[np.float32], bank: npt.NDArray[np.float32]
) -> tuple[float, float]:
    """Mean and std of sim_max for the background comments against these chunks."""
    sims = (bank.astype(np.float32) @ chunks.T).max(axis=1)
    return float(sims.mean()), float(max(sims.std(), 0.02))


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def features(
    comment: npt.NDArray[np.float32],
    chunks: npt.NDArray[np.float32],
    has_title: bool,
    stats: tuple[float, float],
    words: int,
) -> npt.NDArray[np.float64]:
    sims = chunks @ comment
    sim_max = float(sims.max()) if len(sims) else 0.0
    sim_title = float(sims[0]) if has_title and len(sims) else sim_max
    z = (sim_max - stats[0]) / stats[1]
    return np.array([sim_max, sim_title, z, np.log1p(words)], dtype=np.float64)
