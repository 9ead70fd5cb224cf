"""`vestnik train --encoder`: fine-tune the encoder into the multi-task abuse model.

Heads on a frozen (or LoRA-adapted) all-MiniLM-L6-v2 plateaued (OLID
macro-F1 0.78, Davidson hate recall 0.38, negation and counter-speech missed),
so the abuse family is now one fine-tuned classifier:

- the encoder's layers from ``SPLIT`` up are copied and trained end to end
  (every weight of every copied layer), with a pooler and one linear layer
  giving a logit per output: ``hate`` (plus the target group as an auxiliary
  softmax over `vestnik.engine.slurs.TARGET_GROUPS`), ``insult``, ``threat``,
  ``profanity``, ``violence``, ``extremism`` and ``trolling``
  (`abuse_data.OUTPUTS`).  The layers below ``SPLIT`` and the word embeddings
  stay as published and are shared with the base embedding (off-topic and
  near-duplicates read it unchanged): one encoder pass per comment, the top
  layers run twice.
- data: `abuse_data.build()` -- every public train split that fits a task,
  our corpora, our generated functional data (contrast pairs) and the
  counter-speech replies as hard negatives; labels per task, unknown ones
  masked out of the loss.
- each epoch, a seeded ~30 % of rows (hateful and not alike) are obfuscated by
  `vestnik.training.perturb` (leet, spacing, swaps, drops, repeats,
  homoglyphs, masks, splits), then read through
  `vestnik.engine.deobfuscate` exactly as at run time;
- batches keep contrast pairs together (a hateful case and its minimally
  edited twin), and a margin loss asks the hateful one to score higher;
- AdamW, linear warm-up and decay, fixed seeds, one torch thread pool:
  reproducible on the CPU (a GPU, if present, is optional and not needed).

Writes ``models/abuse.safetensors`` (float16 weights of the copied layers,
pooler and classifier; the split and output names in its header),
``abuse.json`` (data, losses, validation metrics) and the model card
``abuse.md`` (written by `vestnik train` after calibration).
"""

from __future__ import annotations

import hashlib
import json
import platform
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from vestnik.engine.encoder import (
    DIM,
    TASK_FILE_NAME,
    WEIGHTS_SHA256,
    model_dir,
    task_tower,
)
from vestnik.engine.slurs import TARGET_GROUPS
from vestnik.training import abuse_data as A
from vestnik.training.perturb import KINDS, perturb

SEED = 20261202
#: First fine-tuned layer (0-based) of the 6-layer encoder.
SPLIT = 2
MAX_TOKENS = 64
BATCH = 32
EPOCHS = 3
LR_LAYERS = 4e-5
LR_HEAD = 5e-4
WARMUP = 0.06
AUGMENT = 0.3
#: Loss weight per task (hate is the one the product is judged on).
TASK_WEIGHTS: dict[str, float] = {
    "hate": 2.0,
    "insult": 1.0,
    "threat": 1.0,
    "profanity": 0.5,
    "violence": 0.5,
    "extremism": 0.5,
    "trolling": 0.5,
    "toxicity": 0.5,
}
TARGET_WEIGHT = 0.3
PAIR_WEIGHT = 0.5
PAIR_MARGIN = 1.0
#: The focus stage: one pass over the generated rows plus this share of every
#: other source, at this fraction of the learning rates.
FOCUS_EPOCHS = 1
FOCUS_REPLAY = 0.15
# A small source (a rule's own corpus of a few hundred lines) would keep only
# a few dozen rows at FOCUS_REPLAY and be forgotten (the first candidate lost
# 0.034 of extremism validation AUC): every source keeps at least this many
# rows, or all of its rows when it has fewer.
FOCUS_REPLAY_FLOOR = 300
FOCUS_LR_SCALE = 0.5
#: Share of the later model in `average_models` (WiSE-FT's mixing weight).
AVERAGE_ALPHA = 0.5


def _abuse_words(text: str) -> list[str]:
    """Words of ``text`` worth disguising: slurs, insults, group names."""
    from vestnik.engine.deobfuscate import abuse_vocabulary

    vocab = abuse_vocabulary()
    return [
        w
        for w in text.replace("'", " ").split()
        if w.casefold().strip('.,!?"') in vocab
    ]


