"""ViolenceClassifier: the trained `violence` head scoring rule `violence`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.head import TrainedHeadDetector


@dataclass(frozen=True)
class ViolenceClassifier(TrainedHeadDetector):
    """Flags a description of violence or cruelty to animals (rule `violence`).

    Catches graphic descriptions of violence, cruelty to animals and incitement to violence.
    Known false positives: news discussion of wars and crimes (hard negatives in the corpus).
    Evaluated on tests/engine/corpus/violence.jsonl (test split) (models/violence.md).
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "violence_classifier"
    rule: ClassVar[str] = "violence"
    head_name: ClassVar[str] = "violence"
    what: ClassVar[str] = "a description of violence or cruelty to animals"
