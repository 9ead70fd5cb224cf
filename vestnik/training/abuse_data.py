"""The abuse model's training mixture: every set that speaks to an abuse task,
labelled per task.

One table of `MultiRow`s: a text, a label per task (1, 0 or None = the set
says nothing about it), a target group for hateful rows, a weight, a split
and a contrast-pair id.  Splits follow `vestnik.training.datasets` (official
test sets, hash splits, our corpora's ``split: test`` rows): test rows are
returned for measurement only and never trained on.

``profanity`` is labelled by the profanity lexicon on the clean text (a
profane word, mild ones excluded): the rule means profane *language*, not
toxicity in general, so the model learns the lexicon's sense and, through
perturbation augmentation, its disguised and contextual forms.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vestnik.engine.slurs import TARGET_GROUPS
from vestnik.training import datasets as D
from vestnik.training.synthetic import abuse as synthetic
from vestnik.training.synthetic import compose

#: Binary outputs of the abuse model, in logit order; the target-group classes
#: (`TARGET_GROUPS`) follow them as ``target:<group>``.
TASKS: tuple[str, ...] = (
    "hate",
    "insult",
    "threat",
    "profanity",
    "violence",
    "extremism",
    "trolling",
    # offensive language in OLID's sense (profanity or a targeted offence):
    # measured on OLID level A, and the general score behind Perspective's
    # TOXICITY attribute; no rule reads it alone
    "toxicity",
)
OUTPUTS: tuple[str, ...] = TASKS + tuple(f"target:{g}" for g in TARGET_GROUPS)
#: Lexicon score from which a word counts as profane (mild words, "crap",
#: "damn", score 0.35, do not).
PROFANE_AT = 0.5

Labels = dict[str, int | None]


@dataclass
class MultiRow:
    text: str
    labels: Labels
    source: str
    split: str  # train / val / test
    target: int = -1  # index into TARGET_GROUPS for hateful rows, else -1
    weight: float = 1.0
    pair: str = ""
    family: str = ""


@dataclass
class Mixture:
    rows: list[MultiRow] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    def split(self, name: str) -> list[MultiRow]:
        return [r for r in self.rows if r.split == name]


def _labels(**given: int | None) -> Labels:
    out: Labels = dict.fromkeys(TASKS)
    out.update(given)
    return out


def _clean(**given: int | None) -> Labels:
    """Every abuse task 0 (an ordinary comment), then ``given``."""
    out: Labels = dict.fromkeys(TASKS, 0)
    out["profanity"] = None
    out.update(given)
    return out


_TOXIGEN_TARGETS = {
    "asian": "asian",
    "black": "black",
    "chinese": "asian",
    "jewish": "jewish",
    "latino": "latino",
    "mexican": "latino",
    "middle_east": "arab",
    "muslim": "muslim",
    "native_american": "indigenous",
    "immigrant": "immigrant",
    "lgbtq": "lgbq",
    "bisexual": "lgbq",
    "mental_disability": "disabled",
    "physical_disability": "disabled",
    "women": "women",
}
_CROWD_TARGETS = {
    "African": "black",
    "Islam": "muslim",
    "Jewish": "jewish",
    "Women": "women",
    "Arab": "arab",
    "Homosexual": "lgbq",
    "Refugee": "immigrant",
    "Hispanic": "latino",
    "Asian": "asian",
    "Christian": "christian",
    "Indigenous": "indigenous",
    "Hindu": "hindu",
    "Disability": "disabled",
    "Indian": "south_asian",
    "Caucasian": "other",
    "Men": "other",
    "Minority": "other",
    "Heterosexual": "other",
}


def _target(group: str) -> int:
    return TARGET_GROUPS.index(group) if group in TARGET_GROUPS else -1


def _from_examples(
    mix: Mixture,
    ex: D.Examples,
    label: Callable[[int, str], Labels | None],
    weight: float = 1.0,
    target: Callable[[int, str], str] | None = None,
    cap: dict[str, int] | None = None,
    by_text: Callable[[str, int, str], Labels | None] | None = None,
) -> None:
    """Rows of a `datasets` reader, relabelled per task by ``label(y, group)``
    (None drops the row); ``cap`` limits train rows (seeded by hash order)."""
    mix.files.update(ex.files)
    rows = list(zip(ex.texts, ex.labels, ex.splits, ex.groups, strict=True))
    if cap:
        import hashlib

        rows.sort(
            key=lambda r: hashlib.sha1(r[0].encode(), usedforsecurity=False).hexdigest()
        )
    counts: dict[str, int] = {}
    for text, y, split, group in rows:
        labels = by_text(text, y, group) if by_text else label(y, group)
        if labels is None:
            continue
        if cap and split in cap:
            if counts.get(split, 0) >= cap[split]:
                continue
            counts[split] = counts.get(split, 0) + 1
        t = _target(target(y, group)) if target and labels.get("hate") == 1 else -1
        mix.rows.append(MultiRow(text, labels, ex.name, split, t, weight))


def _davidson(y: int, group: str) -> Labels:
    if group == "0":  # hate
        return _labels(hate=1, threat=None, toxicity=1)
    if group == "1":  # offensive, not hate
        return _labels(hate=0, extremism=0, toxicity=1)
    return _clean()


def _davidson_row(text: str, y: int, group: str) -> Labels:
    """Davidson's "offensive" class holds many slurs and group insults that its
    annotators did not call hate ("bitches", "f*gs"); a slur aimed at a group
    is hate in our standards, so on those rows hate is left unjudged rather
    than taught as "not hate"."""
    labels = _davidson(y, group)
    if group == "1" and _names_a_group(text):
        labels["hate"] = None
    return labels


def _names_a_group(text: str) -> bool:
    from vestnik.engine.deobfuscate import read
    from vestnik.engine.slurs import GROUP_TERMS, slur_group

    words = read(text).text.casefold().replace("'", " ").split()
    return any(
        slur_group(w.strip('.,!?"')) or w.strip('.,!?"') in GROUP_TERMS for w in words
    )


def _olid(y: int, group: str) -> Labels:
    if group == "NOT":
        return _clean()
    if group.startswith("TIN"):
        # a targeted insult or threat; at an individual or an organisation it
        # is not hate, at a group it may be
        hate = None if group.endswith("GRP") else 0
        return _labels(insult=1, hate=hate, extremism=0, toxicity=1)
    # UNT: untargeted offence (mostly profanity)
    return _labels(insult=0, hate=0, threat=0, extremism=0, toxicity=1)


def _binary_hate(y: int, group: str) -> Labels:
    return _labels(hate=y, toxicity=1 if y else None)


def _ethos(y: int, group: str) -> Labels:
    return _labels(
        hate=y, threat=1 if group == "violence" else None, toxicity=1 if y else None
    )


def toxigen_rows(mix: Mixture) -> None:
    """ToxiGen demonstrations: implicit hate vs neutral, target from the file."""
    base = D.data_dir() / "toxigen_demonstrations" / "demonstrations"
    for path in sorted(base.rglob("*.txt")):
        mix.files[str(path.relative_to(D.data_dir()))] = D.file_sha(path)
        stem = path.stem.removesuffix("_sentences")
        kind, _, name = stem.partition("_")
        hateful = kind == "hate"
        group = _TOXIGEN_TARGETS.get(name, "other")
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip().lstrip("- ").strip()
            if not text:
                continue
            labels = (
                _labels(hate=1, toxicity=1)
                if hateful
                else _clean(trolling=None, toxicity=None)
            )
            mix.rows.append(
                MultiRow(
                    text,
                    labels,
                    "toxigen_demonstrations",
                    D.hash_split(text),
                    _target(group) if hateful else -1,
                )
            )


def crowdcounter_rows(mix: Mixture) -> None:
    """CrowdCounter: hateful Gab posts (with targets) and crowd-written
    counter-speech replies.  A post belongs to the test split when any of its
    replies is in ``Test.json`` (so no post is trained on and tested), else
    to val when one is in ``Val.json``."""
    base = D.data_dir() / "crowdcounter_counterspeech" / "Datasets" / "CrowdCounter"
    split_of: dict[str, str] = {}
    for name, split in (
        ("Train.json", "train"),
        ("Val.json", "val"),
        ("Test.json", "test"),
    ):
        path = base / name
        mix.files[str(path.relative_to(D.data_dir()))] = D.file_sha(path)
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            post = row["hatespeech"].strip()
            order = {"train": 0, "val": 1, "test": 2}
            if order[split] >= order.get(split_of.get(post, "train"), 0):
                split_of[post] = split
    path = base / "Final_Dataset_additional_context.json"
    mix.files[str(path.relative_to(D.data_dir()))] = D.file_sha(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data.values():
        post = str(item["post"]).strip()
        split = split_of.get(post) or D.hash_split(post, 0.3, 0.1, salt="crowd")
        targets = [t for t in item.get("targets") or [] if t in _CROWD_TARGETS]
        group = _CROWD_TARGETS[targets[0]] if targets else "other"
        mix.rows.append(
            MultiRow(
                post,
                _labels(hate=1, toxicity=1),
                "crowdcounter:post",
                split,
                _target(group),
            )
        )
        for reply in (item.get("counterspeech_post") or {}).values():
            text = str(reply.get("counterspeech", "")).strip()
            if text:
                mix.rows.append(
                    MultiRow(
                        text,
                        _labels(hate=0, threat=0, extremism=0, violence=0),
                        "crowdcounter:reply",
                        split,
                        pair=f"crowd:{item.get('id')}",
                    )
                )


def synthetic_rows(mix: Mixture, with_compose: bool = False) -> None:
    """Our generated functional training data (vestnik/training/synthetic):
    validation holds out whole templates, so it measures new wording."""
    mix.files["generated:synthetic_abuse"] = synthetic.fingerprint()
    generated = synthetic.rows()
    if with_compose:  # the focus stage's data (abuse_model.focus_rows)
        mix.files["generated:compose_abuse"] = compose.fingerprint()
        generated += compose.rows()
    for row in generated:
        # compositional rows share a few template ids: hold out whole pairs
        key = (
            (row.pair or row.text)
            if row.template.startswith("compose")
            else row.template
        )
        split = D.hash_split(key, test=0.0, val=0.12, salt="synthetic")
        labels: Labels = dict.fromkeys(TASKS)
        labels.update(row.labels)
        offensive = any(labels.get(t) == 1 for t in ("hate", "insult", "threat"))
        harmless = row.family.split(":")[-1] in ("neutral", "positive", "report")
        labels["toxicity"] = 1 if offensive else (0 if harmless else None)
        target = _target(row.target) if row.labels.get("hate") == 1 else -1
        mix.rows.append(
            MultiRow(
                row.text,
                labels,
                "synthetic",
                split,
                target,
                pair=row.pair,
                family=row.family,
            )
        )


#: Our hand-written corpora: which task a corpus's hits are, and which tasks
#: its hits say nothing about (the rest are negatives, like its non-hits).
_CORPORA: dict[str, tuple[str, tuple[str, ...]]] = {
    "hate": ("hate", ("insult", "trolling", "extremism", "violence", "threat")),
    "insult-threat": ("insult", ("hate", "threat", "trolling", "violence")),
    "violence": ("violence", ("insult", "threat", "extremism", "hate", "trolling")),
    "extremism": ("extremism", ("violence", "hate", "threat", "insult")),
    "trolling": ("trolling", ("insult", "hate")),
}
_OTHER_CORPORA = (
    "publisher-disrespect",
    "drugs",
    "suicide",
    "minors",
    "promotion",
    "commercial",
    "spam",
)


def corpus_rows(mix: Mixture) -> None:
    for rule, (task, related) in _CORPORA.items():
        ex = D.corpus(rule)
        mix.files.update(ex.files)
        for text, y, split, _group in zip(
            ex.texts, ex.labels, ex.splits, ex.groups, strict=True
        ):
            if y == 1:
                labels = _clean(**{task: 1}, **dict.fromkeys(related), toxicity=None)
            else:
                labels = _clean(toxicity=None)
            mix.rows.append(MultiRow(text, labels, f"corpus:{rule}", split, weight=2.0))
    # the other rules' corpora: abuse-free comments, hits included (a drug
    # offer is not hate), except where a hit may also insult or troll
    for rule in _OTHER_CORPORA:
        ex = D.corpus(rule)
        mix.files.update(ex.files)
        for text, y, split, _group in zip(
            ex.texts, ex.labels, ex.splits, ex.groups, strict=True
        ):
            loose = y == 1 and rule in ("publisher-disrespect", "suicide", "minors")
            labels = (
                _clean(insult=None, trolling=None, violence=None, toxicity=None)
                if loose
                else _clean(toxicity=None)
            )
            mix.rows.append(MultiRow(text, labels, f"corpus:{rule}", split, weight=0.5))


#: Perspective attributes in moderators' feedback (`vestnik feedback export`)
#: -> the abuse model's task they label.
FEEDBACK_TASKS = {
    "TOXICITY": "toxicity",
    "IDENTITY_ATTACK": "hate",
    "INSULT": "insult",
    "THREAT": "threat",
    "PROFANITY": "profanity",
    "OBSCENE": "profanity",
    "INFLAMMATORY": "trolling",
}


def feedback_rows(mix: Mixture, folder: Path | None = None) -> None:
    """Moderators' labels sent through `comments:suggestscore`, exported by
    `vestnik feedback export` to $VESTNIK_DATA_DIR/feedback/*.jsonl. A label
    (value >= 0.5 is 1) speaks for its own task only; the others stay unknown."""
    folder = folder or D.data_dir() / "feedback"
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.jsonl")):
        mix.files[str(path)] = D.file_sha(path)
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            task = FEEDBACK_TASKS.get(str(row.get("attribute", "")))
            text = str(row.get("text", "")).strip()
            if task is None or not text:
                continue
            label = 1 if float(row.get("value", 0)) >= 0.5 else 0
            mix.rows.append(
                MultiRow(text, _labels(**{task: label}), "feedback", D.hash_split(text))
            )


CIVIL_CRITICISM = (
    D.REPO_ROOT / "tests" / "engine" / "corpus_negatives" / "civil_criticism.jsonl"
)

_BREAKS_TO_TASK = {
    "hate": "hate",
    "insult-threat": "insult",
    "profanity": "profanity",
    "violence": "violence",
    "extremism": "extremism",
    "trolling": "trolling",
}


def civil_criticism_rows(mix: Mixture, path: Path = CIVIL_CRITICISM) -> None:
    """Harsh civil criticism (label 0: no abuse task fires) and its
    line-crossing twins, from our corpus (its test split is measurement only)."""
    if not path.is_file():
        return
    mix.files[str(path.relative_to(D.REPO_ROOT))] = D.file_sha(path)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        split = "test" if row.get("split") == "test" else D.train_val(row["text"], 0.15)
        if int(row.get("label", 0)) == 0:
            labels = _clean(toxicity=None)
        else:
            breaks = [
                _BREAKS_TO_TASK[b]
                for b in row.get("breaks", [])
                if b in _BREAKS_TO_TASK
            ]
            labels = _labels(**dict.fromkeys(breaks, 1), toxicity=1)
            labels["hate"] = int("hate" in breaks)
        pair = f"civil:{row['pair']}" if row.get("pair") is not None else ""
        mix.rows.append(
            MultiRow(
                row["text"], labels, "civil_criticism", split, weight=2.0, pair=pair
            )
        )


def _mark_profanity(rows: Iterable[MultiRow]) -> None:
    from vestnik.engine.detectors.profanity_lexicon import ProfanityLexiconDetector
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

    detector = ProfanityLexiconDetector()
    ctx = Context()
    for row in rows:
        findings = detector.detect(Document(row.text), ctx)
        row.labels["profanity"] = int(any(f.score >= PROFANE_AT for f in findings))


def build(limit: int | None = None, with_compose: bool = False) -> Mixture:
    """The whole mixture (``limit``: at most that many train rows per source,
    for tests).  ``with_compose`` adds the compositional rows
    (`synthetic.compose`) that the focus stage trains on; the mixture the
    shipped model was trained and calibrated on has none."""
    mix = Mixture()
    synthetic_rows(mix, with_compose)
    _from_examples(
        mix,
        D.davidson(),
        _davidson,
        weight=0.7,
        cap={"train": 7000, "val": 1500},
        by_text=_davidson_row,
    )
    _from_examples(mix, D.olid(), _olid)
    _from_examples(mix, D.fox_news()[0], _binary_hate)
    _from_examples(mix, D.ethos(), _ethos)
    toxigen_rows(mix)
    _from_examples(mix, D.stormfront(), _binary_hate, weight=0.5)
    crowdcounter_rows(mix)
    _from_examples(
        mix,
        D.jigsaw_real(),
        lambda y, g: _clean() if y == 0 else _labels(toxicity=1),
    )
    _from_examples(
        mix,
        D.identity_counterfactuals(),
        lambda y, g: (
            _clean()
            if y == 0
            else (
                _labels(hate=1, threat=0, toxicity=1)
                if g == "hate"
                else _labels(insult=1, toxicity=1)
            )
        ),
        weight=1.0,
    )
    _from_examples(
        mix,
        D.threats(),
        lambda y, g: _labels(
            threat=1, insult=1, hate=0, extremism=0, trolling=None, toxicity=1
        ),
    )
    _from_examples(mix, D.benign_news(), lambda y, g: _clean(), weight=1.5)
    _from_examples(
        mix,
        D.sarcasm(),
        lambda y, g: _clean(insult=None, trolling=None, toxicity=None),
        weight=0.5,
        cap={"train": 1500, "val": 300},
    )
    corpus_rows(mix)
    civil_criticism_rows(mix)
    feedback_rows(mix)
    if limit is not None:
        kept: list[MultiRow] = []
        counts: dict[tuple[str, str], int] = {}
        for row in mix.rows:
            key = (row.source, row.split)
            if counts.get(key, 0) < limit:
                counts[key] = counts.get(key, 0) + 1
                kept.append(row)
        mix.rows = kept
    _mark_profanity(mix.rows)
    return mix


def describe(mix: Mixture) -> dict[str, Any]:
    """Rows and positives per source, split and task (for the model card)."""
    out: dict[str, Any] = {}
    for row in mix.rows:
        entry = out.setdefault(row.source, {}).setdefault(
            row.split, {"rows": 0, **dict.fromkeys(TASKS, 0)}
        )
        entry["rows"] += 1
        for task in TASKS:
            if row.labels.get(task) == 1:
                entry[task] += 1
    return out
