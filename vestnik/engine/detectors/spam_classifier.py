"""SpamClassifier: the trained `spam` head scoring rule `spam`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.models.head import TrainedHeadDetector
from vestnik.engine.spam_warning import WARNING_DAMPING, warns_about_spam

if TYPE_CHECKING:
    from vestnik.engine.text import Document


@dataclass(frozen=True)
class SpamClassifier(TrainedHeadDetector):
    """Flags spam, a prize scam or a get-rich-quick offer (rule `spam`).

    Catches spam and scams in the style of the SMS Spam Collection, complementing the engine's
    link and phone-number signals. Known false positives: genuine offers shared in discussion.
    Evaluated on the SMS Spam Collection test split (models/spam.md).
    A comment that warns about the spam it quotes (`vestnik.engine.spam_warning`)
    has its score halved, as the lexicon's is.
    Latency: one dot product on the shared embedding (plus hashed character n-grams
    where the head uses them), well under 1 ms.
    """

    name: ClassVar[str] = "spam_classifier"
    rule: ClassVar[str] = "spam"
    head_name: ClassVar[str] = "spam"
    what: ClassVar[str] = "spam, a prize scam or a get-rich-quick offer"

    def score(self, doc: Document) -> float:
        score = super().score(doc)
        return score * WARNING_DAMPING if warns_about_spam(doc) else score
