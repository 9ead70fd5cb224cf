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


#: Precision targets for the product thresholds (see docs/trained-models.md):
#: a comment is rejected only where validation precision is at least
#: FIRE_PRECISION, and held for a moderator down to HOLD_PRECISION -- every
#: hold costs a moderator's time and delays an ordinary reader's comment.
FIRE_PRECISION = 0.9
HOLD_PRECISION = 0.8
#: Thresholds flagging fewer validation rows than this are not judged on
#: precision (a handful of rows is noise).
MIN_SUPPORT = 10


def _groups(y: np.ndarray, sources: np.ndarray) -> list[np.ndarray]:
    """Each two-class source together with every negatives-only source, so
    false positives on ordinary comments count against every threshold."""
    two_class = [
        s
        for s in np.unique(sources)
        if 0 < y[sources == s].sum() < (sources == s).sum()
    ]
    negatives_only = np.isin(
        sources, [s for s in np.unique(sources) if y[sources == s].sum() == 0]
    )
    return [(sources == s) | negatives_only for s in two_class] or [
        np.ones(len(y), dtype=bool)
    ]


def _mean_precision(
    y: np.ndarray, scores: np.ndarray, groups: list[np.ndarray], t: float
) -> tuple[float, int]:
    """Mean precision over the groups at threshold ``t`` and the rows flagged."""
    precisions, flagged_total = [], 0
    for mask in groups:
        flagged = scores[mask] >= t
        n = int(flagged.sum())
        flagged_total += n
        if n:
            precisions.append(float((flagged & (y[mask] == 1)).sum()) / n)
    return (float(np.mean(precisions)) if precisions else 1.0), flagged_total


def _lowest_at_precision(
    y: np.ndarray,
    scores: np.ndarray,
    candidates: np.ndarray,
    target: float,
    start: float,
    prior: float | None = None,
) -> float:
    """Walk down from ``start``: the lowest candidate threshold such that the
    validation precision (all validation rows pooled, benign-only sources
    included) stays >= ``target`` at it and at every candidate above it.
    Thresholds flagging fewer than max(MIN_SUPPORT, 10% of the positives) rows
    are not judged (a handful of rows is noise).  With ``prior``, precision is
    the one expected at that share of positives (the validation mix of public
    abuse data sets is far more abusive than a news comment section):
    prior*TPR / (prior*TPR + (1 - prior)*FPR)."""
    support = max(MIN_SUPPORT, int(0.1 * float((y == 1).sum())))
    order = np.argsort(-scores, kind="stable")
    ranked, hits = scores[order], np.cumsum(y[order] == 1)
    n_pos, n_neg = max(1, int((y == 1).sum())), max(1, int((y == 0).sum()))
    best = start
    del candidates  # every distinct validation score is a candidate here
    for i in range(len(ranked)):
        t = float(ranked[i])
        if t > start or (i + 1 < len(ranked) and ranked[i + 1] == t):
            continue  # judge each distinct score once, with all its ties
        n = i + 1
        if prior is None:
            precision = float(hits[i]) / n
        else:
            tpr, fpr = float(hits[i]) / n_pos, float(n - hits[i]) / n_neg
            precision = prior * tpr / max(1e-12, prior * tpr + (1 - prior) * fpr)
        if n >= support and precision < target:
            break
        best = t
    return best


def choose_thresholds(
    y: np.ndarray,
    scores: np.ndarray,
    hold_precision: float = HOLD_PRECISION,
    sources: np.ndarray | None = None,
    fire_precision: float = FIRE_PRECISION,
    prior: float | None = None,
) -> tuple[float, float, dict[str, float]]:
    """Product thresholds chosen on validation for precision.

    - ``f1_threshold``: the best mean F1 over the validation sources (each
      two-class source with the negatives-only sources); kept for the
      benchmark figures (OLID macro-F1 etc.), never used to enforce.
    - fire (reject) threshold: the lowest score where validation precision
      (all validation rows pooled, so the benign-only sources weigh in) is
      >= ``fire_precision`` at and above it, never below the F1 threshold.
    - hold threshold: walking down from the fire threshold, the lowest score
      where precision is still >= ``hold_precision`` (never below half the
      fire threshold).
    """
    if sources is None:
        sources = np.zeros(len(y), dtype=int)
    groups = _groups(y, sources)
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
    top = float(candidates.max()) if len(candidates) else 1.0
    fire = _lowest_at_precision(y, scores, candidates, fire_precision, top, prior)
    fire = max(fire, best_t)
    hold = _lowest_at_precision(y, scores, candidates, hold_precision, fire, prior)
    hold = min(max(hold, fire / 2), fire)
    stats: dict[str, float] = {"val_mean_f1_over_sources": round(best_f, 4)}
    for label, t in (("f1", best_t), ("fire", fire), ("hold", hold)):
        pred = scores >= t
        tp = float((pred & (y == 1)).sum())
        stats[f"{label}_threshold"] = round(t, 4)
        stats[f"val_precision_at_{label}"] = round(tp / max(1.0, float(pred.sum())), 4)
        stats[f"val_mean_precision_at_{label}"] = round(
            _mean_precision(y, scores, groups, t)[0], 4
        )
        stats[f"val_recall_at_{label}"] = round(tp / max(1.0, float((y == 1).sum())), 4)
    return round(fire, 4), round(hold, 4), stats


