"""Accuracy of the encoder runtimes against the PyTorch reference, same weights.

    python -m bench.encoder_accuracy [--train 1500]

For torch (sentence-transformers), ONNX fp32 and ONNX int8 (the default):
cosine of each embedding to the torch one (min / mean over OLID test tweets),
and a downstream check: a logistic regression trained on OLID train rows
(embeddings of that runtime) scored on the OLID level A test set (macro-F1 at
the threshold that is best on a validation slice, and ROC-AUC).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import numpy as np


def run(n_train: int = 1500) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score, roc_auc_score

    from vestnik.engine.encoder import Encoder
    from vestnik.training import datasets as D

    olid = D.olid()
    train = olid.subset("train")
    val = olid.subset("val")
    test = olid.subset("test")
    rng = np.random.default_rng(1729)
    pick = rng.choice(len(train), size=min(n_train, len(train)), replace=False)
    vpick = rng.choice(len(val), size=min(n_train // 3, len(val)), replace=False)
    tr_x = [train.texts[i] for i in pick]
    tr_y = np.array([train.labels[i] for i in pick])
    va_x = [val.texts[i] for i in vpick]
    va_y = np.array([val.labels[i] for i in vpick])
    report: dict[str, Any] = {
        "train_rows": len(tr_x),
        "val_rows": len(va_x),
        "test_rows": len(test),
    }
    reference = None
    for backend in ("torch", "onnx-fp32", "onnx"):
        enc = Encoder(backend)  # type: ignore[arg-type]
        xt, xv, xs = enc.encode(tr_x), enc.encode(va_x), enc.encode(test.texts)
        if reference is None:
            reference = xs
        cos = np.sum(xs * reference, axis=1)
        model = LogisticRegression(C=0.5, max_iter=2000, class_weight="balanced").fit(
            xt, tr_y
        )
        pv, ps = model.predict_proba(xv)[:, 1], model.predict_proba(xs)[:, 1]
        grid = np.linspace(0.05, 0.95, 91)
        best = grid[
            int(np.argmax([f1_score(va_y, pv >= t, average="macro") for t in grid]))
        ]
        report[backend] = {
            "cosine_to_torch_min": round(float(cos.min()), 4),
            "cosine_to_torch_mean": round(float(cos.mean()), 4),
            "olid_test_macro_f1": round(
                float(f1_score(test.labels, ps >= best, average="macro")), 4
            ),
            "olid_test_roc_auc": round(float(roc_auc_score(test.labels, ps)), 4),
        }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=1500)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.train), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
