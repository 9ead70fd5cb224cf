"""The community standards as code: the 20 rules, their wording, detectors and outcomes.

The rulebook is the registry: a detector that no rule references does not run.
The default rulebook is reviewed code; a publisher's changes arrive as plain
data (from the admin, or `vestnik check --config FILE`) and are layered over it
with `Rulebook.with_overrides(data)`:

    {
      "site_languages": ["en"],              # the first is the site's main language
      "publisher_names": ["The Daily Bugle", "J. Jonah Jameson"],
      "journalist_names": ["Ben Urich"],     # merged into publisher_names
      "allowed_domains": ["dailybugle.com"],
      "language_action": "hold",             # remove | hold | allow
      "rules": {
        "form": {"outcome": "hold", "threshold": 0.6, "hold_threshold": 0.4,
                 "wording": "...", "enabled": true}
      }
    }

A rule fires when its score (the strongest of its findings) reaches
`threshold`, with the rule's `outcome`; a score in [`hold_threshold`,
`threshold`) fires with HOLD, for a moderator to look at.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from vestnik.engine.types import Outcome, SiteProfile

if TYPE_CHECKING:
    from vestnik.engine.ports import Detector

#: rule id -> (short title, published wording). The wording completes the
#: sentence "A comment is removed if it ..." (mission.md, part 3).
RULE_TEXT: dict[str, tuple[str, str]] = {
    "off-topic": ("Off topic", "does not correspond with the subject of the article"),
    "hate": (
        "Hatred and discrimination",
        "promotes hatred or discrimination on racial, ethnic, sexual, religious or social "
        "grounds, or violates the rights of minorities",
    ),
    "minors": (
        "Harm to minors",
        "violates the rights of minors or harms them in any form, moral harm included",
    ),
    "extremism": (
        "Extremism and illegal activity",
        "contains ideas of an extremist nature or calls for other illegal activities",
    ),
    "insult-threat": (
        "Insults and threats",
        "insults or threatens other users, individuals or organisations, denigrates "
        "dignity or undermines business reputation",
    ),
    "publisher-disrespect": (
        "Disrespect to the publisher",
        "insults or expresses disrespect to the publisher itself",
    ),
    "privacy": (
        "Privacy",
        "violates privacy, publishes personal data of third parties without their "
        "consent, or violates privacy of correspondence",
    ),
    "violence": (
        "Violence and cruelty",
        "describes or references scenes of violence, or cruelty to animals",
    ),
    "suicide": (
        "Suicide",
        "contains information about methods of suicide or incites suicide",
    ),
    "commercial": (
        "Commercial content",
        "pursues commercial goals, contains improper advertising or unlawful political "
        "advertising, or links to resources containing such",
    ),
    "promotion": (
        "Unauthorised promotion",
        "promotes third parties' products or services without authorisation",
    ),
    "profanity": (
        "Profanity",
        "contains offensive language or profanity, its derivatives, or hints at such "
        "words (masked, misspelt, leetspeak)",
    ),
    "spam": (
        "Spam",
        "is spam, advertises spamming or mass-mailing services, or promotes "
        "get-rich-quick schemes",
    ),
    "drugs": (
        "Drugs",
        "promotes narcotic or psychotropic substances, or tells how to make or use them",
    ),
    "malware": ("Malware", "contains links to viruses or malicious software"),
    "flash-mob": (
        "Flash mobs",
        "is part of an organised action: a large volume of comments with identical or "
        "similar content",
    ),
    "flooding": (
        "Flooding",
        "floods the thread with many incoherent or irrelevant messages",
    ),
    "trolling": (
        "Trolling",
        "breaks etiquette: aggressive, humiliating or abusive behaviour",
    ),
    "form": (
        "Form",
        "ignores the standard rules of the site's language: typed fully or mostly in "
        "capitals, or not broken into sentences",
    ),
    "language": (
        "Language",
        "is written in a language other than the site's main language",
    ),
}

RULE_IDS: tuple[str, ...] = tuple(RULE_TEXT)
LANGUAGE_ACTIONS = ("remove", "hold", "allow")


class RulebookError(ValueError):
    """A publisher's override data is malformed; the message says where."""


@dataclass(frozen=True)
class Rule:
    """One community standard: its id, published wording and enforcement."""

    id: str
    wording: str
    detectors: tuple[Detector, ...] = ()
    outcome: Outcome = Outcome.REJECT
    threshold: float = 0.5
    hold_threshold: float | None = None
    enabled: bool = True
    title: str = ""

    def outcome_for(self, score: float) -> Outcome | None:
        """The outcome for a rule score, or None when the rule does not fire."""
        if not self.enabled or self.outcome is Outcome.PUBLISH:
            return None
        if score >= self.threshold:
            return self.outcome
        if self.hold_threshold is not None and score >= self.hold_threshold:
            return Outcome.HOLD
        return None


