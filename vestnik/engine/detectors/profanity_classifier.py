"""ProfanityClassifier: the abuse model's `profanity` output scoring rule `profanity`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vestnik.engine.models.abuse import AbuseTaskDetector


@dataclass(frozen=True)
class ProfanityClassifier(AbuseTaskDetector):
    """Flags profane language in context (rule `profanity`).

    The contextual complement to the profanity lexicon: the fine-tuned abuse
    model's ``profanity`` output learnt the lexicon's sense of profanity (its
    labels come from the lexicon on clean text) and, through perturbation
    augmentation, disguised and misspelt forms the lexicon misses.  It does
    not fire on toxicity in general: "a liar who should resign" has no
    profane word and is not profanity.
    Known false positives: quoted profanity being reported.  Measured on the
    OLID and Davidson test sets and the obfuscated functional cases
    (models/abuse.md).  Latency: reads the logits of the shared encoder pass.
    """

    name: ClassVar[str] = "profanity_classifier"
    rule: ClassVar[str] = "profanity"
    tasks: ClassVar[tuple[str, ...]] = ("profanity",)
    what: ClassVar[str] = "profane language in context"
