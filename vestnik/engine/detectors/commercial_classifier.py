"""CommercialClassifier: the trained `commercial` head scoring rule `commercial`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.models.head import TrainedHeadDetector
from vestnik.engine.spam_warning import WARNING_DAMPING, warns_about_spam

if TYPE_CHECKING:
    from vestnik.engine.text import Document


@dataclass(frozen=True)
class CommercialClassifier(TrainedHeadDetector):
    """Flags commercial content or improper advertising (rule `commercial`).

    Catches advertising and commercial solicitations (incl. political advertising). Known false positives:
    readers recommending a product in passing. Evaluated on tests/engine/corpus/commercial.jsonl (models/commercial.md).
    A comment that warns about the spam it quotes (`vestnik.engine.spam_warning`)
    has its score halved, as the lexicon's is.
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "commercial_classifier"
    rule: ClassVar[str] = "commercial"
    head_name: ClassVar[str] = "commercial"
    what: ClassVar[str] = "commercial content or improper advertising"

    def score(self, doc: Document) -> float:
        score = super().score(doc)
        return score * WARNING_DAMPING if warns_about_spam(doc) else score
