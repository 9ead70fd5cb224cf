"""Comment-to-article relevance features, shared by `vestnik train` and the
off-topic detector (the same code computes them in both places).

The article is cut into chunks (title, standfirst, body pieces of about 60
words), embedded once per article.  For a comment embedding ``c`` (the one
encoder pass the pipeline already makes) the features are:

- ``sim_max``: the best cosine between ``c`` and any chunk;
- ``sim_top2``: the mean of the two best chunk cosines (one lucky chunk is
  weaker evidence than two);
- ``sim_title``: cosine to the title;
- ``z_reference``: ``sim_max`` against how similar the *same comment* is to a
  bank of reference articles on every kind of subject (shipped in
  ``off_topic.npz``): (sim_max - mean) / std.  A vague comment is a little
  similar to everything; a comment about this article stands out;
- ``gap_reference``: ``sim_max`` minus the comment's best reference-article
  cosine (> 0: this article is the comment's best match);
- ``profile_corr``: correlation between the comment's and the article's
  similarities to the reference articles — do they belong to the same broad
  subject (weather, schools, sport...) even when they share no words?
- ``z_background``: ``sim_max`` against how similar comments written under
  other articles are to *this* article (a bank of comment embeddings);
- ``meta_sim``: the best cosine to a bank of meta/reaction comments ("Thanks
  for the article", "Source?", "Well said") — comments about the article, its
  reporting or another reader's comment are never off-topic;
- ``meta_cue``: the comment names the article, its reporting, author, headline
  or sources ("this article", "the journalist", "source?", "link");
- ``reaction_cue``: thanks, agreement/disagreement, second-person address to
  another reader ("you make a good point");
- ``log_words``: log(1 + number of words);
- ``ctx_max``, ``ctx_top3``: the best and the mean of the three best cosines
  to the discussion so far (the last DISCUSSION_MAX comments already
  published under the article): readers talk about what the thread talks
  about, which a title and a standfirst alone may not show;
- ``ctx_z``: ``ctx_top3`` against the same statistic over groups of as many
  comments from the background bank (comments written elsewhere);
- ``has_ctx``: 1 when there is a discussion (the ``ctx_*`` are 0 otherwise).
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from vestnik.engine.types import ArticleContext

CHUNK_WORDS = 60
MAX_CHUNKS = 16
FEATURES = (
    "sim_max",
    "sim_top2",
    "sim_title",
    "z_reference",
    "gap_reference",
    "profile_corr",
    "z_background",
    "meta_sim",
    "meta_cue",
    "reaction_cue",
    "log_words",
    "ctx_max",
    "ctx_top3",
    "ctx_z",
    "has_ctx",
)
#: How many of the latest comments of the discussion are compared.
DISCUSSION_MAX = 10
#: Background groups ``ctx_z`` compares against.
CONTEXT_GROUPS = 8

META_CUE = re.compile(
    r"\b(?:article|articles|report|reports|reporting|reporter|reporters|"
    r"journalis[tm]s?|author|writer|editor|editors|headline|headlines|"
    r"coverage|write-?up|piece|story|paragraph|byline|"
    r"source|sources|sourced|link|links|citation|cite|evidence|proof|"
    r"figures?|numbers?|stats?|statistics|data|update|updates|correction)\b",
    re.IGNORECASE,
)
REACTION_CUE = re.compile(
    r"\b(?:thanks?|thank\s+you|thx|cheers|agreed?|agree[sd]?|disagree[sd]?|"
    r"well\s+said|good\s+point|fair\s+point|exactly|spot\s+on|this\s+is\s+it|"
    r"you|your|you're|yours|op|above|seconded|same\s+here|nonsense|rubbish)\b",
    re.IGNORECASE,
)


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


def discussion_texts(article: ArticleContext, own_text: str = "") -> list[str]:
    """The last DISCUSSION_MAX comments of the discussion, without the comment
    itself (an edited comment is already in its own thread)."""
    own = own_text.strip()
    texts = [t.strip() for t in article.discussion if t.strip() and t.strip() != own]
    return texts[-DISCUSSION_MAX:]


def _top3(sims: npt.NDArray[np.float32]) -> float:
    return float(np.sort(sims)[::-1][:3].mean())


def context_features(
    comment: npt.NDArray[np.float32],
    context: npt.NDArray[np.float32] | None,
    bank: npt.NDArray[np.float32],
) -> list[float]:
    """[ctx_max, ctx_top3, ctx_z, has_ctx] against the discussion's embeddings."""
    if context is None or not len(context):
        return [0.0, 0.0, 0.0, 0.0]
    sims = context @ comment
    top3 = _top3(sims)
    n = len(context)
    groups = [
        _top3(bank[g * n : (g + 1) * n].astype(np.float32) @ comment)
        for g in range(min(CONTEXT_GROUPS, len(bank) // n))
    ]
    z = (
        (top3 - float(np.mean(groups))) / max(float(np.std(groups)), 0.02)
        if groups
        else 0.0
    )
    return [float(sims.max()), top3, z, 1.0]


def features(
    comment: npt.NDArray[np.float32],
    chunks: npt.NDArray[np.float32],
    has_title: bool,
    stats: tuple[float, float],
    reference: npt.NDArray[np.float32],
    meta: npt.NDArray[np.float32],
    text: str,
    context: npt.NDArray[np.float32] | None = None,
    bank: npt.NDArray[np.float32] | None = None,
) -> npt.NDArray[np.float64]:
    """The FEATURES row for one comment (embedding + text) against one article
    (and, when given, the embeddings of its discussion so far)."""
    sims = np.sort(chunks @ comment)[::-1] if len(chunks) else np.zeros(1)
    sim_max = float(sims[0])
    sim_top2 = float(sims[:2].mean())
    sim_title = float(chunks[0] @ comment) if has_title and len(chunks) else sim_max
    ref = reference @ comment
    z_reference = (sim_max - float(ref.mean())) / max(float(ref.std()), 0.02)
    gap_reference = sim_max - float(ref.max())
    centre = chunks.mean(axis=0) if len(chunks) else comment
    art_ref = reference @ (centre / max(float(np.linalg.norm(centre)), 1e-6))
    profile_corr = float(np.corrcoef(ref, art_ref)[0, 1]) if len(reference) > 2 else 0.0
    z_background = (sim_max - stats[0]) / stats[1]
    meta_sim = float((meta @ comment).max()) if len(meta) else 0.0
    return np.array(
        [
            sim_max,
            sim_top2,
            sim_title,
            z_reference,
            gap_reference,
            profile_corr,
            z_background,
            meta_sim,
            float(META_CUE.search(text) is not None),
            float(REACTION_CUE.search(text) is not None),
            np.log1p(word_count(text)),
            *context_features(
                comment,
                context,
                bank if bank is not None else np.zeros((0, 1), dtype=np.float32),
            ),
        ],
        dtype=np.float64,
    )
