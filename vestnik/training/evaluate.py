"""Evaluation of the trained heads on their held-out test splits.

Used by `vestnik eval` (the trained-rule tasks) and by `vestnik train`'s
summary.  Reads the *shipped* heads (vestnik/engine/models/), rebuilds each
head's test chunks from the same recipes (test rows only: never trained on),
and reports per set precision, recall, F1, ROC-AUC; writes PR curves and
confusion matrices as PNG; plus the goals of issue 5:

- OLID level A test macro-F1 (``toxicity`` head);
- SMS Spam Collection test F1 (``spam`` head);
- Davidson held-out: hate recall at offensive precision (``hate`` + ``toxicity``);
- identity-term bias: FPR per identity group on non-toxic template sentences;
- off-topic ROC-AUC on constructed pairs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from vestnik.engine.encoder import get_encoder
from vestnik.engine.models.head import MODELS_DIR, Head, load_head
from vestnik.training import datasets as D
from vestnik.training.heads import binary_metrics
from vestnik.training.specs import Loader, available_specs

BIAS_RULE_HEADS = ("hate", "insult", "toxicity")


def _scores(head: Head, texts: list[str], emb: np.ndarray) -> np.ndarray:
    return head.score(emb, texts) if len(texts) else np.zeros(0)


def _plot(
    path: Path, title: str, y: np.ndarray, scores: np.ndarray, threshold: float
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import precision_recall_curve

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 4))
    if 0 < y.sum() < len(y):
        precision, recall, _ = precision_recall_curve(y, scores)
        ax1.plot(recall, precision)
    ax1.set(
        xlabel="recall",
        ylabel="precision",
        title=f"PR: {title}",
        xlim=(0, 1),
        ylim=(0, 1.02),
    )
    pred = scores >= threshold
    matrix = np.array(
        [[((y == a) & (pred == b)).sum() for b in (0, 1)] for a in (0, 1)]
    )
    ax2.imshow(matrix, cmap="Blues")
    for i in range(2):
        for j in range(2):
            ax2.text(j, i, str(matrix[i, j]), ha="center", va="center")
    ax2.set(
        xticks=[0, 1],
        yticks=[0, 1],
        xticklabels=["pred 0", "pred 1"],
        yticklabels=["true 0", "true 1"],
    )
    ax2.set_title(f"confusion @ {threshold:.2f}")
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def evaluate_heads(
    report_dir: Path | None = None, models_dir: Path = MODELS_DIR, plots: bool = True
) -> dict[str, Any]:
    """Per head and test set metrics; PNGs into ``report_dir`` when given."""
    from vestnik.training.embeddings import EmbeddingStore

    store = EmbeddingStore(get_encoder(), progress=False)
    loader = Loader(store)
    out: dict[str, Any] = {}
    if report_dir:
        report_dir.mkdir(parents=True, exist_ok=True)
    for spec in available_specs():
        if not (models_dir / f"{spec.name}.npz").is_file():
            continue
        head = load_head(spec.name, models_dir)
        data = spec.recipe(loader)
        results: dict[str, dict[str, Any]] = {}
        for name, chunk in data.tests.items():
            if not len(chunk):
                continue
            scores = _scores(head, chunk.texts, chunk.embeddings)
            results[name] = binary_metrics(chunk.labels, scores, head.threshold)
            # flagged at all (held or rejected): the head's hold threshold
            at_hold = binary_metrics(chunk.labels, scores, head.hold_threshold)
            results[name]["at_hold"] = {
                k: at_hold[k] for k in ("precision", "recall", "f1", "fpr")
            }
            if report_dir and plots:
                safe = "".join(ch if ch.isalnum() else "_" for ch in name)[:50]
                _plot(
                    report_dir / f"{spec.name}__{safe}.png",
                    f"{spec.name} / {name}",
                    chunk.labels,
                    scores,
                    head.threshold,
                )
        out[spec.name] = {
            "rules": list(spec.rules),
            "threshold": head.threshold,
            "test": results,
        }
    out["goals"] = goals(loader, models_dir)
    if models_dir == MODELS_DIR:  # the engine runs the shipped heads only
        out["goals"]["benign_false_flags"] = benign_false_flags()
    if report_dir:
        (report_dir / "trained_eval.json").write_text(
            json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    return out


def identity_bias(
    loader: Loader, models_dir: Path = MODELS_DIR
) -> dict[str, dict[str, float]]:
    """FPR per identity group on non-toxic template sentences, for each abuse head."""
    ex = loader.get("identity_templates")
    nontoxic = [
        (t, g) for t, y, g in zip(ex.texts, ex.labels, ex.groups, strict=True) if y == 0
    ]
    texts = [t for t, _ in nontoxic]
    emb = loader.store.embed(ex.name, texts)
    result: dict[str, dict[str, float]] = {}
    for name in BIAS_RULE_HEADS:
        if not (models_dir / f"{name}.npz").is_file():
            continue
        head = load_head(name, models_dir)
        flagged = _scores(head, texts, emb) >= head.threshold
        groups: dict[str, list[bool]] = {}
        for (_, group), hit in zip(nontoxic, flagged, strict=True):
            groups.setdefault(group, []).append(bool(hit))
        result[name] = {
            g: round(float(np.mean(v)), 4) for g, v in sorted(groups.items())
        }
    return result


#: Davidson et al. (2017), the anchor of the Davidson goal: their classifier's
#: hate-class precision (recall 0.61) on this data.
DAVIDSON_ANCHOR_HATE_PRECISION = 0.44


def _davidson_split(
    loader: Loader, split: str, models_dir: Path
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(class, hate score, toxicity score) of the Davidson rows of ``split``."""
    ex = loader.get("davidson")
    rows = [
        (t, g)
        for t, s, g in zip(ex.texts, ex.splits, ex.groups, strict=True)
        if s == split
    ]
    texts = [t for t, _ in rows]
    emb = loader.store.embed(ex.name, texts)
    hate, tox = load_head("hate", models_dir), load_head("toxicity", models_dir)
    return (
        np.array([int(g) for _, g in rows]),
        _scores(hate, texts, emb),
        _scores(tox, texts, emb),
    )


