"""Render a comment with the engine's evidence spans marked, safely escaped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def evidence_spans(
    verdict: Mapping[str, Any] | None, length: int
) -> list[tuple[int, int, str]]:
    """(start, end, rules) from a stored verdict, merged where they overlap."""
    raw: list[tuple[int, int, str]] = []
    for item in (verdict or {}).get("rules", []) or []:
        if not isinstance(item, Mapping):
            continue
        rule = str(item.get("rule", ""))
        for span in item.get("evidence", []) or []:
            try:
                start, end = int(span[0]), int(span[1])
            except (TypeError, ValueError, IndexError):
                continue
            start, end = max(0, start), min(length, end)
            if start < end:
                raw.append((start, end, rule))
    raw.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, rule in raw:
        if merged and start <= merged[-1][1]:
            prev_start, prev_end, prev_rules = merged[-1]
            rules = (
                prev_rules if rule in prev_rules.split(" ") else f"{prev_rules} {rule}"
            )
            merged[-1] = (prev_start, max(prev_end, end), rules)
        else:
            merged.append((start, end, rule))
    return merged


def highlight(
    text: str, verdict: Mapping[str, Any] | None, *, stale: bool = False
) -> SafeString:
    """`text` escaped, with <mark> around evidence; plain when the spans are stale."""
    if stale:
        return mark_safe(escape(text))  # noqa: S308 - escaped just now
    out: list[str] = []
    pos = 0
    for start, end, rules in evidence_spans(verdict, len(text)):
        out.append(escape(text[pos:start]))
        out.append(
            f'<mark class="evidence" data-rules="{escape(rules)}" title="{escape(rules)}">'
            f"{escape(text[start:end])}</mark>"
        )
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
