"""Finding links in comment text, including the ways people hide them.

`find_links(doc)` returns every URL-like thing in a `Document`'s normalised
text: full URLs (also "hxxp://" and "http[:]//"), bare domains ("shop.example",
"example.com/path"), spelled-out or bracketed dots ("example dot com",
"example[.]com", "example(.)com"), IP-literal hosts and punycode labels. Each
`Link` carries its normalised span (map it with `doc.to_original`), the host
in canonical form (lower case, real dots), the path, and how it was written.

Pure string work: nothing here fetches a URL or resolves a host, ever.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vestnik.engine.text import Document

# Enough TLDs to recognise bare domains without matching ordinary prose like
# "e.g." or "end.Then": generic ones in real use plus every two-letter ccTLD
# that commonly hosts links. Spelled-out dots ("x dot com") need the shorter list.
_GENERIC_TLDS = (
    "com net org info biz edu gov mil int io co me tv cc ws ly gl gg to am fm "
    "xyz top site online shop store app dev page link click club live life pro "
    "tech space website fun icu vip win bid loan work buzz email today news blog "
    "cloud host press world money cash bet casino games market sale deals agency "
    "rest monster cyou sbs cfd quest lol best ink one mobi name asia tel "
    "ru su ua by kz uk de fr it es nl be ch at pl cz sk hu ro bg gr pt se no dk fi "
    "ie lt lv ee is tr il ae sa ir in pk bd cn jp kr tw hk sg my id th vn ph au nz "
    "ca us mx br ar cl pe ve za ng ke eg ma tk ml ga cf gq su pw nu ws xxx ac ai "
    "si hr rs ba mk al md ge az uz kg lk np la kh mn co cr do ec gt hn ni pa py uy bo cu"
)
TLDS: frozenset[str] = frozenset(_GENERIC_TLDS.split())
# Spelled-out dots: prose words that are also TLDs ("it", "is", "in", "at",
# "be", "to", "no", "me", "us") are left out, or "a dot in the middle" is a link.
_SPOKEN_TLDS = (
    "com|net|org|ru|io|info|biz|xyz|shop|store|online|site|co|uk|de|ly|sk|pl|cz|fr|es|nl|"
    "ch|tk|pw|cc|su|kz|ua|by|br|cn|jp|top|club|live|app|dev|link|click|tv|ca|au|gov|edu"
)

_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
_DOT = r"(?:\.|\s?\[\s?(?:\.|dot)\s?\]\s?|\s?\(\s?(?:\.|dot)\s?\)\s?|\s?\{\s?(?:\.|dot)\s?\}\s?)"
_SPOKEN_DOT = r"\s+(?:dot|точка)\s+"
_SCHEME = r"(?P<scheme>h(?:tt|xx|\*\*)ps?|ftp)(?::|\[:\])//"
_PATH = r"(?P<path>(?::\d{1,5})?[/?#][^\s<>\"'«»]*)?"
_IPV4 = r"(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}"

_OBFUSCATED_IP_RE = re.compile(
    rf"(?<![\w.])(?P<host>(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:(?:{_DOT}|\s+dot\s+)(?:25[0-5]|2[0-4]\d|1?\d?\d)){{3}})"
    rf"(?![\w.]){_PATH}",
    re.IGNORECASE,
)
_URL_RE = re.compile(
    rf"(?<![\w@.\-])(?:{_SCHEME})?"
    rf"(?P<host>{_IPV4}|(?:{_LABEL}{_DOT})+(?P<tld>[a-z]{{2,24}}|xn--[a-z0-9\-]+))"
    rf"(?![\w\-]){_PATH}",
    re.IGNORECASE,
)
_SPOKEN_RE = re.compile(
    rf"(?<![\w@.\-])(?P<host>(?:{_LABEL}{_SPOKEN_DOT})+(?P<tld>{_SPOKEN_TLDS}))\b{_PATH}",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_SPOKEN_GATE_RE = re.compile(r"dot|точка", re.IGNORECASE)
_DOT_NORMALIZE_RE = re.compile(rf"{_DOT}|{_SPOKEN_DOT}", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""

SHORTENERS: frozenset[str] = frozenset(
    [
        "bit.ly",
        "bitly.com",
        "tinyurl.com",
        "goo.gl",
        "t.co",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "cutt.ly",
        "rebrand.ly",
        "shorturl.at",
        "rb.gy",
        "tiny.cc",
        "bit.do",
        "t.ly",
        "s.id",
        "v.gd",
        "clck.ru",
        "qps.ru",
        "u.to",
        "vk.cc",
        "tr.im",
        "short.io",
        "shorte.st",
        "adf.ly",
        "bc.vc",
        "ouo.io",
        "lnkd.in",
        "db.tt",
        "qr.ae",
        "cli.gs",
        "x.co",
        "soo.gd",
        "s2r.co",
        "t2m.io",
        "urlz.fr",
        "shrtco.de",
        "2no.co",
    ]
)

_MULTI_PART_SUFFIXES = frozenset(
    [
        "co.uk",
        "org.uk",
        "ac.uk",
        "gov.uk",
        "com.au",
        "net.au",
        "org.au",
        "co.nz",
        "co.jp",
        "co.kr",
        "com.br",
        "com.cn",
        "com.tr",
        "com.mx",
        "com.ar",
        "co.in",
        "co.za",
        "com.ua",
        "org.ru",
        "com.ru",
        "msk.ru",
        "spb.ru",
    ]
)


@dataclass(frozen=True)
class Link:
    """A link found in normalised text."""

    start: int  # normalised offsets of the whole link
    end: int
    host: str  # canonical: lower case, real dots, no port
    path: str  # "" or starting with / ? # (port stripped)
    scheme: str  # "http", "https", "ftp" or "" for bare domains
    obfuscated: bool  # written with [.], (dot), " dot ", hxxp ...

    @property
    def url(self) -> str:
        return f"{self.scheme or 'http'}://{self.host}{self.path}"

    @property
    def is_ip(self) -> bool:
        try:
            ipaddress.ip_address(self.host)
        except ValueError:
            return False
        return True

    @property
    def registered_domain(self) -> str:
        return registered_domain(self.host)


def registered_domain(host: str) -> str:
    """The registrable part of a host ("shop.example.co.uk" -> "example.co.uk")."""
    labels = host.split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in _MULTI_PART_SUFFIXES:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def host_matches(host: str, domains: frozenset[str] | set[str]) -> str | None:
    """The entry of `domains` that `host` is, or is a subdomain of, if any."""
    labels = host.split(".")
    for i in range(len(labels) - 1):
        candidate = ".".join(labels[i:])
        if candidate in domains:
            return candidate
    return None


def find_links(doc: Document) -> tuple[Link, ...]:
    """All links in the document (computed once per document: several detectors ask)."""
    return doc.links


def extract_links(text: str) -> tuple[Link, ...]:
    """All links in a normalised text, in order of appearance."""
    if "." not in text and "dot" not in text.lower() and "точка" not in text.lower():
        return ()
    found: list[Link] = []
    for match in _URL_RE.finditer(text):
        link = _from_match(match, spoken=False)
        if link is not None:
            found.append(link)
    taken = [(link.start, link.end) for link in found]
    # Cheap exact gates: every obfuscated IP has a digit, every spoken link a
    # "dot"/"точка" (same case rules as the full patterns), so a text without
    # one skips that pattern's scan.
    has_digit = _DIGIT_RE.search(text) is not None
    for match in _OBFUSCATED_IP_RE.finditer(text) if has_digit else ():
        if (
            "." in match.group("host")
            and match.group("host").count(".") == 3
            and "[" not in match.group()
        ):
            continue  # a plain IP: already found above
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        link = _from_match(match, spoken=True)
        if link is not None:
            found.append(link)
            taken.append((link.start, link.end))
    has_dot_word = _SPOKEN_GATE_RE.search(text) is not None
    for match in _SPOKEN_RE.finditer(text) if has_dot_word else ():
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        link = _from_match(match, spoken=True)
        if link is not None:
            found.append(link)
    found.sort(key=lambda link: link.start)
    return tuple(found)


def _from_match(match: re.Match[str], *, spoken: bool) -> Link | None:
    raw_host = match.group("host")
    host = _DOT_NORMALIZE_RE.sub(".", raw_host).lower().strip(".")
    tld = host.rsplit(".", 1)[-1]
    groups = match.groupdict()
    scheme_raw = (groups.get("scheme") or "").lower()
    is_ip = re.fullmatch(_IPV4, host) is not None
    after = match.string[match.end("host") : match.end("host") + 2]
    if is_ip and len(after) == 2 and after[0] == "." and after[1].isdigit():
        return None  # a version number like 1.2.3.4.5, not an address
    if not is_ip and not scheme_raw and tld not in TLDS and not tld.startswith("xn--"):
        return None
    if not is_ip and tld.isdigit():
        return None
    path = groups.get("path") or ""
    end = match.end()
    while path and path[-1] in _TRAILING:
        path = path[:-1]
        end -= 1
    path = re.sub(r"^:\d{1,5}", "", path)
    scheme = {"hxxp": "http", "hxxps": "https", "h**p": "http", "h**ps": "https"}.get(
        scheme_raw, scheme_raw
    )
    obfuscated = (
        spoken
        or host != raw_host.lower()
        or scheme != scheme_raw
        or "[:]" in match.group()
    )
    return Link(
        start=match.start(),
        end=end,
        host=host,
        path=path,
        scheme=scheme,
        obfuscated=obfuscated,
    )