def davidson_operating_point(
    loader: Loader, models_dir: Path = MODELS_DIR
) -> dict[str, float]:
    """The hate score's ranking at the anchor's operating point: the lowest
    hate threshold whose *validation* hate precision is at least the anchor's
    (0.44), then hate / offensive measured on *test* at that threshold
    (offensive: not hate, and the toxicity head at least its hold threshold).
    This is not a shipped threshold: it measures the ranking the way the
    anchor paper's figures do."""
    tox = load_head("toxicity", models_dir)
    cls_v, hate_v, _ = _davidson_split(loader, "val", models_dir)
    chosen = 1.0
    for t in np.unique(hate_v)[::-1]:
        flagged = hate_v >= t
        if (flagged & (cls_v == 0)).sum() / flagged.sum() >= (
            DAVIDSON_ANCHOR_HATE_PRECISION
        ):
            chosen = float(t)
    cls, hate_s, tox_s = _davidson_split(loader, "test", models_dir)
    is_hate = hate_s >= chosen
    is_off = (~is_hate) & (tox_s >= tox.hold_threshold)
    return {
        "hate_threshold_from_val": round(chosen, 4),
        "hate_recall": round(float((is_hate & (cls == 0)).sum() / (cls == 0).sum()), 4),
        "hate_precision": round(
            float((is_hate & (cls == 0)).sum() / max(1, is_hate.sum())), 4
        ),
        "offensive_precision": round(
            float((is_off & (cls == 1)).sum() / max(1, is_off.sum())), 4
        ),
        "offensive_recall": round(
            float((is_off & (cls == 1)).sum() / max(1, (cls == 1).sum())), 4
        ),
    }


