"""TrollingClassifier: the trained `trolling` head scoring rule `trolling`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.head import TrainedHeadDetector


@dataclass(frozen=True)
class TrollingClassifier(TrainedHeadDetector):
    """Flags aggressive, humiliating or provocative behaviour (rule `trolling`).

    Catches etiquette breaches: baiting, humiliation, aggression. Known false positives: heated but civil
    disagreement. Evaluated on tests/engine/corpus/trolling.jsonl and ELF trolling (eval only) (models/trolling.md).
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "trolling_classifier"
    rule: ClassVar[str] = "trolling"
    head_name: ClassVar[str] = "trolling"
    what: ClassVar[str] = "aggressive, humiliating or provocative behaviour"
