"""What each head learns from: the data recipe per head.

The abuse family (hate, insult-threat, profanity) is scored by the fine-tuned
abuse model (`abuse_model.py`, data in `abuse_data.py`), not by heads; the
heads here serve the other trained rules and read its embedding.

A recipe returns train / val chunks and named test chunks.  Test splits (the
official ones, hash-held-out ones, our corpora's ``split: test`` rows and the
evaluation-only sets) are never in train or val.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from vestnik.training import datasets as D
from vestnik.training.embeddings import EmbeddingStore
from vestnik.training.heads import SEED, Chunk


@dataclass
class HeadData:
    train: list[Chunk] = field(default_factory=list)
    val: list[Chunk] = field(default_factory=list)
    tests: dict[str, Chunk] = field(default_factory=dict)
    sources: dict[str, dict[str, str]] = field(
        default_factory=dict
    )  # set -> files -> sha256


@dataclass(frozen=True)
class HeadSpec:
    name: str  # artefact name, e.g. "hate"
    rules: tuple[str, ...]
    recipe: Callable[[Loader], HeadData]
    use_chars: bool = False
    c: float = 1.0
    summary: str = ""
    weaknesses: str = ""
    #: Judge the precision targets at this share of positives (see
    #: heads.choose_thresholds); None: the validation mix as it is.
    val_prior: float | None = None
    #: The embedding the head reads: "both" ([base | task]), "task" (the
    #: abuse model's pooled embedding, see vestnik/training/abuse_model.py)
    #: or "base".
    input: str = "both"


class Loader:
    """Loads data sets once and embeds rows through the disk cache."""

    def __init__(self, store: EmbeddingStore, limit: int | None = None) -> None:
        self.store = store
        self.limit = limit  # tiny slices for tests
        self._sets: dict[str, D.Examples] = {}

    def get(self, key: str) -> D.Examples:
        if key not in self._sets:
            if key.startswith("corpus:"):
                self._sets[key] = D.corpus(key.split(":", 1)[1])
            elif key.startswith("corpus_cross:"):
                self._sets[key] = D.corpus_cross(key.split(":", 1)[1])
            elif key == "fox_news_comments_hate":
                self._sets[key] = D.fox_news()[0]
            else:
                self._sets[key] = getattr(D, key)()
        return self._sets[key]

    def chunk(
        self,
        key: str,
        split: str,
        label: Callable[[int, str], int | None] | None = None,
        weight: float = 1.0,
        sample: int | None = None,
    ) -> Chunk:
        ex = self.get(key)
        rows = [
            (t, y if label is None else label(y, g), g)
            for t, y, s, g in zip(
                ex.texts, ex.labels, ex.splits, ex.groups, strict=True
            )
            if s == split
        ]
        rows = [(t, y, g) for t, y, g in rows if y is not None]
        cap = sample if self.limit is None else min(sample or self.limit, self.limit)
        if cap is not None and len(rows) > cap:
            rng = random.Random(f"{SEED}:{key}:{split}")  # noqa: S311 - seeded sampling, not security
            rows = rng.sample(rows, cap)
        texts = [r[0] for r in rows]
        labels = np.array([r[1] for r in rows], dtype=int)
        emb = self.store.embed(ex.name, texts)
        return Chunk(
            f"{ex.name}:{split}", texts, labels, emb, weight, [r[2] for r in rows]
        )

    def files(self, *keys: str) -> dict[str, dict[str, str]]:
        return {self.get(k).name: self.get(k).files for k in keys}


def _all(
    keys: list[tuple[str, dict[str, Any]]],
    loader: Loader,
    data: HeadData,
    tests: bool = True,
) -> None:
    for key, opts in keys:
        label = opts.get("label")
        weight = float(opts.get("weight", 1.0))
        sample = opts.get("sample")
        data.train.append(loader.chunk(key, "train", label, weight, sample))
        data.val.append(
            loader.chunk(
                key,
                "val",
                label,
                1.0,
                None if sample is None else max(1, int(sample) // 4),
            )
        )
        if tests and opts.get("test", True):
            data.tests[loader.get(key).name] = loader.chunk(key, "test", label)
    data.sources.update(loader.files(*(k for k, _ in keys)))


def _neg(_: int, __: str) -> int:
    return 0


#: Generated benign news discussion (violence/war/crime reporting, drugs policy,
#: suicide prevention, friendly identity mentions, counter-speech, negated
#: insults): hard negatives for every head.
BENIGN: tuple[str, dict[str, Any]] = ("benign_news", {"weight": 2.0, "test": False})

GENERIC_NEGATIVES: list[tuple[str, dict[str, Any]]] = [
    BENIGN,
    (
        "olid",
        {"label": lambda y, g: 0 if y == 0 else None, "sample": 1500, "test": False},
    ),
    (
        "sms_spam",
        {"label": lambda y, g: 0 if y == 0 else None, "sample": 400, "test": False},
    ),
    ("sarcasm", {"label": _neg, "sample": 600, "test": False}),
    (
        "fox_news_comments_hate",
        {"label": lambda y, g: 0 if y == 0 else None, "sample": 400, "test": False},
    ),
    (
        "jigsaw_real",
        {"label": lambda y, g: 0 if y == 0 else None, "sample": 400, "test": False},
    ),
]


#: Offensive tweets (OLID OFF, train split) as negatives for heads whose rule
#: is not about abuse (suicide, drugs, minors, promotion, commercial).
OLID_OFFENSIVE_AS_NEGATIVE: tuple[str, dict[str, Any]] = (
    "olid",
    {"label": lambda y, g: 0 if y == 1 else None, "sample": 600, "test": False},
)


def spam(loader: Loader) -> HeadData:
    data = HeadData()
    _all(
        [
            ("sms_spam", {}),
            ("corpus:spam", {"weight": 2.0}),
            # comment-style scams and chat spam (both MIT)
            ("instagram_scam", {}),
            ("tg_spam", {"weight": 0.5}),
            # ordinary comments and tweets (hashtags, links, exclamation marks
            # included) as negatives: without them the head learnt "tweet-like"
            *[n for n in GENERIC_NEGATIVES if n[0] != "sms_spam"],
            (
                "davidson",
                {
                    "label": lambda y, g: 0 if g == "2" else None,
                    "sample": 1500,
                    "test": False,
                },
            ),
            ("olid", {"label": _neg, "sample": 800, "test": False}),
        ],
        loader,
        data,
    )
    return data


def corpus_head(
    rule: str, extra: list[tuple[str, dict[str, Any]]] | None = None
) -> Callable[[Loader], HeadData]:
    """A head learnt from our corpus for ``rule`` plus generic news-comment negatives
    and the hard negatives of every other corpus."""

    def recipe(loader: Loader) -> HeadData:
        data = HeadData()
        others = [
            (
                f"corpus:{r}",
                {
                    "label": lambda y, g: 0 if y == 0 else None,
                    "weight": 0.5,
                    "test": False,
                },
            )
            for r in D.corpus_rules()
            if r != rule
        ]
        _all(
            [
                (f"corpus:{rule}", {"weight": 3.0}),
                *(extra or []),
                *GENERIC_NEGATIVES,
                *others,
                # other rules' hits (unless related) as negatives: an insult
                # is not a suicide method, a drug offer is not hate
                (f"corpus_cross:{rule}", {"weight": 1.0, "test": False}),
                *(
                    []
                    if rule
                    in ("violence", "extremism", "trolling", "publisher-disrespect")
                    else [OLID_OFFENSIVE_AS_NEGATIVE]
                ),
            ],
            loader,
            data,
        )
        return data

    recipe.__doc__ = f"corpus:{rule} + generic negatives"
    return recipe


#: Share of offensive comments assumed for a news comment section when judging
#: the toxicity head's precision targets: its validation mix (OLID, Davidson,
#: Jigsaw) is 35-80% offensive, so precision measured on it as it is would let
#: the hold band reach a fifth of ordinary comments.  The other heads' mixes
#: are 4-13% positive and are judged as they are.
PRIOR = 0.1

SPECS: tuple[HeadSpec, ...] = (
    HeadSpec(
        "spam", ("spam", "commercial"), spam, use_chars=True, c=16.0, val_prior=0.05,  # C chosen on validation (mean F1 0.942 vs 0.917 at C=4)
        summary="Spam, prize and investment scams, chat spam and mass advertising (SMS Spam Collection, Instagram scam comments, Telegram chat spam, our comment-spam corpus).",
        weaknesses="SMS domain; SEO link spam in comment style needs the engine's link signals.",
    ),
    HeadSpec("violence", ("violence",), corpus_head("violence", [("ethos", {"label": lambda y, g: 1 if g == "violence" else None, "test": False})]),
             summary="Descriptions of violence and cruelty to animals, incitement to violence.",
             weaknesses="News discussion of wars and crimes is close; learnt from a few hundred hand-written cases."),
    HeadSpec("suicide", ("suicide",), corpus_head("suicide"),
             summary="Suicide methods or incitement (e.g. 'kys').",
             weaknesses="Learnt from a few hundred hand-written cases; personal disclosures are handled as hard negatives."),
    HeadSpec("drugs", ("drugs",), corpus_head("drugs"),
             summary="Promotion, sale or instructions for narcotic and psychotropic substances.",
             weaknesses="Learnt from a few hundred hand-written cases; policy debate about drugs is a hard negative."),
    HeadSpec("minors", ("minors",), corpus_head("minors"), summary="Content harming minors.", weaknesses="Small hand-written corpus."),
    HeadSpec("extremism", ("extremism",), corpus_head("extremism"), summary="Extremist ideas, calls for illegal activity.", weaknesses="Small hand-written corpus."),
    HeadSpec("promotion", ("promotion",), val_prior=0.05, recipe=corpus_head("promotion", [("instagram_scam", {"label": lambda y, g: 1 if y == 1 else None, "sample": 600, "weight": 0.5, "test": False})]),
             summary="Unauthorised promotion of third-party products, services, accounts and channels.", weaknesses="Hand-written corpus plus Instagram scam comments (account pushing)."),
    HeadSpec("commercial", ("commercial",), val_prior=0.02, recipe=corpus_head("commercial", [("sms_spam", {"label": lambda y, g: 1 if y == 1 else None, "sample": 300, "weight": 0.5, "test": False})]),
             summary="Commercial goals, improper or political advertising.", weaknesses="Small hand-written corpus plus SMS spam."),
    HeadSpec("publisher_disrespect", ("publisher-disrespect",), corpus_head("publisher-disrespect", [("olid", {"label": lambda y, g: 1 if g.endswith("OTH") else None, "weight": 0.5, "test": False})]),
             summary="Insults or disrespect aimed at the publisher or its journalists.", weaknesses="Small hand-written corpus; OLID 'OTH' target as a proxy."),
    HeadSpec("trolling", ("trolling",), corpus_head("trolling"), summary="Aggressive, humiliating or provocative etiquette breaches.", weaknesses="Small hand-written corpus; evaluated on ELF (eval only)."),
)  # fmt: skip


def available_specs() -> list[HeadSpec]:
    """Corpus heads only when their corpus exists."""
    rules = set(D.corpus_rules())
    out = []
    for spec in SPECS:
        doc = spec.recipe.__doc__ or ""
        if doc.startswith("corpus:") and doc.split()[0].split(":", 1)[1] not in rules:
            continue
        out.append(spec)
    return out