def davidson_goal(loader: Loader, models_dir: Path = MODELS_DIR) -> dict[str, float]:
    """Three-way decision on the Davidson test split: hate if the hate head fires,
    else offensive if the toxicity head fires, else neither."""
    hate, tox = load_head("hate", models_dir), load_head("toxicity", models_dir)
    cls, hate_scores, tox_scores = _davidson_split(loader, "test", models_dir)
    is_hate = hate_scores >= hate.threshold
    is_off = (~is_hate) & (tox_scores >= tox.threshold)
    flag_hate = hate_scores >= hate.hold_threshold
    flag_off = (~flag_hate) & (tox_scores >= tox.hold_threshold)
    hate_recall = float((is_hate & (cls == 0)).sum() / max(1, (cls == 0).sum()))
    hate_precision = float((is_hate & (cls == 0)).sum() / max(1, is_hate.sum()))
    off_precision = float((is_off & (cls == 1)).sum() / max(1, is_off.sum()))
    off_recall = float((is_off & (cls == 1)).sum() / max(1, (cls == 1).sum()))
    return {
        "n": float(len(cls)),
        "hate_rows": float((cls == 0).sum()),
        "at_hold_hate_recall": round(
            float((flag_hate & (cls == 0)).sum() / max(1, (cls == 0).sum())), 4
        ),
        "at_hold_offensive_precision": round(
            float((flag_off & (cls == 1)).sum() / max(1, flag_off.sum())), 4
        ),
        "hate_recall": round(hate_recall, 4),
        "hate_precision": round(hate_precision, 4),
        "offensive_precision": round(off_precision, 4),
        "offensive_recall": round(off_recall, 4),
        "abusive_any_precision": round(
            float(
                ((is_hate | is_off) & (cls != 2)).sum()
                / max(1, (is_hate | is_off).sum())
            ),
            4,
        ),
    }


def goals(loader: Loader, models_dir: Path = MODELS_DIR) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if (models_dir / "toxicity.json").is_file():
        meta = json.loads((models_dir / "toxicity.json").read_text())
        olid = meta["test"].get("olid", {})
        out["olid_level_a_macro_f1"] = {
            "value": olid.get("macro_f1"),
            "goal": 0.83,
            "anchor": "SemEval-2019 best 0.829",
        }
        head = load_head("toxicity", models_dir)
        ex = loader.get("olid")
        rows = [
            (t, y)
            for t, y, s in zip(ex.texts, ex.labels, ex.splits, strict=True)
            if s == "test"
        ]
        texts = [t for t, _ in rows]
        m = binary_metrics(
            np.array([y for _, y in rows]),
            _scores(head, texts, loader.store.embed(ex.name, texts)),
            head.threshold,
        )
        out["olid_level_a_macro_f1"]["value"] = m["macro_f1"]
        if meta.get("f1_threshold") is not None:
            olid_y = np.array([y for _, y in rows])
            olid_s = _scores(head, texts, loader.store.embed(ex.name, texts))
            out["olid_level_a_macro_f1"]["value_at_best_f1_threshold"] = binary_metrics(
                olid_y, olid_s, float(meta["f1_threshold"])
            )["macro_f1"]
    if (models_dir / "spam.npz").is_file():
        head = load_head("spam", models_dir)
        ex = loader.get("sms_spam")
        rows = [
            (t, y)
            for t, y, s in zip(ex.texts, ex.labels, ex.splits, strict=True)
            if s == "test"
        ]
        texts = [t for t, _ in rows]
        m = binary_metrics(
            np.array([y for _, y in rows]),
            _scores(head, texts, loader.store.embed(ex.name, texts)),
            head.threshold,
        )
        out["sms_spam_f1"] = {"value": m["f1"], "goal": 0.95}
        spam_meta = head.meta
        if spam_meta.get("f1_threshold") is not None:
            out["sms_spam_f1"]["value_at_best_f1_threshold"] = binary_metrics(
                np.array([y for _, y in rows]),
                _scores(head, texts, loader.store.embed(ex.name, texts)),
                float(spam_meta["f1_threshold"]),
            )["f1"]
    if (models_dir / "hate.npz").is_file() and (models_dir / "toxicity.npz").is_file():
        out["davidson"] = {
            **davidson_goal(loader, models_dir),
            "anchor_operating_point": davidson_operating_point(loader, models_dir),
            "goal": "hate_recall >= 0.6 at offensive_precision >= 0.9",
        }
    bias = identity_bias(loader, models_dir)
    out["identity_fpr"] = {
        name: {
            "max": max(groups.values()) if groups else None,
            "worst": sorted(groups.items(), key=lambda kv: -kv[1])[:5],
            "goal": 0.05,
        }
        for name, groups in bias.items()
    }
    out["identity_fpr_by_group"] = bias
    out["identity_flag_at_hold"] = identity_flag_rates(loader, models_dir)
    for name in ("toxicity", "spam"):
        if (models_dir / f"{name}.json").is_file():
            meta = json.loads((models_dir / f"{name}.json").read_text())
            f1_t = meta.get("f1_threshold")
            if f1_t is not None:
                out.setdefault("at_best_f1_threshold", {})[name] = f1_t
    if (models_dir / "off_topic.json").is_file():
        meta = json.loads((models_dir / "off_topic.json").read_text())
        out["off_topic_roc_auc"] = {
            "value": meta["test"]["fox_news_pairs"].get("roc_auc"),
            "goal": 0.90,
        }
    return out


