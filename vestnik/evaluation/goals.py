"""The detection goals, measured through the whole engine: `vestnik eval --goals`.

Every figure is computed by running held-out rows (never trained on) through
`moderate_batch` with the default rulebook -- the way production judges a
comment -- except where a goal names a model score (OLID's macro-F1 and
Davidson's anchor operating point rank the abuse model's calibrated outputs,
with thresholds chosen on validation rows, never on the test rows).

"Flagged" means held or rejected (the rule's outcome at its score).
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from vestnik.engine import Context, Submission, Verdict, moderate_batch
from vestnik.engine.rulebook import Rulebook, default_rulebook
from vestnik.training import abuse_data as A
from vestnik.training import datasets as D

ABUSE_RULES = ("hate", "insult-threat", "profanity", "trolling")
COUNTER_RULES = ("hate", "insult-threat", "trolling")
SPAM_RULES = ("spam", "promotion", "commercial")

Progress = Callable[[str, int, int], None]


def verdicts(
    texts: Sequence[str],
    book: Rulebook | None = None,
    batch: int = 64,
    progress: Progress | None = None,
    label: str = "",
) -> list[Verdict]:
    """Moderate ``texts`` (dry runs: no state, no article)."""
    book = book or default_rulebook()
    out: list[Verdict] = []
    for start in range(0, len(texts), batch):
        part = texts[start : start + batch]
        out += moderate_batch(
            [(Submission(text=t), Context(record=False)) for t in part], book
        )
        if progress:
            progress(label, len(out), len(texts))
    return out


def flagged(verdict: Verdict, rules: Iterable[str], book: Rulebook) -> bool:
    """Whether any of ``rules`` holds or rejects the comment."""
    return any(
        book[r].outcome_for(float(verdict.scores.get(r, 0.0))) is not None
        for r in rules
        if r in book
    )


def _f1(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    tp = float((pred & (y == 1)).sum())
    fp = float((pred & (y == 0)).sum())
    fn = float((~pred & (y == 1)).sum())
    p = tp / max(1.0, tp + fp)
    r = tp / max(1.0, tp + fn)
    f1 = 2 * p * r / max(1e-9, p + r)
    tn = float((~pred & (y == 0)).sum())
    p0 = tn / max(1.0, tn + fn)
    r0 = tn / max(1.0, tn + fp)
    f0 = 2 * p0 * r0 / max(1e-9, p0 + r0)
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "macro_f1": round((f1 + f0) / 2, 4),
        "n": len(y),
        "positives": int(y.sum()),
    }


def _probabilities(texts: Sequence[str], task: str) -> np.ndarray:
    """The abuse model's calibrated probability of ``task`` for ``texts``,
    read the way the engine reads them."""
    from vestnik.engine.encoder import DIM, get_encoder
    from vestnik.engine.models.abuse import load_abuse_model
    from vestnik.engine.text import Document

    encoder = get_encoder()
    model = load_abuse_model()
    column = 2 * DIM + model.index(task)
    cal = model.calibration(task)
    rows = encoder.encode_all([Document(t).reading.text for t in texts])
    return np.array([cal.probability(float(v)) for v in rows[:, column]])


def _rows(ex: D.Examples, split: str) -> list[tuple[str, int, str]]:
    return [
        (t, y, g)
        for t, y, s, g in zip(ex.texts, ex.labels, ex.splits, ex.groups, strict=True)
        if s == split
    ]


def olid(book: Rulebook, progress: Progress | None = None) -> dict[str, Any]:
    """OLID level A (offensive or not), test set.  Model score: the abuse
    model's ``toxicity`` output, threshold at the best macro-F1 on OLID's
    validation rows.  Engine: offensive = an abuse rule flags it."""
    ex = D.olid()
    val, test = _rows(ex, "val"), _rows(ex, "test")
    p_val = _probabilities([t for t, _, _ in val], "toxicity")
    y_val = np.array([y for _, y, _ in val])
    best_t, best = 0.5, -1.0
    for t in np.unique(np.round(p_val, 3)):
        m = _f1(y_val, p_val >= t)["macro_f1"]
        if m > best:
            best_t, best = float(t), m
    texts = [t for t, _, _ in test]
    y = np.array([y for _, y, _ in test])
    p_test = _probabilities(texts, "toxicity")
    found = verdicts(texts, book, progress=progress, label="olid")
    engine = np.array([flagged(v, ABUSE_RULES, book) for v in found])
    from sklearn.metrics import roc_auc_score

    return {
        "goal": ">= 0.83 macro-F1 (SemEval-2019 best 0.829)",
        "macro_f1_model": _f1(y, p_test >= best_t)["macro_f1"],
        "threshold_from_val": round(best_t, 4),
        "roc_auc_model": round(float(roc_auc_score(y, p_test)), 4),
        "engine_any_abuse_rule": _f1(y, engine),
    }


#: Davidson et al. (2017): their classifier's hate precision (recall 0.61).
DAVIDSON_ANCHOR_HATE_PRECISION = 0.44


def davidson(book: Rulebook, progress: Progress | None = None) -> dict[str, Any]:
    """Davidson test split: hate recall at offensive precision.  Engine: hate
    when `hate` flags it, else offensive when profanity, insult-threat or
    trolling does.  Anchor point: the lowest hate probability whose
    validation hate precision reaches the paper's 0.44, applied to test."""
    ex = D.davidson()
    test = _rows(ex, "test")
    texts = [t for t, _, _ in test]
    cls = np.array([int(g) for _, _, g in test])
    found = verdicts(texts, book, progress=progress, label="davidson")
    is_hate = np.array([flagged(v, ("hate",), book) for v in found])
    is_off = ~is_hate & np.array(
        [flagged(v, ("profanity", "insult-threat", "trolling"), book) for v in found]
    )
    val = _rows(ex, "val")
    p_val = _probabilities([t for t, _, _ in val], "hate")
    c_val = np.array([int(g) for _, _, g in val])
    chosen = 1.0
    for t in np.unique(np.round(p_val, 4))[::-1]:
        flag = p_val >= t
        if (flag & (c_val == 0)).sum() / max(1, flag.sum()) >= (
            DAVIDSON_ANCHOR_HATE_PRECISION
        ):
            chosen = float(t)
    p_test = _probabilities(texts, "hate")
    anchor_hate = p_test >= chosen
    anchor_off = ~anchor_hate & is_off

    def rates(hate: np.ndarray, off: np.ndarray) -> dict[str, float]:
        return {
            "hate_recall": round(
                float((hate & (cls == 0)).sum() / max(1, (cls == 0).sum())), 4
            ),
            "hate_precision": round(
                float((hate & (cls == 0)).sum() / max(1, hate.sum())), 4
            ),
            "offensive_precision": round(
                float((off & (cls == 1)).sum() / max(1, off.sum())), 4
            ),
            "offensive_recall": round(
                float((off & (cls == 1)).sum() / max(1, (cls == 1).sum())), 4
            ),
        }

    return {
        "goal": "hate recall >= 0.6 at offensive precision >= 0.9",
        "n": len(cls),
        "hate_rows": int((cls == 0).sum()),
        "engine": rates(is_hate, is_off),
        "anchor_operating_point": {
            "hate_threshold_from_val": round(chosen, 4),
            **rates(anchor_hate, anchor_off),
        },
    }


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def counter_speech(
    book: Rulebook, progress: Progress | None = None, limit: int = 0
) -> dict[str, Any]:
    """Counter-speech replies neither held nor rejected for hate,
    insult-threat or trolling (goal >= 95 %), per set; and the hate recall on
    the hateful posts of CrowdCounter's test part."""
    sets: dict[str, list[str]] = {}
    mix = A.Mixture()
    A.crowdcounter_rows(mix)
    sets["crowdcounter test replies"] = [
        r.text
        for r in mix.rows
        if r.source == "crowdcounter:reply" and r.split == "test"
    ]
    posts = [
        r.text
        for r in mix.rows
        if r.source == "crowdcounter:post" and r.split == "test"
    ]
    dyna = D.data_dir() / "dynacounter_counterspeech" / "data"
    if dyna.is_dir():
        rows = _csv(dyna / "adversarial_data" / "DynaCounter.csv")
        sets["dynacounter counterspeech (eval only)"] = [
            r["response"] for r in rows if r["gold_label"] == "counterspeech"
        ]
        rows = _csv(dyna / "final_modeling_data" / "test_labelled.csv")
        sets["plf test counterspeech (eval only)"] = [
            r["counter_speech"]
            .replace("[USER]", "")
            .replace("[PLAYER]", "the player")
            .strip()
            for r in rows
            if r["label"] == "counterspeech"
        ]
    rng = random.Random(1729)  # noqa: S311 - seeded sampling, not security
    out: dict[str, Any] = {
        "goal": ">= 95 % of replies not flagged for hate, insult-threat or trolling"
    }
    for name, texts in sets.items():
        if limit and len(texts) > limit:
            texts = rng.sample(texts, limit)
        found = verdicts(texts, book, progress=progress, label=name)
        per_rule = {
            r: round(float(np.mean([flagged(v, (r,), book) for v in found])), 4)
            for r in COUNTER_RULES
        }
        passed = float(np.mean([not flagged(v, COUNTER_RULES, book) for v in found]))
        out[name] = {
            "n": len(texts),
            "passed": round(passed, 4),
            "flagged_by_rule": per_rule,
        }
    if limit and len(posts) > limit:
        posts = rng.sample(posts, limit)
    found = verdicts(posts, book, progress=progress, label="crowdcounter posts")
    out["crowdcounter test hateful posts"] = {
        "n": len(posts),
        "hate_recall": round(
            float(np.mean([flagged(v, ("hate",), book) for v in found])), 4
        ),
        "any_abuse_rule_recall": round(
            float(np.mean([flagged(v, ABUSE_RULES, book) for v in found])), 4
        ),
    }
    return out