def augmented(text: str, rng: random.Random) -> str:
    """A training text as the model sees it: maybe disguised, then read."""
    from vestnik.engine.deobfuscate import read

    if rng.random() < AUGMENT:
        words = [w.strip('.,!?"') for w in _abuse_words(text)]
        text = perturb(text, rng.choice(KINDS), rng, targets=words or None)
    return read(text).text


def _batches(
    rows: Sequence[A.MultiRow], rng: random.Random, size: int
) -> list[list[int]]:
    """Row indices in batches of about ``size``: contrast pairs stay together;
    units are length-sorted inside windows of 40 batches to pad little."""
    units: dict[str, list[int]] = {}
    singles: list[list[int]] = []
    for i, row in enumerate(rows):
        if row.pair:
            units.setdefault(row.pair, []).append(i)
        else:
            singles.append([i])
    all_units = list(units.values()) + singles
    rng.shuffle(all_units)
    window = size * 40
    batches: list[list[int]] = []
    current: list[int] = []
    for start in range(0, len(all_units), window // 2):
        chunk = all_units[start : start + window // 2]
        chunk.sort(key=lambda u: max(len(rows[i].text) for i in u))
        for unit in chunk:
            if current and len(current) + len(unit) > size:
                batches.append(current)
                current = []
            current.extend(unit)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


class _Tokens:
    def __init__(self) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()

    def __call__(self, texts: list[str]) -> tuple[Any, Any]:
        import torch

        enc = self.tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        width = max(len(e.ids) for e in enc)
        ids = torch.zeros((len(enc), width), dtype=torch.long)
        mask = torch.zeros((len(enc), width), dtype=torch.long)
        for row, e in enumerate(enc):
            ids[row, : len(e.ids)] = torch.tensor(e.ids)
            mask[row, : len(e.ids)] = 1
        return ids, mask


def _targets(rows: Sequence[A.MultiRow]) -> tuple[Any, Any, Any, Any]:
    import torch

    y = torch.zeros((len(rows), len(A.TASKS)))
    known = torch.zeros((len(rows), len(A.TASKS)))
    for r, row in enumerate(rows):
        for t, task in enumerate(A.TASKS):
            value = row.labels.get(task)
            if value is not None:
                y[r, t] = float(value)
                known[r, t] = 1.0
    target = torch.tensor([row.target for row in rows], dtype=torch.long)
    weight = torch.tensor([row.weight for row in rows])
    return y, known, target, weight


class Trainer:
    """The frozen lower encoder plus the trainable task tower."""

    def __init__(self, split: int = SPLIT) -> None:
        import torch
        from transformers import AutoModel

        self.torch = torch
        self.bert = AutoModel.from_pretrained(
            str(model_dir()), local_files_only=True, attn_implementation="eager"
        ).eval()
        for p in self.bert.parameters():
            p.requires_grad_(False)
        self.split = split
        self.tower = task_tower(self.bert, split, len(A.OUTPUTS))
        for p in self.tower.parameters():
            p.requires_grad_(True)
        self.tokens = _Tokens()
        self.task_w = torch.tensor([TASK_WEIGHTS[t] for t in A.TASKS])

    def lower(self, ids: Any, mask: Any) -> tuple[Any, Any, Any]:
        """The frozen part: embeddings and the layers below the split."""
        torch = self.torch
        with torch.no_grad():
            hidden = self.bert.embeddings(
                input_ids=ids, token_type_ids=torch.zeros_like(ids)
            )
            m = mask.to(hidden.dtype)
            additive = (1.0 - m[:, None, None, :]) * -1e4
            for layer in self.bert.encoder.layer[: self.split]:
                out = layer(hidden, attention_mask=additive)
                hidden = out[0] if isinstance(out, tuple) else out
        return hidden, additive, m

    def logits(self, texts: list[str]) -> Any:
        ids, mask = self.tokens(texts)
        hidden, additive, m = self.lower(ids, mask)
        _, logits = self.tower(hidden, additive, m)
        return logits

    def loss(
        self, rows: Sequence[A.MultiRow], texts: list[str]
    ) -> tuple[Any, dict[str, float]]:
        torch = self.torch
        logits = self.logits(texts)
        n = len(A.TASKS)
        binary = logits[:, :n]
        y, known, target, weight = _targets(rows)
        bce = torch.nn.functional.binary_cross_entropy_with_logits(
            binary, y, reduction="none"
        )
        per_row = (bce * known * self.task_w).sum(1)
        main = (per_row * weight).sum() / weight.sum().clamp(min=1e-6)
        parts = {"bce": float(main.detach())}
        total = main
        has_target = target >= 0
        if bool(has_target.any()):
            ce = torch.nn.functional.cross_entropy(
                logits[has_target, n:], target[has_target]
            )
            total = total + TARGET_WEIGHT * ce
            parts["target"] = float(ce.detach())
        pairs: dict[str, tuple[list[int], list[int]]] = {}
        for i, row in enumerate(rows):
            hate = row.labels.get("hate")
            if row.pair and hate is not None:
                pos, neg = pairs.setdefault(row.pair, ([], []))
                (pos if hate == 1 else neg).append(i)
        margins = [
            torch.relu(PAIR_MARGIN - (binary[p, 0] - binary[q, 0]))
            for pos, neg in pairs.values()
            for p in pos
            for q in neg
        ]
        if margins:
            margin = torch.stack(margins).mean()
            total = total + PAIR_WEIGHT * margin
            parts["pair"] = float(margin.detach())
        return total, parts

    def predict(self, texts: Sequence[str], batch: int = 128) -> np.ndarray:
        """Logits for ``texts`` (read through the normaliser), in eval mode."""
        from vestnik.engine.deobfuscate import read

        torch = self.torch
        self.tower.eval()
        out = []
        order = np.argsort([len(t) for t in texts])
        with torch.no_grad():
            for start in range(0, len(texts), batch):
                idx = order[start : start + batch]
                chunk = [read(texts[i]).text for i in idx]
                out.append((idx, self.logits(chunk).float().numpy()))
        result = np.zeros((len(texts), len(A.OUTPUTS)), dtype=np.float32)
        for idx, values in out:
            result[idx] = values
        return result

    def save(self, path: Path, extra: dict[str, str]) -> str:
        from safetensors.torch import save_file

        state = {
            k: v.detach().to(self.torch.float16).contiguous()
            for k, v in self.tower.state_dict().items()
        }
        meta = {
            "split": str(self.split),
            "outputs": json.dumps(list(A.OUTPUTS)),
            "base": WEIGHTS_SHA256,
            **extra,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        save_file(state, str(tmp), metadata=meta)
        tmp.replace(path)
        return hashlib.sha256(path.read_bytes()).hexdigest()


def _auc(labels: np.ndarray, scores: np.ndarray) -> float | None:
    if len(set(labels.tolist())) < 2:
        return None
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(labels, scores)), 4)


def validate(trainer: Trainer, rows: Sequence[A.MultiRow]) -> dict[str, Any]:
    """ROC-AUC per task and per source on ``rows`` (no augmentation)."""
    logits = trainer.predict([r.text for r in rows])
    out: dict[str, Any] = {}
    for t, task in enumerate(A.TASKS):
        keep = [i for i, r in enumerate(rows) if r.labels.get(task) is not None]
        if not keep:
            continue
        y = np.array([rows[i].labels[task] for i in keep])
        out[task] = {
            "auc": _auc(y, logits[keep, t]),
            "rows": len(keep),
            "positives": int(y.sum()),
        }
    hate_targets = [i for i, r in enumerate(rows) if r.target >= 0]
    if hate_targets:
        pred = logits[hate_targets, len(A.TASKS) :].argmax(1)
        gold = np.array([rows[i].target for i in hate_targets])
        out["target_accuracy"] = round(float((pred == gold).mean()), 4)
    return out


def focus_rows(
    train_rows: Sequence[A.MultiRow],
    rng: random.Random,
    replay: float = FOCUS_REPLAY,
    floor: int = FOCUS_REPLAY_FLOOR,
) -> list[A.MultiRow]:
    """The focus stage's rows: every generated row (templates and
    compositional sentences) plus a seeded ``replay`` share of every other
    source, and at least ``floor`` rows of each (all of a smaller one), so
    that the stage adds wording without forgetting the real comments or a
    rule's small corpus."""
    sizes = Counter(row.source for row in train_rows)
    out = []
    for row in train_rows:
        keep = max(replay, min(1.0, floor / sizes[row.source]))
        if row.source == "synthetic" or rng.random() < keep:
            out.append(row)
    return out


def init_problem(path: Path, split: int = SPLIT) -> str | None:
    """Why ``path`` cannot start the focus stage, or None: a missing or
    unreadable file, or one made for other outputs or another split."""
    if not path.is_file():
        return f"{path}: no such model file"
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(str(path), framework="pt") as f:
            meta = f.metadata() or {}
    except (SafetensorError, OSError) as exc:
        return f"{path}: not a readable abuse model ({exc})"
    if meta.get("outputs") != json.dumps(list(A.OUTPUTS)) or meta.get("split") != str(
        split
    ):
        return f"{path}: made for other outputs or another split than this tower"
    return None


def load_tower_weights(trainer: Trainer, path: Path) -> str:
    """Start from a trained ``abuse.safetensors``; returns its digest."""
    from safetensors.torch import load_file

    state = load_file(str(path))
    own = trainer.tower.state_dict()
    if set(state) != set(own) or any(state[k].shape != own[k].shape for k in own):
        raise ValueError(f"{path} does not fit this tower (outputs or split differ)")
    trainer.tower.load_state_dict({k: v.float() for k, v in state.items()})
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _fit(
    trainer: Trainer,
    train_rows: Sequence[A.MultiRow],
    val_rows: Sequence[A.MultiRow],
    epochs: int,
    lr_scale: float,
    rng: random.Random,
    label: str,
    progress: bool,
    log: Callable[[str], None],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``epochs`` passes over ``train_rows`` with warm-up and linear decay;
    returns the loss curve and the validation after each epoch."""
    import torch
    from tqdm import tqdm

    layer_params = [
        p for n, p in trainer.tower.named_parameters() if n.startswith("layers.")
    ]
    head_params = [
        p for n, p in trainer.tower.named_parameters() if not n.startswith("layers.")
    ]
    optimizer = torch.optim.AdamW(
        [
            {"params": layer_params, "lr": LR_LAYERS * lr_scale},
            {"params": head_params, "lr": LR_HEAD * lr_scale},
        ],
        weight_decay=0.01,
    )
    plan = [_batches(train_rows, rng, BATCH) for _ in range(epochs)]
    steps = sum(len(p) for p in plan)
    warm = max(1, int(steps * WARMUP))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: (
            min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm))
            if s >= warm
            else (s + 1) / warm
        ),
    )
    curve: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    step = 0
    for epoch, batches in enumerate(plan, start=1):
        trainer.tower.train()
        bar = tqdm(
            batches,
            desc=f"abuse model, {label} epoch {epoch}/{epochs}",
            unit="batch",
            disable=not progress,
        )
        running = 0.0
        for index, batch in enumerate(bar, start=1):
            rows = [train_rows[i] for i in batch]
            texts = [augmented(r.text, rng) for r in rows]
            loss, parts = trainer.loss(rows, texts)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainer.tower.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            running += float(loss.detach())
            if index % 50 == 0:
                curve.append(
                    {
                        "stage": label,
                        "step": step,
                        "loss": round(running / 50, 4),
                        **{k: round(v, 4) for k, v in parts.items()},
                    }
                )
                bar.set_postfix(loss=f"{running / 50:.3f}")
                running = 0.0
        metrics = validate(trainer, val_rows)
        history.append({"stage": label, "epoch": epoch, "validation": metrics})
        log(
            f"{label} epoch {epoch}: "
            + ", ".join(
                f"{k} AUC {v['auc']}" for k, v in metrics.items() if isinstance(v, dict)
            )
        )
    return curve, history


def train_abuse_model(
    out_dir: Path,
    limit: int | None = None,
    epochs: int = EPOCHS,
    progress: bool = True,
    split: int = SPLIT,
    log: Callable[[str], None] = print,
    focus_epochs: int | None = None,
    init: Path | None = None,
) -> dict[str, Any]:
    """Fine-tune and write ``abuse.safetensors`` + ``abuse.json`` into
    ``out_dir``; returns the metadata.

    Two stages: ``epochs`` over every training row, then ``focus_epochs``
    over the generated rows, the compositional ones included, with a
    replayed share of the rest (`focus_rows`) at a lower learning rate.
    ``init`` starts from a trained model file and skips the first stage
    (``epochs`` is then ignored).  ``focus_epochs`` defaults to
    `FOCUS_EPOCHS` with ``init`` and to none without, so that `vestnik train
    --encoder` still reproduces the shipped model, which predates the focus
    stage (see docs/trained-models.md)."""
    import torch

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    started = time.perf_counter()
    if focus_epochs is None:
        focus_epochs = FOCUS_EPOCHS if init is not None else 0
    mix = A.build(limit=limit, with_compose=focus_epochs > 0)
    train_rows = mix.split("train")
    val_rows = mix.split("val")
    trainer = Trainer(split)
    rng = random.Random(SEED)  # noqa: S311 - seeded augmentation, not security
    curve: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    stages: list[dict[str, Any]] = []
    if init is not None:
        stages.append({"stage": "init", "from": load_tower_weights(trainer, init)})
        epochs = 0
    if epochs:
        c, h = _fit(
            trainer, train_rows, val_rows, epochs, 1.0, rng, "main", progress, log
        )
        curve += c
        history += h
        stages.append({"stage": "main", "epochs": epochs, "rows": len(train_rows)})
    if focus_epochs:
        focus = focus_rows(train_rows, random.Random(SEED + 1))  # noqa: S311
        c, h = _fit(
            trainer,
            focus,
            val_rows,
            focus_epochs,
            FOCUS_LR_SCALE,
            rng,
            "focus",
            progress,
            log,
        )
        curve += c
        history += h
        stages.append(
            {
                "stage": "focus",
                "epochs": focus_epochs,
                "rows": len(focus),
                "replay": FOCUS_REPLAY,
                "replay_floor": FOCUS_REPLAY_FLOOR,
                "lr_scale": FOCUS_LR_SCALE,
            }
        )
    path = out_dir / TASK_FILE_NAME
    sha = trainer.save(path, {"seed": str(SEED)})
    meta: dict[str, Any] = {
        "name": "abuse",
        "file": TASK_FILE_NAME,
        "sha256": sha,
        "digest": sha[:12],
        "split": split,
        "outputs": list(A.OUTPUTS),
        "tasks": list(A.TASKS),
        "target_groups": list(TARGET_GROUPS),
        "encoder_weights_sha256": WEIGHTS_SHA256,
        "trainable_parameters": sum(p.numel() for p in trainer.tower.parameters()),
        "stages": stages,
        "hyperparameters": {
            "epochs": epochs,
            "focus_epochs": focus_epochs,
            "focus_replay": FOCUS_REPLAY,
            "focus_replay_floor": FOCUS_REPLAY_FLOOR,
            "focus_lr_scale": FOCUS_LR_SCALE,
            "batch": BATCH,
            "max_tokens": MAX_TOKENS,
            "lr_layers": LR_LAYERS,
            "lr_head": LR_HEAD,
            "warmup": WARMUP,
            "augment": AUGMENT,
            "task_weights": TASK_WEIGHTS,
            "target_weight": TARGET_WEIGHT,
            "pair_weight": PAIR_WEIGHT,
            "pair_margin": PAIR_MARGIN,
            "seed": SEED,
        },
        "data": A.describe(mix),
        "data_files": mix.files,
        "loss_curve": curve,
        "validation": history,
        "embedding_dim": DIM,
        "trained_seconds": round(time.perf_counter() - started, 1),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "limit": limit,
    }
    (out_dir / "abuse.json").write_text(
        json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return meta


def average_models(
    out_dir: Path,
    earlier: Path,
    later: Path,
    alpha: float = AVERAGE_ALPHA,
    limit: int | None = None,
    split: int = SPLIT,
) -> dict[str, Any]:
    """Weight-space average of two abuse models of one lineage (WiSE-FT,
    Wortsman et al. 2022): ``alpha`` of ``later`` (a focus stage run from
    ``earlier``) plus ``1 - alpha`` of ``earlier``.  The focus stage buys the
    generated functionalities with some of what real comments taught the
    earlier model (counter-speech replies, OLID); the average keeps part of
    both.  Writes ``abuse.safetensors`` + ``abuse.json`` into ``out_dir``
    (``later``'s card, its stages followed by this one, re-validated)."""
    import torch
    from safetensors.torch import load_file

    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must lie strictly between 0 and 1, not {alpha}")
    for path in (earlier, later):
        problem = init_problem(path, split)
        if problem:
            raise ValueError(problem)
    late_meta_path = later.with_name("abuse.json")
    meta: dict[str, Any] = (
        json.loads(late_meta_path.read_text(encoding="utf-8"))
        if late_meta_path.is_file()
        else {"stages": []}
    )
    started = time.perf_counter()
    a, b = load_file(str(earlier)), load_file(str(later))
    if set(a) != set(b) or any(a[k].shape != b[k].shape for k in a):
        raise ValueError(f"{earlier} and {later} are not the same tower")
    trainer = Trainer(split)
    trainer.tower.load_state_dict(
        {k: (1.0 - alpha) * a[k].float() + alpha * b[k].float() for k in a}
    )
    trainer.tower.eval()
    mix = A.build(limit=limit, with_compose=True)
    with torch.no_grad():
        checked = validate(trainer, mix.split("val"))
    path = out_dir / TASK_FILE_NAME
    sha = trainer.save(path, {"seed": str(SEED)})
    digest = hashlib.sha256(earlier.read_bytes()).hexdigest()[:12]
    stage = {"stage": "average", "with": digest, "alpha": alpha}
    meta.update(
        {
            "sha256": sha,
            "digest": sha[:12],
            "stages": [*meta.get("stages", []), stage],
            "validation": [
                *meta.get("validation", []),
                {"stage": "average", "epoch": 0, "validation": checked},
            ],
            "averaged_seconds": round(time.perf_counter() - started, 1),
        }
    )
    (out_dir / "abuse.json").write_text(
        json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return meta


def _main() -> None:  # pragma: no cover - `vestnik train --encoder` is the entry point
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--split", type=int, default=SPLIT)
    parser.add_argument(
        "--focus-epochs",
        type=int,
        default=None,
        help=f"default {FOCUS_EPOCHS} with --init, 0 without",
    )
    parser.add_argument("--init", type=Path, help="start from this abuse.safetensors")
    parser.add_argument(
        "--average",
        nargs=2,
        type=Path,
        metavar=("EARLIER", "LATER"),
        help="no training: average two models of one lineage (see --alpha)",
    )
    parser.add_argument(
        "--alpha", type=float, default=AVERAGE_ALPHA, help="LATER's share"
    )
    args = parser.parse_args()
    if args.average:
        earlier, later = args.average
        try:
            meta = average_models(
                args.out, earlier, later, alpha=args.alpha, limit=args.limit
            )
        except ValueError as exc:  # a bad alpha, a missing or foreign model file
            parser.error(str(exc))
        print(json.dumps({k: meta[k] for k in ("digest", "stages")}, indent=1))  # noqa: T201
        return
    meta = train_abuse_model(
        args.out,
        limit=args.limit,
        epochs=args.epochs,
        split=args.split,
        focus_epochs=args.focus_epochs,
        init=args.init,
    )
    print(  # noqa: T201 - a script's result
        json.dumps(
            {k: meta[k] for k in ("digest", "trained_seconds", "validation")}, indent=1
        )
    )


if __name__ == "__main__":  # pragma: no cover
    _main()
