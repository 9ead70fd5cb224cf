import pytest

from tests.engine.harness import codes, run_detector
from vestnik.engine.detectors.shouting import ShoutingDetector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hits
        ("THIS GOVERNMENT HAS NO IDEA WHAT IT IS DOING WITH OUR MONEY", {"capitals"}),
        (
            "WHY DOES NOBODY REPORT ON THIS?? it is a SCANDAL and EVERYONE KNOWS IT",
            {"capitals"},
        ),
        (
            "ＴＨＩＳ ＩＳ ＡＢＳＯＬＵＴＥＬＹ ＯＵＴＲＡＧＥＯＵＳ ＮＯＮＳＥＮＳＥ",
            {"capitals"},
        ),
        # near misses
        ("This government has no idea what it is doing with our MONEY.", set()),
        ("OK", set()),
        ("LOL WHAT", set()),
        # known false positive guarded: acronyms are not shouting
        (
            "The NATO and EU summit with USA, UK and G7 leaders discussed NHS and BBC funding.",
            set(),
        ),
        # quoted headlines do not count
        (
            'The headline "MINISTER RESIGNS AFTER SCANDAL ROCKS CAPITAL" was a bit much.',
            set(),
        ),
        # one long word in capitals is not a comment typed in capitals
        ("Hint Call 1 800THEWHITEHOUSE", set()),
        ("Hint: CALL THE WHITEHOUSE HOTLINE TODAY", {"capitals"}),
        ("", set()),
    ],
)
def test_shouting(text: str, expected: set[str]) -> None:
    assert codes(run_detector(ShoutingDetector(), text)) == expected


def test_evidence_points_into_the_original() -> None:
    text = "well... THIS IS ABSOLUTELY OUTRAGEOUS AND NOBODY CARES"
    (finding,) = run_detector(ShoutingDetector(), text)
    span = finding.spans[0]
    assert text[span.start : span.end].startswith("THIS IS ABSOLUTELY")
