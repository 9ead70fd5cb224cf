"""A disk cache of training-text embeddings, so retraining does not re-encode.

Rows are the encoder's full output ``[base | task | logits]`` (`embed_all`;
`embed` gives ``[base | task]``, `embed_base` the base half), computed from
what the engine's encoder reads at run time: the text normalised by
`Document` with its disguises undone (`Document.reading`).  One ``.npz`` per
data set and encoder version under
``var/training/embeddings/<encoder version>/`` (git-ignored): the sha1 of each
text and its vector.  Texts not yet in the file are encoded (with a progress
bar) and appended.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from tqdm import tqdm

from vestnik.engine.encoder import DIM, Encoder
from vestnik.training.datasets import REPO_ROOT

CHUNK = 256


def reading(text: str) -> str:
    """What the run-time encoder reads for a comment ``text``."""
    from vestnik.engine.text import Document

    return Document(text).reading.text


def reading_fingerprint() -> str:
    """A digest of the code and tables that make the encoder's reading."""
    from vestnik.engine import deobfuscate, slurs

    digest = hashlib.sha1(usedforsecurity=False)
    for module in (deobfuscate, slurs):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:10]


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


class EmbeddingStore:
    def __init__(
        self, encoder: Encoder, root: Path | None = None, progress: bool = True
    ) -> None:
        self.encoder = encoder
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", encoder.version)
        # keyed by the raw text, so the folder also names the reading's code:
        # a change to the normaliser must not serve embeddings of old readings
        safe += f"_reading-{reading_fingerprint()}"
        self.root = (root or REPO_ROOT / "var" / "training" / "embeddings") / safe
        self.root.mkdir(parents=True, exist_ok=True)
        self.progress = progress

    def embed(self, name: str, texts: Sequence[str]) -> np.ndarray:
        """``[base | task]`` rows for ``texts``."""
        return self.embed_all(name, texts)[:, : 2 * DIM]

    def embed_all(self, name: str, texts: Sequence[str]) -> np.ndarray:
        """``[base | task | logits]`` rows for ``texts``."""
        path = self.root / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.npz"
        known: dict[str, np.ndarray] = {}
        if path.is_file():
            with np.load(path) as data:
                known = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
        keys = [_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in known))
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            todo = [by_key[k] for k in missing]
            bar = tqdm(
                total=len(todo),
                desc=f"encode {name}",
                unit="text",
                disable=not self.progress,
            )
            for start in range(0, len(todo), CHUNK):
                chunk = todo[start : start + CHUNK]
                vectors = self.encoder.encode_all([reading(t) for t in chunk])
                for k, v in zip(missing[start : start + CHUNK], vectors, strict=True):
                    known[k] = v
                bar.update(len(chunk))
            bar.close()
            tmp = path.with_suffix(".tmp.npz")
            np.savez(
                tmp, keys=np.array(list(known)), vectors=np.stack(list(known.values()))
            )
            tmp.replace(path)
        if not keys:
            return np.zeros((0, self.encoder.width), dtype=np.float32)
        return np.stack([known[k] for k in keys]).astype(np.float32)

    def embed_base(self, name: str, texts: Sequence[str]) -> np.ndarray:
        """The base half of `embed` (the sentence-similarity embedding)."""
        return self.embed(name, texts)[:, :DIM]
