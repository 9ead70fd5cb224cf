"""HateClassifier: the trained `hate` head scoring rule `hate`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.head import TrainedHeadDetector


@dataclass(frozen=True)
class HateClassifier(TrainedHeadDetector):
    """Flags hatred or discrimination against a group (rule `hate`).

    Catches explicit and some implicit hate against groups (race, ethnicity, religion, gender,
    sexuality, disability). Known false positives: counter-speech quoting slurs, reclaimed words,
    comments that merely name an identity (checked: identity-term FPR on jigsaw_bias_eval_sets).
    Evaluated on held-out Davidson, Fox News, ETHOS, ToxiGen and Stormfront splits (models/hate.md).
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "hate_classifier"
    rule: ClassVar[str] = "hate"
    head_name: ClassVar[str] = "hate"
    what: ClassVar[str] = "hatred or discrimination against a group"
