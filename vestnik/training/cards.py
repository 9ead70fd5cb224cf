"""Model cards: one Markdown file per head, written by `vestnik train` from
the same metadata the head ships with (``<name>.json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

LICENCE_NOTES = {
    "ethos": "ETHOS (GPL-3.0) — used for training, named here as its licence asks.",
    "stormfront_hate_speech": "Stormfront hate speech (de Gibert et al., CC BY-SA 3.0) — used for training, named here.",
    "sfu_constructiveness_toxicity": "SFU Opinion and Comments Corpus (CC BY-NC-SA 4.0) — evaluation only, never trained on.",
    "elf_trolling": "ELF trolling (CC BY-NC-SA 4.0) — evaluation only, never trained on.",
}


def _table(rows: dict[str, dict[str, Any]], cols: list[str]) -> list[str]:
    out = ["| set | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for name, vals in rows.items():
        out.append(
            f"| {name} | " + " | ".join(str(vals.get(c, "")) for c in cols) + " |"
        )
    return out


def write_card(directory: Path, meta: dict[str, Any]) -> Path:
    name = meta["name"]
    lines = [
        f"# Model card: `{name}`",
        "",
        "Written by `vestnik train` (do not edit by hand; retrain instead).",
        "",
        f"- Rules served: {', '.join('`' + r + '`' for r in meta.get('rules', []))}",
        f"- What it detects: {meta.get('summary', '')}",
        f"- Encoder: {meta.get('encoder')} (weights sha256 `{meta.get('encoder_weights_sha256')}`)",
        f"- Features: {meta.get('features')}; logistic regression, seed {meta.get('seed')}, Platt-calibrated on validation.",
        f"- Thresholds (chosen on validation): reject/fire at **{meta.get('threshold')}**, "
        f"hold band from {meta.get('hold_threshold')}; artefact digest `{meta.get('digest')}`.",
        "",
        "## Why these thresholds",
        "",
        "Every hold costs a moderator's time and delays an ordinary reader's comment, and every",
        "wrong rejection silences one, so the thresholds are chosen for precision, not F1:",
        "reject where mean validation precision (over the validation sources, each judged",
        f"together with the benign-only sources) is at least {meta.get('fire_precision', 0.9)} at",
        "that score and above (never below the best-F1 threshold), and hold down to the score where",
        f"it is still at least {meta.get('hold_precision', 0.75)} (never below half the reject threshold).",
        f"The best-F1 threshold ({(meta.get('validation') or {}).get('f1_threshold')}) is kept in the",
        "metadata for benchmark figures only (OLID macro-F1, SMS spam F1).",
        "Hard negatives in training: generated benign news discussion (`benign_news_generated`:",
        "violence/war/crime reporting, drugs policy, suicide prevention, friendly identity mentions,",
        "counter-speech, negated insults) and, for the corpus heads, the hits of unrelated rules.",
        "",
        "## Training data (train split only; val for calibration and thresholds)",
        "",
    ]
    for source, info in (meta.get("train") or {}).items():
        lines.append(f"- {source}: {info}")
    lines += ["", "## Data files (sha256)", ""]
    for dataset, files in (meta.get("data_files") or {}).items():
        for path, digest in files.items():
            lines.append(f"- {dataset}: `{path}` `{digest[:16]}`")
    notes = [
        note
        for key, note in LICENCE_NOTES.items()
        if any(key in str(d) for d in (meta.get("data_files") or {}))
    ]
    notes += [
        LICENCE_NOTES[k]
        for k in ("sfu_constructiveness_toxicity", "elf_trolling")
        if any(k in t for t in meta.get("test", {}))
    ]
    if notes:
        lines += ["", "## Licences", "", *sorted(f"- {n}" for n in set(notes))]
    lines += [
        "",
        "## Validation",
        "",
        str(meta.get("validation")),
        "",
        "## Held-out test splits (never trained on)",
        "",
    ]
    lines += _table(
        meta.get("test", {}),
        ["n", "positives", "precision", "recall", "f1", "macro_f1", "roc_auc", "fpr"],
    )
    lines += ["", "## Known weaknesses", "", meta.get("weaknesses", ""), ""]
    path = directory / f"{name}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _stages(meta: dict[str, Any]) -> str:
    """The abuse model's training stages in words."""
    words = []
    for stage in meta.get("stages", []):
        kind = stage.get("stage")
        if kind == "init":
            words.append(f"started from the model `{stage.get('from')}`")
        elif kind == "main":
            words.append(f"{stage.get('epochs')} epochs over {stage.get('rows')} rows")
        elif kind == "focus":
            words.append(
                f"a focus stage of {stage.get('epochs')} epoch over {stage.get('rows')} "
                f"rows (the generated rows plus a {int(100 * stage.get('replay', 0))} % "
                f"replay, at least {stage.get('replay_floor', 0)} rows a source; "
                f"learning rates x {stage.get('lr_scale')})"
            )
    return "; ".join(words) or "not recorded (a model from before the stages were)"


