"""CommercialClassifier: the trained `commercial` head scoring rule `commercial`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.head import TrainedHeadDetector


@dataclass(frozen=True)
class CommercialClassifier(TrainedHeadDetector):
    """Flags commercial content or improper advertising (rule `commercial`).

    Catches advertising and commercial solicitations (incl. political advertising). Known false positives:
    readers recommending a product in passing. Evaluated on tests/engine/corpus/commercial.jsonl (models/commercial.md).
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "commercial_classifier"
    rule: ClassVar[str] = "commercial"
    head_name: ClassVar[str] = "commercial"
    what: ClassVar[str] = "commercial content or improper advertising"
