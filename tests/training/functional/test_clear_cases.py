"""Clear cases of every functionality through the real engine (the shipped model).

A handful of unambiguous cases per functionality of the functional suite
(cases.jsonl), moderated with the default rulebook: `hate` must fire (hold or
reject) on the hateful ones and must not fire on the others.

The shipped model misses some of them; those are strict xfails in
``KNOWN_MISSES`` with the reason, measured with
``vestnik eval --task functional --limit 0``. When a retrained model fixes one,
its test fails (XPASS) until the entry is removed: the table stays an honest
record of what works. The whole suite's figures are in the report that command
writes, not here.

    .venv/bin/pytest tests/training/functional/test_clear_cases.py -q -p no:cacheprovider
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from vestnik.engine import (
    Context,
    Submission,
    Verdict,
    default_rulebook,
    moderate_batch,
)

from .generate import CASES

pytestmark = pytest.mark.slow

SUITE: dict[str, dict[str, Any]] = {
    case["id"]: case
    for case in map(json.loads, CASES.read_text(encoding="utf-8").splitlines())
}

#: three clear cases per functionality, from different target groups (none
#: within 0.04 of the hold threshold with the shipped model, so
#: a strict xfail never flips on rounding)
CLEAR: tuple[str, ...] = (
    # derog_emotion
    "derog_emotion-trans-01",
    "derog_emotion-gay-02",
    "derog_emotion-disabled-04",
    # derog_attribute
    "derog_attribute-black-01",
    "derog_attribute-disabled-02",
    "derog_attribute-muslims-03",
    # derog_dehumanise
    "derog_dehumanise-immigrants-02",
    "derog_dehumanise-jews-03",
    "derog_dehumanise-chinese-04",
    # derog_implicit
    "derog_implicit-christians-03",
    "derog_implicit-liberals-04",
    "derog_implicit-trans-01",
    # slur_group
    "slur_group-trans-04",
    "slur_group-gay-00",
    "slur_group-black-01",
    # slur_homonym
    "slur_homonym-disabled-00",
    "slur_homonym-muslims-01",
    "slur_homonym-immigrants-02",
    # slur_reclaimed
    "slur_reclaimed-jews-01",
    "slur_reclaimed-chinese-02",
    "slur_reclaimed-christians-03",
    # threat_direct
    "threat_direct-liberals-02",
    "threat_direct-women-03",
    "threat_direct-trans-04",
    # threat_normative
    "threat_normative-gay-03",
    "threat_normative-black-04",
    "threat_normative-disabled-00",
    # hate_profanity
    "hate_profanity-muslims-04",
    "hate_profanity-immigrants-00",
    "hate_profanity-jews-01",
    # profanity_nonhate
    "profanity_nonhate-chinese-00",
    "profanity_nonhate-christians-01",
    "profanity_nonhate-liberals-02",
    # profanity_generic
    "profanity_generic-none-00",
    "profanity_generic-none-03",
    "profanity_generic-none-06",
    # pronoun_hate
    "pronoun_hate-black-02",
    "pronoun_hate-disabled-03",
    "pronoun_hate-muslims-04",
    # pronoun_nonhate
    "pronoun_nonhate-immigrants-03",
    "pronoun_nonhate-jews-04",
    "pronoun_nonhate-chinese-00",
    # negated_positive
    "negated_positive-liberals-00",
    "negated_positive-women-01",
    "negated_positive-trans-02",
    # negated_hate
    "negated_hate-trans-00",
    "negated_hate-gay-01",
    "negated_hate-black-02",
    # question_hate
    "question_hate-disabled-01",
    "question_hate-muslims-02",
    "question_hate-immigrants-03",
    # question_nonhate
    "question_nonhate-jews-02",
    "question_nonhate-chinese-03",
    "question_nonhate-christians-04",
    # opinion_hate
    "opinion_hate-liberals-03",
    "opinion_hate-women-04",
    "opinion_hate-trans-00",
    # opinion_nonhate
    "opinion_nonhate-gay-04",
    "opinion_nonhate-black-00",
    "opinion_nonhate-disabled-01",
    # identity_neutral
    "identity_neutral-muslims-00",
    "identity_neutral-immigrants-01",
    "identity_neutral-jews-02",
    # identity_positive
    "identity_positive-chinese-01",
    "identity_positive-christians-02",
    "identity_positive-liberals-03",
    # counter_quote
    "counter_quote-women-02",
    "counter_quote-trans-03",
    "counter_quote-gay-04",
    # counter_reference
    "counter_reference-black-03",
    "counter_reference-disabled-04",
    "counter_reference-muslims-00",
    # news_hate_crime
    "news_hate_crime-immigrants-04",
    "news_hate_crime-jews-00",
    "news_hate_crime-chinese-01",
    # news_quote_politician
    "news_quote_politician-christians-00",
    "news_quote_politician-liberals-01",
    "news_quote_politician-women-02",
    # criticism_politician
    "criticism_politician-none-00",
    "criticism_politician-none-03",
    "criticism_politician-none-06",
    # criticism_institution
    "criticism_institution-none-00",
    "criticism_institution-none-03",
    "criticism_institution-none-06",
    # criticism_article
    "criticism_article-none-00",
    "criticism_article-none-03",
    "criticism_article-none-06",
    # abuse_individual
    "abuse_individual-none-00",
    "abuse_individual-none-03",
    "abuse_individual-none-06",
    # abuse_object
    "abuse_object-none-00",
    "abuse_object-none-03",
    "abuse_object-none-06",
    # abuse_nonprotected_group
    "abuse_nonprotected_group-none-00",
    "abuse_nonprotected_group-none-03",
    "abuse_nonprotected_group-none-06",
    # obf_leet
    "obf_leet-christians-04",
    "obf_leet-liberals-06",
    "obf_leet-women-00",
    # obf_space_insert
    "obf_space_insert-trans-06",
    "obf_space_insert-black-01",
    "obf_space_insert-disabled-02",
    # obf_space_remove
    "obf_space_remove-black-06",
    "obf_space_remove-disabled-00",
    "obf_space_remove-immigrants-02",
    # obf_swap
    "obf_swap-immigrants-00",
    "obf_swap-jews-01",
    "obf_swap-chinese-02",
    # obf_drop
    "obf_drop-christians-01",
    "obf_drop-liberals-02",
    "obf_drop-women-03",
)

#: why the shipped model gets a functionality wrong (issue 12's weak areas)
WHY: dict[str, str] = {
    "liberals": "a political camp: the abuse model learnt too few examples of "
    "dehumanising or exterminationist talk about a party's supporters",
    "derog_implicit": "implicit derogation (a comparison to a plague) without hateful words",
    "slur_group": "a slur that is also an ordinary word ('spades') is not read as a slur",
    "threat_direct": "a threat against a group without dehumanising words scores under "
    "the hold band",
    "negated_positive": "hate by negation ('will never be equal to us', 'are not "
    "people') scores low: the model reads the negation as softening",
    "profanity_nonhate": "a group named beside a swear word reads as hate",
    "pronoun_nonhate": "a group named in a rhetorical question reads as hate",
    "opinion_nonhate": "an opinion about a group (even a supportive one) reads as hate",
    "counter_quote": "counter-speech quoting hate: the model scores the quoted words, "
    "not the stance",
    "obf_space_insert": "spaced letters are undone, but the threat left without "
    "dehumanising words scores under the hold band",
    "obf_space_remove": "the joined words are split, but the threat left without "
    "dehumanising words scores under the hold band",
    "obf_drop": "a dropped letter in a group name ('crsader') is not restored: "
    "only abusive words are corrected",
}

#: the CLEAR cases the shipped model gets wrong today: case id -> WHY key
KNOWN_MISSES: dict[str, str] = {
    "derog_implicit-christians-03": "derog_implicit",
    "pronoun_nonhate-immigrants-03": "pronoun_nonhate",
    "derog_implicit-liberals-04": "liberals",
    "slur_group-black-01": "slur_group",
    "negated_positive-liberals-00": "liberals",
    "opinion_hate-liberals-03": "liberals",
    "obf_drop-liberals-02": "liberals",
}


def _param(case_id: str) -> Any:
    marks = []
    if case_id in KNOWN_MISSES:
        marks.append(pytest.mark.xfail(reason=WHY[KNOWN_MISSES[case_id]], strict=True))
    return pytest.param(case_id, marks=marks, id=case_id)


def test_the_clear_cases_cover_every_functionality() -> None:
    assert set(CLEAR) <= set(SUITE)
    assert set(KNOWN_MISSES) <= set(CLEAR)
    assert set(KNOWN_MISSES.values()) <= set(WHY)
    assert {SUITE[i]["functionality"] for i in CLEAR} == {
        c["functionality"] for c in SUITE.values()
    }


@pytest.fixture(scope="module")
def verdicts() -> dict[str, Verdict]:
    items = [
        (Submission(text=SUITE[i]["text"], id=i), Context(record=False)) for i in CLEAR
    ]
    return {v.submission_id or "": v for v in moderate_batch(items, default_rulebook())}


@pytest.mark.parametrize("case_id", [_param(i) for i in CLEAR])
def test_clear_case(verdicts: dict[str, Verdict], case_id: str) -> None:
    case, verdict = SUITE[case_id], verdicts[case_id]
    fired = "hate" in {r.rule for r in verdict.fired}
    assert fired is bool(case["label"]), (
        f"{case['functionality']}: hate {verdict.scores['hate']:.3f} -- {case['text']}"
    )
