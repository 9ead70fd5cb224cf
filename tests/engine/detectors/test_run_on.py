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
