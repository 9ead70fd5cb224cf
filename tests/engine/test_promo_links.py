"""Disguised domains and link kinds (vestnik/engine/promo_links.py)."""

import pytest

from vestnik.engine.links import Link
from vestnik.engine.promo_links import disguised_links, extra_links, link_kind
from vestnik.engine.text import Document


def hosts(text: str) -> list[str]:
    doc = Document(text)
    return [link.host for link in disguised_links(doc.normalized, doc.links)]


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("visit ww example com for money", "example.com"),
        ("go to w w w . cashtide . com and sign up", "cashtide.com"),
        ("Go to www moneytree online and see", "moneytree.online"),
        ("e a s y c a s h . c o m changed my life", "easycash.com"),
        ('search "profitlane . com" and use my name', "profitlane.com"),
        ("visit luckyspin d0t com to claim", "luckyspin.com"),
        ("the secret site is w-w-w. sidecash. com", "sidecash.com"),
        ("earn 50 dollars at surveystar d o t com", "surveystar.com"),
        ("the link is moneyhive.c o m (remove the spaces)", "moneyhive.com"),
        ("visit goldenbonus,com for a bonus", "goldenbonus.com"),
        ("claim it at winbig , net before", "winbig.net"),
        ("www . paydayfast . co . uk", "paydayfast.co.uk"),
        ("free robux at robuxfree dot fun", "robuxfree.fun"),
        ("go on wwwquickincome com", "quickincome.com"),
        ("the site is called c a s h w a v e dot org", "cashwave.org"),
    ],
)
def test_disguised_domains_are_found(text: str, host: str) -> None:
    assert host in hosts(text)


@pytest.mark.parametrize(
    "text",
    [
        "This feels like the dot com bubble all over again",
        "we lost. net migration is up",
        "the figures were wrong. net result is nothing",
        "i bought milk, eggs, etc. com to think of it",
        "Ok enjoy . R u there in home.",
        "the U S A is big",
        "Pay is 30k gross, net about 24k",
        "Typing the address with www in front still works",
        "It was added to the list on www.fullonsms.com yesterday",  # a plain link
    ],
)
def test_prose_is_not_a_disguised_domain(text: str) -> None:
    assert hosts(text) == []


def test_www_hosts_and_reserved_test_tlds_are_links() -> None:
    found = extra_links(
        "check www.fastmoneytoday.example and northwater.example/privacy"
    )
    assert [(link.host, link.path) for link in found] == [
        ("www.fastmoneytoday.example", ""),
        ("northwater.example", "/privacy"),
    ]


def _link(host: str, path: str = "") -> Link:
    return Link(start=0, end=1, host=host, path=path, scheme="https", obfuscated=False)


@pytest.mark.parametrize(
    ("host", "path", "kind"),
    [
        ("bit.ly", "/3xQz", "shortener"),
        ("www.youtube.com", "/@chillbeats", "profile"),
        ("www.youtube.com", "/channel/UCq8", "profile"),
        ("www.youtube.com", "/playlist", "profile"),
        ("instagram.com", "/kai.captures/", "profile"),
        ("linktr.ee", "/marcus", "profile"),
        ("www.youtube.com", "/watch", "video"),
        ("youtu.be", "/Qk39", "video"),
        ("twitter.com", "/LondonFire/status/1834", "article"),
        ("kicksdeal.shop", "", "shop"),
        ("www.ons.gov.uk", "/economy", "reference"),
        ("www.census.gov", "/data", "reference"),
        ("www.reuters.com", "/world/", "reference"),
        ("en.wikipedia.org", "/wiki/Tram", "reference"),
        ("eveningpost.example", "/news/2026/04/12/bridge-closure", "article"),
        ("luckywin-daily.example", "/", "homepage"),
        ("freeprizehub.example", "/claim", "other"),
    ],
)
def test_link_kinds(host: str, path: str, kind: str) -> None:
    assert link_kind(_link(host, path)) == kind
