import pytest

from vestnik.engine import RULE_IDS, Outcome, RulebookError, default_rulebook

MISSION_IDS = [
    "off-topic",
    "hate",
    "minors",
    "extremism",
    "insult-threat",
    "publisher-disrespect",
    "privacy",
    "violence",
    "suicide",
    "commercial",
    "promotion",
    "profanity",
    "spam",
    "drugs",
    "malware",
    "flash-mob",
    "flooding",
    "trolling",
    "form",
    "language",
]


def test_all_twenty_rules_with_published_wording() -> None:
    book = default_rulebook()
    assert list(book.rule_ids) == MISSION_IDS == list(RULE_IDS)
    assert book["form"].wording == (
        "ignores the standard rules of the site's language: typed fully or mostly in "
        "capitals, or not broken into sentences"
    )
    assert all(rule.wording and rule.title for rule in book.rules)


def test_overrides_layer_over_the_default() -> None:
    book = default_rulebook().with_overrides(
        {
            "site_languages": ["RU", "en"],
            "publisher_names": ["Vestnik"],
            "journalist_names": ["Anna Petrova"],
            "allowed_domains": [".Vestnik.example"],
            "language_action": "remove",
            "rules": {
                "form": {
                    "outcome": "reject",
                    "threshold": 0.8,
                    "wording": "is SHOUTING",
                }
            },
        }
    )
    assert book.site_languages == ("ru", "en")
    assert book.publisher_names == ("Vestnik", "Anna Petrova")
    assert book.allowed_domains == ("vestnik.example",)
    assert book["form"].outcome is Outcome.REJECT
    assert book["form"].threshold == 0.8
    assert book["form"].wording == "is SHOUTING"
    assert book["language"].outcome is Outcome.REJECT
    assert book.version.startswith("default+")
    assert (
        default_rulebook()["form"].outcome is Outcome.HOLD
    )  # the default is untouched


def test_language_allow_disables_the_rule() -> None:
    book = default_rulebook().with_overrides({"language_action": "allow"})
    assert not book["language"].enabled


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rules": {"nonsense": {}}}, "unknown rule id"),
        ({"rules": {"form": {"threshold": 2}}}, "between 0 and 1"),
        ({"rules": {"form": {"outcome": "explode"}}}, "publish, hold or reject"),
        ({"rules": {"form": {"colour": "red"}}}, "unknown setting"),
        ({"language_action": "shout"}, "language_action"),
        ({"site_languages": []}, "at least one"),
        ({"allowed_domains": "x.com"}, None),  # a single string is accepted
        ({"mystery": 1}, "unknown override key"),
        ({"rules": {"form": {"enabled": "yes"}}}, "true or false"),
    ],
)
def test_bad_overrides_give_clear_errors(data: dict, message: str | None) -> None:
    if message is None:
        default_rulebook().with_overrides(data)
        return
    with pytest.raises(RulebookError, match=message):
        default_rulebook().with_overrides(data)


def test_hold_band() -> None:
    rule = default_rulebook()["privacy"]
    assert rule.outcome_for(0.95) is Outcome.REJECT
    assert rule.outcome_for(0.7) is Outcome.HOLD
    assert rule.outcome_for(0.3) is None
