import pytest

from tests.engine.harness import run_detector
from vestnik.engine import SiteProfile
from vestnik.engine.detectors.publisher_insult import PublisherInsultDetector

SITE = SiteProfile(publisher_names=("Vestnik", "Anna Petrova"))


def score(text: str) -> float:
    findings = run_detector(PublisherInsultDetector(), text, SITE)
    return max((f.score for f in findings), default=0.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hits: an insult next to the publisher or its journalists
        ("Vestnik is a propaganda rag run by liars", 0.7),
        ("Anna Petrova is an incompetent hack", 0.7),
        ("The editors are clueless as usual", 0.7),
        ("this rag never checks facts", 0.7),
        ("редакция продажная, как всегда", 0.7),
        # farther apart, or in the next sentence of a short comment: held (0.55)
        ("Vestnik again? Useless.", 0.55),
        # near misses
        ("Vestnik did a great job covering the floods.", 0.0),
        ("The minister should resign, the plan is garbage.", 0.0),
        ("", 0.0),
        # known false positives: the insult is aimed elsewhere; held, never rejected
        ("The minister is a liar. Thanks Vestnik for exposing him.", 0.55),
        ("Anna Petrova interviewed the mayor, who called the plan garbage", 0.55),
    ],
)
def test_publisher_insult(text: str, expected: float) -> None:
    assert score(text) == expected
