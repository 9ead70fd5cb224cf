"""CommercialSignalsDetector: advertising, promotion and spam cues (rules `commercial`,
`promotion`, `spam`).

One pass over the text collects signals, each tied to one rule with a weight;
a rule's score is the noisy-OR of its signals, 1 - prod(1 - w), so one weak
cue (a price in a discussion about inflation) never fires on its own, while a
shop link + a price + "order now" does. The pattern cues are the table in
`vestnik/engine/commercial_patterns.py`; this module adds the cues that need
the comment's links:

| rule       | signals (weight)                                                        |
|------------|-------------------------------------------------------------------------|
| commercial | price (0.3), promo code (0.55), offer (0.35), call to action (0.3),     |
|            | messenger handle or business contact (0.3), classified ad (0.45),       |
|            | political ad (0.55), a call to vote (0.3), own business (0.45), shop or |
|            | affiliate link (0.6), a disguised link next to sales words (0.6)        |
| promotion  | self-promotion of a channel, video, music or profile (0.6), the         |
|            | writer's own content (0.35), invitation to watch/follow (0.3),          |
|            | recommendation / endorsement (0.45), referral (0.55), brand name (0.3), |
|            | link to a channel or profile (0.35), link to what is promoted (0.3)     |
| spam       | prize (0.6), get-rich-quick (0.6), phishing wording (0.6), mass-mailing |
|            | / fake engagement (0.8), short codes (0.55), sub-for-sub (0.8),         |
|            | engagement bait (0.65), easy-money talk (0.4), earnings claim (0.45),   |
|            | work from home (0.35), "ask me how" (0.45), a link next to money talk   |
|            | (0.45), a domain written to dodge link filters (0.6), a link and        |
|            | nothing else (0.55 to 0.85 by what it points at), shortener (0.35),     |
|            | 3+ links (0.4)                                                          |

Links to the publisher's `allowed_domains` never count, nor do links to public
bodies, courts, statistics offices and established newsrooms (`promo_links.
link_kind` "reference"), so a reader citing a source is not a link spammer.
A comment that warns about spam (scam, phishing, "don't click", bots) has its
three scores halved: quoting a lure to warn others is not a lure.

Known false positives: a reader sharing a bare link to an unknown site with no
words; a musician mentioning "my new single" in an interview thread; a
hobbyist's "my channel" next to an invitation to watch. Promotion holds for a
moderator, it never rejects. Measured with `vestnik eval` (spam/sms_*,
*/corpus, */comment_spam) and `python -m vestnik.evaluation.comment_spam`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import ahocorasick

from vestnik.engine.commercial_patterns import (
    REASSURANCE_RE,
    SHOP_DOMAINS,
    SHOP_PATH_RE,
    SIGNALS,
    WARNING_RE,
    WARNING_TRIGGERS,
    Signal,
    first_match,
)
from vestnik.engine.links import Link, host_matches
from vestnik.engine.promo_links import (
    disguised_links,
    extra_links,
    is_prose,
    link_kind,
)
from vestnik.engine.types import Finding, Span

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context


def _words(text: str) -> list[str]:
    return text.split()


#: Every trigger word in one Aho-Corasick automaton: one C-level pass over the
#: folded text finds every trigger it contains (overlaps included), so "does
#: the text contain any of this signal's triggers" is a set test, not a loop
#: of substring searches.
#: Per signal: its trigger set (None: always scanned) and each alternative of
#: its pattern with the words one of which it needs, looked up in the same
#: automaton pass (see commercial_patterns.required_words).
_Branches = tuple[tuple[frozenset[str], re.Pattern[str]], ...]
_PLAN: tuple[tuple[Signal, frozenset[str] | None, _Branches], ...] = tuple(
    (
        s,
        None if s.triggers is None else frozenset(s.triggers),
        tuple((frozenset(words), branch) for words, branch in s.branches),
    )
    for s in SIGNALS
)
_WARNING_SET = frozenset(WARNING_TRIGGERS)
_AUTOMATON = ahocorasick.Automaton()
for _word in sorted(
    {t for s in SIGNALS for t in s.triggers or ()}
    | {w for s in SIGNALS if s.folded for words, _ in s.branches for w in words}
    | set(WARNING_TRIGGERS)
):
    _AUTOMATON.add_word(_word, _word)
_AUTOMATON.make_automaton()

# What may stand beside a link in a link-only comment ("check this 👉 <link>").
_FILLER = frozenset(
    _words(
        """check this out it look looking watch see here lol lmao omg wow guys ok okay
        but at one my page channel vid video go visit click site come pls please plz
        link new yo hey hi bro everyone this is the a these guys visit here u you
        ya to me"""
    )
)
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Sales vocabulary: next to a disguised domain it makes the comment an advert.
_SALES_RE = re.compile(
    r"\b(?:buy|order|delivery|delivered|shipping|loans?|approval|cheap(?:est)?|wholesale|"
    r"prices?|deals?|discount|sale|sell(?:ing)?|outlet|replica|quotes?|book)\b",
    re.IGNORECASE,
)
_MONEY_CODES = frozenset(
    {"get-rich-quick", "money-talk", "earnings-claim", "from-home"}
)
# link-only weight (rule spam) by what the link points at; None: not spam
_LINK_ONLY: dict[str, float | None] = {
    "shortener": 0.85,
    "profile": 0.85,
    "shop": 0.85,
    "homepage": 0.8,
    "other": 0.75,
    "video": 0.55,
    "article": None,
    "reference": None,
}

Found = tuple[float, str, str, int, int]  # weight, code, explanation, start, end
# add(rule, weight, code, what, start, end)
_Add = Callable[[str, float, str, str, int, int], None]


@dataclass(frozen=True)
class CommercialSignalsDetector:
    name: ClassVar[str] = "commercial_signals"
    max_links: int = 3
    warning_damping: float = 0.5

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        text = doc.normalized
        if len(text) < 4:
            return []
        signals: dict[str, list[Found]] = {}

        def add(
            rule: str, weight: float, code: str, what: str, start: int, end: int
        ) -> None:
            signals.setdefault(rule, []).append((weight, code, what, start, end))

        sample = text[:20_000]
        folded = doc.folded[:20_000]
        present = {found for _, found in _AUTOMATON.iter(folded)}
        in_links = [(link.start, link.end) for link in doc.links]
        for signal, triggers, branches in _PLAN:
            if triggers is not None and triggers.isdisjoint(present):
                continue  # none of the words this pattern needs: skip the scan
            match = _signal_match(
                signal, branches, folded if signal.folded else sample, in_links, present
            )
            if match is not None:  # one span per signal kind: the weight counts once
                add(
                    signal.rule,
                    signal.weight,
                    signal.code,
                    signal.what,
                    match.start(),
                    match.end(),
                )
        self._link_signals(doc, ctx, sample, signals, add)
        damp = 1.0
        if (
            not _WARNING_SET.isdisjoint(present)
            and any(_score(found) >= 0.5 for found in signals.values())
            and first_match(WARNING_RE, folded, [], word_start=True) is not None
            and REASSURANCE_RE.search(folded) is None
        ):
            damp = self.warning_damping
        return [
            self._finding(doc, rule, found, damp)
            for rule, found in sorted(signals.items())
        ]

    def _link_signals(
        self,
        doc: Document,
        ctx: Context,
        sample: str,
        signals: dict[str, list[Found]],
        add: _Add,
    ) -> None:
        known = tuple(link for link in doc.links if not is_prose(link, doc.normalized))
        known += extra_links(sample, known)
        hidden = tuple(
            h for h in disguised_links(sample, known) if not is_prose(h, sample)
        )
        if hidden:  # a disguised domain wins over the fragment links.py saw in it
            known = tuple(
                k
                for k in known
                if not any(h.start <= k.start and k.end <= h.end for h in hidden)
            )
        allowed = frozenset(ctx.site.allowed_domains)
        outside = [
            link
            for link in sorted(known + hidden, key=lambda link: link.start)
            if not (allowed and host_matches(link.host, allowed))
        ]
        if not outside:
            return
        kinds = [link_kind(link) for link in outside]
        for link, kind in zip(outside, kinds, strict=True):
            if (
                host_matches(link.host, SHOP_DOMAINS)
                or SHOP_PATH_RE.search(link.path)
                or kind == "shop"
            ):
                add(
                    "commercial",
                    0.6,
                    "shop-link",
                    "a shop or affiliate link",
                    *_at(link),
                )
                break
        for link, kind in zip(outside, kinds, strict=True):
            if kind == "shortener":
                add("spam", 0.35, "shortener", "a shortened link", *_at(link))
                break
        for link, kind in zip(outside, kinds, strict=True):
            if kind == "profile":
                add("promotion", 0.35, "profile-link", "a link to a channel or profile", *_at(link))  # fmt: skip
                break
        obfuscated = [
            link
            for link in outside
            if link.obfuscated and link_kind(link) != "reference"
        ]
        if obfuscated:
            add("spam", 0.6, "disguised-link", "a web address written to dodge link filters", *_at(obfuscated[0]))  # fmt: skip
            if "commercial" in signals or _SALES_RE.search(sample):
                add("commercial", 0.6, "disguised-link", "a web address written to dodge link filters", *_at(obfuscated[0]))  # fmt: skip
        if len(outside) >= self.max_links:
            add("spam", 0.4, "many-links", f"{len(outside)} links", outside[0].start, outside[-1].end)  # fmt: skip
        promotable = [
            link
            for link, kind in zip(outside, kinds, strict=True)
            if kind != "reference"
        ]
        if promotable and "promotion" in signals:
            add("promotion", 0.3, "promoted-link", "a link to what is promoted", *_at(promotable[0]))  # fmt: skip
        if promotable and any(s[1] in _MONEY_CODES for s in signals.get("spam", ())):
            add("spam", 0.45, "money-link", "a link next to talk of easy money", *_at(promotable[0]))  # fmt: skip
        if _only_links(sample, outside):
            weights = [(_LINK_ONLY[kind], link) for link, kind in zip(outside, kinds, strict=True)]  # fmt: skip
            weight, link = max(
                ((w, link) for w, link in weights if w is not None),
                default=(None, outside[0]),
                key=lambda pair: pair[0] or 0.0,
            )
            if weight is not None:
                add("spam", weight, "link-only", "a link and nothing else", *_at(link))

    def _finding(
        self, doc: Document, rule: str, found: list[Found], damp: float
    ) -> Finding:
        best = _best(found)
        score = round(_score(found) * damp, 4)
        spans: list[Span] = sorted(
            {doc.to_original(s, e) for _, _, _, s, e in found}, key=lambda sp: sp.start
        )
        top = max(found, key=lambda f: f[0])
        explanation = ", ".join(dict.fromkeys(what for _, _, what, _, _ in found))
        if damp < 1.0:
            explanation += " (damped: the comment warns about spam)"
        return Finding(
            rule=rule,
            detector=self.name,
            score=score,
            explanation=explanation,
            spans=tuple(spans),
            code=top[1],
            data={"signals": sorted(best)},
        )


def _best(found: list[Found]) -> dict[str, float]:
    best: dict[str, float] = {}
    for weight, code, _, _, _ in found:
        if weight > best.get(code, 0.0):
            best[code] = weight
    return best


def _score(found: list[Found]) -> float:
    """Noisy-OR of the strongest weight of each signal kind."""
    miss = 1.0
    for weight in _best(found).values():
        miss *= 1.0 - weight
    return 1.0 - miss


def _signal_match(
    signal: Signal,
    branches: _Branches,
    text: str,
    spans: list[tuple[int, int]],
    present: set[str] | frozenset[str],
) -> re.Match[str] | None:
    """The earliest match of any of the signal's alternatives whose word is
    present (`present`: the automaton's finds in the folded text)."""
    best: re.Match[str] | None = None
    for words, branch in branches:
        if words and (
            words.isdisjoint(present)
            if signal.folded
            else not any(word in text for word in words)
        ):
            continue
        match = first_match(branch, text, spans, word_start=signal.word_start)
        if match is not None and (best is None or match.start() < best.start()):
            best = match
    return best


def _at(link: Link) -> tuple[int, int]:
    return link.start, link.end


def _only_links(text: str, links: list[Link]) -> bool:
    """The text is links plus at most a few filler words ("check this 👉 <link>")."""
    rest, last = [], 0
    for link in links:
        rest.append(text[last : link.start])
        last = link.end
    rest.append(text[last:])
    words = _WORD_RE.findall(" ".join(rest).casefold())
    return len(words) <= 6 and all(word in _FILLER for word in words)
