"""Character-bigram statistics per language: the gibberish detector's model.

`models/char_bigrams.json.gz` holds, per language, log P(next letter | letter)
with word boundaries ("^", "$"), add-one smoothed, and the per-word cutoff
below which only 2% of real words of that language score. Built by
`vestnik blocklist charstats [DATA_DIR]` from the `sentences/` of
../shared/data/lingua_language_testdata (1,000 sentences per language).
"""

from __future__ import annotations

import gzip
import json
import math
import re
import threading
from collections import Counter
from pathlib import Path

ARTEFACT = Path(__file__).with_name("models") / "char_bigrams.json.gz"
LANGUAGES = ("en", "ru", "de", "fr", "es", "it", "pt", "nl", "pl", "uk", "sv", "tr")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")


class BigramModel:
    def __init__(self, logp: dict[str, float], floor: float, cutoff: float) -> None:
        self.logp = logp
        self.floor = floor
        self.cutoff = cutoff

    def word_score(self, word: str) -> float:
        """Mean log-probability per transition of `^word$` (lower case)."""
        padded = f"^{word}$"
        total = 0.0
        for i in range(len(padded) - 1):
            total += self.logp.get(padded[i : i + 2], self.floor)
        return total / (len(padded) - 1)


def build(data_dir: Path) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for lang in LANGUAGES:
        path = data_dir / "lingua_language_testdata" / "sentences" / f"{lang}.txt"
        if not path.exists():
            continue
        words = [w.lower() for w in _WORD_RE.findall(path.read_text(encoding="utf-8"))]
        pairs: Counter[str] = Counter()
        firsts: Counter[str] = Counter()
        for word in words:
            padded = f"^{word}$"
            for i in range(len(padded) - 1):
                pairs[padded[i : i + 2]] += 1
                firsts[padded[i]] += 1
        alphabet = len({c for w in words for c in w}) + 1
        logp = {
            bigram: round(math.log((n + 1) / (firsts[bigram[0]] + alphabet)), 3)
            for bigram, n in pairs.items()
            if n >= 2
        }
        floor = round(math.log(1 / (max(firsts.values()) + alphabet)), 3)
        model = BigramModel(logp, floor, 0.0)
        scores = sorted(model.word_score(w) for w in set(words) if len(w) >= 4)
        cutoff = scores[int(len(scores) * 0.02)]
        out[lang] = {"logp": logp, "floor": floor, "cutoff": round(cutoff, 4)}
    return out


def save(models: dict[str, dict[str, object]], path: Path | None = None) -> int:
    path = path or ARTEFACT
    data = json.dumps(
        models, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()
    with (
        path.open("wb") as fh,
        gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz,
    ):
        gz.write(data)
    return path.stat().st_size


_LOCK = threading.Lock()
_MODELS: dict[str, BigramModel] = {}


def models() -> dict[str, BigramModel]:
    """All languages' models, read once per process (absent artefact: none)."""
    with _LOCK:
        if not _MODELS and ARTEFACT.exists():
            with gzip.open(ARTEFACT, "rt", encoding="utf-8") as fh:
                raw = json.load(fh)
            for lang, model in raw.items():
                _MODELS[str(lang)] = BigramModel(
                    {str(k): float(v) for k, v in model["logp"].items()},
                    float(model["floor"]),
                    float(model["cutoff"]),
                )
        return _MODELS
