"""MinorsClassifier: the trained `minors` head scoring rule `minors`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.head import TrainedHeadDetector


@dataclass(frozen=True)
class MinorsClassifier(TrainedHeadDetector):
    """Flags content harming minors (rule `minors`).

    Catches content that sexualises, endangers or harms children. Known false positives: child-protection
    news and parenting talk. Evaluated on tests/engine/corpus/minors.jsonl (test split) (models/minors.md).
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "minors_classifier"
    rule: ClassVar[str] = "minors"
    head_name: ClassVar[str] = "minors"
    what: ClassVar[str] = "content harming minors"
