"""HateClassifier: the abuse model's `hate` output scoring rule `hate`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.models.abuse import AbuseTaskDetector, target_group
from vestnik.engine.slurs import GROUP_LABELS, slur_group

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Span

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def slur_matches(doc: Document) -> list[tuple[int, int, Span, str, str]]:
    """Identity slurs in the comment's reading (disguises undone): (start and
    end in the reading, span of the original text, the slur, its group)."""
    text = doc.reading.text
    words = list(_WORD.finditer(text))
    found: list[tuple[int, int, Span, str, str]] = []
    skip = -1
    for i, match in enumerate(words):
        if i <= skip:
            continue
        if i + 1 < len(words):
            nxt = words[i + 1]
            pair = f"{match.group()} {nxt.group()}"
            group = slur_group(pair)
            if group:
                span = doc.reading_span(match.start(), nxt.end())
                found.append((match.start(), nxt.end(), span, pair, group))
                skip = i + 1
                continue
        group = slur_group(match.group())
        if group:
            span = doc.reading_span(*match.span())
            found.append((match.start(), match.end(), span, match.group(), group))
    return found


def slur_spans(doc: Document) -> list[tuple[Span, str, str]]:
    """Identity slurs in the comment's reading (disguises undone): (span of the
    original text, the slur, the group it targets)."""
    return [(span, word, group) for _, _, span, word, group in slur_matches(doc)]


@dataclass(frozen=True)
class HateClassifier(AbuseTaskDetector):
    """Flags hatred or discrimination against a group (rule `hate`).

    The fine-tuned abuse model (models/abuse.md) reads the whole comment, so it
    tells a slur aimed at a group (hate) from the same word quoted to condemn
    it, reclaimed in-group or used in another sense (a meatball, a levee), and
    hate ("X are not people") from negated hate ("I would never say X are
    scum").  When it fires, the evidence is the identity slurs the comment uses
    (`vestnik.engine.slurs`, the same words the profanity lexicon finds, so the
    two agree that a slur aimed at a group is hate), else the sentences that
    score as hateful on their own; the explanation names the target group the
    model's auxiliary output predicts.
    Known false positives: harsh statements about religions or policies that
    read as statements about their followers; very short hostile replies that
    name a group.  Measured on the functional suite (tests/training/functional/),
    held-out Davidson, Fox News, ETHOS, ToxiGen, Stormfront and CrowdCounter
    splits (models/abuse.md).  Latency: reads the logits of the shared encoder
    pass; under 0.1 ms.
    """

    name: ClassVar[str] = "hate_classifier"
    rule: ClassVar[str] = "hate"
    tasks: ClassVar[tuple[str, ...]] = ("hate",)
    what: ClassVar[str] = "hatred or discrimination against a group"

    def evidence(self, doc: Document, task: str) -> tuple[Span, ...]:
        slurs = slur_spans(doc)
        if slurs:
            return tuple(span for span, _, _ in slurs)
        return super().evidence(doc, task)

    def details(self, doc: Document, task: str) -> dict[str, object]:
        group = target_group(doc.task_logits or {})
        slurs = sorted({word.casefold() for _, word, _ in slur_spans(doc)})
        data: dict[str, object] = {"target": group or ""}
        if slurs:
            data["slurs"] = ", ".join(slurs)
        return data

    def explain(self, doc: Document, task: str, score: float) -> str:
        group = target_group(doc.task_logits or {})
        aimed = f" ({GROUP_LABELS.get(group, group)})" if group else ""
        slurs = sorted({word.casefold() for _, word, _ in slur_spans(doc)})
        using = f", using the slur(s) {', '.join(slurs)}" if slurs else ""
        return f"{self.what}{aimed}{using} (classifier score {score:.2f})"
