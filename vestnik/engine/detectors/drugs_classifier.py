"""DrugsClassifier: the trained `drugs` head scoring rule `drugs`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.head import TrainedHeadDetector


@dataclass(frozen=True)
class DrugsClassifier(TrainedHeadDetector):
    """Flags promotion of or instructions for narcotic substances (rule `drugs`).

    Catches offers, promotion and how-to for narcotic and psychotropic substances. Known false
    positives: drug-policy debate and medical news (hard negatives in the corpus).
    Evaluated on tests/engine/corpus/drugs.jsonl (test split) (models/drugs.md).
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "drugs_classifier"
    rule: ClassVar[str] = "drugs"
    head_name: ClassVar[str] = "drugs"
    what: ClassVar[str] = "promotion of or instructions for narcotic substances"