def write_abuse_card(directory: Path, meta: dict[str, Any]) -> Path:
    """The abuse model's card (``abuse.md``), from ``abuse.json``."""
    hp = meta.get("hyperparameters", {})
    lines = [
        "# Model card: `abuse` (the fine-tuned multi-task abuse model)",
        "",
        "Written by `vestnik train` (`--encoder` fine-tunes it; do not edit by hand).",
        "",
        "- Rules served: `hate` (with the target group), `insult-threat` (insult and threat",
        "  as separate outputs), `profanity` (with the lexicon); its pooled embedding is the",
        "  *task* half every other trained head reads. `toxicity` (OLID's offensive) is measured",
        "  and exported (Perspective's TOXICITY), no rule reads it alone; `violence`,",
        "  `extremism` and `trolling` are trained as auxiliary tasks (see the rulebook for",
        "  which detector scores those rules).",
        f"- Architecture: all-MiniLM-L6-v2 (weights sha256 `{meta.get('encoder_weights_sha256')}`);",
        f"  layers {meta.get('split')}-5 copied and fine-tuned end to end "
        f"({meta.get('trainable_parameters')} trainable parameters), mean pooling, dense+tanh,",
        f"  one linear layer with {len(meta.get('outputs', []))} logits "
        f"({len(meta.get('tasks', []))} tasks + {len(meta.get('target_groups', []))} target groups).",
        "  Layers below the split and the word embeddings are shared with the base embedding,",
        "  unchanged: one encoder pass per comment.",
        f"- File: `{meta.get('file')}` (float16, sha256 `{meta.get('sha256')}`); the int8 ONNX",
        "  graph is built from it on first use.",
        f"- Encoder as calibrated: {meta.get('encoder')}",
        f"- Stages: {_stages(meta)}",
        f"- Training: main-stage epochs {hp.get('epochs')}, batch {hp.get('batch')}, "
        f"{hp.get('max_tokens')} tokens, AdamW (layers {hp.get('lr_layers')}, head "
        f"{hp.get('lr_head')}), warm-up {hp.get('warmup')}, seed {hp.get('seed')};",
        f"  loss weights {hp.get('task_weights')}, target {hp.get('target_weight')},",
        f"  contrast-pair margin {hp.get('pair_margin')} x {hp.get('pair_weight')}; "
        f"{int(100 * (hp.get('augment') or 0))} % of rows",
        "  obfuscated each epoch (vestnik/training/perturb.py) and read through",
        "  vestnik/engine/deobfuscate.py, as at run time. "
        f"Trained in {meta.get('trained_seconds')} s ({meta.get('torch')}).",
        "",
        "## Calibration and thresholds (validation rows, never trained on)",
        "",
        "Platt scaling per task, then reject / hold thresholds as false-positive budgets: the",
        "lowest score that at most the budgeted share of the task's validation negatives (hard",
        "negatives included) reaches (abuse_calibration.POLICY).",
        "",
        "| task | val rows | positives | val AUC | reject | hold | FPR budget reject/hold | P@reject | R@reject | P@hold | R@hold |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for task, cal in (meta.get("calibration") or {}).items():
        pol, fire, hold = (
            cal.get("policy", {}),
            cal.get("at_fire", {}),
            cal.get("at_hold", {}),
        )
        lines.append(
            f"| {task} | {cal.get('val_rows')} | {cal.get('val_positives')} | "
            f"{cal.get('val_auc')} | {cal.get('threshold')} | {cal.get('hold_threshold')} | "
            f"{pol.get('fire_fpr')}/{pol.get('hold_fpr')} | {fire.get('precision')} | "
            f"{fire.get('recall')} | {hold.get('precision')} | {hold.get('recall')} |"
        )
    lines += [
        "",
        "## Held-out test splits (never trained on)",
        "",
        "ROC-AUC of each task's score and recall / false-positive rate at the hold threshold.",
        "",
        "| set | task | n | positives | AUC | recall@hold | FPR@hold |",
        "|---|---|---|---|---|---|---|",
    ]
    for source, tasks in (meta.get("test") or {}).items():
        for task, m in tasks.items():
            lines.append(
                f"| {source} | {task} | {m.get('n')} | {m.get('positives')} | "
                f"{m.get('roc_auc')} | {m.get('recall_at_hold')} | {m.get('fpr_at_hold')} |"
            )
    lines += ["", "## Training data (rows per split, positives per task)", ""]
    for source, splits in (meta.get("data") or {}).items():
        lines.append(f"- {source}: {splits}")
    lines += ["", "## Data files (sha256)", ""]
    for path, digest in sorted((meta.get("data_files") or {}).items()):
        lines.append(f"- `{path}` `{str(digest)[:16]}`")
    notes = [
        note
        for key, note in LICENCE_NOTES.items()
        if any(key in str(d) for d in (meta.get("data_files") or {}))
    ]
    if notes:
        lines += ["", "## Licences", "", *sorted(f"- {n}" for n in set(notes))]
    lines += [
        "",
        "## Validation during training (ROC-AUC per task, PyTorch fp32)",
        "",
    ]
    for entry in meta.get("validation") or []:
        aucs = {
            k: v.get("auc")
            for k, v in (entry.get("validation") or {}).items()
            if isinstance(v, dict)
        }
        lines.append(
            f"- epoch {entry.get('epoch')}: {aucs}; target-group accuracy "
            f"{(entry.get('validation') or {}).get('target_accuracy')}"
        )
    lines += [
        "",
        "## Measured through the whole engine",
        "",
        "The functional suite, OLID, Davidson, counter-speech, identity-term and benign",
        "false-flag figures are measured by `vestnik eval --goals` through the whole engine;",
        "see docs/trained-models.md for the figures of the shipped model and their commands.",
        "",
        "## Known weaknesses",
        "",
        "Trained on English; the generated functional data covers 18 target groups and a",
        "fixed set of frames, so hate phrased in ways neither the public sets nor our",
        "templates cover can pass; `violence`, `extremism` and `trolling` have a few hundred",
        "labelled rows each.",
        "",
    ]
    path = directory / "abuse.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