def identity_terms(book: Rulebook, progress: Progress | None = None) -> dict[str, Any]:
    """Non-toxic Jigsaw template sentences naming an identity: share flagged
    (held or rejected) by an abuse rule, per identity term (goal <= 5 %)."""
    ex = D.identity_templates()
    rows = [
        (t, g) for t, y, g in zip(ex.texts, ex.labels, ex.groups, strict=True) if y == 0
    ]
    found = verdicts([t for t, _ in rows], book, progress=progress, label="identity")
    groups: dict[str, list[bool]] = {}
    for (_, group), verdict in zip(rows, found, strict=True):
        groups.setdefault(group, []).append(flagged(verdict, ABUSE_RULES, book))
    rates = {g: round(float(np.mean(v)), 4) for g, v in sorted(groups.items())}
    worst = max(rates, key=lambda g: rates[g])
    return {
        "goal": "<= 5 % per group at the hold threshold",
        "n": len(rows),
        "worst_group": worst,
        "worst_rate": rates[worst],
        "groups_over_5pct": sorted(g for g, r in rates.items() if r > 0.05),
        "by_group": rates,
    }


def spam(book: Rulebook, progress: Progress | None = None) -> dict[str, Any]:
    """SMS spam test split (rule `spam` flags it) and our self-promotion /
    engagement-bait corpus rows (test split; spam, promotion or commercial)."""
    ex = D.sms_spam()
    test = _rows(ex, "test")
    found = verdicts([t for t, _, _ in test], book, progress=progress, label="sms")
    y = np.array([y for _, y, _ in test])
    out: dict[str, Any] = {
        "sms_spam_f1": {
            "goal": ">= 0.95",
            **_f1(y, np.array([flagged(v, ("spam",), book) for v in found])),
            "any_commercial_rule": _f1(
                y, np.array([flagged(v, SPAM_RULES, book) for v in found])
            ),
        }
    }
    rows = []
    for rule in SPAM_RULES:
        path = D.CORPUS_DIR / f"{rule}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("split") == "test":
                    rows.append(row)
    notes = (
        "self-promo",
        "engagement-bait",
        "spelled-domain",
        "link-only",
        "wfh-lure",
        "shop-plug",
    )
    selected = [r for r in rows if r.get("note") in notes or (r["label"] == 0)]
    if selected:
        found = verdicts(
            [r["text"] for r in selected], book, progress=progress, label="promo"
        )
        y = np.array([int(r["label"]) for r in selected])
        out["self_promotion_corpus"] = {
            "goal": "F1 >= 0.95",
            "rows": "test split: the self-promotion, engagement-bait, spelled-domain, link-only, lure and shop-plug hits, and every negative of the three corpora",
            **_f1(y, np.array([flagged(v, SPAM_RULES, book) for v in found])),
        }
    return out