#: Heads with fewer validation positives than this choose thresholds on the
#: validation rows plus out-of-fold scores of the training rows.
OOF_BELOW = 200
OOF_FOLDS = 5


def _base(source: str) -> str:
    """ "olid:train" / "olid:val" -> "olid" (one id per data set)."""
    return source.rsplit(":", 1)[0]


def _out_of_fold_logits(x: Any, y: np.ndarray, w: np.ndarray, c: float) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    out = np.zeros(len(y), dtype=np.float64)
    folds = StratifiedKFold(n_splits=OOF_FOLDS, shuffle=True, random_state=SEED)
    for fit_idx, held_idx in folds.split(np.zeros(len(y)), y):
        model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
        model.fit(x[fit_idx], y[fit_idx], sample_weight=w[fit_idx])
        out[held_idx] = model.decision_function(x[held_idx])
    return out


def select_input(chunks: Sequence[Chunk], mode: str) -> list[Chunk]:
    """The chunks with only the embedding columns a head reads: full rows are
    ``[base | task]`` (see vestnik.engine.encoder.Encoder.encode_full)."""
    from dataclasses import replace

    width = 384
    cols = {"base": slice(0, width), "task": slice(width, 2 * width)}.get(
        mode, slice(None)
    )
    return [replace(c, embeddings=c.embeddings[:, cols]) for c in chunks]


def fit_head(
    name: str,
    train: Sequence[Chunk],
    val: Sequence[Chunk],
    use_chars: bool,
    c: float = 1.0,
    emb_scale: float = 1.0,
    hold_precision: float = HOLD_PRECISION,
    prior: float | None = None,
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
    width = emb.shape[1]
    w_emb = coef[:width] * emb_scale
    w_char = coef[width:] if use_chars else None
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
    # Platt scaling and thresholds on the validation split; for the small
    # embedding-only heads (our corpora: a few dozen validation positives) the
    # out-of-fold scores of the training rows join it, so that the precision
    # targets are judged on hundreds of positives instead of noise.
    vtexts, vy, vemb, _ = _stack(val)
    ids: dict[str, int] = {}
    vsources = np.concatenate(
        [np.full(len(c), ids.setdefault(_base(c.source), len(ids))) for c in val]
    )
    z = head.logits(vtexts, vemb)
    if not use_chars and int(vy.sum()) < OOF_BELOW:
        tsources = np.concatenate(
            [np.full(len(c), ids.setdefault(_base(c.source), len(ids))) for c in train]
        )
        z = np.concatenate([z, _out_of_fold_logits(x, y, w, c)])
        vy = np.concatenate([vy, y])
        vsources = np.concatenate([vsources, tsources])
        head.val["out_of_fold_train_rows"] = float(len(y))
    platt = LogisticRegression(C=1e4, random_state=SEED).fit(z.reshape(-1, 1), vy)
    head.platt = (float(platt.coef_[0][0]), float(platt.intercept_[0]))
    a, b = head.platt
    scores = 1.0 / (1.0 + np.exp(-np.clip(a * z + b, -40, 40)))
    oof = head.val
    head.threshold, head.hold_threshold, head.val = choose_thresholds(
        vy, scores, hold_precision, vsources, prior=prior
    )
    if prior is not None:
        oof["precision_at_prior"] = prior
    head.val.update(oof)
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
