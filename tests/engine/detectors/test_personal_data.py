import pytest

from tests.engine.harness import codes, run_detector
from vestnik.engine import SiteProfile
from vestnik.engine.detectors.personal_data import (
    PersonalDataDetector,
    iban_ok,
    inn_ok,
    luhn_ok,
    snils_ok,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("her card is 4111 1111 1111 1111, use it", {"payment-card"}),
        ("pay to GB82 WEST 1234 5698 7654 32 today", {"iban"}),
        ("his SSN is 123-45-6789", {"national-id"}),
        ("СНИЛС 112-233-445 95", {"national-id"}),
        ("write to john.smith@example.org and tell him", {"email"}),
        ("call her on +44 20 7946 0958 after six", {"phone"}),
        ("call him at (415) 555-2671", {"phone"}),
        ("he lives at 221B Baker Street, London", {"street-address"}),
        ("она живёт на ул. Ленина, д. 5", {"street-address"}),
        ("his IP is 192.168.10.20 lol", {"ip-address"}),
        # near misses
        ("card 4111 1111 1111 1112 fails Luhn", set()),
        ("the IBAN GB82 WEST 1234 5698 7654 33 is wrong", set()),
        ("area 000-12-3456 is not an SSN", set()),
        ("In 2024, 1500 people attended; 3 streets were closed.", set()),
        ("Version 1.2.3 is out", set()),
        ("", set()),
    ],
)
def test_personal_data(text: str, expected: set[str]) -> None:
    assert codes(run_detector(PersonalDataDetector(), text)) == expected


def test_allowed_domains_are_not_personal_data() -> None:
    site = SiteProfile(allowed_domains=("vestnik.example",))
    text = "write to letters@vestnik.example for corrections"
    assert run_detector(PersonalDataDetector(), text, site) == []


def test_ip_inside_a_link_is_not_personal_data() -> None:
    assert codes(run_detector(PersonalDataDetector(), "see http://10.0.0.1/x")) == set()


@pytest.mark.parametrize(
    ("check", "value", "ok"),
    [
        (luhn_ok, "79927398713", True),
        (luhn_ok, "79927398710", False),
        (iban_ok, "DE89370400440532013000", True),
        (iban_ok, "DE89370400440532013001", False),
        (snils_ok, "11223344595", True),
        (inn_ok, "7707083893", True),
        (inn_ok, "7707083894", False),
    ],
)
def test_checksums(check, value: str, ok: bool) -> None:
    assert check(value) is ok
