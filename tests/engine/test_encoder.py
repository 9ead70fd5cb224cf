"""The shared encoder: pinned weights, unit-norm float32 embeddings, one batched call."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from vestnik.engine import encoder as enc
from vestnik.engine.text import Document

pytestmark = pytest.mark.slow


def test_weights_are_the_pinned_ones() -> None:
    path = enc.verify_weights()
    assert path.name == "model.safetensors"


def test_encode_shape_norm_and_semantics() -> None:
    e = enc.get_encoder()
    vecs = e.encode(
        [
            "The tram line will be extended.",
            "Council approves new tram route.",
            "My cat is ill.",
            "",
        ]
    )
    assert vecs.shape == (4, enc.DIM) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]
    assert e.encode([]).shape == (0, enc.DIM)


def test_get_encoder_is_one_instance_across_threads() -> None:
    seen: list[int] = []
    threads = [
        threading.Thread(target=lambda: seen.append(id(enc.get_encoder())))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 1


def test_embed_documents_fills_comment_and_sentence_embeddings() -> None:
    docs = [
        Document("One sentence only"),
        Document("First sentence here. Second one there! Third?"),
    ]
    enc.embed_documents(docs, sentences=True)
    assert docs[0].embedding is not None and docs[0].embedding.shape == (enc.DIM,)
    assert docs[0].sentence_embeddings is None
    assert docs[1].sentence_embeddings is not None
    assert docs[1].sentence_embeddings.shape == (
        len(docs[1].sentences),
        enc.get_encoder().width,
    )
    # int8 runs each text alone: the embedding does not depend on the batch
    single = enc.get_encoder().encode([docs[1].normalized])[0]
    assert float(single @ docs[1].embedding) > 0.9999


def test_sentence_embeddings_are_lazy_by_default() -> None:
    doc = Document("First sentence here. Second one there! Third?")
    enc.embed_documents([doc])
    assert doc.embedding is not None and doc.sentence_embeddings is None
    rows = enc.ensure_sentence_embeddings(doc)
    assert rows is not None
    assert rows.shape == (len(doc.sentences), enc.get_encoder().width)
    assert enc.ensure_sentence_embeddings(doc) is rows


def test_int8_onnx_matches_the_torch_reference() -> None:
    texts = [
        "You are an idiot.",
        "Lovely weather for the parade today.",
        "Taxes will rise next year.",
    ]
    onnx = enc.get_encoder("onnx").encode(texts)
    torch = enc.get_encoder("torch").encode(texts)
    assert np.min(np.sum(onnx * torch, axis=1)) > 0.95


def test_lru_cache_returns_the_same_vectors() -> None:
    e = enc.get_encoder()
    a = e.encode_cached(["Article title", "Standfirst"])
    b = e.encode_cached(["Standfirst", "Article title"])
    assert np.allclose(a[0], b[1]) and np.allclose(a[1], b[0])


def test_a_judged_comment_is_in_the_cache_for_the_next_discussion() -> None:
    text = "The council should publish the whole budget before the vote, twice."
    doc = Document(text)
    enc.embed_documents([doc])
    e = enc.get_encoder()
    assert doc.reading.text == text  # what a later discussion will ask for
    assert text in e._cache  # noqa: SLF001 - the cache is the point here
    assert np.allclose(e.encode_cached([text])[0], doc.embedding)
    assert float(e.encode([text])[0] @ doc.embedding) > 0.9999


TEXTS = [
    "You are an idiot and everyone here knows it.",
    "Lovely weather for the parade today.",
    "Taxes will rise next year, the minister said.",
]


def test_full_rows_hold_the_base_and_the_task_halves_and_the_logits() -> None:
    e = enc.get_encoder()
    full = e.encode_full(TEXTS)
    assert full.shape == (3, 2 * enc.DIM) and full.dtype == np.float32
    for half in (full[:, : enc.DIM], full[:, enc.DIM :]):
        assert np.allclose(np.linalg.norm(half, axis=1), 1.0, atol=1e-4)
    assert np.allclose(full[:, : enc.DIM], e.encode(TEXTS), atol=1e-6)
    # the shipped abuse model changes the task half, and only that half
    assert enc.task_model_path() is not None
    assert np.max(np.sum(full[:, : enc.DIM] * full[:, enc.DIM :], axis=1)) < 0.99
    rows = e.encode_all(TEXTS)
    assert rows.shape == (3, 2 * enc.DIM + len(e.outputs))
    assert e.outputs[0] == "hate" and "target:none" in e.outputs
    # the insult is scored as one, the weather is not
    insult = 2 * enc.DIM + e.outputs.index("insult")
    assert rows[0, insult] > rows[1, insult]


def test_base_half_is_the_published_model() -> None:
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(
        str(enc.model_dir()), device="cpu", local_files_only=True
    ).encode(TEXTS, normalize_embeddings=True)
    ours = enc.get_encoder("torch").encode(TEXTS)
    assert np.min(np.sum(reference * ours, axis=1)) > 0.9999


def test_gpu_code_path_on_the_cpu_matches_int8_onnx() -> None:
    gpu_path = enc.Encoder("cuda", device="cpu").encode_full(TEXTS)
    onnx = enc.get_encoder("onnx").encode_full(TEXTS)
    for cols in (slice(0, enc.DIM), slice(enc.DIM, None)):
        assert np.min(np.sum(gpu_path[:, cols] * onnx[:, cols], axis=1)) > 0.95


def test_without_the_abuse_model_the_task_half_repeats_the_base(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VESTNIK_TASK_MODEL", "none")
    e = enc.Encoder("torch")
    full = e.encode_all(TEXTS)
    assert full.shape == (3, 2 * enc.DIM) and e.outputs == ()
    assert np.allclose(full[:, : enc.DIM], full[:, enc.DIM :])
    assert "+abuse@none/" in enc.describe("torch")


def test_half_precision_copy_is_pinned_and_only_the_gpu_path_takes_it(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    target = Path(str(tmp_path)) / "half"
    weights = enc.write_half_copy(target)
    assert weights.stat().st_size < 50 * 1024 * 1024
    monkeypatch.setenv("VESTNIK_ENCODER_DIR", str(target))
    with pytest.raises(enc.EncoderError, match="sha256"):
        enc.verify_weights()
    half = enc.Encoder("cuda", device="cpu").encode(TEXTS)
    monkeypatch.delenv("VESTNIK_ENCODER_DIR")
    full = enc.get_encoder("torch").encode(TEXTS)
    assert np.min(np.sum(half * full, axis=1)) > 0.999


def test_check_on_cuda_without_a_gpu_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import torch

    from vestnik.cli import main

    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    assert main(["check", "--device", "cuda", "hello"]) == 2
    assert "CUDA" in capsys.readouterr().err


def test_verdicts_name_the_abuse_model_without_rehashing_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[object] = []
    real = enc._sha256
    monkeypatch.setattr(enc, "_sha256", lambda p: calls.append(p) or real(p))
    enc._file_digest.cache_clear()
    first = enc.describe("onnx")
    for _ in range(50):
        assert enc.describe("onnx") == first
    assert len(calls) == 1, "hashed once per file version, not per verdict"


def test_the_abuse_model_file_is_checked_before_use(tmp_path: object) -> None:
    from pathlib import Path

    import torch
    from safetensors.torch import load_file, save_file
    from transformers import AutoModel

    shipped = enc.task_model_path()
    assert shipped is not None
    bert = AutoModel.from_pretrained(str(enc.model_dir()), local_files_only=True)
    tower = enc.load_task_tower(bert, shipped)
    assert tower.split == 2 and len(tower.layers) == 4
    state = load_file(str(shipped))
    meta = enc._task_header(str(shipped), shipped.stat().st_mtime_ns)
    # a file missing a tensor, or with a stray one, is refused
    for broken in (
        {k: v for k, v in state.items() if not k.startswith("layers.3.")},
        {**state, "stray.weight": torch.zeros(1)},
    ):
        path = Path(str(tmp_path)) / f"broken{len(broken)}.safetensors"
        save_file(broken, str(path), metadata=meta)
        with pytest.raises(enc.EncoderError, match="does not fit"):
            enc.load_task_tower(bert, path)
    # a split outside the encoder, a header without the model's metadata
    path = Path(str(tmp_path)) / "split.safetensors"
    save_file(state, str(path), metadata={**meta, "split": "9"})
    with pytest.raises(enc.EncoderError, match="outside the encoder"):
        enc.load_task_tower(bert, path)
    path = Path(str(tmp_path)) / "bare.safetensors"
    save_file(state, str(path))
    with pytest.raises(enc.EncoderError, match="names no split"):
        enc.load_task_tower(bert, path)
