"""A trained head: a linear model on the shared sentence embedding, optionally
joined with hashed character n-grams, followed by Platt calibration.

Artefacts live next to this module: ``<name>.npz`` (weights) and
``<name>.json`` (the metadata `vestnik train` wrote: data, metrics,
threshold).  ``<name>.md`` is the human model card.  Loaded lazily, once per
process, on first use.

    z = embedding · w_emb + chars(text) · w_char + bias
    score = sigmoid(platt_a * z + platt_b)          # calibrated, 0..1
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import numpy.typing as npt

from vestnik.engine.types import Finding, Span

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

MODELS_DIR = Path(__file__).resolve().parent
#: Width of one embedding (the encoder's; repeated here so that loading a head
#: never imports the encoder module).
DIM = 384

#: Character n-gram features: shared by training and run time (do not change
#: without retraining every head that uses them).
CHAR_NGRAMS = (2, 5)
CHAR_FEATURES = 2**17


def char_vectorizer() -> Any:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=CHAR_NGRAMS,
        n_features=CHAR_FEATURES,
        alternate_sign=False,
        norm="l2",
        lowercase=True,
        dtype=np.float32,
    )


_VECTORIZER: Any = None
_VEC_LOCK = threading.Lock()


@lru_cache(maxsize=256)
def char_features(text: str) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """Sparse (indices, values) of the text's hashed character n-grams, memoised
    so that every head scoring the same comment pays for them once."""
    global _VECTORIZER
    if _VECTORIZER is None:
        with _VEC_LOCK:
            if _VECTORIZER is None:
                _VECTORIZER = char_vectorizer()
    row = _VECTORIZER.transform([text])
    return np.asarray(row.indices, dtype=np.int32), np.asarray(
        row.data, dtype=np.float32
    )


def full_row(doc: Document) -> npt.NDArray[np.float32]:
    """The document's ``[base | task]`` embedding as one (1, 2 * DIM) row."""
    assert doc.embedding is not None  # noqa: S101 - callers check
    task = doc.task_embedding if doc.task_embedding is not None else doc.embedding
    return np.concatenate([doc.embedding, task]).reshape(1, -1)


def _sigmoid(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(x, -40.0, 40.0)))
    return out


