"""InsultClassifier: the trained `insult` head scoring rule `insult-threat`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.head import TrainedHeadDetector


@dataclass(frozen=True)
class InsultClassifier(TrainedHeadDetector):
    """Flags an insult or threat aimed at a person or group (rule `insult-threat`).

    Catches targeted insults and threats (OLID level B 'TIN'). Known false positives: rough banter,
    sarcasm, quoted insults. Evaluated on the OLID test set and jigsaw real comments (models/insult.md).
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "insult_classifier"
    rule: ClassVar[str] = "insult-threat"
    head_name: ClassVar[str] = "insult"
    what: ClassVar[str] = "an insult or threat aimed at a person or group"
