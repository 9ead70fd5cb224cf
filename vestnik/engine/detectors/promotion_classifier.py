"""PromotionClassifier: the trained `promotion` head scoring rule `promotion`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.models.head import TrainedHeadDetector
from vestnik.engine.spam_warning import WARNING_DAMPING, warns_about_spam

if TYPE_CHECKING:
    from vestnik.engine.text import Document


@dataclass(frozen=True)
class PromotionClassifier(TrainedHeadDetector):
    """Flags promotion of a third party's products or services (rule `promotion`).

    Catches unauthorised promotion of third parties. Known false positives: honest mentions of brands
    in discussion. Evaluated on tests/engine/corpus/promotion.jsonl (models/promotion.md).
    A comment that warns about the spam it quotes (`vestnik.engine.spam_warning`)
    has its score halved, as the lexicon's is.
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "promotion_classifier"
    rule: ClassVar[str] = "promotion"
    head_name: ClassVar[str] = "promotion"
    what: ClassVar[str] = "promotion of a third party's products or services"

    def score(self, doc: Document) -> float:
        score = super().score(doc)
        return score * WARNING_DAMPING if warns_about_spam(doc) else score
