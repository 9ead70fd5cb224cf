"""`vestnik train`: fit every head, write artefacts and model cards.

Reproducible: fixed seeds, deterministic hash splits, sampled rows chosen by
seeded RNGs, and the sha256 of every data file recorded in each head's
metadata (plus the encoder version and its pinned weights digest).
"""

from __future__ import annotations

import json
import platform
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from vestnik.engine.encoder import WEIGHTS_SHA256, get_encoder
from vestnik.engine.models.head import MODELS_DIR
from vestnik.training.cards import write_card
from vestnik.training.embeddings import EmbeddingStore
from vestnik.training.heads import (
    FIRE_PRECISION,
    HOLD_PRECISION,
    SEED,
    binary_metrics,
    fit_head,
    select_input,
)
from vestnik.training.offtopic import train_off_topic, write_off_topic_card
from vestnik.training.specs import HeadSpec, Loader, available_specs


def train_all(
    out_dir: Path = MODELS_DIR,
    only: Sequence[str] = (),
    limit: int | None = None,
    progress: bool = True,
    with_off_topic: bool = True,
    cache_root: Path | None = None,
) -> dict[str, dict[str, Any]]:
    random.seed(SEED)
    np.random.seed(SEED)
    out_dir.mkdir(parents=True, exist_ok=True)
    encoder = get_encoder()
    store = EmbeddingStore(encoder, root=cache_root, progress=progress)
    loader = Loader(store, limit=limit)
    specs: list[HeadSpec] = [s for s in available_specs() if not only or s.name in only]
    results: dict[str, dict[str, Any]] = {}
    bar = tqdm(specs, desc="heads", unit="head", disable=not progress)
    for spec in bar:
        bar.set_postfix_str(spec.name)
        started = time.perf_counter()
        data = spec.recipe(loader)
        train = select_input([c for c in data.train if len(c)], spec.input)
        val = select_input([c for c in data.val if len(c)], spec.input)
        head = fit_head(
            spec.name, train, val, spec.use_chars, c=spec.c, prior=spec.val_prior
        )
        tests = {}
        for name, full in data.tests.items():
            (chunk,) = select_input([full], spec.input)
            if len(chunk) and len(set(chunk.labels.tolist())) >= 1:
                scores = head.scores(chunk.texts, chunk.embeddings)
                tests[name] = binary_metrics(chunk.labels, scores, head.threshold)
        meta = {
            "name": spec.name,
            "rules": list(spec.rules),
            "summary": spec.summary,
            "weaknesses": spec.weaknesses,
            "encoder": encoder.version,
            "encoder_weights_sha256": WEIGHTS_SHA256,
            "features": "embedding+char(2-5)" if spec.use_chars else "embedding",
            "input": spec.input,
            "C": spec.c,
            "seed": SEED,
            "fire_precision": FIRE_PRECISION,
            "hold_precision": HOLD_PRECISION,
            "precision_judged_at_prior": spec.val_prior,
            "f1_threshold": head.val.get("f1_threshold"),
            "train": {
                c.source: {
                    "rows": len(c),
                    "positives": int(c.labels.sum()),
                    "weight": c.weight,
                }
                for c in train
            },
            "val": {
                c.source: {"rows": len(c), "positives": int(c.labels.sum())}
                for c in val
            },
            "validation": head.val,
            "test": tests,
            "data_files": data.sources,
            "trained_seconds": round(time.perf_counter() - started, 1),
            "python": platform.python_version(),
            "limit": limit,
        }
        meta = head.save(out_dir, meta)
        write_card(out_dir, meta)
        results[spec.name] = meta
    if with_off_topic and (not only or "off_topic" in only):
        meta = train_off_topic(store, out_dir, limit=limit)
        write_off_topic_card(out_dir, meta)
        results["off_topic"] = meta
    # merged into the existing summary, so that training some heads keeps the
    # others' entries
    summary_path = out_dir / "training_summary.json"
    summary: dict[str, Any] = (
        json.loads(summary_path.read_text(encoding="utf-8"))
        if summary_path.is_file()
        else {}
    )
    summary.update(
        {
            k: {"threshold": v.get("threshold"), "test": v.get("test")}
            for k, v in results.items()
        }
    )
    summary_path.write_text(
        json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return results
