"""Is this request from a person's browser? Bots, crawlers, link previews and
command-line clients are not readers and never count as views or shares."""

from __future__ import annotations

import re

_BOT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|scrape|fetch|preview|monitor|checker|validator|"
    r"facebookexternalhit|embedly|whatsapp|telegram|skype|discord|slack|vkshare|"
    r"headless|phantomjs|lighthouse|pagespeed|curl|wget|httpie|python|requests|aiohttp|"
    r"go-http|java/|okhttp|libwww|ruby|perl|php|node-fetch|axios|postman|feed|rss|"
    r"archive\.org|ia_archiver|mediapartners|adsbot|bingpreview|yandex|baidu|duckduck|"
    r"semrush|ahrefs|mj12|petal|bytespider|gptbot|ccbot|claudebot|anthropic|perplexity",
    re.IGNORECASE,
)


def is_bot(user_agent: str | None) -> bool:
    """True for anything that does not look like a reader's browser.

    No user agent at all counts as a bot: every browser sends one.
    """
    if (
        not user_agent
        or "mozilla" not in user_agent.lower()
        and "opera" not in user_agent.lower()
    ):
        return True
    return bool(_BOT.search(user_agent))
