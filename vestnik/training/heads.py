"""Fitting one head: logistic regression on [embedding | char n-grams],
Platt calibration and threshold choice on the validation split, metrics on
the test splits, and the artefacts (.npz weights, .json metadata)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score

from vestnik.engine.models.head import char_vectorizer

SEED = 1729


@dataclass
class Chunk:
    """Rows from one source, already embedded."""

    source: str
    texts: list[str]
    labels: np.ndarray
    embeddings: np.ndarray
    weight: float = 1.0
    groups: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.texts)


def _stack(
    chunks: Sequence[Chunk],
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    texts = [t for c in chunks for t in c.texts]
    y = np.concatenate([c.labels for c in chunks]).astype(int)
    emb = np.vstack([c.embeddings for c in chunks]).astype(np.float32)
    w = np.concatenate([np.full(len(c), c.weight) for c in chunks])
    return texts, y, emb, w


@dataclass
class FittedHead:
    name: str
    w_emb: np.ndarray
    bias: float
    w_char: np.ndarray | None
    platt: tuple[float, float]
    threshold: float
    hold_threshold: float
    val: dict[str, float]
    emb_scale: float

    def logits(self, texts: list[str], emb: np.ndarray) -> np.ndarray:
        z = emb.astype(np.float64) @ self.w_emb.astype(np.float64) + self.bias
        if self.w_char is not None:
            chars = char_vectorizer().transform(texts)
            z = z + chars @ self.w_char.astype(np.float64)
        return np.asarray(z, dtype=np.float64)

    def scores(self, texts: list[str], emb: np.ndarray) -> np.ndarray:
        a, b = self.platt
        return np.asarray(
            1.0 / (1.0 + np.exp(-np.clip(a * self.logits(texts, emb) + b, -40, 40)))
        )

    def save(self, directory: Path, meta: dict[str, Any]) -> dict[str, Any]:
        arrays: dict[str, np.ndarray] = {
            "w_emb": self.w_emb.astype(np.float32),
            "bias": np.array(self.bias, dtype=np.float64),
            "platt": np.array(self.platt, dtype=np.float64),
        }
        if self.w_char is not None:
            arrays["w_char"] = self.w_char.astype(np.float16)
        path = directory / f"{self.name}.npz"
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]
        digest = array_digest(arrays)
        meta = {
            **meta,
            "digest": digest,
            "threshold": self.threshold,
            "hold_threshold": self.hold_threshold,
        }
        (directory / f"{self.name}.json").write_text(
            json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        return meta


def array_digest(arrays: dict[str, np.ndarray]) -> str:
    """A digest of the weights themselves (the .npz zip carries timestamps)."""
    h = hashlib.sha256()
    for key in sorted(arrays):
        h.update(key.encode())
        h.update(np.ascontiguousarray(arrays[key]).tobytes())
    return h.hexdigest()[:12]


def choose_thresholds(
    y: np.ndarray,
    scores: np.ndarray,
    hold_precision: float = 0.5,
    sources: np.ndarray | None = None,
) -> tuple[float, float, dict[str, float]]:
    """Fire threshold: the best mean F1 over the validation sources (each source
    with both classes counts equally, so one big data set cannot set the
    threshold for everyone; sources of negatives only join every group); hold threshold: the lowest score where the mean
    validation precision over the same groups is still ``hold_precision``
    (between half the fire threshold and the fire threshold)."""
    if sources is None:
        sources = np.zeros(len(y), dtype=int)
    two_class = [
        s
        for s in np.unique(sources)
        if 0 < y[sources == s].sum() < (sources == s).sum()
    ]
    negatives_only = np.isin(
        sources, [s for s in np.unique(sources) if y[sources == s].sum() == 0]
    )
    # each two-class source is judged together with every negatives-only source,
    # so false positives on ordinary comments count against every threshold
    groups = [(sources == s) | negatives_only for s in two_class] or [
        np.ones(len(y), dtype=bool)
    ]
    candidates = np.unique(np.round(scores, 4))
    if len(candidates) > 400:
        candidates = np.quantile(scores, np.linspace(0.0, 1.0, 401))
    best_t, best_f = 0.5, -1.0
    for t in candidates:
        f1s = []
        for mask in groups:
            pred = scores[mask] >= t
            tp = float((pred & (y[mask] == 1)).sum())
            denominator = float(pred.sum() + (y[mask] == 1).sum())
            f1s.append(2 * tp / denominator if denominator else 0.0)
        if np.mean(f1s) > best_f:
            best_t, best_f = float(t), float(np.mean(f1s))
    pred = scores >= best_t
    tp = float((pred & (y == 1)).sum())
    precision = tp / max(1.0, float(pred.sum()))
    recall = tp / max(1.0, float((y == 1).sum()))
    # hold band: down to the lowest score at which validation precision is
    # still >= hold_precision (a moderator's queue should be mostly real cases)
    hold = best_t
    for t in np.sort(candidates)[::-1]:
        if t > best_t:
            continue
        if (
            t < best_t / 2
        ):  # floor: the hold band never reaches below half the fire threshold
            break
        precisions = []
        for mask in groups:
            flagged = scores[mask] >= t
            precisions.append(
                float((flagged & (y[mask] == 1)).sum()) / max(1.0, float(flagged.sum()))
            )
        if float(np.mean(precisions)) < hold_precision:
            break
        hold = float(t)
    hold = min(hold, best_t)
    stats = {
        "val_mean_f1_over_sources": round(best_f, 4),
        "val_precision": round(precision, 4),
        "val_recall": round(recall, 4),
    }
    return round(best_t, 4), round(hold, 4), stats


def fit_head(
    name: str,
    train: Sequence[Chunk],
    val: Sequence[Chunk],
    use_chars: bool,
    c: float = 1.0,
    emb_scale: float = 1.0,
    hold_precision: float = 0.5,
) -> FittedHead:
    texts, y, emb, w = _stack(train)
    if len(set(y.tolist())) < 2:
        raise ValueError(f"head {name}: training data has a single class")
    x: Any = emb * emb_scale
    if use_chars:
        x = sp.hstack([sp.csr_matrix(x), char_vectorizer().transform(texts)]).tocsr()
    # class balance by weights (per-source weights multiply in)
    pos = w[y == 1].sum()
    neg = w[y == 0].sum()
    w = np.where(y == 1, w * (pos + neg) / (2 * pos), w * (pos + neg) / (2 * neg))
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    model.fit(x, y, sample_weight=w)
    coef = model.coef_[0]
    w_emb = coef[:384] * emb_scale
    w_char = coef[384:] if use_chars else None
    head = FittedHead(
        name,
        w_emb,
        float(model.intercept_[0]),
        w_char,
        (1.0, 0.0),
        0.5,
        0.5,
        {},
        emb_scale,
    )
    # Platt scaling on the validation split
    vtexts, vy, vemb, _ = _stack(val)
    vsources = np.concatenate([np.full(len(c), i) for i, c in enumerate(val)])
    z = head.logits(vtexts, vemb)
    platt = LogisticRegression(C=1e4, random_state=SEED).fit(z.reshape(-1, 1), vy)
    head.platt = (float(platt.coef_[0][0]), float(platt.intercept_[0]))
    scores = head.scores(vtexts, vemb)
    head.threshold, head.hold_threshold, head.val = choose_thresholds(
        vy, scores, hold_precision, vsources
    )
    head.val["val_roc_auc"] = float(roc_auc_score(vy, scores))
    head.val["val_n"] = float(len(vy))
    return head


def binary_metrics(
    y: np.ndarray, scores: np.ndarray, threshold: float
) -> dict[str, float]:
    pred = scores >= threshold
    tp = int(((pred == 1) & (y == 1)).sum())
    fp = int(((pred == 1) & (y == 0)).sum())
    fn = int(((pred == 0) & (y == 1)).sum())
    tn = int(((pred == 0) & (y == 0)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # macro-F1 over both classes (the OLID measure)
    p0 = tn / (tn + fn) if tn + fn else 0.0
    r0 = tn / (tn + fp) if tn + fp else 0.0
    f0 = 2 * p0 * r0 / (p0 + r0) if p0 + r0 else 0.0
    out = {
        "n": float(len(y)),
        "positives": float(y.sum()),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "macro_f1": round((f1 + f0) / 2, 4),
        "fpr": round(fp / (fp + tn), 4) if fp + tn else 0.0,
        "tp": float(tp),
        "fp": float(fp),
        "fn": float(fn),
        "tn": float(tn),
    }
    if 0 < y.sum() < len(y):
        out["roc_auc"] = round(float(roc_auc_score(y, scores)), 4)
        out["average_precision"] = round(float(average_precision_score(y, scores)), 4)
    return out
