"""What a comment's links point at, and domains written to slip past link filters.

Two pieces for the commercial-signals detector (rules `promotion`, `spam`,
`commercial`), kept apart from `links.py` so that the malware detector's link
extraction does not change:

- `disguised_links(text)`: domains a spammer spells so that no link filter
  sees a URL — spaced letters ("e a s y c a s h . c o m"), "www" without dots
  ("ww example com", "wwwexample com"), spaces or commas around the dot
  ("example . com", "example,com"), "d0t" / "d o t", and spoken dots before
  TLDs `links.py` leaves out ("robuxfree dot fun"). Each is a `Link` with
  `obfuscated=True`.
- `link_kind(link)`: "shortener", "profile" (a channel, profile, playlist or
  invite page), "video", "shop", "reference" (public bodies, courts,
  statistics offices, encyclopaedias, established newsrooms), "article" (a
  path that reads like a story or document), "homepage" or "other".

Pure string work: nothing here fetches or resolves anything.
"""

from __future__ import annotations

import re

from vestnik.engine.links import SHORTENERS, Link, host_matches, registered_domain


def _words(text: str) -> list[str]:
    return text.split()


# TLDs a disguised domain may end in. Short prose words that are also TLDs
# ("it", "is", "in", "at", "me", "us", "to", "no", "be", "so") are left out.
_DISGUISED_TLDS = (
    "com|net|org|info|biz|xyz|io|co|uk|au|ru|de|shop|store|online|site|club|top|"
    "live|app|link|click|win|bet|vip|fun|icu|cc|tv|ly|pw|tk|money|cash|loan|work|"
    "store|sale|deals|today|pro|space|website|casino|games|market|life"
)
_TLD_SET = frozenset(_DISGUISED_TLDS.split("|"))
# labels that are prose, not a domain: "the dot com bubble", "a dot com founder"
_PROSE_LABELS = frozenset(
    _words(
        "the a an every any that this his her their our your my old big first no "
        "of in on at by for and or"
    )
)
_SPACED = r"(?:[a-z0-9][ \-]){2,}[a-z0-9]"  # e a s y c a s h
_SPACED_TLD = r"(?:[a-z] ){1,5}[a-z]"  # c o m, i o
_WORD = r"[a-z0-9][a-z0-9\-]{1,40}"
_ANY_DOT = (
    r"\s*(?:\.|,|\(\s*(?:\.|dot)\s*\)|\[\s*(?:\.|dot)\s*\])\s*|\s+d\s?[o0]\s?t\s+|\s+"
)
_REAL_DOT = _ANY_DOT.rsplit("|", 1)[0]  # the same without a bare space
_TLD2 = r"(?P<tld2>uk|au|nz|za|in|br)"

# "www" written so that no filter sees it: "ww example com", "w w w . x . com",
# "(www) x (dot) com", "w-w-w. x. com", "wwwexample com".
_WWW_RE = re.compile(
    rf"(?<![\w.])\(?w[ \-]?w(?:[ \-]?w)?\)?(?:{_ANY_DOT})?"
    rf"(?P<label>{_WORD})(?:{_ANY_DOT})(?P<tld>{_DISGUISED_TLDS})"
    rf"(?:(?:{_ANY_DOT}){_TLD2})?(?![\w])",
    re.IGNORECASE,
)
# letters spaced out, in the name or the TLD or both: "e a s y c a s h . c o m"
_SPACED_RE = re.compile(
    rf"(?<![\w.])(?P<label>{_SPACED}|{_WORD})(?:{_REAL_DOT})"
    rf"(?P<tld>{_SPACED_TLD}|{_DISGUISED_TLDS})(?![\w])",
    re.IGNORECASE,
)
# a spoken dot, also "d0t" and "d o t", before any TLD above: "robuxfree dot fun"
_SPOKEN_RE = re.compile(
    rf"(?<![\w.])(?P<label>{_WORD})(?:\s+(?:dot|d0t|d\s?o\s?t)\s+|\s*\(\s*dot\s*\)\s*|\s*\[\s*dot\s*\]\s*)"
    rf"(?P<tld>{_DISGUISED_TLDS})(?:\s+dot\s+{_TLD2})?(?![\w])",
    re.IGNORECASE,
)
# spaces before the dot, or a comma for the dot: "example . com", "example,com".
# Not "example. com": that is how a sentence ends ("we lost. net migration ...").
_LOOSE_DOT_RE = re.compile(
    rf"(?<![\w.@])(?P<label>{_WORD})(?:\s+[.,]\s*|,)(?P<tld>{_DISGUISED_TLDS})"
    rf"(?:\s*[.,]\s*{_TLD2})?(?![\w.])",
)
_PLAIN_WWW_RE = re.compile(r"www(?:\.[a-z0-9\-]+)+", re.IGNORECASE)
# Every pattern above needs one of these; most comments have none, and skip the scans.
_SPACED_GATE_RE = re.compile(r" [a-z] [a-z] ")
_LOOSE_GATE_RE = re.compile(r" [.,]|,[a-z]")