@dataclass
class Head:
    """One loaded head."""

    name: str
    w_emb: npt.NDArray[np.float32]
    bias: float
    platt_a: float
    platt_b: float
    w_char: npt.NDArray[np.float32] | None
    meta: dict[str, Any]

    @property
    def version(self) -> str:
        return f"{self.name}@{self.meta.get('digest', '?')}"

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    @property
    def hold_threshold(self) -> float:
        return float(self.meta.get("hold_threshold", self.threshold))

    @property
    def input(self) -> str:
        """Which embedding the head reads: ``base``, ``task`` (the abuse
        model's pooled embedding) or ``both`` (concatenated)."""
        return str(self.meta.get("input", "base"))

    def select(self, embeddings: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """The head's columns of full ``[base | task]`` rows (a head that reads
        the base embedding also takes base-only rows; the abuse model's logits
        after the two halves are ignored)."""
        width = embeddings.shape[1]
        if width == DIM and self.input == "base":
            return embeddings
        if width < 2 * DIM:
            raise ValueError(
                f"head {self.name} reads the {self.input} embedding: give full "
                f"[base | task] rows of {2 * DIM} columns, not {width}"
            )
        embeddings = embeddings[:, : 2 * DIM]
        if self.input == "task":
            return embeddings[:, DIM:]
        if self.input == "base":
            return embeddings[:, :DIM]
        return embeddings

    def logit(
        self, embeddings: npt.NDArray[np.float32], texts: list[str] | None = None
    ) -> npt.NDArray[np.float64]:
        """``embeddings``: full ``[base | task]`` rows (see `select`)."""
        rows = self.select(embeddings)
        z = rows.astype(np.float64) @ self.w_emb.astype(np.float64) + self.bias
        if self.w_char is not None and texts is not None:
            for i, text in enumerate(texts):
                idx, val = char_features(text)
                z[i] += float(val @ self.w_char[idx])
        return z

    def score(
        self, embeddings: npt.NDArray[np.float32], texts: list[str] | None = None
    ) -> npt.NDArray[np.float64]:
        """Calibrated scores for rows of embeddings (and their texts for the
        character part; without texts the embedding part alone is used)."""
        return _sigmoid(self.platt_a * self.logit(embeddings, texts) + self.platt_b)


_HEADS: dict[str, Head] = {}
_LOCK = threading.Lock()


def load_head(name: str, directory: Path | None = None) -> Head:
    """The head ``name`` from ``directory`` (default: the shipped models)."""
    key = f"{directory}:{name}"
    head = _HEADS.get(key)
    if head is not None:
        return head
    with _LOCK:
        head = _HEADS.get(key)
        if head is None:
            base = directory or MODELS_DIR
            with np.load(base / f"{name}.npz") as data:
                w_char = (
                    data["w_char"].astype(np.float32)
                    if "w_char" in data.files
                    else None
                )
                head = Head(
                    name=name,
                    w_emb=data["w_emb"].astype(np.float32),
                    bias=float(data["bias"]),
                    platt_a=float(data["platt"][0]),
                    platt_b=float(data["platt"][1]),
                    w_char=w_char,
                    meta=json.loads(
                        (base / f"{name}.json").read_text(encoding="utf-8")
                    ),
                )
            _HEADS[key] = head
    return head


def align(
    score: float, head_fire: float, head_hold: float, fire_at: float, hold_at: float
) -> float:
    """Map a calibrated head score monotonically so that the head's own fire and
    hold thresholds land on a rule's thresholds (for rules whose threshold is
    shared with other detectors); ranking, and so ROC-AUC, is unchanged."""
    head_hold = min(head_hold, head_fire - 1e-6)
    hold_at = min(hold_at, fire_at)
    if score >= head_fire:
        return fire_at + (score - head_fire) / max(1e-9, 1.0 - head_fire) * (
            1.0 - fire_at
        )
    if score >= head_hold:
        return hold_at + (score - head_hold) / max(1e-9, head_fire - head_hold) * (
            fire_at - hold_at
        )
    return score / max(1e-9, head_hold) * hold_at


@dataclass(frozen=True)
class TrainedHeadDetector:
    """Base for the detectors that score one rule with one trained head.

    Subclasses (one per module in vestnik/engine/detectors/) set ``name``,
    ``rule``, ``head_name`` and ``what``.  Needs the shared embedding; returns
    one finding when the calibrated score reaches ``min_report`` (the rule's
    threshold decides whether it fires).  Evidence: the sentences that score
    at least the head's hold threshold on their own, else the whole comment.
    """

    name: ClassVar[str] = "trained_head"
    rule: ClassVar[str] = ""
    head_name: ClassVar[str] = ""
    what: ClassVar[str] = ""
    needs_embedding: ClassVar[bool] = True
    min_report: ClassVar[float] = 0.1
    #: When the rule's thresholds are shared with other detectors: where the
    #: head's own fire / hold thresholds should land (see `align`).
    fire_at: float | None = None
    hold_at: float | None = None

    def load(self) -> Head:
        return load_head(self.head_name)

    @property
    def version(self) -> str:
        """Head digest and the encoder it reads, so a verdict can be replayed."""
        from vestnik.engine.encoder import describe

        return f"{self.load().version} on {describe()}"

    def probability(self, doc: Document, head: Head | None = None) -> float:
        """A head's calibrated probability for the whole comment."""
        if doc.embedding is None:
            return 0.0
        head = head or self.load()
        key = f"head:{head.name}"
        cached = doc.derived.get(key)
        if isinstance(cached, float):
            return cached
        p = float(head.score(full_row(doc), [doc.normalized])[0])
        doc.derived[key] = p
        return p

    def flags(self, doc: Document) -> bool:
        """Whether the head scores the comment at least its hold threshold
        (the comments whose evidence needs sentence embeddings)."""
        return self.probability(doc) >= self.load().hold_threshold

    def aligned(self, p: float) -> float:
        """``p`` mapped onto the rule's thresholds when ``fire_at`` is set."""
        if self.fire_at is None:
            return p
        head = self.load()
        hold_at = self.hold_at if self.hold_at is not None else self.fire_at
        return align(p, head.threshold, head.hold_threshold, self.fire_at, hold_at)

    def score(self, doc: Document) -> float:
        """The rule score: the calibrated probability, aligned when asked."""
        return self.aligned(self.probability(doc))

    def evidence(
        self, doc: Document, probability: float | None = None
    ) -> tuple[Span, ...]:
        """The sentences that score at least the hold threshold on their own;
        sentence embeddings are computed only for comments the head flags."""
        whole = (doc.to_original(0, len(doc.normalized)),)
        head = self.load()
        if len(doc.sentences) < 2 or (
            probability is not None and probability < head.hold_threshold
        ):
            return whole
        from vestnik.engine.encoder import ensure_sentence_embeddings

        sentences = ensure_sentence_embeddings(doc)
        if sentences is None or len(sentences) < 2:
            return whole
        spans = doc.sentences[: len(sentences)]
        texts = [doc.normalized[s:e] for s, e in spans]
        scores = head.score(sentences, texts)
        hits = [
            doc.to_original(s, e)
            for (s, e), sc in zip(spans, scores, strict=True)
            if sc >= head.hold_threshold
        ]
        return tuple(hits) or whole

    def finding(
        self, doc: Document, score: float, explanation: str = "", **data: object
    ) -> list[Finding]:
        if score < self.min_report:
            return []
        head = self.load()
        return [
            Finding(
                rule=self.rule,
                detector=self.name,
                score=round(score, 4),
                explanation=explanation
                or f"{self.what} (classifier score {score:.2f})",
                spans=self.evidence(doc, self.probability(doc)),
                code=self.head_name,
                data={"head": head.version, **data},
            )
        ]

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        return self.finding(doc, self.score(doc))
