"""ExtremismClassifier: the trained `extremism` head scoring rule `extremism`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.head import TrainedHeadDetector


@dataclass(frozen=True)
class ExtremismClassifier(TrainedHeadDetector):
    """Flags extremist ideas or calls for illegal activity (rule `extremism`).

    Catches extremist propaganda and calls for illegal action. Known false positives: reporting
    on extremism, history. Evaluated on tests/engine/corpus/extremism.jsonl (test split) (models/extremism.md).
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "extremism_classifier"
    rule: ClassVar[str] = "extremism"
    head_name: ClassVar[str] = "extremism"
    what: ClassVar[str] = "extremist ideas or calls for illegal activity"
