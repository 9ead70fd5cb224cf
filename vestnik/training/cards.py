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


def write_adapter_card(directory: Path, meta: dict[str, Any]) -> Path:
    """The moderation adapter's card (``adapter.md``), from ``adapter.json``."""
    tasks = meta.get("tasks", {})
    lines = [
        "# Model card: `adapter` (the encoder's moderation adapter)",
        "",
        "Written by `vestnik train --adapter` (do not edit by hand; retrain instead).",
        "",
        "- What it is: LoRA deltas (rank "
        f"{meta.get('rank')}, alpha {meta.get('alpha')}) on layers "
        f"{meta.get('adapted_layers')} of all-MiniLM-L6-v2 "
        f"(weights sha256 `{meta.get('encoder_weights_sha256')}`), on "
        f"{', '.join(meta.get('targets', []))}; {meta.get('parameters')} parameters, "
        f"digest `{meta.get('digest')}`.",
        "- How it runs: the encoder runs the lower layers once and the adapted layers "
        "twice, as published (the *base* embedding: off-topic, near-duplicates) and with "
        "these deltas merged in (the *task* embedding the moderation heads read). "
        "One pass per comment; the adapted copy costs about a third more encoder work.",
        f"- Training: {meta.get('texts')} distinct texts, {meta.get('steps')} steps of "
        f"{meta.get('batch')} (epochs {meta.get('epochs')}), AdamW lr "
        f"{meta.get('learning_rate')} one-cycle, seed {meta.get('seed')}, texts cut at "
        f"{meta.get('train_tokens')} word pieces, {meta.get('trained_seconds')} s on "
        "the CPU (torch " + str(meta.get("torch")) + ").",
        "- Tasks: one per trained head, from that head's own training rows "
        "(never a validation or test row), plus Davidson's three classes "
        "(hate / offensive / neither, hate weighted 3x). Each task has its own "
        "linear layer, discarded after training: the heads are refitted on the "
        "adapted embedding by `vestnik train`.",
        "",
        "| task | rows | classes | positives |",
        "|---|---|---|---|",
    ]
    for name, info in tasks.items():
        lines.append(
            f"| {name} | {info.get('rows')} | {info.get('classes')} | "
            f"{info.get('positives') if info.get('positives') is not None else '-'} |"
        )
    curve = meta.get("loss_curve_every_50_steps", [])
    lines += [
        "",
        f"Training loss (smoothed, every 50 steps): {curve[:1]} ... {curve[-1:]}",
        "",
        "## Measured",
        "",
        "What the adapter adds is measured on the heads that read it: see each "
        "head's card and `docs/trained-models.md` (same test splits, before and "
        "after). Data files and their sha256 are in `adapter.json`.",
        "",
        "## Known weaknesses",
        "",
        "- Trained on the same rows as the heads; calibration and thresholds are "
        "chosen on validation rows the adapter never saw, so they stay honest.",
        "- English only, like every trained head.",
        "",
    ]
    for key, note in LICENCE_NOTES.items():
        if key in meta.get("data_files", {}):
            lines.append(f"- {note}")
    path = directory / "adapter.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
