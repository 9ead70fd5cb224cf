"""PublisherInsultDetector: insults aimed at the publisher (rule `publisher-disrespect`).

Looks for a reference to the publisher - its names, brands and journalists
from the rulebook (`publisher_names`), or generic ones ("this paper", "the
editors", "your reporters", "редакция") - within a few words of an insult
("liars", "propaganda rag", "incompetent hacks", "продажные") in the same
sentence. Score 0.7 when the two are at most 3 words apart, 0.55 up to 6;
"this rag"/"fake news site" style phrases are 0.7 by themselves.

This is the cheap lexical half of the rule; the trained classifier of the
next issue catches disrespect that uses no insult word. Known false positives:
"the author is right that the minister is a liar" (the insult is near the
reference but aimed elsewhere: held for a moderator, never rejected by
default); quoting someone else's attack on the paper.
Measured on tests/engine/corpus/publisher-disrespect.jsonl (`vestnik eval`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.types import Finding

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

_GENERIC_REFS = (
    r"(?:this|your|the|that)\s+(?:news)?paper|(?:this|your|the)\s+(?:website|site|publication|outlet|newspaper|magazine|editorial\s+board)|"
    r"(?:the|your|these)\s+(?:editors?|editorial\s+staff|journalists?|reporters?|authors?|writers?|moderators?|newsroom)|"
    r"(?:the|this)\s+author|this\s+article'?s\s+author|whoever\s+wrote\s+this|"
    r"редакци\w+|(?:эт\w+|ваш\w*)\s+(?:газет\w+|сайт\w*|издани\w+)|журналист\w*|автор\w*\s+(?:статьи|этой)"
)
_INSULTS = (
    r"idiots?|idiotic|stupid|morons?|moronic|liars?|lying|garbage|trash|rubbish|propaganda|clowns?|hacks?|"
    r"shills?|pathetic|disgrace(?:ful)?|a\s+joke|incompetent|corrupt|fake\s+news|worthless|useless|biased|"
    r"brainwashed|sell-?outs?|scum|dumb|ignorant|clueless|bought\s+and\s+paid|paid\s+off|mouthpiece|lapdogs?|"
    r"presstitutes?|amateurs?|hypocrites?|an?\s+embarrassment|shameless|traitors?|"
    r"идиот\w*|дебил\w*|продажн\w+|помойк\w+|бездар\w+|лжец\w*|враль?ё|брехн\w+|позор\w*|пропаганд\w+|журнашлюх\w*|проплачен\w+"
)
_DIRECT_RE = re.compile(
    r"\b(?:this|your|what\s+a)\s+(?:propaganda\s+)?rag\b|\bfake\s+news\s+(?:site|paper|outlet|media)\b|"
    r"\b(?:this|your)\s+(?:garbage|trash|joke\s+of\s+a)\s+(?:paper|site|newspaper|publication)\b|\bжелтая\s+пресса\b",
    re.IGNORECASE,
)
_INSULT_RE = re.compile(rf"\b(?:{_INSULTS})\b", re.IGNORECASE)
_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=64)
def _refs_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    named = "|".join(
        re.escape(n) for n in sorted(names, key=len, reverse=True) if n.strip()
    )
    body = f"{named}|{_GENERIC_REFS}" if named else _GENERIC_REFS
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


@dataclass(frozen=True)
class PublisherInsultDetector:
    name: ClassVar[str] = "publisher_insult"
    near_words: int = 3
    far_words: int = 6

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        text = doc.normalized[:20_000]
        if len(text) < 6:
            return []
        hits: list[tuple[float, int, int]] = []
        for match in _DIRECT_RE.finditer(text):
            hits.append((0.7, match.start(), match.end()))
        insults = list(_INSULT_RE.finditer(text))
        if insults:
            refs = list(_refs_pattern(tuple(ctx.site.publisher_names)).finditer(text))
            for ref in refs:
                for insult in insults:
                    start, end = (
                        min(ref.start(), insult.start()),
                        max(ref.end(), insult.end()),
                    )
                    between = text[start:end]
                    if any(c in between for c in ".!?\n"):
                        continue  # not the same sentence
                    gap = len(
                        _WORD_RE.findall(
                            text[
                                min(ref.end(), insult.end()) : max(
                                    ref.start(), insult.start()
                                )
                            ]
                        )
                    )
                    if gap <= self.near_words:
                        hits.append((0.7, start, end))
                    elif gap <= self.far_words:
                        hits.append((0.55, start, end))
        if not hits:
            return []
        score = max(h[0] for h in hits)
        spans = sorted(
            {doc.to_original(s, e) for _, s, e in hits}, key=lambda sp: sp.start
        )
        return [
            Finding(
                rule="publisher-disrespect",
                detector=self.name,
                score=score,
                explanation="an insult aimed at the publisher or its journalists",
                spans=tuple(spans[:10]),
                code="insult-near-publisher",
            )
        ]