@dataclass(frozen=True)
class Rulebook:
    """The 20 rules plus the site-wide settings detectors read through `site`."""

    rules: tuple[Rule, ...]
    site_languages: tuple[str, ...] = ("en",)
    publisher_names: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    language_action: str = "hold"
    version: str = "default"
    # A detector or model that fails (a missing or damaged model file): True
    # holds every comment the working detectors would publish for a human;
    # False publishes on the heuristics that still ran. Chosen by the site's
    # operator (VESTNIK_MODERATION_ON_ENGINE_ERROR), not per comment.
    hold_on_engine_error: bool = True
    _index: Mapping[str, Rule] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {rule.id: rule for rule in self.rules})

    def __getitem__(self, rule_id: str) -> Rule:
        return self._index[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._index

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)

    @property
    def site(self) -> SiteProfile:
        return SiteProfile(
            languages=self.site_languages,
            publisher_names=self.publisher_names,
            allowed_domains=self.allowed_domains,
            language_action=self.language_action,
        )

    def active_detectors(self) -> list[Detector]:
        """Each detector instance once, in rulebook order, for the enabled rules."""
        seen: set[int] = set()
        out: list[Detector] = []
        for rule in self.rules:
            if not rule.enabled:
                continue
            for detector in rule.detectors:
                if id(detector) not in seen:
                    seen.add(id(detector))
                    out.append(detector)
        return out

    def fast_path(self) -> Rulebook:
        """A copy without the detectors that need the sentence encoder or the
        reading it is fed (`Document.reading`, the normaliser's output).

        The lexical, pattern and state detectors only: no torch, no model
        load, about a millisecond per comment (bench/engine_fast.py).
        """
        rules = tuple(
            replace(
                rule,
                detectors=tuple(
                    d
                    for d in rule.detectors
                    if not getattr(d, "needs_embedding", False)
                    and not getattr(d, "needs_reading", False)
                ),
            )
            for rule in self.rules
        )
        return replace(self, rules=rules)

    def with_detectors(self, rule_id: str, *detectors: Detector) -> Rulebook:
        """A copy with `detectors` appended to a rule (for trained heads, tests)."""
        rule = self[rule_id]
        return self._replace_rule(replace(rule, detectors=rule.detectors + detectors))

    def _replace_rule(self, new_rule: Rule) -> Rulebook:
        rules = tuple(new_rule if r.id == new_rule.id else r for r in self.rules)
        return replace(self, rules=rules)

    def with_overrides(self, data: Mapping[str, object] | None) -> Rulebook:
        """Layer a publisher's plain-data overrides (see the module docstring)."""
        if not data:
            return self
        if not isinstance(data, Mapping):
            raise RulebookError(
                "overrides must be a mapping (a JSON object / TOML table)"
            )
        known = {
            "site_languages",
            "publisher_names",
            "journalist_names",
            "author_names",
            "allowed_domains",
            "language_action",
            "rules",
        }
        unknown = sorted(set(data) - known)
        if unknown:
            raise RulebookError(f"unknown override key(s): {', '.join(unknown)}")
        changes: dict[str, object] = {}
        if "site_languages" in data:
            langs = _str_list(data["site_languages"], "site_languages")
            if not langs:
                raise RulebookError("site_languages must name at least one language")
            changes["site_languages"] = tuple(lang.lower() for lang in langs)
        names = list(self.publisher_names) if "publisher_names" not in data else []
        for key in ("publisher_names", "journalist_names", "author_names"):
            if key in data:
                names.extend(_str_list(data[key], key))
        changes["publisher_names"] = tuple(
            dict.fromkeys(n.strip() for n in names if n.strip())
        )
        if "allowed_domains" in data:
            domains = _str_list(data["allowed_domains"], "allowed_domains")
            changes["allowed_domains"] = tuple(
                d.strip().lower().lstrip(".") for d in domains
            )
        if "language_action" in data:
            action = data["language_action"]
            if action not in LANGUAGE_ACTIONS:
                raise RulebookError(
                    f"language_action must be one of {', '.join(LANGUAGE_ACTIONS)}"
                )
            changes["language_action"] = action
        book = replace(self, **changes)  # type: ignore[arg-type]  # keys checked above
        rules_data = data.get("rules", {})
        if not isinstance(rules_data, Mapping):
            raise RulebookError("rules must map rule ids to their settings")
        for rule_id, settings in rules_data.items():
            if rule_id not in book:
                raise RulebookError(f"unknown rule id {rule_id!r}")
            if not isinstance(settings, Mapping):
                raise RulebookError(f"rules.{rule_id} must be a mapping")
            book = book._replace_rule(_override_rule(book[rule_id], settings))
        if "language_action" in changes:
            book = book._replace_rule(
                _language_rule(book["language"], book.language_action)
            )
        digest = hashlib.sha256(
            json.dumps(data, sort_keys=True, default=str).encode()
        ).hexdigest()[:12]
        return replace(book, version=f"{self.version}+{digest}")


