import pytest

from tests.engine.harness import codes, run_detector
from vestnik.engine.detectors.repetition import RepetitionDetector


@pytest.mark.parametrize(
    ("text", "expected", "fires"),
    [
        ("Sooooooo bad!!!!!!!! Why?????", {"repetition"}, True),
        ("no no no no no no no means no", {"repetition"}, False),
        ("Wait..........", {"repetition"}, False),
        # near misses
        ("Well... I think so!!", set(), False),
        ("Aaah, that is a good point.", set(), False),
        ("It cost 1000000 dollars", set(), False),
        # layout, not emphasis: reply indentation and separators
        (
            "::::::I'm not sure the ban was fair. ::::::::As you can see, I was right.",
            set(),
            False,
        ),
        ("******** GUN CONTROL DEBATE TONIGHT ******** join us", set(), False),
        ("Its time to sing our song!!!!!!!!! I love youuuuu", {"repetition"}, True),
        ("", set(), False),
    ],
)
def test_repetition(text: str, expected: set[str], fires: bool) -> None:
    findings = run_detector(RepetitionDetector(), text)
    assert codes(findings) == expected
    assert any(f.score >= 0.5 for f in findings) == fires
