"""Trained-head plumbing: threshold alignment and the shipped artefacts."""

from __future__ import annotations

import json

import numpy as np
import pytest

from vestnik.engine.models.head import MODELS_DIR, align, load_head

SHIPPED = ("spam", "violence", "suicide", "drugs", "minors", "extremism", "promotion",
           "commercial", "publisher_disrespect", "trolling")  # fmt: skip


def test_align_maps_head_thresholds_onto_rule_thresholds_monotonically() -> None:
    assert align(0.4, 0.4, 0.2, 0.8, 0.5) == pytest.approx(0.8)
    assert align(0.2, 0.4, 0.2, 0.8, 0.5) == pytest.approx(0.5)
    assert align(1.0, 0.4, 0.2, 0.8, 0.5) == pytest.approx(1.0)
    xs = np.linspace(0, 1, 101)
    ys = [align(float(x), 0.4, 0.2, 0.8, 0.5) for x in xs]
    assert all(b >= a for a, b in zip(ys, ys[1:], strict=False))


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_heads_load_with_card_and_calibrated_thresholds(name: str) -> None:
    head = load_head(name)
    assert head.input in ("base", "task", "both")
    assert head.w_emb.shape == ((768,) if head.input == "both" else (384,))
    assert 0.0 < head.hold_threshold <= head.threshold < 1.0
    meta = json.loads((MODELS_DIR / f"{name}.json").read_text())
    assert meta["test"], "every head reports held-out test metrics"
    assert (MODELS_DIR / f"{name}.md").read_text().startswith(f"# Model card: `{name}`")
    scores = head.score(np.zeros((1, 768), dtype=np.float32), ["x"])
    assert 0.0 <= float(scores[0]) <= 1.0


def test_a_head_reads_only_its_own_half_of_the_embedding() -> None:
    base = np.random.default_rng(0).normal(size=384).astype(np.float32)
    task = np.random.default_rng(1).normal(size=384).astype(np.float32)
    head = load_head("spam")
    full = np.concatenate([base, task]).reshape(1, -1)
    own = {"task": task, "base": base, "both": full[0]}[head.input]
    assert head.logit(full, None)[0] == pytest.approx(
        float(own @ head.w_emb) + head.bias, rel=1e-5
    )
    if head.input != "base":
        with pytest.raises(ValueError, match="full"):
            head.score(base.reshape(1, -1), ["x"])


def test_shipped_artefacts_stay_small() -> None:
    heads = sum(p.stat().st_size for p in MODELS_DIR.glob("*.npz"))
    assert heads < 4 * 1024 * 1024
    # the abuse model: float16 weights of the fine-tuned layers, under the
    # 30 MB a shipped model file may take
    assert (MODELS_DIR / "abuse.safetensors").stat().st_size < 30 * 1024 * 1024
