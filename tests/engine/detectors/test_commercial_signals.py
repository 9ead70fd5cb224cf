import pytest

from tests.engine.harness import run_detector
from vestnik.engine import SiteProfile
from vestnik.engine.detectors.commercial_signals import CommercialSignalsDetector


def rule_scores(text: str, site: SiteProfile | None = None) -> dict[str, float]:
    return {
        f.rule: f.score for f in run_detector(CommercialSignalsDetector(), text, site)
    }


@pytest.mark.parametrize(
    ("text", "rule", "minimum"),
    [
        ("Buy now at amazon.com/dp/B0123 for only $19.99, 50% off!", "commercial", 0.8),
        ("Use promo code SAVE20 for a discount on all orders", "commercial", 0.5),
        ("Order now: WhatsApp +44 7700 900123, best price in town", "commercial", 0.5),
        (
            "Congratulations! You have won a £1000 cash prize, call 09061701461 to claim",
            "spam",
            0.8,
        ),
        (
            "I make $500 a day working from home and you can too, passive income!",
            "spam",
            0.5,
        ),
        (
            "We offer bulk email and mass mailing services, buy followers cheap",
            "spam",
            0.8,
        ),
        (
            "Check out my channel for more, like and subscribe! youtube.com/@me",
            "promotion",
            0.5,
        ),
    ],
)
def test_hits(text: str, rule: str, minimum: float) -> None:
    assert rule_scores(text).get(rule, 0.0) >= minimum


@pytest.mark.parametrize(
    "text",
    [
        "Petrol now costs $2.10 a gallon, up from $1.80 last year.",  # one price is news, not an ad
        "The mayor said the new bridge will cost 40 million euros.",
        "You won't believe how bad the traffic was today.",
        "Read the full report at ons.gov.uk",
        "I love working from home, my commute is zero.",
        "",
    ],
)
def test_near_misses(text: str) -> None:
    assert all(score < 0.5 for score in rule_scores(text).values())


def test_allowed_domains_are_not_shop_links() -> None:
    text = "Subscribe at shop.vestnik.com/store/annual for $5"
    site = SiteProfile(allowed_domains=("vestnik.com",))
    assert rule_scores(text, site).get("commercial", 0.0) < rule_scores(text).get(
        "commercial", 0.0
    )
