"""Perspective's attributes from our rules: the one table (docs/integrations.md
prints the same one, and a test checks they agree).

Each attribute's summary score is the strongest of its sources on the verdict:
a source is a rule's score (0..1, calibrated so that 0.5 is the rule's hold
line and 0.8 its reject line for the trained heads), or one output of a
two-output model (the `threat` or `insult` part of `insult-threat`: the
finding's score when that output decided, else that output's probability from
the finding's data). Span scores are the evidence spans of the findings that
gave a source its score.

Attributes Perspective offers that none of our rules measures (UNSUBSTANTIAL,
SEXUALLY_EXPLICIT, FLIRTATION, LIKELY_TO_REJECT) are refused like an unknown
attribute, rather than answered with a made-up number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vestnik.engine import Finding, Verdict


@dataclass(frozen=True)
class Source:
    rule: str
    part: str | None = None  # an output of the rule's model: "threat", "insult"

    def score(self, verdict: Verdict) -> tuple[float, list[Finding]]:
        if self.part is None:
            score = float(verdict.scores.get(self.rule, 0.0))
            findings = [
                f for f in verdict.findings if f.rule == self.rule and f.score > 0
            ]
            return score, findings
        best, found = 0.0, []
        for finding in verdict.findings:
            if finding.rule != self.rule:
                continue
            if finding.code == self.part:
                value = finding.score
            else:
                raw = finding.data.get(self.part)
                value = float(raw) if isinstance(raw, int | float) else 0.0
            if value > 0:
                found.append(finding)
                best = max(best, value)
        return min(1.0, best), found

    def describe(self) -> str:
        return (
            f"the {self.part} part of `{self.rule}`" if self.part else f"`{self.rule}`"
        )


@dataclass(frozen=True)
class Attribute:
    name: str
    sources: tuple[Source, ...]
    experimental: bool = False
    languages: tuple[str, ...] = ("en",)

    def score(self, verdict: Verdict) -> tuple[float, list[tuple[int, int, float]]]:
        """(summary score, [(begin, end, score)] spans), spans strongest first."""
        best = 0.0
        spans: dict[tuple[int, int], float] = {}
        for source in self.sources:
            value, findings = source.score(verdict)
            best = max(best, value)
            for finding in findings:
                for span in finding.spans:
                    key = (span.start, span.end)
                    spans[key] = max(spans.get(key, 0.0), min(1.0, finding.score))
        return round(best, 4), sorted(
            ((b, e, round(s, 4)) for (b, e), s in spans.items()), key=lambda x: x[0]
        )


def _attr(name: str, *sources: Source, experimental: bool = False) -> Attribute:
    return Attribute(name, tuple(sources), experimental)


INSULT_PART = Source("insult-threat", "insult")
THREAT_PART = Source("insult-threat", "threat")

ATTRIBUTES: dict[str, Attribute] = {
    a.name: a
    for a in (
        _attr(
            "TOXICITY",
            Source("insult-threat"),
            Source("hate"),
            Source("profanity"),
            Source("trolling"),
            Source("publisher-disrespect"),
        ),
        _attr("SEVERE_TOXICITY", Source("hate"), THREAT_PART, Source("extremism")),
        _attr("IDENTITY_ATTACK", Source("hate")),
        _attr("INSULT", INSULT_PART),
        _attr("PROFANITY", Source("profanity")),
        _attr("THREAT", THREAT_PART, Source("violence")),
        _attr(
            "SPAM",
            Source("spam"),
            Source("commercial"),
            Source("promotion"),
            Source("malware"),
            Source("flash-mob"),
            experimental=True,
        ),
        _attr("ATTACK_ON_AUTHOR", Source("publisher-disrespect"), experimental=True),
        _attr(
            "ATTACK_ON_COMMENTER", INSULT_PART, Source("trolling"), experimental=True
        ),
        _attr("INCOHERENT", Source("flooding"), Source("form"), experimental=True),
        _attr(
            "INFLAMMATORY", Source("trolling"), Source("extremism"), experimental=True
        ),
        _attr("OBSCENE", Source("profanity"), experimental=True),
    )
}

#: Perspective's names we know but do not measure: refused with a clear message.
NOT_MEASURED = ("UNSUBSTANTIAL", "SEXUALLY_EXPLICIT", "FLIRTATION", "LIKELY_TO_REJECT")


def table_markdown(names: Iterable[str] | None = None) -> str:
    """The mapping as a Markdown table (pasted in docs/integrations.md)."""
    rows = [
        "| attribute | experimental | score: the strongest of |",
        "|---|---|---|",
    ]
    for name in names or ATTRIBUTES:
        attribute = ATTRIBUTES[name]
        rows.append(
            f"| {name} | {'yes' if attribute.experimental else 'no'} | "
            + ", ".join(s.describe() for s in attribute.sources)
            + " |"
        )
    return "\n".join(rows)
