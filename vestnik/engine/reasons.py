"""The statement of reasons: what the author is told, in the rules' published wording."""

from __future__ import annotations

from collections.abc import Sequence

from vestnik.engine.types import Outcome, RuleResult

_OPENING = {
    Outcome.REJECT: "Your comment has been removed because it breaks our community standards.",
    Outcome.HOLD: (
        "Your comment is waiting for a moderator because it may break our community standards."
    ),
}


def statement_of_reasons(
    action: Outcome, fired: Sequence[RuleResult], *, engine_error: bool = False
) -> str:
    """Cite every rule that fired by its published wording, strictest first.

    The wording completes "A comment is removed if it ...", exactly as the
    community standards page publishes it, followed by the rule id in brackets
    so that an appeal can name it.
    """
    if action is Outcome.PUBLISH:
        return "Your comment meets the community standards."
    lines = [_OPENING[action]]
    ordered = sorted(fired, key=lambda r: (-r.outcome.severity, -r.score, r.rule))
    for result in ordered:
        lines.append(f"- A comment is removed if it {result.wording} [{result.rule}].")
    # Rules such as `suicide` attach support resources for the author (Finding.data
    # "support"); the author should see them, not only the moderator.
    support: list[str] = []
    for result in ordered:
        for finding in result.findings:
            text = finding.data.get("support")
            if isinstance(text, str) and text not in support:
                support.append(text)
    if not ordered and engine_error:
        lines.append(
            "- An automatic check could not be completed, so a moderator will review it."
        )
    lines.append("If you think this is a mistake, you can appeal to the moderators.")
    lines.extend(support)
    return "\n".join(lines)
