"""Light comment formatting: paragraphs, line breaks, **bold**, *italic*, > quotes, links.

The source is escaped first and only then marked up, and the result still goes
through nh3 with a five-tag allow-list, so no input can produce markup we did not
write. Bidirectional-override and zero-width characters are dropped from the
rendering (they can make a link or a name read as something else), but kept in
the stored source that the engine and the moderators see.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "blockquote", "a"}
LINK_REL = "nofollow ugc noopener"
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_LINK = re.compile(
    r"\[(?P<label>[^\]\n]{1,200})\]\((?P<target>https?://[^\s)]{1,2000})\)"
    r"|(?P<bare>https?://[^\s<>\"']{1,2000})"
)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")
_TRAILING_PUNCTUATION = ".,;:!?"


def _emphasis(escaped: str) -> str:
    return _ITALIC.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", escaped))


def _inline(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        out.append(_emphasis(html.escape(text[position : match.start()], quote=False)))
        if match.group("bare"):
            url = match.group("bare")
            trailing = ""
            while url and url[-1] in _TRAILING_PUNCTUATION:
                trailing = url[-1] + trailing
                url = url[:-1]
            out.append(f'<a href="{html.escape(url)}">{html.escape(url)}</a>')
            out.append(html.escape(trailing, quote=False))
        else:
            label = _emphasis(html.escape(match.group("label"), quote=False))
            out.append(f'<a href="{html.escape(match.group("target"))}">{label}</a>')
        position = match.end()
    out.append(_emphasis(html.escape(text[position:], quote=False)))
    return "<br>".join("".join(out).split("\n"))


def render_body(source: str) -> str:
    """Safe HTML for a comment's source text."""
    text = _INVISIBLE.sub("", source.replace("\r\n", "\n").replace("\r", "\n")).strip()
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip("\n").split("\n")
        if not block.strip():
            continue
        if all(line.lstrip().startswith(">") for line in lines):
            inner = "\n".join(line.lstrip()[1:].lstrip() for line in lines)
            blocks.append(f"<blockquote><p>{_inline(inner)}</p></blockquote>")
        else:
            blocks.append(f"<p>{_inline(block.strip())}</p>")
    return nh3.clean(
        "".join(blocks),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
        strip_comments=True,
    )


def plain_excerpt(source: str, length: int = 140) -> str:
    """One line of plain text, for titles, feeds and notifications."""
    text = " ".join(_INVISIBLE.sub("", source).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