def _gates(folded: str) -> set[str]:
    gates = set()
    if "ww" in folded or "w w" in folded or "w-w" in folded:
        gates.add("www")
    if _SPACED_GATE_RE.search(f" {folded} ") is not None:
        gates.add("spaced")
    if (
        "dot" in folded
        or "d0t" in folded
        or "d o t" in folded
        or "(." in folded
        or "[." in folded
    ):
        gates.add("spoken")
    if _LOOSE_GATE_RE.search(folded) is not None:
        gates.add("loose")
    return gates


def disguised_links(text: str, known: tuple[Link, ...] = ()) -> tuple[Link, ...]:
    """Domains written to dodge link filters.

    A match that only partly overlaps a link of `known` is skipped; one that
    contains it wins ("c a s h w a v e dot org" rather than `links.py`'s "e.org"):
    the caller drops the contained link.
    """
    gates = _gates(text.casefold())
    if not gates:
        return ()
    taken: list[tuple[int, int]] = []
    found: list[Link] = []
    for pattern, needs in (
        (_WWW_RE, {"www"}),
        (_SPACED_RE, {"spaced", "loose", "spoken"}),
        (_SPOKEN_RE, {"spoken", "spaced"}),
        (_LOOSE_DOT_RE, {"loose"}),
    ):
        if needs.isdisjoint(gates):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if any(
                s < end and start < e and not (start <= s and e <= end)
                for s, e in ((k.start, k.end) for k in known)
            ):
                continue
            link = _link(match, pattern)
            if link is not None:
                found.append(link)
                taken.append((start, end))
    found.sort(key=lambda link: link.start)
    return tuple(found)


def _squeeze(part: str) -> str:
    return re.sub(r"[\s\-]", "", part).lower()


def _link(match: re.Match[str], pattern: re.Pattern[str]) -> Link | None:
    raw_label, raw_tld = match.group("label"), match.group("tld")
    if pattern is _SPACED_RE and " " not in raw_label.strip() + raw_tld.strip():
        return None  # nothing spaced out: the other patterns judge it
    if pattern is _WWW_RE and _PLAIN_WWW_RE.fullmatch(match.group(0)):
        return None  # "www.example.com" is an ordinary link, not a disguised one
    label, tld = _squeeze(raw_label), _squeeze(raw_tld)
    if len(tld) == 2 and " " in raw_tld.strip() and " " not in raw_label.strip():
        return None  # "enjoy . r u there": a spaced two-letter TLD needs a spaced name

    if pattern is _WWW_RE and label.startswith("www") and len(label) > 5:
        label = label[3:]  # "wwwexample com"
    if tld not in _TLD_SET or len(label) < 3 or label in _PROSE_LABELS:
        return None
    tld2 = match.groupdict().get("tld2")
    host = ".".join([label, tld, *([tld2.lower()] if tld2 else [])])
    return Link(
        start=match.start(),
        end=match.end(),
        host=host,
        path="",
        scheme="",
        obfuscated=True,
    )


# A "www." host is a web address whatever its TLD; "example" and "test" are the
# reserved documentation TLDs (RFC 2606) that our corpora and tests use in place
# of real domains. `links.py` knows neither, and the malware detector keeps it so.
_EXTRA_RE = re.compile(
    r"(?<![\w@.\-])(?:https?://)?(?P<host>www\.(?:[a-z0-9\-]+\.)+[a-z]{2,24}|(?:[a-z0-9\-]+\.)+(?:example|test))"
    r"(?![\w\-])(?P<path>[/?#][^\s<>\"'«»]*)?",
    re.IGNORECASE,
)


def extra_links(text: str, known: tuple[Link, ...] = ()) -> tuple[Link, ...]:
    """Bare "www." hosts with any TLD and hosts under the reserved test TLDs."""
    if "www." not in text and ".example" not in text and ".test" not in text:
        return ()
    found = []
    for match in _EXTRA_RE.finditer(text):
        start, end = match.span()
        if any(k.start < end and start < k.end for k in known):
            continue
        path = (match.group("path") or "").rstrip(".,;:!?)]}'\"")
        found.append(
            Link(
                start=start,
                end=match.start("path") + len(path) if path else match.end("host"),
                host=match.group("host").lower(),
                path=path,
                scheme="",
                obfuscated=False,
            )
        )
    return tuple(found)


