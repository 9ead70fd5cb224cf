"""InsultClassifier: the abuse model's `insult` and `threat` outputs scoring rule `insult-threat`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.models.abuse import AbuseTaskDetector

if TYPE_CHECKING:
    from vestnik.engine.text import Document


@dataclass(frozen=True)
class InsultClassifier(AbuseTaskDetector):
    """Flags an insult or a threat aimed at a person or group (rule `insult-threat`).

    Two outputs of the fine-tuned abuse model (models/abuse.md), each with its
    own calibration and thresholds: ``insult`` (targeted insults, OLID level B
    'TIN' sense) and ``threat`` (threats of violence, direct or as a wish).
    The finding's ``code`` says which one decided and ``data`` carries both
    probabilities (``insult``, ``threat``), so the API can report threats
    separately.  Harsh but civil criticism of public figures ("a liar who
    should resign") is a hard negative in training.
    Known false positives: rough banter between friends, insults quoted to
    report them, violent sports idioms ("we murdered them 5-0", held since
    the model 5e74c4a1e3d3).  Measured on the OLID test set, the civil-criticism corpus and
    the functional suite (models/abuse.md).  Latency: reads the logits of the
    shared encoder pass; under 0.1 ms.
    """

    name: ClassVar[str] = "insult_classifier"
    rule: ClassVar[str] = "insult-threat"
    tasks: ClassVar[tuple[str, ...]] = ("insult", "threat")
    what: ClassVar[str] = "an insult or threat aimed at a person or group"

    def explain(self, doc: Document, task: str, score: float) -> str:
        kind = "a threat" if task == "threat" else "an insult"
        return f"{kind} aimed at a person or group (classifier score {score:.2f})"
