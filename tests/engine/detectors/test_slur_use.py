"""SlurUseDetector: a slur used against a group is hate (rule `hate`), a slur
mentioned, reclaimed, in its innocent sense or thrown at one person is not
this detector's to judge. No model: the detector is lexical."""

from __future__ import annotations

import pytest

from tests.engine.harness import codes, run_detector
from vestnik.engine import Context, Submission, default_rulebook, moderate
from vestnik.engine.detectors.slur_use import SCORE, SlurUseDetector
from vestnik.engine.types import Outcome


def fired(text: str) -> bool:
    return bool(run_detector(SlurUseDetector(), text))


@pytest.mark.parametrize(
    "text",
    [
        "Get these kikes out of our town.",
        "The estate is full of wetbacks now, thanks a lot council.",
        "Why do ragheads always get a free pass?",
        "libtards will cry about this verdict",
        # disguised: the reading undoes leet, spacing and joined words
        "k1k3s run the banks",
        "send the w e t b a c k s home",
        "Ban allthe towelheads from the march",
    ],
)
def test_a_plural_slur_aimed_at_the_group_fires(text: str) -> None:
    assert fired(text), text


@pytest.mark.parametrize(
    "text",
    [
        # mentioned, not used
        "Calling refugees 'rapefugees' is disgusting and the mods should ban it.",
        'He wrote "towelheads" in his first post, report him.',
        "The word kikes has no place in a newspaper comment section.",
        "Stop calling them libtards, it makes you look like a child.",
        # reclaimed or in-group
        "Me and my fellow yids sang all the way home from the match.",
        # innocent senses and in-group usage are the model's to judge
        "Faggots and peas for tea tonight, lovely.",
        "The river broke through two dykes last winter.",
        # one person, singular, possessive
        "That referee is a complete retard.",
        "Shylock's speech in act three still gives me chills.",
        # no slur at all
        "Immigrants built half the hospitals in this city.",
        "",
    ],
)
def test_a_slur_mentioned_reclaimed_or_not_aimed_at_a_group_does_not(
    text: str,
) -> None:
    assert not fired(text), text


def test_the_finding_names_the_group_the_word_and_points_into_the_original() -> None:
    text = "Nobody asked you kikes."
    findings = run_detector(SlurUseDetector(), text)
    assert codes(findings) == {"slur-against-group"}
    (finding,) = findings
    assert finding.rule == "hate"
    assert finding.score == SCORE
    assert "Jews" in finding.explanation
    assert finding.data["slurs"] == "kikes"
    (span,) = finding.spans
    assert text[span.start : span.end] == "kikes"


def test_disguised_slur_spans_cover_the_disguise() -> None:
    text = "typical w3tb@cks again"
    (finding,) = run_detector(SlurUseDetector(), text)
    (span,) = finding.spans
    assert text[span.start : span.end] == "w3tb@cks"


def test_the_rule_holds_on_the_lexicon_alone_and_never_rejects_on_it() -> None:
    book = default_rulebook()
    rule = book["hate"]
    assert any(isinstance(d, SlurUseDetector) for d in rule.detectors)
    assert rule.hold_threshold is not None
    assert rule.hold_threshold <= SCORE < rule.threshold


@pytest.mark.slow
def test_through_the_engine_a_group_slur_is_at_least_held_as_hate() -> None:
    verdict = moderate(Submission(text="Nobody asked you troons."), Context())
    assert verdict.action in (Outcome.HOLD, Outcome.REJECT)
    assert "hate" in {r.rule for r in verdict.fired}
