import pytest

from tests.engine.harness import codes, run_detector
from vestnik.engine.detectors.run_on import RunOnDetector

RUN_ON = " ".join(
    ["and then the council said they would fix the road but nothing happened"] * 7
)
PROSE = (
    ". ".join(["The council said they would fix the road but nothing happened"] * 7)
    + "."
)
COMMAS = ", ".join(
    ["the council promised", "the mayor agreed", "nothing happened"] * 10
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (RUN_ON, {"run-on"}),
        (COMMAS, {"run-on"}),  # commas do not break sentences
        (PROSE, set()),
        ("Short comment without a full stop", set()),
        (
            "\n".join(["one line of a list of things"] * 12),
            set(),
        ),  # line breaks split sentences
        ("", set()),
    ],
)
def test_run_on(text: str, expected: set[str]) -> None:
    assert codes(run_detector(RunOnDetector(), text)) == expected


LONG_SENTENCE = (
    "I understand that the taxi system is broken and needs fixing, but asking "
    "us to ride with total strangers seems unsafe to me for several reasons, "
    "since taxis are inspected, taxis are insured, their drivers are trained "
    "in first aid, their drivers pass a background check, and the fares are "
    "set by the city rather than by an app that changes its prices whenever "
    "it rains or a match ends nearby"
)
PROSE_AROUND = " ".join(
    ["The council said it would fix the road, and nothing happened."] * 8
)


def test_one_long_sentence_among_many_is_prose_not_a_run_on() -> None:
    assert len(LONG_SENTENCE.split()) >= 60
    text = f"{PROSE_AROUND} {LONG_SENTENCE}. {PROSE_AROUND}"
    assert codes(run_detector(RunOnDetector(), text)) == set()
    # the same sentence as the whole comment is not broken into sentences
    assert codes(run_detector(RunOnDetector(), LONG_SENTENCE)) == {"run-on"}


def test_a_very_long_run_fires_inside_a_long_comment() -> None:
    text = f"{PROSE_AROUND} {RUN_ON} {RUN_ON}. {PROSE_AROUND} {PROSE_AROUND}"
    assert codes(run_detector(RunOnDetector(), text)) == {"run-on"}


def test_a_lost_space_before_i_still_ends_the_sentence() -> None:
    half = " ".join(LONG_SENTENCE.split()[:40]).rstrip(",")
    text = f"{half}.I think {half}.I'm sure {half}"
    assert codes(run_detector(RunOnDetector(), text)) == set()


def test_words_of_links_are_not_a_sentence() -> None:
    links = " and ".join(
        f"https://www.example.org/archive/{n}/freshwater_wetlands/our_work/"
        "ramsar_sites/harike_wetlands_and_lakes_report.html"
        for n in range(4)
    )
    text = f"Hi I have found some more links for you {links} and a brilliant one"
    assert codes(run_detector(RunOnDetector(), text)) == set()
    # the same length of words with no links is a run-on
    assert codes(run_detector(RunOnDetector(), RUN_ON)) == {"run-on"}


def test_a_full_stop_before_closing_backticks_ends_the_sentence() -> None:
    half = " ".join(LONG_SENTENCE.split()[:40])
    text = f"He wrote that {half} ``and that is final.`` Then {half}."
    assert codes(run_detector(RunOnDetector(), text)) == set()
    # without the stop the same words run on
    text = f"He wrote that {half} ``and that is final`` then {half}."
    assert codes(run_detector(RunOnDetector(), text)) == {"run-on"}
