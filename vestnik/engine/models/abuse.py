"""The abuse model's outputs as rule scores: calibration, thresholds, evidence.

The fine-tuned encoder (see `vestnik.engine.encoder`, trained by
`vestnik train --encoder`) gives one logit per output in the same pass as the
embeddings: ``hate``, ``insult``, ``threat``, ``profanity``, ``violence``,
``extremism``, ``trolling``, ``toxicity`` and the target-group classes
``target:<group>``.  ``abuse.json`` beside the weights holds, per task, the
Platt calibration fitted on validation rows the model never trained on and
the reject / hold thresholds chosen there (the model card ``abuse.md`` says
how and what they measure).

    probability = sigmoid(a * logit + b)

`AbuseTaskDetector` is the base of the detectors that score a rule from one
or more of these outputs (hate_classifier, insult_classifier, ...).
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from vestnik.engine.models.head import DIM, align
from vestnik.engine.types import Finding, Span

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

MODELS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class TaskCalibration:
    a: float
    b: float
    threshold: float
    hold_threshold: float

    def probability(self, logit: float) -> float:
        z = max(-40.0, min(40.0, self.a * logit + self.b))
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class AbuseModel:
    """``abuse.json``: output names, per-task calibration, the file digest."""

    meta: dict[str, Any]

    @property
    def outputs(self) -> tuple[str, ...]:
        return tuple(self.meta.get("outputs", ()))

    @property
    def version(self) -> str:
        return f"abuse@{self.meta.get('digest', '?')}"

    def calibration(self, task: str) -> TaskCalibration:
        cal = self.meta.get("calibration", {}).get(task)
        if cal is None:
            raise KeyError(f"the abuse model has no calibration for {task!r}")
        a, b = cal["platt"]
        return TaskCalibration(
            float(a), float(b), float(cal["threshold"]), float(cal["hold_threshold"])
        )

    def index(self, output: str) -> int:
        return self.outputs.index(output)


_LOCK = threading.Lock()
_MODELS: dict[str, AbuseModel] = {}


def meta_path() -> Path:
    """``abuse.json`` beside the weights in force (`encoder.task_model_path`)."""
    from vestnik.engine.encoder import SHIPPED_TASK_MODEL, task_model_path

    weights = task_model_path() or SHIPPED_TASK_MODEL
    return weights.with_name("abuse.json")


def load_abuse_model() -> AbuseModel:
    path = meta_path()
    key = str(path)
    model = _MODELS.get(key)
    if model is None:
        with _LOCK:
            model = _MODELS.get(key)
            if model is None:
                model = AbuseModel(json.loads(path.read_text(encoding="utf-8")))
                _MODELS[key] = model
    return model


def target_group(logits: dict[str, float]) -> str | None:
    """The most likely target group (never ``none``), or None without logits."""
    groups = {
        name.split(":", 1)[1]: value
        for name, value in logits.items()
        if name.startswith("target:") and name != "target:none"
    }
    if not groups:
        return None
    return max(groups, key=lambda g: groups[g])


@dataclass(frozen=True)
class AbuseTaskDetector:
    """Scores one rule from the abuse model's calibrated outputs.

    Subclasses set ``name``, ``rule``, ``tasks`` (the outputs whose strongest
    calibrated probability is the rule score) and ``what``.  ``fire_at`` /
    ``hold_at`` map each task's own thresholds onto the rule's (`align`), so
    several tasks and detectors can share a rule.  Evidence: the sentences
    that score at least the hold threshold on their own (multi-sentence
    comments), else the whole comment.
    """

    name: ClassVar[str] = "abuse_task"
    rule: ClassVar[str] = ""
    tasks: ClassVar[tuple[str, ...]] = ()
    what: ClassVar[str] = ""
    needs_embedding: ClassVar[bool] = True
    min_report: ClassVar[float] = 0.1
    fire_at: float = 0.8
    hold_at: float = 0.5

    def load(self) -> AbuseModel:
        return load_abuse_model()

    @property
    def version(self) -> str:
        from vestnik.engine.encoder import describe

        return f"{self.load().version} on {describe()}"

    def probabilities(self, doc: Document) -> dict[str, float]:
        """Calibrated probability per task of this detector (0 without logits)."""
        logits = doc.task_logits or {}
        model = self.load()
        return {
            task: model.calibration(task).probability(logits[task])
            if task in logits
            else 0.0
            for task in self.tasks
        }

    def aligned(self, task: str, p: float) -> float:
        cal = self.load().calibration(task)
        return align(p, cal.threshold, cal.hold_threshold, self.fire_at, self.hold_at)

    def flags(self, doc: Document) -> bool:
        """Whether any task reaches its hold threshold (the comments whose
        evidence needs sentence embeddings)."""
        model = self.load()
        return any(
            p >= model.calibration(t).hold_threshold
            for t, p in self.probabilities(doc).items()
        )

    def sentence_probabilities(self, doc: Document, task: str) -> list[float] | None:
        """Per-sentence calibrated probabilities of ``task`` (multi-sentence
        comments only), computed on demand."""
        if len(doc.sentences) < 2:
            return None
        from vestnik.engine.encoder import ensure_sentence_embeddings

        rows = ensure_sentence_embeddings(doc)
        model = self.load()
        if rows is None or len(rows) < 2 or rows.shape[1] <= 2 * DIM:
            return None
        column = 2 * DIM + model.index(task)
        cal = model.calibration(task)
        return [cal.probability(float(v)) for v in np.asarray(rows)[:, column]]

    def evidence(self, doc: Document, task: str) -> tuple[Span, ...]:
        whole = (doc.to_original(0, len(doc.normalized)),)
        per_sentence = self.sentence_probabilities(doc, task)
        if not per_sentence:
            return whole
        hold = self.load().calibration(task).hold_threshold
        spans = doc.sentences[: len(per_sentence)]
        hits = [
            doc.to_original(s, e)
            for (s, e), p in zip(spans, per_sentence, strict=True)
            if p >= hold
        ]
        return tuple(hits) or whole

    def explain(self, doc: Document, task: str, score: float) -> str:
        return f"{self.what} (classifier score {score:.2f})"

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        if doc.task_logits is None:  # no embedding: the pipeline says why
            return []
        missing = [t for t in self.tasks if t not in doc.task_logits]
        if missing:
            # the encoder runs without the abuse model (VESTNIK_TASK_MODEL=none
            # or a file without these outputs): refuse to judge rather than
            # publish unseen; the pipeline turns this into a hold
            raise LookupError(f"the abuse model gives no {', '.join(missing)} output")
        probs = self.probabilities(doc)
        if not probs:
            return []
        scores = {task: self.aligned(task, p) for task, p in probs.items()}
        task = max(scores, key=lambda t: scores[t])
        score = scores[task]
        if score < self.min_report:
            return []
        spans = (
            self.evidence(doc, task)
            if probs[task] >= self.load().calibration(task).hold_threshold
            else (doc.to_original(0, len(doc.normalized)),)
        )
        return [
            Finding(
                rule=self.rule,
                detector=self.name,
                score=round(score, 4),
                explanation=self.explain(doc, task, score),
                spans=spans,
                code=task,
                data={
                    "model": self.load().version,
                    **{t: round(p, 4) for t, p in probs.items()},
                    **self.details(doc, task),
                },
            )
        ]

    def details(self, doc: Document, task: str) -> dict[str, object]:
        return {}
