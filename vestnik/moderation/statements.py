"""Statements of reasons: the text users read, quoting the rules' published wording."""

from __future__ import annotations

from collections.abc import Iterable

from vestnik.engine import Rulebook
from vestnik.moderation.errors import ModerationError


def check_rule_ids(
    rulebook: Rulebook, rule_ids: Iterable[str], *, required: bool
) -> list[str]:
    """Validated, de-duplicated rule ids in rulebook order; raises ModerationError."""
    wanted = [r.strip() for r in rule_ids if r and r.strip()]
    unknown = sorted({r for r in wanted if r not in rulebook})
    if unknown:
        raise ModerationError(f"Unknown rule id(s): {', '.join(unknown)}.")
    if required and not wanted:
        raise ModerationError("Cite at least one rule of the community standards.")
    return [rid for rid in rulebook.rule_ids if rid in set(wanted)]


def rule_lines(rulebook: Rulebook, rule_ids: Iterable[str]) -> list[str]:
    return [
        f"- [{rid}] A comment is removed if it {rulebook[rid].wording}."
        for rid in rule_ids
    ]


def comment_rejection_statement(
    rulebook: Rulebook, rule_ids: list[str], message: str = ""
) -> str:
    lines = [
        "Your comment was removed by a moderator because it breaks the community "
        "standards:",
        *rule_lines(rulebook, rule_ids),
    ]
    if message.strip():
        lines += ["", f"The moderator adds: {message.strip()}"]
    return "\n".join(lines)


def block_statement(rulebook: Rulebook, rule_ids: list[str], *, final: bool) -> str:
    lines = [
        "Your access to comments, reactions and reports has been blocked because of "
        "repeated or serious breaches of the community standards:",
        *rule_lines(rulebook, rule_ids),
        "",
    ]
    if final:
        lines.append(
            "This is your second block. A second block is final: access cannot be restored."
        )
    else:
        lines.append(
            "You can still read the site. You may ask the moderators to restore access "
            'once, with the subject "Restoration of account / unlock access", your user '
            "ID and an explanation of the actions that led to the block."
        )
    return "\n".join(lines)
