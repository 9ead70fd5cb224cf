"""ProfanityClassifier: the abuse model's `profanity` output scoring rule `profanity`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.models.abuse import AbuseTaskDetector

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context, Finding


@dataclass(frozen=True)
class ProfanityClassifier(AbuseTaskDetector):
    """Flags profane language in context (rule `profanity`).

    The contextual complement to the profanity lexicon: the fine-tuned abuse
    model's ``profanity`` output learnt the lexicon's sense of profanity (its
    labels come from the lexicon on clean text) and, through perturbation
    augmentation, disguised and misspelt forms the lexicon misses.  It does
    not fire on toxicity in general: "a liar who should resign" has no
    profane word and is not profanity.  English only: on a site whose main
    language is another, profanity is the lexicon's alone (it has 75
    languages; the model reads English).
    Known false positives: quoted profanity being reported.  Measured on the
    OLID and Davidson test sets and the obfuscated functional cases
    (models/abuse.md).  Latency: reads the logits of the shared encoder pass.
    """

    name: ClassVar[str] = "profanity_classifier"
    rule: ClassVar[str] = "profanity"
    tasks: ClassVar[tuple[str, ...]] = ("profanity",)
    what: ClassVar[str] = "profane language in context"

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        if ctx.site.languages[:1] != ("en",):
            return []
        return super().detect(doc, ctx)
