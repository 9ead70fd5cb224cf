"""SuicideClassifier: the trained `suicide` head scoring rule `suicide`, with support resources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.models.head import TrainedHeadDetector

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context, Finding

SUPPORT_RESOURCES = (
    "If you or someone you know is thinking about suicide, please reach out now: your local "
    "emergency number, a crisis line such as 988 (US), Samaritans 116 123 (UK and Ireland), "
    "or the helplines listed at https://findahelpline.com."
)


@dataclass(frozen=True)
class SuicideClassifier(TrainedHeadDetector):
    """Flags suicide methods and incitement to suicide ("kys") (rule `suicide`).

    The rule holds such comments for a human instead of rejecting them silently; the
    finding carries support resources (``data["support"]``) for the moderator and the
    statement of reasons. Known false positives: personal disclosures and news about
    suicide statistics or prevention (hard negatives in the corpus).
    Evaluated on tests/engine/corpus/suicide.jsonl (test split) (models/suicide.md).
    Latency: one dot product on the shared embedding, well under 1 ms.
    """

    name: ClassVar[str] = "suicide_classifier"
    rule: ClassVar[str] = "suicide"
    head_name: ClassVar[str] = "suicide"
    what: ClassVar[str] = "suicide methods or incitement to suicide"

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        score = self.score(doc)
        explanation = f"{self.what} (classifier score {score:.2f}). {SUPPORT_RESOURCES}"
        return self.finding(doc, score, explanation, support=SUPPORT_RESOURCES)