def benign(
    book: Rulebook, progress: Progress | None = None, limit_per_source: int = 0
) -> dict[str, Any]:
    """Benign held-out comments (non-toxic rows of held-out splits and our
    corpora's test hard negatives): share held or rejected by any rule."""
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
    found = verdicts([t for t, _ in rows], book, progress=progress, label="benign")
    per_rule: dict[str, int] = {}
    per_source: dict[str, list[int]] = {}
    examples: dict[str, list[str]] = {}
    flagged_any = 0
    for (text, source), verdict in zip(rows, found, strict=True):
        hit = verdict.action.name != "PUBLISH"
        flagged_any += int(hit)
        stats = per_source.setdefault(source, [0, 0])
        stats[0] += 1
        stats[1] += int(hit)
        for result in verdict.fired:
            per_rule[result.rule] = per_rule.get(result.rule, 0) + 1
            if len(examples.setdefault(result.rule, [])) < 3:
                examples[result.rule].append(text[:160])
    n = max(1, len(rows))
    return {
        "goal": "<= 5 % held or rejected",
        "n": len(rows),
        "false_flag_rate": round(flagged_any / n, 4),
        "per_rule": {
            r: round(c / n, 4)
            for r, c in sorted(per_rule.items(), key=lambda kv: -kv[1])
        },
        "per_source": {
            s: {"n": v[0], "rate": round(v[1] / max(1, v[0]), 4)}
            for s, v in sorted(per_source.items())
        },
        "examples": examples,
    }


GOALS: dict[str, Callable[..., dict[str, Any]]] = {
    "olid": olid,
    "davidson": davidson,
    "counter_speech": counter_speech,
    "identity_terms": identity_terms,
    "spam": spam,
    "benign": benign,
}


def measure(
    names: Sequence[str] = (),
    progress: Progress | None = None,
    book: Rulebook | None = None,
) -> dict[str, Any]:
    """Every goal (or those named)."""
    book = book or default_rulebook()
    return {
        name: fn(book, progress=progress)
        for name, fn in GOALS.items()
        if not names or name in names
    }
