"""GroupThreatDetector: a threat aimed at a group for who they are (rule `hate`).

A threat against women, Muslims or immigrants as such is hate, not only a
threat: the published wording of `hate` covers what "promotes hatred ... on
racial, ethnic, sexual, religious or social grounds", and nothing promotes it
more than a promise of violence to the group.  The abuse model's `hate`
output alone often reads such a comment as a threat to individuals ("Any
immigrant who shows up tonight is getting their head kicked in": threat 0.84,
hate 0.55), so `insult-threat` rejected it while `hate` stayed silent and the
reason a person read named the wrong rule.

The detector composes three signals, all from the pass the engine already
made:

- the abuse model's calibrated `threat` probability reaches the threat
  task's own hold threshold (the same that makes `insult-threat` hold);
- the comment names a group (`slurs.GROUP_TERMS`, a plural slur for it, or
  the group words below), so that a threat to a named person is left to
  `insult-threat`;
- the model's target-group output puts at least `min_target` of its weight on
  the groups the comment names (not on ``none`` or ``other``).

The score is the threat's own, mapped onto the rule's thresholds like every
abuse-model task (`align`): a threat strong enough to reject under
`insult-threat` rejects under `hate`, a weaker one holds.  Reported threats
("police say a man threatened to burn out the family") score low on `threat`
(the model trains on reported twins) and do not fire.

Known false positives: a threat aimed at a bigot in a comment that names the
group he attacked ("touch another Muslim and I'll break your arm") reads as a
threat to the group; such a comment is rejected under `insult-threat` anyway,
so only the rule named changes.  Known misses: threats the model does not
score as threats (veiled or coded ones), and groups it does not attribute.
Measured on the functional suite (tests/training/functional/, never trained
on; `vestnik eval --task functional --limit 0`, with and without this
detector, the model 16e147efc120): overall 91.0 -> 91.2 %, threat_direct 90.9 ->
94.5 %, no functionality worse; on the goals (`vestnik eval --goals`)
Davidson hate recall 0.419 -> 0.422 at offensive precision 0.942, with the
counter-speech, benign and identity-term rates unchanged
(docs/trained-models.md).
Latency: reads the logits of the shared encoder pass and a word set; well
under 0.1 ms.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine.models.abuse import AbuseTaskDetector
from vestnik.engine.slurs import GROUP_LABELS, GROUP_TERMS, HOMONYMS, SLURS
from vestnik.engine.types import Finding

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

#: Group words the normaliser's table (`GROUP_TERMS`) leaves out: political
#: camps and a few more names of the groups the model attributes.
MORE_GROUP_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "liberal",
            "liberals",
            "leftist",
            "leftists",
            "lefties",
            "lefty",
            "conservative",
            "conservatives",
            "tories",
            "tory",
            "democrats",
            "republicans",
            "progressives",
            "socialists",
            "communists",
            "greens",
            "remainers",
            "leavers",
        ],
        "political",
    ),
    **dict.fromkeys(("catholic", "catholics", "evangelicals"), "christian"),
    **dict.fromkeys(("sikh", "sikhs"), "hindu"),
    **dict.fromkeys(("africans", "african"), "black"),
    **dict.fromkeys(("koreans", "korean", "japanese", "vietnamese"), "asian"),
    **dict.fromkeys(("foreigners", "foreigner", "asylum-seekers"), "immigrant"),
    **dict.fromkeys(("lgbt", "lgbtq", "queer", "queers", "bisexual"), "lgbq"),
    **dict.fromkeys(("deaf", "wheelchair", "autists", "handicapped"), "disabled"),
    **dict.fromkeys(("romani", "gypsies", "travellers", "traveller"), "roma"),
    **dict.fromkeys(
        ("nigerians", "irish", "romanian", "ukrainian", "russian"), "nationality"
    ),
    "females": "women",
    "female": "women",
    "ladies": "women",
}

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)?")
_SKIP = frozenset({"none", "other"})


def _named_groups(text: str) -> set[str]:
    """Groups the text names: by their plain names, or by a slur in the
    plural ("you kikes") that has no innocent sense (`slurs.HOMONYMS`); a
    singular slur may be a word ("a chink in the armour")."""
    found = set()
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        base = word[:-1] if word.endswith("s") else word
        group = GROUP_TERMS.get(word) or MORE_GROUP_WORDS.get(word)
        group = group or GROUP_TERMS.get(base) or MORE_GROUP_WORDS.get(base)
        if not group and base != word and base not in HOMONYMS:
            group = SLURS.get(base)
        if group:
            found.add(group)
    return found


def target_shares(logits: dict[str, float]) -> dict[str, float]:
    """The target-group output as a softmax over its classes (``none`` and
    ``other`` included, so that their weight counts against every group)."""
    targets = {
        k.split(":", 1)[1]: v for k, v in logits.items() if k.startswith("target:")
    }
    if not targets:
        return {}
    top = max(targets.values())
    weights = {g: math.exp(v - top) for g, v in targets.items()}
    total = sum(weights.values())
    return {g: w / total for g, w in weights.items()}


def aimed_at(logits: dict[str, float], text: str) -> tuple[str | None, float]:
    """The named group the model attributes the comment to, and the share of
    the target output on the groups the comment names (not ``none`` or
    ``other``): (None, 0.0) when it names none."""
    shares = target_shares(logits)
    named = {g for g in _named_groups(text) if g in shares and g not in _SKIP}
    if not named:
        return None, 0.0
    best = max(named, key=lambda g: shares[g])
    return best, sum(shares[g] for g in named)


@dataclass(frozen=True)
class GroupThreatDetector(AbuseTaskDetector):
    """See the module docstring."""

    name: ClassVar[str] = "group_threat"
    rule: ClassVar[str] = "hate"
    tasks: ClassVar[tuple[str, ...]] = ("threat",)
    what: ClassVar[str] = "a threat against a group"
    min_target: float = 0.5

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        logits = doc.task_logits
        if not logits or "threat" not in logits:
            # no embedding, or a model without the output: hate_classifier
            # already refuses to judge (the pipeline holds the comment)
            return []
        cal = self.load().calibration("threat")
        p = cal.probability(logits["threat"])
        if p < cal.hold_threshold:
            return []
        group, share = aimed_at(logits, doc.reading.text)
        if group is None or share < self.min_target:
            return []
        score = self.aligned("threat", p)
        label = GROUP_LABELS.get(group, group)
        return [
            Finding(
                rule=self.rule,
                detector=self.name,
                score=round(score, 4),
                explanation=f"{self.what} ({label}) (threat score {p:.2f})",
                spans=self.evidence(doc, "threat"),
                code="threat-against-group",
                data={
                    "model": self.load().version,
                    "threat": round(p, 4),
                    "target": group,
                    "target_share": round(share, 4),
                },
            )
        ]
