"""The cue table of the commercial-signals detector (rules `commercial`, `promotion`, `spam`).

Each `Signal` ties a regular expression to one rule with a weight and a
readable explanation; `triggers` are substrings of the case-folded text
without which the pattern cannot match (None: always scanned), so that one
Aho-Corasick pass decides which patterns run at all. The detector
(`detectors/commercial_signals.py`) adds the cues that need more than a
pattern: links, link-only comments, disguised domains, and the warning
context that damps all of them.

Weights are chosen so that one weak cue never fires alone (a rule fires at
0.5): a price, a brand name, "my channel", an earnings figure, "work from
home" or "DM me" each stay below it; two together, or one strong cue
(self-promotion, engagement bait, a prize, a sub-for-sub swap), reach it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from vestnik.engine.regex_plans import alternatives, prepared, required_words

I = re.IGNORECASE  # noqa: E741 - the flag's own name


def _t(words: str) -> tuple[str, ...]:
    """Trigger words, "|"-separated (they may contain spaces)."""
    return tuple(words.split("|"))


class Signal(NamedTuple):
    rule: str
    weight: float
    code: str
    what: str  # the explanation shown to moderators
    pattern: re.Pattern[str]
    triggers: tuple[str, ...] | None
    # set by `prepared`: run on the case-folded text (no IGNORECASE), and check
    # the leading word boundary in code rather than in the pattern
    folded: bool = False
    word_start: bool = False
    # the pattern's top-level alternatives, each with the words one of which a
    # match contains (none: always tried): only those whose word is present run
    branches: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = ()


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
SHOP_PATH_RE = re.compile(
    r"/(?:shop|store|product|products|item|items|buy|cart|checkout|dp|gp/product|p)/|[?&](?:ref|tag|aff|affiliate|utm_source|promo|coupon)=",
    re.IGNORECASE,
)

_TABLE: tuple[Signal, ...] = (
    Signal(
        "commercial",
        0.3,
        "price",
        "a price",
        re.compile(
            r"(?:[$€£¥₽₴]\s?\d[\d,.]*(?:\s?[kK])?|\b\d[\d,.]*\s?(?:usd|eur|gbp|rub|руб(?:лей|\.)?|₽|€|\$|dollars?|euros?|pounds?|bucks)\b)",
            I,
        ),
        _t("$|€|£|¥|₽|₴|usd|eur|gbp|rub|руб|dollar|euro|pound|buck"),
    ),
    Signal(
        "commercial",
        0.55,
        "promo-code",
        "a promo code",
        re.compile(
            r"\b(?:promo(?:tional)?\s*code|coupon(?:\s*code)?|discount\s*code|voucher\s*code|use\s+(?:my\s+)?code|промокод\w*|купон\w*)\b",
            I,
        ),
        _t("promo|coupon|code|промокод|купон"),
    ),
    Signal(
        "commercial",
        0.35,
        "offer",
        "offer wording",
        re.compile(
            r"\b(?:\d{1,2}\s?%\s?off|free\s+(?:shipping|gift|trial|entry|upgrade|tone|ringtone|msg|camera|phone|delivery|sample)|for\s+free|freephone|free\s+on\s+0|limited[- ]time\s+offer|special\s+offer|best\s+price|lowest\s+price|on\s+sale|discount|wholesale|скидк\w+|распродаж\w+|акци[яи])\b",
            I,
        ),
        _t("off|free|offer|price|sale|discount|wholesale|скидк|распродаж|акци"),
    ),
    Signal(
        "commercial",
        0.3,
        "contact-handle",
        "a messenger contact",
        re.compile(
            r"\b(?:whats\s?app|viber|telegram|wechat|signal|тг|телеграм\w*|вотсап|ватсап)\b[\s:]*(?:@\w+|\+?\d[\d\s()-]{6,})|(?:t\.me|wa\.me)/\w+",
            I,
        ),
        _t("whats|viber|telegram|wechat|signal|тг|телеграм|вотсап|ватсап|t.me|wa.me"),
    ),
    Signal(
        "promotion",
        0.45,
        "recommendation",
        "a product recommendation",
        re.compile(
            r"\b(?:i\s+(?:highly\s+)?recommend|best\s+(?:service|company|product|app|site)\s+(?:for|to|is)|"
            r"(?:they|this\s+company|this\s+app)\s+(?:helped|saved)\s+me|works?\s+like\s+a\s+charm|"
            r"рекомендую|советую\s+(?:всем|сервис|компанию))\b",
            I,
        ),
        _t("recommend|best|helped|saved|charm|рекоменд|советую"),
    ),
    Signal(
        "spam",
        0.6,
        "prize",
        "prize wording",
        re.compile(
            # "you won" announces a prize, "if you won that seat" does not;
            # "winner" only as the addressee of a prize ("you are a winner",
            # "a winner in our prize draw"), never praise ("he is a winner")
            r"\b(?:(?<!if\s)(?<!when\s)(?<!whether\s)you(?:'ve|\s+have)?\s+(?:been\s+)?(?:won|selected|chosen)(?!['’]t)\b|congratulations?\b.{0,40}\b(?:won|winner|prize|awarded)|"
            r"(?:you(?:'re|\s+are|\s+r)|u\s+r|ur)\s+(?:a|the|our|today'?s)\s+(?:lucky\s+|prize\s+|guaranteed\s+|[$€£]?\d[\d,.]*k?\s+)?winner|lucky\s+winner|"
            r"winners?\s+(?:in|of)\s+(?:our|the|this|a)\s+(?:\w+\s+){0,3}?(?:prize|draw|giveaway|raffle|sweepstakes?|lottery|competition|contest)|"
            r"(?:prize|draw|giveaway|raffle)\s+winners?|winners?\s+(?:notified|announced\s+(?:by|via))|^\s*winner(?=\s*!)|"
            r"claim\s+(?:your|the|a)?\s*(?:prize|reward|gift|cash)|cash\s+prize|prize\s+draw|free\s+entry|"
            r"(?:ur|you\s+are|you're)\s+awarded|guaranteed\s+(?:\w+\s+)?(?:prize|cash|win)|"
            r"(?:get|grab|claim|win)\s+(?:your\s+|a\s+)?free\s+(?:[$€£]?\d+\s+)?(?:\w+\s+)?(?:i?phones?|gift\s*cards?|vouchers?|robux|v-?bucks|money|cash|spins)|"
            r"вы\s+выиграли|ваш\s+приз)\b",
            I,
        ),
        _t(
            "won|winner|selected|chosen|congrat|prize|claim|free entry|awarded|guaranteed|выиграли|приз|free"
        ),
    ),
    Signal(
        "spam",
        0.8,
        "mass-mailing",
        "mass-mailing or fake-engagement services",
        re.compile(
            r"\b(?:bulk\s+(?:email|sms|mail)|mass\s+(?:mailing|email|sms)|email\s+blast(?:er|ing)?|sms\s+blast(?:er|ing)?|e-?mail\s+lists?\s+for\s+sale|"
            r"send\s+(?:millions|thousands)\s+of\s+(?:emails|messages)|buy\s+(?:real\s+|\w+\s+)?(?:followers|likes|views|subscribers|reviews)|"
            r"(?:cheap|real|free)\s+(?:followers|likes|views|subscribers)|массов\w+\s+рассылк\w+|рассылк\w+\s+(?:по|в)\s+\w+|накрутк\w+)\b",
            I,
        ),
        _t("bulk|mass|blast|list|send|buy|cheap|real|массов|рассылк|накрутк|free"),
    ),
    Signal(
        "spam",
        0.55,
        "short-code",
        "a premium-rate number or text-to-win code",
        re.compile(
            r"\b(?:txt|text|send|reply)\s+(?:[A-Z]{2,}\w*\s+)?(?:to|2)\s+\d{4,6}\b|\b0(?:8[07]|9)\d{7,10}\b|\bopt[- ]?out\b|\b\d{2,3}p\s*(?:per|/)\s*(?:min|msg)|\bstop\s*(?:sms|2\s+end|to\s+end)\b|\bt\s*&\s*c'?s?\b",
            I,
        ),
        _t("txt|text|send|reply|opt|stop|&|09|08|07|p/|p per"),
    ),
    Signal(
        "commercial",
        0.45,
        "classified",
        "a classified ad",
        re.compile(
            # the seller's own voice ("Selling my Golf", "I'm selling two
            # tickets"), not a report ("the stall was selling shirts for £35");
            # "a flat to rent", not what something costs "to rent"
            r"\b(?:for\s+sale|(?:(?<![\w,]\s)(?<![\w,])|(?:i'?m|i\s+am|we'?re|we\s+are)\s+)selling\s+(?:my|our|a|an|\w+s\b)|for\s+rent|to\s+let|"
            r"(?:room|flat|house|home|apartment|studio|office|unit|space|garage|cottage|bedroom|caravan|desk)s?\s+(?:available\s+)?to\s+rent|"
            r"(?:message|email|call|text|dm)\s+(?:me|us)\s+for\s+(?:details|prices|info)|(?:message|dm)\s+for\s+(?:details|prices)|"
            r"no\s+agent\s+fees|price\s+negotiable|bills\s+included|(?:from|only)\s+[$€£]\s?\d+(?:\.\d\d)?\s*(?:per|an|/)\s*(?:hour|hr|lesson|session)\b|"
            r"offering\s+(?:private\s+)?\w+\s+(?:tuition|lessons|services|classes)|free\s+quote|apply\s+(?:now|today|in\s+minutes)|"
            r"payday\s+loans?|lowest\s+apr|advertise\s+(?:your|with\s+us)|reach\s+thousands\s+of|"
            r"(?:order|register|enquire|book|sign\s+up|apply|shop)\s+(?:\w+\s+){0,3}?(?:at|on|via)\s+(?:our|my|\w+\.\w+)|"
            r"(?:my|our)\s+company\s+(?:sells|offers|provides)|top\s+prices|home\s+visits?|"
            r"(?:first|1st)\s+(?:week|month|lesson|session|assessment)\s+(?:is\s+)?free|free\s+spins|no\s+deposit|"
            r"guaranteed\s+approval|get\s+paid\s+to|serious\s+buyers|details\s+on\s+my\s+profile|"
            r"make\s+a\s+contribution|elect\s+[A-Z]\w+|sign\s+up\s+now|"
            r"продам|продаю|сдаю|сдам|куплю\s+дорого)\b",
            I,
        ),
        _t(
            "sale|selling|rent|let|details|prices|info|agent|negotiable|bills|$|€|£|offering|quote|apply|payday|apr|advertise|thousands|order|register|enquire|book|sign|shop|company|visit|free|deposit|approval|paid|buyers|profile|contribution|elect|продам|продаю|сдаю|сдам|куплю"
        ),  # fmt: skip
    ),
    Signal(
        "commercial",
        0.45,
        "classified",
        "a classified ad",
        re.compile(r"\bwe\s+(?:are\s+a|offer|sell|buy)\s+", I),
        _t("we"),
    ),
    Signal(
        "commercial",
        0.55,
        "political-ad",
        "political advertising",
        re.compile(
            # the imprint opens a sentence or clause ("... Paid for by the Khan
            # campaign."); "are they even paid for by the parties?" asks about one
            r"\b(?:(?<![^\W\d_]\s)(?:paid\s+for\s+by|promoted\s+by)|donat(?:e|ions?)\s+(?:at|now|here|can\s+be\s+made)|"
            r"volunteers\s+needed|number\s+\d+\s+on\s+(?:your|the)\s+ballot|every\s+vote\s+for\s+the|polling\s+day\s+is|"
            r"campaign\s+for\s+(?:mayor|governor|senator|president|councillor)|\w+4(?:mayor|president|congress))",
            I,
        ),
        _t(
            "paid for|promoted|donat|volunteer|vote|ballot|polling|campaign|4mayor|4president|4congress"
        ),
    ),
    Signal(
        "commercial",
        0.3,
        "campaign-call",
        "a call to vote for a party or candidate",
        # what every opinionated reader writes ("VOTE REPUBLICAN!"): weak
        # alone, political advertising next to an imprint, a donation or a link
        re.compile(
            r"\b(?:vote\s+(?:for\s+)?(?:the\s+)?[A-Z]\w+(?:\s+party)?\s*[,!]|vote\s+(?:yes|no)\s*[,.!])",
            I,
        ),
        _t("vote"),
    ),
    Signal(
        "commercial",
        0.3,
        "business-contact",
        "business contact details",
        re.compile(
            r"\b(?:call|ring|text|whatsapp)\s+(?:me|us|\w+)?\s*(?:on|at)?\s*\+?\d[\d\s()-]{8,}\d|"
            r"\b(?:message|dm|pm|email|contact)\s+(?:me|us)\b|\bjoin\s+(?:our|my)\s+(?:telegram|whatsapp|discord|vip)\s+(?:group|channel|chat)",
            I,
        ),
        _t("call|ring|text|whatsapp|message|dm|pm|email|contact|join"),
    ),
    Signal(
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
            r"give\s+(?:them|it)\s+a\s+try|try\s+(?:the|it|them)\b|"
            r"(?:available|order|get\s+(?:it|one|yours))\s+(?:on|at|from)\s+(?:their|the\s+official|amazon|etsy)|"
            r"book\s+now|grab\s+one|open\s+an\s+account|get\s+in\s+early|everyone\s+should\s+(?:read|try|buy|use)|"
            r"(?:my|our)\s+(?:\w+'s\s+)?(?:etsy\s+|online\s+|new\s+)?(?:shop|store|business|agency|restaurant|salon|bakery|company)|"
            r"shout-?out\s+to|subscribe\s*!)",
            I,
        ),
        _t(
            "changed|game|nobody|best|cheapest|reliable|trusted|honest|regret|trust|sent|try|test|check|amazing|saved|helped|their|official|amazon|etsy|book|grab|account|early|everyone|shop|store|business|agency|restaurant|salon|bakery|company|shout|subscribe"
        ),  # fmt: skip
    ),
    Signal(
        "promotion",
        0.45,
        "endorsement",
        "a product endorsement",
        re.compile(r"\b(?:buy|get)\s+(?:\w+\s+){0,2}?from\s+[A-Z]\w+", I),
        _t("buy|get"),
    ),
    Signal(
        "commercial",
        0.3,
        "call-to-action",
        "a call to action",
        re.compile(
            r"\b(?:buy\s+now|order\s+(?:now|today|by\s+\w+|via|online)|shop\s+now|click\s+(?:here|the\s+link|this\s+link)|call\s+now|act\s+now|sign\s+up\s+(?:now|today|here)|"
            r"register\s+now|don'?t\s+miss|hurry|get\s+yours|dm\s+me|pm\s+me|contact\s+me\s+(?:at|on|via)|book\s+(?:via|online|today)|walk-ins\s+welcome|"
            r"закажи(?:те)?|купи(?:те)?\s+(?:сейчас|здесь)|переходи(?:те)?\s+по\s+ссылке|пиши(?:те)?\s+в\s+(?:лс|личку|телеграм|директ))\b",
            I,
        ),
        _t(
            "buy|order|shop|click|call|act now|sign up|register|miss|hurry|get yours|dm|pm|contact|book|walk-ins|закаж|купи|переход|пиши"
        ),
    ),
    Signal(
        "commercial",
        0.45,
        "own-business",
        "selling the writer's own goods or services",
        re.compile(
            r"\b(?:we|our\s+(?:shop|store|boutique|bakery|company|business|salon|team))\s+(?:stock|print|deliver|fix|ship|carry|have\s+similar)\b(?!\s+(?:it|them|out|up)\b)|"
            r"\bour\s+(?:shop|store|boutique|bakery|company|business|salon|team)\s+(?:sells?|offers?|makes?)\b|"
            r"\bour\s+(?:merch\s+|online\s+|etsy\s+)?(?:shop|store|boutique)\b|\bselling\s+my\s+old\b",
            I,
        ),
        _t("we |our |selling"),
    ),
    Signal(
        "promotion",
        0.6,
        "self-promotion",
        "self-promotion of the writer's channel, video, music or profile",
        re.compile(
            # an invitation to the writer's own content: "check out my new video"
            r"\b(?:check(?:\s*out)?|chek(?:\s*out)?|visit|go\s+(?:to|check|watch|see|listen\s+to|follow|sub(?:scribe)?(?:\s+to)?)|watch|see|look\s+at|listen\s+to|stream|"
            r"sub(?:s?c?r?)i?be\s+to|sub\s+(?:to|2)|follow|join|support|give|come\s+(?:to|watch|see)|head\s+(?:over\s+)?to)\s+(?:out\s+)?"
            r"(?:my|our)\s+(?:\w+'?s\s+)?(?:(?:new|latest|little|small|first|own|official|youtube|yt|music|art|cooking|gaming|spotify|soundcloud|insta(?:gram)?|tiktok|twitch|fb|facebook|\w+ing)\s+){0,2}"
            r"(?:chan+el+s?|vids?|videos?|vlogs?|playlists?|page|profile|insta(?:gram)?|ig|tik\s?tok|twitch|stream|soundcloud|spotify|youtube|yt|music|songs?|single|mixtape|covers?|remix|"
            r"reactions?|reviews?|breakdowns?|version|highlights|interview|show|livestream|clips?|photos|drawings?|poems?|poetry|stories|recipes?|tutorials?|animations?|content|"
            r"podcast|blog|substack|newsletter|account|band|art|work|uploads?|short\s+film|documentary|shorts|reels?|edits?|beats?|tracks?|album|ep|episodes?|website|site|vid)\b|"
            # "subscribe to me", "sub 2 me", "follow me on", "follow me, i follow back"
            # an imperative, not someone else's act: "people try to follow me",
            # "they follow me around"
            r"\b(?<!to\s)(?<!who\s)(?<!that\s)(?<!they\s)(?<!people\s)(?:sub(?:s?c?r?)i?be|sub|follow)\s+(?:to\s+|2\s+)?me\b(?!\s+(?:around|about|home|everywhere|in\s+the\s+street))|"
            r"\b(?:i'?m|i\s+am|im)\s+(?:a|an)\s+(?:\d+\s*(?:yo|yr|year)s?\s*old\s+|small\s+|new\s+|aspiring\s+|independent\s+|indie\s+|up-and-coming\s+)+"
            r"(?:youtuber|streamer|creator|content\s+creator|artist|rapper|singer|musician|producer|channel|tiktoker|game\s+dev|dev|band|comedian|beatboxer|journalist)\b|"
            r"\bsupport\s+(?:a\s+)?small\s+(?:creator|artist|channel|streamer|youtuber)|"
            r"\bhelp\s+me\s+(?:get|reach|hit|get\s+to)\s+(?:to\s+)?\d[\d,.]*k?\b|"
            r"\b(?:trying\s+to|tryna|want\s+to|wanna)\s+(?:get|reach|hit|grow|get\s+to)\s+(?:to\s+)?(?:\d[\d,.]*k?\s+(?:subs|subscribers|followers|views)|my\s+channel)|"
            r"\bshameless\s+(?:self[- ]?)?plug\b|"
            r"\b(?:visit|sub(?:s?c?r?)i?be\s+to|sub\s+to|check\s+out|follow)\s+(?:his|her|their)\s+(?:channel|page|profile|insta|tiktok)\b|"
            r"\bmy\s+(?:channel|page|insta|ig|tiktok|soundcloud|twitch|blog|podcast|band)\s*(?:is\s+(?:called|all|small|new|about|in|linked)|:|👉|👇|@)|"
            r"\blike\s+and\s+subscribe|"
            r"\bподпис\w+\s+на\s+(?:мой|наш)\s+канал|\bмой\s+канал",
            I,
        ),
        _t(
            "my|our|follow|subscribe|subcribe|subscibe|sub |sub2|i'm a|im a|i am a|small|plug|his channel|her channel|their channel|мой|подпис"
        ),
    ),
    Signal(
        "promotion",
        0.35,
        "own-content",
        "the writer's own video, music, channel or page",
        re.compile(
            r"\bmy\s+(?:\w+'?s\s+)?(?:new|latest|first|debut|own)\s+(?:\w+\s+)?(?:video|vid|song|single|mixtape|track|album|ep|vlog|episode|upload|cover|remix|podcast|playlist|short|reel|music\s+video|drawing|game|newsletter|channel)\b|"
            r"\b(?:on|in|to)\s+my\s+(?:\w+\s+)?(?:chan+el+|page|profile|bio|tik\s?tok|insta(?:gram)?|ig|twitch|soundcloud|spotify|youtube|yt|blog|substack|podcast|stream|website)\b|"
            r"\bmy\s+(?:channel|podcast|band|mixtape|vlog|blog|soundcloud|twitch|substack)\b|"
            r"\bmy\s+(?:tik\s?tok|insta(?:gram)?|ig|youtube|page)\s+(?:has|covers|features|shows)\b|"
            r"\b(?:just\s+)?(?:started|launched|created|opened)\s+(?:a|my|our)\s+(?:\w+\s+){0,2}?(?:channel|podcast|blog|page|newsletter)\b|"
            r"\bi\s+(?:run|have|host)\s+a\s+(?:small\s+|little\s+|new\s+)?(?:\w+\s+)?(?:channel|podcast|blog)\b|"
            r"\bi\s+(?:vlog|livestream)\b|"
            r"\bi\s+(?:make|do|post|upload|stream|draw|review|vlog|cover|record|produce|teach|edit)\s+(?:\w+\s+){0,3}?(?:videos?|vids|music|beats|covers|content|tutorials|shorts|streams?|animations|asmr|memes|lessons|breakdowns|recipes|patterns)\b",
            I,
        ),
        _t(
            "my|i make|i do|i post|i upload|i stream|i draw|i review|i vlog|i cover|i record|i produce|i teach|i edit|started|launched|created|opened|i run|i have|i host|i livestream| me"
        ),
    ),
    Signal(
        "promotion",
        0.3,
        "invitation",
        "an invitation to watch, listen, follow or subscribe",
        re.compile(
            r"\b(?:please|pls|plz|pleas)\s+(?:go\s+)?(?:watch|listen|check|visit|sub(?:s?c?r?)i?be|sub|follow|share|support|give|stream|have\s+a\s+look)\b|"
            r"\bgo\s+(?:watch|listen|check|see|follow|sub|subscribe|stream|look|save)\b|"
            r"\bfollow\s+@\w|\bgive\s+it\s+a\s+read\b|\b(?:would\s+)?appreciate\s+a\s+(?:visit|sub|follow|listen|watch)\b|"
            r"\bgive\s+(?:it|me|us|him|her|my\s+\w+)\s+a\s+(?:listen|watch|look|follow|chance|visit|try|sub)\b|"
            r"\bcome\s+(?:hang\s+out|say\s+hi|watch|check|join)\b|"
            r"\b(?:would|it'?d|it\s+would)\s+(?:mean\s+(?:the\s+world|a\s+lot)|make\s+my\s+day)|\bany\s+support\s+(?:is\s+)?appreciated|"
            r"\bevery\s+(?:listen|view|sub(?:scriber)?|follow|stream)\s+(?:helps|counts)|"
            r"\bwould\s+(?:love|appreciate)\s+(?:it\s+)?if\s+(?:you|u)\s+(?:\w+\s+){0,2}(?:checked|watched|listened|subscribed|followed|visited)",
            I,
        ),
        _t(
            "please|pls|plz|pleas|go |give|come|mean|make my day|support|every|would|love|appreciat|subscribe|subcribe|subscibe|sub|follow|read"
        ),
    ),
    Signal(
        "promotion",
        0.55,
        "referral",
        "a referral link or code",
        re.compile(
            r"\b(?:referral\s+(?:code|link)|with\s+my\s+(?:link|code)|use\s+my\s+(?:link|code)|link\s+(?:below|(?:is\s+)?(?:in|on)\s+(?:my\s+)?(?:\w+\s+)?(?:bio|profile|page))|"
            r"search\s+['\"‘“][^'\"’”]{2,30}['\"’”]\s+(?:on|anywhere|wherever)\s*\w*)",
            I,
        ),
        _t("referral|my link|my code|link below|link in|link on|link is|search"),
    ),
    Signal(
        "promotion",
        0.3,
        "brand-name",
        "a brand name",
        re.compile(
            # CamelCase product names; the platforms people talk about are not
            # brands here, nor are hashtags and handles (#BlueJays, @SkyNews),
            # nor surnames with a particle (McCain, MacDonald, DeSantis)
            r"(?<![#@\w])(?!(?:YouTube|TikTok|SoundCloud|PlayStation|WhatsApp|LinkedIn|MacBook|iPhone|OnlyFans|BlueSky|FaceTime)\b)"
            r"(?!(?:Ma?c|O|De|Di|Da|Du|La|Le|Van|Von)[A-Z][a-z]+\b)"
            r"(?:[A-Z][a-z]+(?:[A-Z][a-z]+)+\b|[A-Z][a-z]+[A-Z]\d*\b|[A-Z][a-z]+\s?(?:Pro|Max|Plus|X\d?)\b)"
        ),
        None,
    ),
    Signal(
        "spam",
        0.6,
        "get-rich-quick",
        "get-rich-quick phrasing",
        re.compile(
            r"\b(?:double\s+your\s+(?:money|investment|bitcoin|crypto)|\d+\s+million\s+to\s+transfer|reply\s+with\s+your\s+bank\s+details|guaranteed\s+(?:\d+\s?%\s+)?(?:\w+\s+)?(?:returns?|profits?|income)|risk[- ]free\s+(?:investment|profit)|"
            r"\d{2,}x\s+(?:guaranteed|every\s+(?:week|month))|(?:six|6|seven|7)\s+figures?\s+(?:a|per|from|online|with)|"
            r"заработ\w+\s+(?:от|до)\s+\d|доход\s+от\s+\d|пассивн\w+\s+доход|без\s+вложений)\b",
            I,
        ),
        _t(
            "double|guaranteed|risk|x |figure|заработ|доход|пассив|вложен|million|bank details"
        ),
    ),
    Signal(
        "spam",
        0.4,
        "money-talk",
        "easy-money phrasing",
        re.compile(
            r"\b(?:(?:make|earn)\s+money\s+(?:online|fast|from\s+home|while)|earn\s+(?:bitcoin|crypto|btc|money|cash)|passive\s+income|"
            r"business\s+opportunity|(?:quick|fast|free)\s+(?:cash|money)|(?:one|this)\s+(?:simple|weird)\s+trick|get\s+paid\s+(?:to|for\s+every|per)|"
            r"become\s+a\s+millionaire|millionaire\s+in\s+\d+|bad\s+credit\s+(?:ok|okay|accepted|welcome)|no\s+credit\s+checks?|financial\s+freedom|get\s+rich|easy\s+(?:money|cash)|extra\s+(?:income|cash)|"
            r"be\s+your\s+own\s+boss|quit\s+(?:your|my)\s+(?:9\s*-?\s*(?:to\s*)?5|day\s+job)|stop\s+being\s+broke|money\s+worries|"
            r"(?:crypto|bitcoin|forex|binary\s+options?)\s+(?:investment|trading|signals|profits?|expert|mining))\b",
            I,
        ),
        _t(
            "money|passive|freedom|rich|easy|extra|boss|quit|broke|crypto|bitcoin|forex|binary|earn|business|quick|fast|free|trick|paid|millionaire|credit"
        ),
    ),
    Signal(
        "spam",
        0.45,
        "earnings-claim",
        "a claim of earnings per day, week or hour",
        re.compile(
            r"\b(?:earn(?:s|ed|ing)?|mak(?:e|es|ing)|made|(?:get|gets|got|getting)\s+paid|profit(?:ed)?|pull(?:ing)?\s+in|bring(?:ing)?\s+in)\s+"
            r"(?:up\s+to\s+|over\s+|about\s+|around\s+|at\s+least\s+|more\s+than\s+|nearly\s+|almost\s+|like\s+)?"
            r"(?:[$€£]\s?\d[\d,.]*\s?k?|\d[\d,.]*\s?k?\s?(?:\$|€|£|usd|eur|gbp|dollars?|euros?|pounds?|bucks|grand|quid)?)\s*"
            r"(?:/\s*|a\s+|an\s+|per\s+|every\s+|each\s+|in\s+a\s+|this\s+|last\s+)?(?:day|daily|week|weekly|wk|month|monthly|hour|hr|night)\b",
            I,
        ),
        _t(
            "earn|make|made|making|paid|profit|pull|bring|$|€|£|dollar|euro|pound|buck|usd|eur|gbp"
        ),
    ),
    Signal(
        "spam",
        0.35,
        "from-home",
        "work-from-home wording",
        re.compile(
            r"\b(?:earn\w*|mak(?:e|es|ing)|made|money|income|cash|paid|job|jobs|opportunit\w*|hiring)\b[^.!?\n]{0,40}?\b(?:from|at)\s+home\b|"
            r"\b(?:from|at)\s+home\b[^.!?\n]{0,30}?\b(?:earn\w*|mak(?:e|es|ing)|jobs?|opportunit\w*|income|paid)\b|"
            r"\bhome[- ]based\s+(?:job|business|work)|\bfrom\s+(?:my|your|her|his)\s+(?:phone|laptop|couch|sofa|bed|dorm)\b|"
            r"\bwhile\s+(?:you|i|the\s+kids?)\s+sleep|\bin\s+(?:my|your)\s+spare\s+time\b|\bonline\s+(?:jobs?|work|tasks?)\b|\bremote\s+job\b|"
            r"\bno\s+(?:experience|skills|degree)\s+(?:needed|required)|\bno\s+investment\b|\bpart[- ]time\s+online\b",
            I,
        ),
        _t(
            "home|phone|laptop|couch|sofa|bed|dorm|sleep|spare time|online|remote|experience|skills|degree|investment"
        ),
    ),
    Signal(
        "spam",
        0.45,
        "lure-contact",
        "an invitation to ask the writer how",
        re.compile(
            r"\bask\s+me\s+(?:how|for)\b|\b(?:dm|pm|inbox|message|msg|text|whatsapp)\s+me\b|"
            r"\b(?:check|see|visit|look\s+at|go\s+to)\s+my\s+(?:profile|page|bio)\b|\b(?:link|details|info)\s+(?:is\s+)?(?:in|on)\s+my\s+(?:bio|profile|page)\b|"
            r"\b(?:reply|comment|type|dm|text)\s+(?:me\s+)?[\"'“‘]\w+[\"'”’]|\b(?:reply|comment)\s+(?:\"|“)?(?:yes|how|me|interested|info)\b|"
            r"\bi(?:'ll|\s+will)\s+(?:show|teach|send|tell)\s+you\b|\bserious\s+(?:people|ones|inquiries|only)\b|\blimited\s+(?:spots|places)\b|"
            r"\b(?:looking\s+for|hiring)\s+\d+\s+(?:people|persons)\b|\bin\s+my\s+inbox\b|\b(?:number|link|details)\s+in\s+my\s+(?:profile|bio)\b|\bthank\s+me\s+later\b|\bif\s+(?:you|u)\s+want\s+in\b",
            I,
        ),
        _t(
            "ask me|dm|pm|inbox|message|msg|text|whatsapp|my profile|my page|my bio|reply|comment|type|show you|teach you|send you|tell you|serious|limited|looking for|hiring|thank me|want in"
        ),
    ),
    Signal(
        "promotion",
        0.35,
        "own-content",
        "the writer's own video, music, channel or page",
        re.compile(r"@[\w.]+[^.!?\n]{0,30}?\b(?:that'?s|thats|it'?s|its)\s+me\b", I),
        _t("@"),
    ),
    Signal(
        "promotion",
        0.3,
        "invitation",
        "an invitation to watch, listen, follow or subscribe",
        re.compile(
            # a bare imperative: "..., subscribe for more", "Subscribe.", "and follow along"
            r"(?:^|[.!?,;:)]\s*|\b(?:and|so|pls|please)\s+)(?:sub(?:s?c?r?)i?be|sub|follow(?:\s+along)?)\b"
            r"(?!\s+(?:to\s+(?:the|this|our|a|an)\b|the|this|that|his|her|their|button|rate|price))",
            I,
        ),
        _t("subscribe|subcribe|subscibe|sub|follow"),
    ),
    Signal(
        "spam",
        0.45,
        "earnings-claim",
        "a claim of earnings per day, week or hour",
        re.compile(
            r"(?:[$€£]\s?\d[\d,.]*\s?k?|\b\d[\d,.]*\s?k?\s?(?:usd|eur|gbp|dollars?|euros?|pounds?|bucks))\s*(?:/\s*|a\s+|an\s+|per\s+)(?:day|hour|hr|week)\b|"
            r"[$€£]\s?\d[\d,.]*\s?k?\s+(?:daily|weekly)\b",
            I,
        ),
        _t("$|€|£|dollar|euro|pound|buck|usd|eur|gbp"),
    ),
    Signal(
        "spam",
        0.65,
        "engagement-bait",
        "asks for likes, upvotes or a place at the top",
        re.compile(
            # sentence-initial (or after "pls"/an emoji) "like this comment", "like if you ...", "hit like if"
            r"(?:^|[.!?…\n:;)(\]]|[^\w\s,'’\"-]|\b(?:pls|please|plz|guys|now|and))\s*"
            r"(?:(?:hit|smash)\s+(?:that\s+|the\s+)?like(?:\s+button)?(?:\s+on\s+my\s+comment)?|leave\s+a\s+like|"
            r"give\s+(?:this|me|it|my\s+comment|this\s+comment)\s+a\s+(?:like|thumbs\s+up)|like|thumbs\s+up|upvote)\s+"
            r"(?!if\s+(?:you|u)\s+(?:ask\s+me|think\s+about\s+it))"
            r"(?:this\s+(?:comment|post|reply|one)|this\s+(?:if|so|to|pls|please)\b|my\s+comment|if\b|"
            r"so\s+(?:my|he|she|they|everyone|more|the|i|we)\b|for\s+part|4\b|and\s+(?:reply|share|subscribe))|"
            r"\b(?:can|could)\s+(?:this|i|we|my\s+comment|this\s+comment)\s+(?:get|reach|hit)\s+\d[\d,.]*k?\s+likes\b|"
            r"\b(?:get|make)\s+this\s+(?:comment\s+)?(?:to\s+)?(?:the\s+)?top(?:\s+comment)?\b|\bmake\s+this\s+the\s+top\s+comment\b|"
            r"\bget\s+this\s+(?:comment\s+)?to\s+\d[\d,.]*k?\s+likes\b|\bif\s+this\s+(?:comment\s+)?gets\s+\d[\d,.]*k?\s+likes\b|"
            r"\b(?:every\s+like|likes)\s+on\s+this(?:\s+comment)?\s*=|\bi\s+need\s+\d+\s+(?:more\s+)?likes\b|"
            r"\bbet\s+this\s+(?:comment\s+)?(?:won'?t|wont|doesn'?t|will\s+not)\s+get\s+\d[\d,.]*k?\s+likes\b|"
            r"\b(?:reach|get|hit)\s+\d+\s+likes\s+for\s+the\s+first\s+time|\bshare\s+this\s+comment\b|"
            r"\bdon'?t\s+scroll\s+past\b|\blike\s+(?:it|this)\s+anyway\b|\b(?:have|need)\s+to\s+like\s+(?:it|this)\b|"
            r"\b(?:if\s+you|everyone\s+who|whoever|anyone\s+who)\s+likes?\s+this\s+(?:comment\s+)?(?:will|you'?ll|gets?)\b|"
            r"\bhow\s+many\s+likes\s+this\s+(?:comment\s+)?(?:gets|can\s+get|will\s+get)\b",
            I,
        ),
        _t("like|thumbs|upvote|top|share this|scroll"),
    ),
    Signal(
        "spam",
        0.6,
        "phishing",
        "phishing wording",
        re.compile(
            r"\byour\s+(?:account|card|parcel|package|delivery)\s+(?:has\s+been|is|was)\s+(?:suspended|locked|blocked|on\s+hold|held|frozen)|"
            r"\bverify\s+your\s+(?:details|account|identity|payment)|\bpay\s+(?:the|a)\s+[$€£]?\d[\d.,]*\s+(?:\w+\s+)?(?:fee|charge)|"
            r"\bto\s+avoid\s+(?:deletion|suspension|closure)|\bcould\s+not\s+be\s+delivered\b",
            I,
        ),
        _t("account|card|parcel|package|delivery|verify|pay|avoid|delivered"),
    ),
    Signal(
        "spam",
        0.8,
        "sub-for-sub",
        "a subscribe-for-subscribe or like-for-like swap",
        re.compile(
            r"\b(?:sub|subscribe)\s*(?:4|for|2|to)\s*(?:sub|subscribe)\b(?!\s*,?\s*(?:the|our|their|we|they|this|that)\b)|\bs4s\b|\bl4l\b|\bf4f\b|"
            r"\blike\s*4\s*like\b|\bfollow\s*(?:4|for)\s*follow\b|\blike\s+for\s+like\b(?!\s+(?:swap|replace\w*|sales|basis|terms|growth|compar\w*|with|on|in|and|for))|"
            r"\b(?:i(?:'ll|\s+will)?|always|will)\s+(?:sub|subscribe|follow)\s+(?:you\s+)?back\b|\b(?:i|and)\s+follow\s+back\b|\bsub\s+back\b|"
            r"\bsubscribe\s+(?:to\s+)?(?:me\s+)?and\s+i(?:'ll|\s+will)\s+(?:sub(?:scribe)?|do\s+the\s+same)",
            I,
        ),
        _t("sub|s4s|l4l|f4f|like|follow"),
    ),
)

#: A comment that warns about spam quotes it: "Got a text saying 'earn $500 a day
#: from home, reply YES'. It's a scam." Its spam, promotion and commercial scores
#: are damped, unless it insists it is "not a scam" (which spam does).
WARNING_RE = re.compile(
    r"\b(?:scam(?:s|mers?|med)?|phishing|fraud(?:sters?|ulent)?|beware|fakes?|bots|(?:is|are|'s)\s+(?:a\s+|all\s+)?bots?|"
    r"report(?:ed)?\s+(?:it|them|to|this|that)|don'?t\s+(?:fall\s+for|click|reply|answer)|"
    r"never\s+(?:click|reply|pay|share)|heads\s+up|be\s+careful|watch\s+out|"
    r"too\s+good\s+to\s+be\s+true|warn(?:ed|ing|s)?|so[- ]called|spam(?:s|med|ming|mers?)?|banned\s+for|(?:was|got|were|been)\s+banned|fell\s+for|fall(?:s|ing)?\s+for)\b",
    I,
)
REASSURANCE_RE = re.compile(
    r"\b(?:not|no|isn'?t|never|nothing)\s+(?:a\s+|an?\s+)?(?:scam|fake|bots?|fraud|joke|lie|spam)\b|\blegit\b",
    I,
)
WARNING_TRIGGERS = (
    "scam", "phishing", "fraud", "beware", "fake", "bot", "report", "don", "never",
    "heads up", "careful", "watch out", "too good", "warn", "so-called", "so called",
    "spam", "banned", "fell for", "fall for", "falls for", "falling for",
)  # fmt: skip


def _prepare(signal: Signal) -> Signal:
    pattern, folded, word_start = prepared(signal.pattern)
    branches = tuple(
        (required_words(branch), re.compile(branch, pattern.flags))
        for branch in alternatives(pattern.pattern)
    )
    return signal._replace(
        pattern=pattern, folded=folded, word_start=word_start, branches=branches
    )


SIGNALS: tuple[Signal, ...] = tuple(_prepare(signal) for signal in _TABLE)
# run on folded text, the word start checked by the caller
WARNING_RE = prepared(WARNING_RE)[0]
REASSURANCE_RE = re.compile(REASSURANCE_RE.pattern)  # on folded text


def first_match(
    pattern: re.Pattern[str],
    text: str,
    spans: list[tuple[int, int]],
    *,
    word_start: bool,
) -> re.Match[str] | None:
    """The first match that starts a word (when `word_start`: the pattern's own
    leading \\b was moved here, see `commercial_patterns.prepared`) and is not
    inside a link ("LondonFire" in a URL is no brand)."""
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start = match.start()
        if (
            word_start
            and start
            and (text[start - 1].isalnum() or text[start - 1] == "_")
        ):
            pos = start + 1
            continue
        if any(s <= start and match.end() <= e for s, e in spans):
            pos = start + 1
            continue
        return match
    return None
