import pytest

from tests.engine.harness import run_detector
from vestnik.engine import SiteProfile
from vestnik.engine.detectors.language import LanguageDetector

EN = SiteProfile(languages=("en",))


@pytest.mark.parametrize(
    ("text", "site", "lang"),
    [
        ("Это очень плохая статья, автор ничего не понимает в экономике.", EN, "ru"),
        ("Das ist eine sehr gute Nachricht für die Stadt und ihre Bewohner.", EN, "de"),
        (
            "The minister said the policy would start next year.",
            SiteProfile(languages=("ru",)),
            "en",
        ),
        # near misses: the site's language, too short, names and quotes
        (
            "The minister said the new policy would start next year, said Reuters.",
            EN,
            None,
        ),
        ("merci beaucoup", EN, None),
        ("ok", EN, None),
        (
            "I loved Dostoevsky and his novel «Преступление и наказание» a lot, great book.",
            EN,
            None,
        ),
        (
            "Vladimir Vladimirovich Zhirinovsky met Sergei Sobyanin in Moscow yesterday",
            EN,
            None,
        ),
        (
            "Both languages are fine here: это нормально and that is fine too.",
            SiteProfile(languages=("en", "ru")),
            None,
        ),
        ("", EN, None),
    ],
)
def test_language(text: str, site: SiteProfile, lang: str | None) -> None:
    findings = run_detector(LanguageDetector(), text, site)
    assert [f.data["language"] for f in findings] == ([lang] if lang else [])


def test_language_allowed_by_the_publisher() -> None:
    site = SiteProfile(languages=("en",), language_action="allow")
    assert (
        run_detector(
            LanguageDetector(),
            "Это очень плохая статья, автор ничего не понимает.",
            site,
        )
        == []
    )
