"""GroupThreatDetector: a threat aimed at a group is hate (rule `hate`); a
threat to a person, to a group nobody protects, or a threat reported in the
news is not this detector's.  Real model, real encoder."""

from __future__ import annotations

import pytest

from vestnik.engine import default_rulebook
from vestnik.engine.detectors.group_threat import (
    GroupThreatDetector,
    _named_groups,
    aimed_at,
    target_shares,
)
from vestnik.engine.encoder import embed_documents
from vestnik.engine.text import Document
from vestnik.engine.types import Context


def _run(text: str) -> list:
    doc = Document(text)
    embed_documents([doc])
    return GroupThreatDetector().detect(doc, Context())


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Any immigrant who shows up at the meeting tonight is getting their head kicked in.",
        "You Christians will hang for this. Every one of you. Count on it.",
        "We know where you Muslims live. Leave this town or we'll burn you out.",
        "The next trans person who walks into my pub is getting a bottle over the head.",
    ],
)
def test_a_threat_aimed_at_a_group_is_hate(text: str) -> None:
    (finding,) = _run(text)
    assert finding.rule == "hate"
    assert finding.code == "threat-against-group"
    assert default_rulebook()["hate"].outcome_for(finding.score) is not None
    assert "a threat against a group" in finding.explanation
    assert finding.spans and finding.spans[0].end <= len(text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # a person, not a group
        "I will find you and I will hurt you, Dave.",
        # a group nobody protects
        "Any journalist who shows up at the meeting tonight is getting their head kicked in.",
        # reported, not made
        "Police say a man threatened to burn out the Muslim family next door.",
        # a group named, no threat
        "Muslims are great neighbours and the mosque's food bank feeds half the street.",
        "The minister should resign over this budget.",
    ],
)
def test_no_threat_to_a_group_does_not_fire(text: str) -> None:
    assert _run(text) == []


def test_without_the_models_output_it_does_not_judge() -> None:
    doc = Document("You Christians will hang for this.")
    assert GroupThreatDetector().detect(doc, Context()) == []  # no embedding


def test_the_group_must_be_named_by_word_or_slur() -> None:
    assert _named_groups("the next woman who moves in") == {"women"}
    assert _named_groups("you liberals will pay") == {"political"}
    assert _named_groups("Refugees and Muslims") == {"immigrant", "muslim"}
    assert _named_groups("the next guy who parks here") == set()
    assert _named_groups("you kikes will pay") == {"jewish"}
    # a singular slur may be an ordinary word
    assert _named_groups("a chink in the armour, exploit it") == set()


def test_the_share_is_on_the_named_groups_and_none_counts_against_them() -> None:
    shares = target_shares({"hate": 3.0, "target:none": 0.0, "target:women": 0.0})
    assert shares == {"none": 0.5, "women": 0.5}
    logits = {"target:none": 5.0, "target:other": 5.0, "target:women": 0.0}
    group, share = aimed_at(logits, "the next woman who moves in")
    assert group == "women" and share < 0.01
    logits = {"target:none": 0.0, "target:trans": 2.0, "target:lgbq": 1.5}
    group, share = aimed_at(logits, "trans people and gay people")
    assert group == "trans" and share > 0.9
    assert aimed_at(logits, "the next guy who parks here") == (None, 0.0)
    assert aimed_at({"hate": 1.0}, "Muslims") == (None, 0.0)
