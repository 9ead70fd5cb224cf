"""ProfanityClassifier: the trained `toxicity` head scoring rule `profanity`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.head import TrainedHeadDetector


@dataclass(frozen=True)
class ProfanityClassifier(TrainedHeadDetector):
    """Flags offensive language in context (rule `profanity`).

    The contextual complement to the profanity lexicon: offensive language including masked and
    misspelt forms (character n-grams). Known false positives: quoted abuse, reclaimed words.
    Evaluated on the OLID level A test set and SFU comments (eval only) (models/toxicity.md).
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "profanity_classifier"
    rule: ClassVar[str] = "profanity"
    head_name: ClassVar[str] = "toxicity"
    what: ClassVar[str] = "offensive language in context"
