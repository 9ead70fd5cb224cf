"""CommercialSignalsDetector: advertising, promotion and spam cues (rules `commercial`,
`promotion`, `spam`).

One pass over the text collects signals, each tied to one rule with a weight;
a rule's score is the noisy-OR of its signals, 1 - prod(1 - w), so one weak
cue (a price in a discussion about inflation) never fires on its own, while a
shop link + a price + "order now" does.

| rule       | signals (weight)                                                       |
|------------|------------------------------------------------------------------------|
| commercial | shop/marketplace/affiliate link (0.6), price or currency amount (0.3), |
|            | promo/coupon code (0.55), discount/offer wording (0.35), call to       |
|            | action (0.3), messenger handle or business phone (0.3)                 |
| promotion  | self-promotion ("my channel", "follow me", "visit my site") (0.55),    |
|            | recommending a product/service with a link (0.45), call to action (0.2)|
| spam       | prize/winner/claim wording (0.6), get-rich-quick phrasing (0.6),     |
|            | mass-mailing/follower services (0.8), premium-rate short codes and    |
|            | "txt WORD to 12345" (0.55), link shorteners (0.35), 3+ links (0.4)      |

Links to the publisher's `allowed_domains` never count. The trained spam /
commercial heads (next issue) add to these rules through their own detectors.
Known false positives: readers quoting prices from the article together with
a link to a retailer's press release; people sharing their own blog in good
faith (promotion holds for a moderator, it does not reject).
Measured with `vestnik eval` (task spam/sms_spam_collection and the
tests/engine/corpus/promotion.jsonl corpus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import ahocorasick

from vestnik.engine.links import SHORTENERS, host_matches, registered_domain
from vestnik.engine.types import Finding, Span

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

SHOP_DOMAINS = frozenset(
    [
        "amazon.com",
        "amazon.co.uk",
        "amazon.de",
        "amzn.to",
        "amzn.eu",
        "ebay.com",
        "aliexpress.com",
        "aliexpress.ru",
        "alibaba.com",
        "etsy.com",
        "temu.com",
        "shein.com",
        "walmart.com",
        "target.com",
        "bestbuy.com",
        "taobao.com",
        "rakuten.com",
        "flipkart.com",
        "mercadolibre.com",
        "allegro.pl",
        "jumia.com",
        "ozon.ru",
        "wildberries.ru",
        "avito.ru",
        "market.yandex.ru",
        "lamoda.ru",
        "myshopify.com",
        "shopify.com",
        "gumroad.com",
        "patreon.com",
        "onlyfans.com",
        "booking.com",
        "groupon.com",
        "wish.com",
        "joom.com",
    ]
)
_SHOP_PATH_RE = re.compile(
    r"/(?:shop|store|product|products|item|items|buy|cart|checkout|dp|gp/product|p)/|[?&](?:ref|tag|aff|affiliate|utm_source|promo|coupon)=",
    re.IGNORECASE,
)

_I = re.IGNORECASE
# (rule, weight, code, explanation, pattern)
_SIGNALS: tuple[tuple[str, float, str, str, re.Pattern[str]], ...] = (
    (
        "commercial",
        0.3,
        "price",
        "a price",
        re.compile(
            r"(?:[$€£¥₽₴]\s?\d[\d,.]*(?:\s?[kK])?|\b\d[\d,.]*\s?(?:usd|eur|gbp|rub|руб(?:лей|\.)?|₽|€|\$|dollars?|euros?|pounds?|bucks)\b)",
            _I,
        ),
    ),
    (
        "commercial",
        0.55,
        "promo-code",
        "a promo code",
        re.compile(
            r"\b(?:promo(?:tional)?\s*code|coupon(?:\s*code)?|discount\s*code|voucher\s*code|use\s+(?:my\s+)?code|промокод\w*|купон\w*)\b",
            _I,
        ),
    ),
    (
        "commercial",
        0.35,
        "offer",
        "offer wording",
        re.compile(
            r"\b(?:\d{1,2}\s?%\s?off|free\s+(?:shipping|gift|trial|entry|upgrade|tone|ringtone|msg|camera|phone|delivery|sample)|for\s+free|freephone|free\s+on\s+0|limited[- ]time\s+offer|special\s+offer|best\s+price|lowest\s+price|on\s+sale|discount|wholesale|скидк\w+|распродаж\w+|акци[яи])\b",
            _I,
        ),
    ),
    (
        "commercial",
        0.3,
        "call-to-action",
        "a call to action",
        re.compile(
            r"\b(?:buy\s+now|order\s+now|shop\s+now|click\s+(?:here|the\s+link|this\s+link)|call\s+now|act\s+now|sign\s+up\s+(?:now|today|here)|"
            r"register\s+now|don'?t\s+miss|hurry|get\s+yours|dm\s+me|pm\s+me|contact\s+me\s+(?:at|on|via)|"
            r"закажи(?:те)?|купи(?:те)?\s+(?:сейчас|здесь)|переходи(?:те)?\s+по\s+ссылке|пиши(?:те)?\s+в\s+(?:лс|личку|телеграм|директ))\b",
            _I,
        ),
    ),
    (
        "commercial",
        0.3,
        "contact-handle",
        "a messenger contact",
        re.compile(
            r"\b(?:whats\s?app|viber|telegram|wechat|signal|тг|телеграм\w*|вотсап|ватсап)\b[\s:]*(?:@\w+|\+?\d[\d\s()-]{6,})|(?:t\.me|wa\.me)/\w+",
            _I,
        ),
    ),
    (
        "promotion",
        0.55,
        "self-promotion",
        "self-promotion",
        re.compile(
            r"\b(?:(?:check\s+out|visit|subscribe\s+to|follow|join)\s+my\s+(?:channel|blog|website|site|page|shop|store|profile|podcast|stream|group|instagram|youtube|tiktok|telegram)|"
            r"(?:follow|subscribe\s+to)\s+(?:me|us)\s+on|like\s+and\s+subscribe|my\s+(?:new\s+)?(?:youtube|tiktok|twitch|onlyfans)\s+channel|"
            r"подпис\w+\s+на\s+(?:мой|наш)\s+канал|мой\s+канал)\b",
            _I,
        ),
    ),
    (
        "promotion",
        0.45,
        "recommendation",
        "a product recommendation",
        re.compile(
            r"\b(?:i\s+(?:highly\s+)?recommend|best\s+(?:service|company|product|app|site)\s+(?:for|to|is)|"
            r"(?:they|this\s+company|this\s+app)\s+(?:helped|saved)\s+me|works?\s+like\s+a\s+charm|"
            r"рекомендую|советую\s+(?:всем|сервис|компанию))\b",
            _I,
        ),
    ),
    (
        "spam",
        0.6,
        "prize",
        "prize wording",
        re.compile(
            r"\b(?:you(?:'ve|\s+have)?\s+(?:been\s+)?(?:won|selected|chosen)(?!['’]t)\b|congratulations?\b.{0,40}\b(?:won|winner|prize|awarded)|"
            r"winner|claim\s+(?:your|the|a)?\s*(?:prize|reward|gift|cash)|cash\s+prize|prize\s+draw|free\s+entry|"
            r"(?:ur|you\s+are|you're)\s+awarded|guaranteed\s+(?:prize|cash|win)|вы\s+выиграли|ваш\s+приз)\b",
            _I,
        ),
    ),
    (
        "spam",
        0.6,
        "get-rich-quick",
        "get-rich-quick phrasing",
        re.compile(
            r"\b(?:(?:earn|make|making|earning|made)\s+(?:\$|€|£)?\d[\d,.]*\s*(?:k\s+)?(?:\$|usd|dollars?|euros?)?\s*(?:a|per|every|each)\s+(?:day|week|month|hour)|"
            r"work(?:ing)?\s+from\s+home\s+(?:and|job|opportunit)|make\s+money\s+(?:online|fast|from\s+home)|passive\s+income|financial\s+freedom|"
            r"double\s+your\s+(?:money|investment|bitcoin)|guaranteed\s+(?:\d+\s?%\s+)?(?:\w+\s+)?(?:returns?|profits?|income)|risk[- ]free\s+(?:investment|profit)|"
            r"get\s+rich|be\s+your\s+own\s+boss|quit\s+(?:your|my)\s+(?:9\s*-?\s*(?:to\s*)?5|day\s+job)|"
            r"(?:crypto|bitcoin|forex|binary\s+options?)\s+(?:investment|trading|signals|profits?|expert|mining)|"
            r"заработ\w+\s+(?:от|до)\s+\d|доход\s+от\s+\d|пассивн\w+\s+доход|без\s+вложений)\b",
            _I,
        ),
    ),
    (
        "spam",
        0.8,
        "mass-mailing",
        "mass-mailing or fake-engagement services",
        re.compile(
            r"\b(?:bulk\s+(?:email|sms|mail)|mass\s+(?:mailing|email|sms)|email\s+blast|sms\s+blast|e-?mail\s+lists?\s+for\s+sale|"
            r"send\s+(?:millions|thousands)\s+of\s+(?:emails|messages)|buy\s+(?:real\s+)?(?:followers|likes|views|subscribers|reviews)|"
            r"(?:cheap|real)\s+(?:followers|likes)|массов\w+\s+рассылк\w+|рассылк\w+\s+(?:по|в)\s+\w+|накрутк\w+)\b",
            _I,
        ),
    ),
    (
        "spam",
        0.55,
        "short-code",
        "a premium-rate number or text-to-win code",
        re.compile(
            r"\b(?:txt|text|send|reply)\s+(?:[A-Z]{2,}\w*\s+)?(?:to|2)\s+\d{4,6}\b|\b0(?:8[07]|9)\d{7,10}\b|\bopt[- ]?out\b|\b\d{2,3}p\s*(?:per|/)\s*(?:min|msg)|\bstop\s*(?:sms|2\s+end|to\s+end)\b|\bt\s*&\s*c'?s?\b",
            _I,
        ),
    ),
    (
        "commercial",
        0.45,
        "classified",
        "a classified ad",
        re.compile(
            r"\b(?:for\s+sale|selling\s+(?:my|our|a|an|\w+s\b)|for\s+rent|to\s+rent|to\s+let|room\s+to\s+rent|"
            r"(?:message|email|call|text|dm)\s+(?:me|us)\s+for\s+(?:details|prices|info)|(?:message|dm)\s+for\s+(?:details|prices)|"
            r"no\s+agent\s+fees|price\s+negotiable|bills\s+included|per\s+hour|an\s+hour\b|"
            r"offering\s+(?:private\s+)?\w+\s+(?:tuition|lessons|services|classes)|free\s+quote|apply\s+(?:now|today|in\s+minutes)|"
            r"payday\s+loans?|lowest\s+apr|advertise\s+(?:your|with\s+us)|reach\s+thousands\s+of|"
            r"(?:order|register|enquire|book|sign\s+up|apply|shop)\s+(?:\w+\s+){0,3}?(?:at|on|via)\s+(?:our|my|\w+\.\w+)|"
            r"(?:my|our)\s+company\s+(?:sells|offers|provides)|we\s+(?:are\s+a|offer|sell|buy)\s+|top\s+prices|home\s+visits?|"
            r"(?:first|1st)\s+(?:week|month|lesson|session|assessment)\s+(?:is\s+)?free|free\s+spins|no\s+deposit|"
            r"guaranteed\s+approval|get\s+paid\s+to|serious\s+buyers|details\s+on\s+my\s+profile|"
            r"make\s+a\s+contribution|elect\s+[A-Z]\w+|sign\s+up\s+now|"
            r"продам|продаю|сдаю|сдам|куплю\s+дорого)\b",
            _I,
        ),
    ),
    (
        "commercial",
        0.55,
        "political-ad",
        "political advertising",
        re.compile(
            r"\b(?:paid\s+for\s+by|promoted\s+by|donat(?:e|ions?)\s+(?:at|now|here|can\s+be\s+made)|"
            r"volunteers\s+needed|vote\s+(?:for\s+)?(?:the\s+)?[A-Z]\w+(?:\s+party)?\s*[,!]|vote\s+(?:yes|no)\s*[,.!]|"
            r"number\s+\d+\s+on\s+(?:your|the)\s+ballot|every\s+vote\s+for\s+the|polling\s+day\s+is|"
            r"campaign\s+for\s+(?:mayor|governor|senator|president|councillor)|\w+4(?:mayor|president|congress))",
            _I,
        ),
    ),
    (
        "commercial",
        0.3,
        "business-contact",
        "business contact details",
        re.compile(
            r"\b(?:call|ring|text|whatsapp)\s+(?:me|us|\w+)?\s*(?:on|at)?\s*\+?\d[\d\s()-]{8,}\d|"
            r"\b(?:message|dm|pm|email|contact)\s+(?:me|us)\b|\bjoin\s+(?:our|my)\s+(?:telegram|whatsapp|discord|vip)\s+(?:group|channel|chat)",
            _I,
        ),
    ),
    (
        "promotion",
        0.45,
        "endorsement",
        "a product endorsement",
        re.compile(
            r"\b(?:(?:it|this|they|that)\s+(?:has\s+)?changed\s+my\s+(?:life|finances)|game[- ]changer|nobody\s+beats|"
            r"(?:the\s+)?best\s+[\w\s-]{0,30}?\s+(?:is|are)\s+(?:the\s+)?[A-Z]\w+|best\s+(?:deal|price|value)\s+(?:around|in\s+town)|"
            r"(?:cheapest|most\s+reliable|most\s+trusted|only\s+honest)\s+[\w\s]{0,25}?\s+in\s+(?:the\s+)?(?:city|town|country)|"
            r"you\s+won'?t\s+regret|trust\s+me|tell\s+them\s+I\s+sent\s+you|go\s+(?:and\s+)?(?:try|test)|"
            r"check\s+(?:them|it|out)\b|is\s+amazing|(?:saved|helped)\s+me\s+from|honest\s+prices|"
            r"(?:buy|get)\s+(?:\w+\s+){0,2}?from\s+[A-Z]\w+|give\s+(?:them|it)\s+a\s+try|try\s+(?:the|it|them)\b|"
            r"(?:available|order|get\s+(?:it|one|yours))\s+(?:on|at|from)\s+(?:their|the\s+official|amazon|etsy)|"
            r"book\s+now|grab\s+one|open\s+an\s+account|get\s+in\s+early|everyone\s+should\s+(?:read|try|buy|use)|"
            r"(?:my|our)\s+(?:\w+'s\s+)?(?:etsy\s+|online\s+|new\s+)?(?:shop|store|business|agency|restaurant|salon|bakery|company)|"
            r"shout-?out\s+to|subscribe\s*!)",
            _I,
        ),
    ),
    (
        "promotion",
        0.55,
        "referral",
        "a referral link or code",
        re.compile(
            r"\b(?:referral\s+(?:code|link)|with\s+my\s+(?:link|code)|use\s+my\s+(?:link|code)|link\s+(?:below|in\s+(?:my\s+)?(?:bio|profile))|"
            r"search\s+['\"‘“][^'\"’”]{2,30}['\"’”]\s+on\s+\w+)",
            _I,
        ),
    ),
    (
        "promotion",
        0.3,
        "brand-name",
        "a brand name",
        re.compile(
            r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b|\b[A-Z][a-z]+[A-Z]\d*\b|\b[A-Z][a-z]+\s?(?:Pro|Max|Plus|X\d?)\b"
        ),
    ),
)


#: Substrings (of the case-folded text) without which a signal's pattern cannot
#: match: checking them first skips most scans on ordinary comments.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "price": (
        "$",
        "€",
        "£",
        "¥",
        "₽",
        "₴",
        "usd",
        "eur",
        "gbp",
        "rub",
        "руб",
        "dollar",
        "euro",
        "pound",
        "buck",
    ),
    "promo-code": ("promo", "coupon", "code", "промокод", "купон"),
    "offer": (
        "off",
        "free",
        "offer",
        "price",
        "sale",
        "discount",
        "wholesale",
        "скидк",
        "распродаж",
        "акци",
    ),
    "call-to-action": (
        "buy",
        "order",
        "shop",
        "click",
        "call",
        "act now",
        "sign up",
        "register",
        "miss",
        "hurry",
        "get yours",
        "dm",
        "pm",
        "contact",
        "закаж",
        "купи",
        "переход",
        "пиши",
    ),
    "contact-handle": (
        "whats",
        "viber",
        "telegram",
        "wechat",
        "signal",
        "тг",
        "телеграм",
        "вотсап",
        "ватсап",
        "t.me",
        "wa.me",
    ),
    "self-promotion": ("my ", "follow", "subscribe", "мой", "подпис"),
    "recommendation": (
        "recommend",
        "best",
        "helped",
        "saved",
        "charm",
        "рекоменд",
        "советую",
    ),
    "prize": (
        "won",
        "winner",
        "selected",
        "chosen",
        "congrat",
        "prize",
        "claim",
        "free entry",
        "awarded",
        "guaranteed",
        "выиграли",
        "приз",
    ),
    "get-rich-quick": (
        "earn",
        "make",
        "made",
        "making",
        "work",
        "money",
        "passive",
        "freedom",
        "double",
        "guaranteed",
        "risk",
        "rich",
        "boss",
        "quit",
        "crypto",
        "bitcoin",
        "forex",
        "binary",
        "заработ",
        "доход",
        "пассив",
        "вложен",
    ),
    "mass-mailing": (
        "bulk",
        "mass",
        "blast",
        "list",
        "send",
        "buy",
        "cheap",
        "real",
        "массов",
        "рассылк",
        "накрутк",
    ),
    "short-code": (
        "txt",
        "text",
        "send",
        "reply",
        "opt",
        "stop",
        "&",
        "09",
        "08",
        "07",
        "p/",
        "p per",
    ),
    "political-ad": (
        "paid for",
        "promoted",
        "donat",
        "volunteer",
        "vote",
        "ballot",
        "polling",
        "campaign",
        "4mayor",
        "4president",
        "4congress",
    ),
    "business-contact": (
        "call",
        "ring",
        "text",
        "whatsapp",
        "message",
        "dm",
        "pm",
        "email",
        "contact",
        "join",
    ),
    "referral": ("referral", "my link", "my code", "link below", "link in", "search"),
}

#: Every trigger word in one Aho-Corasick automaton: one C-level pass over the
#: folded text finds every trigger it contains (overlaps included), so "does
#: the text contain any of this signal's triggers" is a set test, not a loop
#: of substring searches.
_TRIGGER_SETS: dict[str, frozenset[str]] = {
    code: frozenset(triggers) for code, triggers in TRIGGERS.items()
}
_TRIGGER_AUTOMATON = ahocorasick.Automaton()
for _trigger in sorted({t for triggers in TRIGGERS.values() for t in triggers}):
    _TRIGGER_AUTOMATON.add_word(_trigger, _trigger)
_TRIGGER_AUTOMATON.make_automaton()


def _present_triggers(folded: str) -> set[str]:
    return {found for _, found in _TRIGGER_AUTOMATON.iter(folded)}


@dataclass(frozen=True)
class CommercialSignalsDetector:
    name: ClassVar[str] = "commercial_signals"
    max_links: int = 3

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        text = doc.normalized
        if len(text) < 4:
            return []
        signals: dict[str, list[tuple[float, str, str, int, int]]] = {}

        def add(
            rule: str, weight: float, code: str, what: str, start: int, end: int
        ) -> None:
            signals.setdefault(rule, []).append((weight, code, what, start, end))

        sample = text[:20_000]
        folded = doc.folded[:20_000]
        present = _present_triggers(folded)
        for rule, weight, code, what, pattern in _SIGNALS:
            triggers = _TRIGGER_SETS.get(code)
            if triggers is not None and triggers.isdisjoint(present):
                continue  # none of the words this pattern needs: skip the scan
            for match in pattern.finditer(sample):
                add(rule, weight, code, what, match.start(), match.end())
                break  # one span per signal kind: the weight counts once
        allowed = frozenset(ctx.site.allowed_domains)
        outside = [
            link
            for link in doc.links
            if not (allowed and host_matches(link.host, allowed))
        ]
        for link in outside:
            if host_matches(link.host, SHOP_DOMAINS) or _SHOP_PATH_RE.search(link.path):
                add(
                    "commercial",
                    0.6,
                    "shop-link",
                    "a shop or affiliate link",
                    link.start,
                    link.end,
                )
                break
        for link in outside:
            if registered_domain(link.host) in SHORTENERS or link.host in SHORTENERS:
                add("spam", 0.35, "shortener", "a shortened link", link.start, link.end)
                break
        if len(outside) >= self.max_links:
            add(
                "spam",
                0.4,
                "many-links",
                f"{len(outside)} links",
                outside[0].start,
                outside[-1].end,
            )
        if outside and "promotion" in signals:
            link = outside[0]
            add(
                "promotion",
                0.3,
                "promoted-link",
                "a link to what is promoted",
                link.start,
                link.end,
            )
        return [
            self._finding(doc, rule, found) for rule, found in sorted(signals.items())
        ]

    def _finding(
        self, doc: Document, rule: str, found: list[tuple[float, str, str, int, int]]
    ) -> Finding:
        miss = 1.0
        best: dict[str, float] = {}
        for weight, code, _, _, _ in found:
            if weight > best.get(code, 0.0):
                best[code] = weight
        for weight in best.values():
            miss *= 1.0 - weight
        score = round(1.0 - miss, 4)
        spans: list[Span] = sorted(
            {doc.to_original(s, e) for _, _, _, s, e in found}, key=lambda sp: sp.start
        )
        top = max(found, key=lambda f: f[0])
        return Finding(
            rule=rule,
            detector=self.name,
            score=score,
            explanation=", ".join(dict.fromkeys(what for _, _, what, _, _ in found)),
            spans=tuple(spans),
            code=top[1],
            data={"signals": sorted(best)},
        )
