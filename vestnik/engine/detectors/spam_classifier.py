"""SpamClassifier: the trained `spam` head scoring rule `spam`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.head import TrainedHeadDetector


@dataclass(frozen=True)
class SpamClassifier(TrainedHeadDetector):
    """Flags spam, a prize scam or a get-rich-quick offer (rule `spam`).

    Catches spam and scams in the style of the SMS Spam Collection, complementing the engine's
    link and phone-number signals. Known false positives: genuine offers shared in discussion.
    Evaluated on the SMS Spam Collection test split (models/spam.md).
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "spam_classifier"
    rule: ClassVar[str] = "spam"
    head_name: ClassVar[str] = "spam"
    what: ClassVar[str] = "spam, a prize scam or a get-rich-quick offer"
