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
    assert docs[1].sentence_embeddings.shape == (len(docs[1].sentences), enc.DIM)
    # int8 runs each text alone: the embedding does not depend on the batch
    single = enc.get_encoder().encode([docs[1].normalized])[0]
    assert float(single @ docs[1].embedding) > 0.9999


def test_sentence_embeddings_are_lazy_by_default() -> None:
    doc = Document("First sentence here. Second one there! Third?")
    enc.embed_documents([doc])
    assert doc.embedding is not None and doc.sentence_embeddings is None
    rows = enc.ensure_sentence_embeddings(doc)
    assert rows is not None and rows.shape == (len(doc.sentences), enc.DIM)
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
