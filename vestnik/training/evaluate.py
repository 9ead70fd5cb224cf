"""Evaluation of the trained heads on their held-out test splits.

Used by `vestnik train --evaluate`.  Reads the *shipped* heads
(vestnik/engine/models/), rebuilds each head's test chunks from the same
recipes (test rows only: never trained on), and reports per set precision,
recall, F1, ROC-AUC; writes PR curves and confusion matrices as PNG.  The
detection goals (the abuse model's OLID, Davidson, counter-speech, identity
and benign figures, spam) are measured through the whole engine by
`vestnik.evaluation.goals` (`vestnik eval --goals`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from vestnik.engine.encoder import get_encoder
from vestnik.engine.models.head import MODELS_DIR, Head, load_head
from vestnik.training import datasets as D
from vestnik.training.heads import binary_metrics
from vestnik.training.specs import Loader, available_specs


def _scores(head: Head, texts: list[str], emb: np.ndarray) -> np.ndarray:
    return head.score(emb, texts) if len(texts) else np.zeros(0)


def _plot(
    path: Path, title: str, y: np.ndarray, scores: np.ndarray, threshold: float
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import precision_recall_curve

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 4))
    if 0 < y.sum() < len(y):
        precision, recall, _ = precision_recall_curve(y, scores)
        ax1.plot(recall, precision)
    ax1.set(
        xlabel="recall",
        ylabel="precision",
        title=f"PR: {title}",
        xlim=(0, 1),
        ylim=(0, 1.02),
    )
    pred = scores >= threshold
    matrix = np.array(
        [[((y == a) & (pred == b)).sum() for b in (0, 1)] for a in (0, 1)]
    )
    ax2.imshow(matrix, cmap="Blues")
    for i in range(2):
        for j in range(2):
            ax2.text(j, i, str(matrix[i, j]), ha="center", va="center")
    ax2.set(
        xticks=[0, 1],
        yticks=[0, 1],
        xticklabels=["pred 0", "pred 1"],
        yticklabels=["true 0", "true 1"],
    )
    ax2.set_title(f"confusion @ {threshold:.2f}")
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def evaluate_heads(
    report_dir: Path | None = None, models_dir: Path = MODELS_DIR, plots: bool = True
) -> dict[str, Any]:
    """Per head and test set metrics; PNGs into ``report_dir`` when given."""
    from vestnik.training.embeddings import EmbeddingStore

    store = EmbeddingStore(get_encoder(), progress=False)
    loader = Loader(store)
    out: dict[str, Any] = {}
    if report_dir:
        report_dir.mkdir(parents=True, exist_ok=True)
    for spec in available_specs():
        if not (models_dir / f"{spec.name}.npz").is_file():
            continue
        head = load_head(spec.name, models_dir)
        data = spec.recipe(loader)
        results: dict[str, dict[str, Any]] = {}
        for name, chunk in data.tests.items():
            if not len(chunk):
                continue
            scores = _scores(head, chunk.texts, chunk.embeddings)
            results[name] = binary_metrics(chunk.labels, scores, head.threshold)
            # flagged at all (held or rejected): the head's hold threshold
            at_hold = binary_metrics(chunk.labels, scores, head.hold_threshold)
            results[name]["at_hold"] = {
                k: at_hold[k] for k in ("precision", "recall", "f1", "fpr")
            }
            if report_dir and plots:
                safe = "".join(ch if ch.isalnum() else "_" for ch in name)[:50]
                _plot(
                    report_dir / f"{spec.name}__{safe}.png",
                    f"{spec.name} / {name}",
                    chunk.labels,
                    scores,
                    head.threshold,
                )
        out[spec.name] = {
            "rules": list(spec.rules),
            "threshold": head.threshold,
            "test": results,
        }
    if (models_dir / "off_topic.json").is_file():
        meta = json.loads((models_dir / "off_topic.json").read_text())
        out["off_topic"] = {"test": meta.get("test", {})}
    if report_dir:
        (report_dir / "trained_eval.json").write_text(
            json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    return out


def corpus_rules_covered() -> list[str]:
    return D.corpus_rules()
