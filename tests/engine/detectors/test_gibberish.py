import pytest

from tests.engine.harness import codes, run_detector
from vestnik.engine.detectors.gibberish import GibberishDetector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("asdfgh jkl qwpoeiru zxcvb", {"gibberish"}),
        ("sdkjfhskdjfhskdjfh", {"gibberish"}),
        ("hjkhjk lkjlkj dfgdfg", {"gibberish"}),
        # near misses: real words in several languages, rhythm alone, short text
        ("The rhythm of the council meetings is too slow.", set()),
        ("Это очень плохая статья про экономику", set()),
        ("Die Regierung hat heute neue Maßnahmen beschlossen", set()),
        ("asdf", set()),
        ("", set()),
    ],
)
def test_gibberish(text: str, expected: set[str]) -> None:
    assert codes(run_detector(GibberishDetector(), text)) == expected