def _language_rule(rule: Rule, action: str) -> Rule:
    if action == "allow":
        return replace(rule, enabled=False)
    return replace(rule, outcome=Outcome.REJECT if action == "remove" else Outcome.HOLD)


def _str_list(value: object, key: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return list(value)
    raise RulebookError(f"{key} must be a list of strings")


def _unit(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RulebookError(f"{where} must be a number between 0 and 1")
    if not 0.0 <= float(value) <= 1.0:
        raise RulebookError(f"{where} must be between 0 and 1")
    return float(value)


def _override_rule(rule: Rule, settings: Mapping[str, object]) -> Rule:
    where = f"rules.{rule.id}"
    unknown = sorted(
        set(settings)
        - {"wording", "outcome", "threshold", "hold_threshold", "enabled", "title"}
    )
    if unknown:
        raise RulebookError(f"{where}: unknown setting(s) {', '.join(unknown)}")
    changes: dict[str, object] = {}
    if "wording" in settings:
        wording = settings["wording"]
        if not isinstance(wording, str) or not wording.strip():
            raise RulebookError(f"{where}.wording must be non-empty text")
        changes["wording"] = wording.strip()
    if "title" in settings:
        if not isinstance(settings["title"], str):
            raise RulebookError(f"{where}.title must be text")
        changes["title"] = settings["title"]
    if "outcome" in settings:
        try:
            changes["outcome"] = Outcome(str(settings["outcome"]).lower())
        except ValueError:
            raise RulebookError(
                f"{where}.outcome must be publish, hold or reject"
            ) from None
    if "threshold" in settings:
        changes["threshold"] = _unit(settings["threshold"], f"{where}.threshold")
    if "hold_threshold" in settings:
        value = settings["hold_threshold"]
        changes["hold_threshold"] = (
            None if value is None else _unit(value, f"{where}.hold_threshold")
        )
    if "enabled" in settings:
        if not isinstance(settings["enabled"], bool):
            raise RulebookError(f"{where}.enabled must be true or false")
        changes["enabled"] = settings["enabled"]
    return replace(rule, **changes)  # type: ignore[arg-type]  # keys checked above


def _rule(
    rule_id: str,
    detectors: Sequence[Detector],
    outcome: Outcome,
    threshold: float = 0.5,
    hold_threshold: float | None = None,
) -> Rule:
    title, wording = RULE_TEXT[rule_id]
    return Rule(
        id=rule_id,
        wording=wording,
        detectors=tuple(detectors),
        outcome=outcome,
        threshold=threshold,
        hold_threshold=hold_threshold,
        title=title,
    )


def default_rulebook() -> Rulebook:
    """The 20 rules of mission.md with the default detectors, outcomes and thresholds."""
    # Imported here so that importing the rulebook module stays cheap; detector
    # modules load their artefacts lazily on first use, never at import.
    # trained heads (thresholds chosen on validation by `vestnik train`; see
    # vestnik/engine/models/<head>.md)
    from vestnik.engine.detectors.commercial_classifier import CommercialClassifier
    from vestnik.engine.detectors.commercial_signals import CommercialSignalsDetector
    from vestnik.engine.detectors.drugs_classifier import DrugsClassifier
    from vestnik.engine.detectors.extremism_classifier import ExtremismClassifier
    from vestnik.engine.detectors.gibberish import GibberishDetector
    from vestnik.engine.detectors.group_threat import GroupThreatDetector
    from vestnik.engine.detectors.hate_classifier import HateClassifier
    from vestnik.engine.detectors.insult_classifier import InsultClassifier
    from vestnik.engine.detectors.language import LanguageDetector
    from vestnik.engine.detectors.malware_links import MalwareLinkDetector
    from vestnik.engine.detectors.minors_classifier import MinorsClassifier
    from vestnik.engine.detectors.near_duplicate import NearDuplicateDetector
    from vestnik.engine.detectors.off_topic import OffTopicDetector
    from vestnik.engine.detectors.personal_data import PersonalDataDetector
    from vestnik.engine.detectors.posting_rate import PostingRateDetector
    from vestnik.engine.detectors.profanity_classifier import ProfanityClassifier
    from vestnik.engine.detectors.profanity_lexicon import ProfanityLexiconDetector
    from vestnik.engine.detectors.promotion_classifier import PromotionClassifier
    from vestnik.engine.detectors.publisher_disrespect_classifier import (
        PublisherDisrespectClassifier,
    )
    from vestnik.engine.detectors.publisher_insult import PublisherInsultDetector
    from vestnik.engine.detectors.repetition import RepetitionDetector
    from vestnik.engine.detectors.run_on import RunOnDetector
    from vestnik.engine.detectors.shouting import ShoutingDetector
    from vestnik.engine.detectors.slur_use import SlurUseDetector
    from vestnik.engine.detectors.spam_classifier import SpamClassifier
    from vestnik.engine.detectors.suicide_classifier import SuicideClassifier
    from vestnik.engine.detectors.trolling_classifier import TrollingClassifier
    from vestnik.engine.detectors.violence_classifier import ViolenceClassifier

    commercial = CommercialSignalsDetector()  # one instance serves three rules
    hold, reject = Outcome.HOLD, Outcome.REJECT
    rules = [
        _rule(
            "off-topic",
            [OffTopicDetector()],
            hold,
            threshold=0.839,  # val precision >= 0.95; see models/off_topic.md
        ),
        # the abuse model's calibrated outputs, each task's own thresholds
        # mapped onto 0.8 (reject) / 0.5 (hold); see models/abuse.md
        _rule(
            "hate",
            [HateClassifier(), SlurUseDetector(), GroupThreatDetector()],
            reject,
            threshold=0.8,
            hold_threshold=0.5,
        ),
        _rule(
            "minors",
            [MinorsClassifier()],
            reject,
            threshold=0.811,
            hold_threshold=0.655,
        ),
        _rule(
            "extremism",
            [ExtremismClassifier()],
            reject,
            threshold=0.581,
            hold_threshold=0.436,
        ),
        _rule(
            "insult-threat",
            [InsultClassifier()],
            reject,
            threshold=0.8,
            hold_threshold=0.5,
        ),
        _rule(
            "publisher-disrespect",
            [PublisherInsultDetector(), PublisherDisrespectClassifier(fire_at=0.5)],
            hold,
        ),
        _rule(
            "privacy",
            [PersonalDataDetector()],
            reject,
            threshold=0.9,
            hold_threshold=0.5,
        ),
        _rule(
            "violence",
            [ViolenceClassifier()],
            reject,
            threshold=0.64,
            hold_threshold=0.351,
        ),
        # held for a human with support resources, never a silent rejection
        _rule(
            "suicide",
            [SuicideClassifier()],
            hold,
            threshold=0.683,
            hold_threshold=0.525,
        ),
        _rule(
            "commercial",
            [commercial, CommercialClassifier(fire_at=0.8, hold_at=0.5)],
            reject,
            threshold=0.8,
            hold_threshold=0.5,
        ),
        _rule("promotion", [commercial, PromotionClassifier(fire_at=0.5)], hold),
        _rule(
            "profanity",
            [ProfanityLexiconDetector(), ProfanityClassifier(fire_at=0.7, hold_at=0.5)],
            reject,
            threshold=0.7,
            hold_threshold=0.5,
        ),
        _rule(
            "spam",
            [commercial, SpamClassifier(fire_at=0.8, hold_at=0.5)],
            reject,
            threshold=0.8,
            hold_threshold=0.5,
        ),
        _rule(
            "drugs", [DrugsClassifier()], reject, threshold=0.948, hold_threshold=0.556
        ),
        _rule(
            "malware",
            [MalwareLinkDetector()],
            reject,
            threshold=0.8,
            hold_threshold=0.5,
        ),
        _rule("flash-mob", [NearDuplicateDetector()], hold),
        _rule("flooding", [PostingRateDetector(), GibberishDetector()], hold),
        _rule(
            "trolling",
            [TrollingClassifier()],
            hold,
            threshold=0.798,
            hold_threshold=0.551,
        ),
        _rule(
            "form", [ShoutingDetector(), RunOnDetector(), RepetitionDetector()], hold
        ),
        _rule("language", [LanguageDetector()], hold),
    ]
    return Rulebook(rules=tuple(rules))
