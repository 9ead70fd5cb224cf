"""PublisherDisrespectClassifier: disrespect aimed at the publisher or its journalists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.models.abuse import load_abuse_model
from vestnik.engine.models.head import TrainedHeadDetector, align

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context, Finding

#: Generic ways a comment refers to the publisher, its staff or the article.
GENERIC_TARGETS = (
    "this paper", "this newspaper", "this rag", "this site", "this website", "this outlet",
    "this publication", "the author", "the writer", "the journalist", "journalists", "reporter",
    "reporters", "the editor", "editors", "your paper", "your site", "you people", "this article",
    "this piece", "the media", "mods", "moderators", "the newsroom", "fake news",
)  # fmt: skip


@dataclass(frozen=True)
class PublisherDisrespectClassifier(TrainedHeadDetector):
    """Flags insults or disrespect aimed at the publisher (rule `publisher-disrespect`).

    Uses the trained `publisher_disrespect` head and, when the comment names the
    publisher (``ctx.site.publisher_names`` from the rulebook overrides: the site, its
    brands, journalists) or refers to it generically ("this rag", "the author"), the
    abuse model's `insult` output as well: an insult aimed at the publisher is
    disrespect. Without a
    reference to the publisher the score is damped (``untargeted_factor``), since an
    insult aimed elsewhere belongs to `insult-threat`.
    Known false positives: criticism of the article's facts in strong but civil words.
    Evaluated on tests/engine/corpus/publisher-disrespect.jsonl (models/publisher_disrespect.md).
    """

    name: ClassVar[str] = "publisher_disrespect_classifier"
    rule: ClassVar[str] = "publisher-disrespect"
    head_name: ClassVar[str] = "publisher_disrespect"
    what: ClassVar[str] = "disrespect aimed at the publisher or its journalists"
    untargeted_factor: float = 0.6

    def target_spans(
        self, doc: Document, names: tuple[str, ...]
    ) -> list[tuple[int, int]]:
        terms = [t for t in (*names, *GENERIC_TARGETS) if t.strip()]
        pattern = re.compile(
            r"\b(" + "|".join(re.escape(t.casefold()) for t in terms) + r")\b"
        )
        return [(m.start(), m.end()) for m in pattern.finditer(doc.folded)]

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        if doc.embedding is None:
            return []
        own = self.probability(doc)
        targets = self.target_spans(doc, tuple(ctx.site.publisher_names))
        if not targets:
            return self.finding(doc, self.aligned(own * self.untargeted_factor))
        head = self.load()
        insult = 0.0
        if doc.task_logits and "insult" in doc.task_logits:
            # the abuse model's insult scale mapped onto this head's (its
            # thresholds onto ours)
            cal = load_abuse_model().calibration("insult")
            insult = align(
                cal.probability(doc.task_logits["insult"]),
                cal.threshold,
                cal.hold_threshold,
                head.threshold,
                head.hold_threshold,
            )
        score = self.aligned(max(own, insult))
        named = ", ".join(sorted({doc.normalized[s:e] for s, e in targets}))
        return self.finding(
            doc,
            score,
            f"{self.what}: aimed at {named} (score {score:.2f})",
            targets=named,
        )
