"""Making a regular expression cheap to run on every comment.

Python's `re` finds a literal, or a set of first characters, quickly; a
leading `\\b` or IGNORECASE makes it try every position the slow way (about
ten times slower on a comment of a hundred words). `prepared` removes both (the
caller runs the pattern on case-folded text and checks the boundary itself),
and `alternatives` + `required_words` split a pattern into its top-level
alternatives, each with the words one of which any match must contain, so a
caller can skip the alternatives whose words are not in the text. Used by the
commercial-signals cue table (`commercial_patterns.py`); tested by comparing
with the unprepared patterns on the corpora.
"""

from __future__ import annotations

import re


def top_level(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source."""
    out: list[str] = []
    current: list[str] = []
    depth, escaped, in_class = 0, False, False
    for ch in source:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    out.append("".join(current))
    return out


def _lower_literals(source: str) -> str:
    """Lower-case the letters of a pattern, not its escapes (\\S, \\W, \\B stay)."""
    out, escaped = [], False
    for ch in source:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return "".join(out)


def prepared(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], bool, bool]:
    """The same pattern made fast: (pattern, folded, word_start).

    Python's `re` finds a literal or a set of first characters quickly, but a
    leading `\\b` or IGNORECASE makes it try every position the slow way (ten
    times slower on a comment). So an IGNORECASE pattern runs without the flag
    on `Document.folded` (same offsets; its letters lower-cased, `[A-Z]`
    becoming `[a-z]`, which is what the flag made them mean), and when every alternative starts with `\\b` the
    boundary is checked by the caller on the character before the match.
    """
    source, flags = pattern.pattern, pattern.flags
    folded = bool(flags & re.IGNORECASE)
    if folded:
        source = _lower_literals(source)
        flags &= ~re.IGNORECASE
    parts = top_level(source)
    word_start = all(branch.startswith("\\b") for branch in parts)
    if word_start:
        source = "|".join(branch[2:] for branch in parts)
    return re.compile(source, flags), folded, word_start


_QUANTIFIERS = frozenset("?*+{")


def required_word(branch: str) -> str:
    """The longest run of letters a match of `branch` must contain ("" if none).

    Only runs outside groups and classes count, and a letter under a quantifier
    ends the run before it: "chek(?:\\s*out)?" -> "chek", "sub(?:s?c?r?)i?be" ->
    "sub", "(?:it|this)\\s+changed\\s+my" -> "changed".
    """
    runs: list[str] = []
    run: list[str] = []
    depth, i = 0, 0
    while i < len(branch):
        ch = branch[i]
        nxt = branch[i + 1] if i + 1 < len(branch) else ""
        if ch == "\\":
            runs.append("".join(run))
            run = []
            i += 2
            continue
        if ch == "[":
            runs.append("".join(run))
            run = []
            i = branch.index("]", i + 2 if nxt == "]" else i + 1) + 1
            continue
        if ch == "{":
            runs.append("".join(run))
            run = []
            i = branch.index("}", i) + 1
            continue
        if ch in "()":
            runs.append("".join(run))
            run = []
            depth += 1 if ch == "(" else -1
        elif depth == 0 and ch.isalnum() and nxt not in _QUANTIFIERS:
            run.append(ch)
        else:
            runs.append("".join(run))
            run = []
        i += 1
    runs.append("".join(run))
    return max(runs, key=len)


def alternatives(source: str) -> list[str]:
    """Top-level alternatives; a pattern that is one group, "(?:a|b|c)\\b", is
    opened up into "a\\b", "b\\b", "c\\b"."""
    parts = top_level(source)
    if len(parts) == 1 and source.startswith("(?:"):
        close = _group_end(source)
        suffix = source[close + 1 :]
        if suffix in ("", "\\b"):
            return [b + suffix for b in top_level(source[3:close])]
    return parts


def _group_end(source: str) -> int:
    """The index of the ")" closing the group that opens `source`."""
    depth, escaped, in_class = 0, False, False
    for i, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError(source)


def required_words(branch: str) -> tuple[str, ...]:
    """Words one of which every match of `branch` contains (() when unknown): its
    `required_word`, else, when it opens with a group of alternatives that each
    have one, theirs: "(?:order|book|shop)\\s+at" -> ("order", "book", "shop")."""
    word = required_word(branch)
    if word:
        return (word,)
    if branch.startswith("(?:"):
        close = _group_end(branch)
        if branch[close + 1 : close + 2] not in ("?", "*", "{"):
            words = [required_words(alt) for alt in top_level(branch[3:close])]
            if all(words):
                return tuple(w for ws in words for w in ws)
    return ()