def corpus_rules_covered() -> list[str]:
    return D.corpus_rules()


#: Rules scored (wholly or partly) by a trained head.
TRAINED_RULES = (
    "hate", "insult-threat", "violence", "suicide", "drugs", "minors", "extremism",
    "trolling", "profanity", "spam", "commercial", "promotion", "publisher-disrespect",
)  # fmt: skip


def benign_false_flags(
    limit_per_source: int | None = None, batch: int = 64
) -> dict[str, Any]:
    """False-flag rate of the real engine (default rulebook, no article, no
    history) on the benign held-out set (`datasets.benign_heldout`: non-toxic
    rows of held-out splits and our corpora's test hard negatives; never
    trained on).  A false flag is a HOLD or REJECT.  Reported per rule (over
    all rows), per source (any rule), overall, and for the trained rules only.
    """
    import random

    from vestnik.engine import Context, Submission, moderate_batch

    ex = D.benign_heldout()
    rows = list(zip(ex.texts, ex.groups, strict=True))
    if limit_per_source:
        rng = random.Random(1729)  # noqa: S311 - seeded sampling, not security
        by: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            by.setdefault(row[1], []).append(row)
        rows = [
            r
            for g in sorted(by)
            for r in (
                by[g]
                if len(by[g]) <= limit_per_source
                else rng.sample(by[g], limit_per_source)
            )
        ]
    per_rule: dict[str, int] = {}
    per_source: dict[str, list[int]] = {}
    any_flag = trained_flag = 0
    examples: dict[str, list[str]] = {}
    for i in range(0, len(rows), batch):
        part = rows[i : i + batch]
        verdicts = moderate_batch(
            [(Submission(text=t), Context(record=False)) for t, _ in part]
        )
        for (text, source), verdict in zip(part, verdicts, strict=True):
            fired = {r.rule for r in verdict.fired}
            flagged = verdict.action.name != "PUBLISH"
            for rule in fired:
                per_rule[rule] = per_rule.get(rule, 0) + 1
                if len(examples.setdefault(rule, [])) < 3:
                    examples[rule].append(text[:160])
            any_flag += int(flagged)
            trained_flag += int(bool(fired & set(TRAINED_RULES)))
            stats = per_source.setdefault(source, [0, 0])
            stats[0] += 1
            stats[1] += int(flagged)
    n = max(1, len(rows))
    return {
        "n": len(rows),
        "overall_false_flag_rate": round(any_flag / n, 4),
        "trained_rules_false_flag_rate": round(trained_flag / n, 4),
        "per_rule": {
            r: round(c / n, 4)
            for r, c in sorted(per_rule.items(), key=lambda kv: -kv[1])
        },
        "per_source": {
            s: {"n": v[0], "false_flag_rate": round(v[1] / max(1, v[0]), 4)}
            for s, v in sorted(per_source.items())
        },
        "examples": examples,
    }


def identity_flag_rates(
    loader: Loader, models_dir: Path = MODELS_DIR
) -> dict[str, dict[str, Any]]:
    """Identity-term false-flag rate at the *hold* threshold (any flag, not
    only a reject): per head, the worst group and its rate."""
    ex = loader.get("identity_templates")
    nontoxic = [
        (t, g) for t, y, g in zip(ex.texts, ex.labels, ex.groups, strict=True) if y == 0
    ]
    texts = [t for t, _ in nontoxic]
    emb = loader.store.embed(ex.name, texts)
    out: dict[str, dict[str, Any]] = {}
    for name in BIAS_RULE_HEADS:
        head = load_head(name, models_dir)
        flagged = _scores(head, texts, emb) >= head.hold_threshold
        groups: dict[str, list[bool]] = {}
        for (_, group), hit in zip(nontoxic, flagged, strict=True):
            groups.setdefault(group, []).append(bool(hit))
        rates = {g: float(np.mean(v)) for g, v in groups.items()}
        worst = max(rates, key=lambda g: rates[g])
        out[name] = {
            "worst_group": worst,
            "worst_rate": round(rates[worst], 4),
            "groups_over_5pct": sorted(g for g, r in rates.items() if r > 0.05),
        }
    return out
