import pytest

from tests.engine.harness import run_detector
from vestnik.engine import SiteProfile
from vestnik.engine.detectors.publisher_insult import PublisherInsultDetector

SITE = SiteProfile(publisher_names=("Vestnik", "Anna Petrova"))


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Vestnik is a propaganda rag run by liars", True),
        ("Anna Petrova is an incompetent hack", True),
        ("The editors are clueless as usual", True),
        ("this rag never checks facts", True),
        ("редакция продажная, как всегда", True),
        # near misses
        ("Vestnik did a great job covering the floods.", False),
        ("The minister is a liar. Thanks Vestnik for exposing him.", False),
        ("Anna Petrova interviewed the mayor, who called the plan garbage", False),
        ("", False),
    ],
)
def test_publisher_insult(text: str, fires: bool) -> None:
    findings = run_detector(PublisherInsultDetector(), text, SITE)
    assert bool(findings) is fires
