"""The encoder's moderation adapter: trained by our script on a tiny slice,
reproducible, and read back by the encoder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from vestnik.training import datasets as D

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not D.data_dir().is_dir(), reason="shared data directory not available"
    ),
]


def test_adapter_trains_reproducibly_and_the_encoder_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from safetensors.numpy import load_file

    from vestnik.engine import encoder as enc
    from vestnik.training.adapter import train_adapter
    from vestnik.training.cards import write_adapter_card

    first = train_adapter(tmp_path / "a", limit=12, progress=False)
    second = train_adapter(tmp_path / "b", limit=12, progress=False)
    assert first["sha256"] == second["sha256"], "same seed, same data: same weights"
    meta = json.loads((tmp_path / "a" / "adapter.json").read_text())
    assert meta["adapted_layers"] == [4, 5]
    assert "davidson3" in meta["tasks"] and "hate" in meta["tasks"]
    assert meta["data_files"]["davidson_hate_offensive"]
    tensors = load_file(str(tmp_path / "a" / "adapter.safetensors"))
    # A and B for every target module of both adapted layers
    assert len(tensors) == 2 * 2 * len(enc.ADAPTER_TARGETS)
    assert tensors["4.attention.self.query.lora_A"].shape == (enc.ADAPTER_RANK, enc.DIM)
    card = write_adapter_card(tmp_path / "a", meta).read_text()
    assert card.startswith("# Model card: `adapter`")

    monkeypatch.setenv("VESTNIK_ADAPTER", str(tmp_path / "a" / "adapter.safetensors"))
    assert enc.adapter_digest() == first["digest"]
    full = enc.Encoder("torch").encode_full(["You are a clown.", "Nice photos."])
    base, task = full[:, : enc.DIM], full[:, enc.DIM :]
    assert np.allclose(np.linalg.norm(task, axis=1), 1.0, atol=1e-4)
    assert not np.allclose(base, task)