# what follows "x dot com" when it names the era, not a site: "the InfoSpace
# dot com crash", "a Pets dot com era startup"
_DOTCOM_ERA_RE = re.compile(
    r"[\s-]*(?:crash|bubble|boom|bust|era|days|mania|collapse|meltdown)\b", re.I
)


def is_prose(link: Link, text: str = "") -> bool:
    """A spoken "dot" link that is prose: "the dot com bubble" (host "the.com"),
    "the InfoSpace dot com crash" (``text``: the text the link was found in)."""
    if not link.obfuscated:
        return False
    if link.host.split(".", 1)[0] in _PROSE_LABELS:
        return True
    return (
        link.host.endswith(".com")
        and not link.path
        and _DOTCOM_ERA_RE.match(text, link.end) is not None
    )


# --- what a link points at -------------------------------------------------

SOCIAL_HOSTS = frozenset(
    _words(
        """youtube.com youtu.be instagram.com tiktok.com twitch.tv soundcloud.com
        spotify.com facebook.com fb.com twitter.com x.com t.me telegram.me discord.gg
        discord.com linktr.ee patreon.com kick.com snapchat.com pinterest.com
        threads.net vk.com ok.ru rumble.com bandcamp.com substack.com onlyfans.com
        ko-fi.com buymeacoffee.com linkin.bio beacons.ai"""
    )
)
_VIDEO_PATH_RE = re.compile(r"^/(?:watch|shorts/|live/|embed/)|/video/\d", re.I)
_POST_PATH_RE = re.compile(r"/(?:status|posts?|p|reel|comments?|photo)/", re.I)
_PROFILE_PATH_RE = re.compile(
    r"^/(?:@[\w.\-]+|c/|channel/|user/|playlist|invite/|[\w.\-]+/sets/|"
    r"(?:album|artist|show)/)|^/[\w.\-]+/?$",
    re.I,
)
SHOP_TLDS = frozenset(_words("shop store sale deals market boutique"))
REFERENCE_HOSTS = frozenset(
    _words(
        """wikipedia.org wikimedia.org doi.org archive.org europa.eu who.int un.org
        imf.org worldbank.org oecd.org nhs.uk parliament.uk police.uk judiciary.uk
        bailii.org courtlistener.com supremecourt.uk legislation.gov.uk ons.gov.uk
        bbc.co.uk bbc.com reuters.com apnews.com theguardian.com nytimes.com ft.com
        economist.com bloomberg.com wsj.com washingtonpost.com aljazeera.com dw.com
        lemonde.fr spiegel.de cnn.com npr.org skysports.com nature.com science.org
        fullfact.org ifs.org.uk bankofengland.co.uk metoffice.gov.uk arxiv.org
        pubmed.ncbi.nlm.nih.gov ncbi.nlm.nih.gov snopes.com politifact.com
        meduza.io euronews.com france24.com elpais.com corriere.it"""
    )
)
# public-body suffixes: "ons.gov.uk", "census.gov", "ed.ac.uk", "who.int"
_PUBLIC_SUFFIX_RE = re.compile(
    r"(?:^|\.)(?:gov|gouv|gob|govt|edu|ac|mil|int)(?:\.[a-z]{2})?$"
)
_ARTICLE_PATH_RE = re.compile(
    r"/(?:19|20)\d\d/|[a-z0-9]+(?:[-_][a-z0-9]+){2,}|\d{6,}|\.(?:html?|pdf|aspx?|php)\b",
    re.I,
)


def link_kind(link: Link) -> str:
    """What the link points at (see the module docstring for the kinds)."""
    host = link.host
    if host in SHORTENERS or registered_domain(host) in SHORTENERS:
        return "shortener"
    if host_matches(host, REFERENCE_HOSTS) or _PUBLIC_SUFFIX_RE.search(host):
        return "reference"
    path = link.path
    if host_matches(host, SOCIAL_HOSTS):
        if host == "youtu.be" or _VIDEO_PATH_RE.search(path) or host.startswith("vm."):
            return "video"
        if _POST_PATH_RE.search(path):
            return "article"
        if not path.strip("/") or _PROFILE_PATH_RE.search(path):
            return "profile"
        return "other"
    if host.rsplit(".", 1)[-1] in SHOP_TLDS:
        return "shop"
    if not path.strip("/?#"):
        return "homepage"
    if _ARTICLE_PATH_RE.search(path):
        return "article"
    return "other"
