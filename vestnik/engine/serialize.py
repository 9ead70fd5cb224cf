"""The JSON shape of a verdict (`vestnik check --json`, the API, the audit trail)."""

from __future__ import annotations

from typing import Any

from vestnik.engine.types import Verdict


def verdict_to_dict(
    verdict: Verdict,
    text: str | None = None,
    id: str | None = None,
    *,
    detail: bool = False,
) -> dict[str, Any]:
    """The verdict as plain JSON data.

    `{id, action, rules: [{rule, score, detector, evidence, explanation}], scores,
    reasons, versions, timings_ms}`, `evidence` being `[[start, end], ...]`
    character offsets into the original text. With `detail=True` each rule
    also carries `outcome`, `codes`, `data` and, when `text` is given,
    `quotes` (the evidence strings themselves), for consoles and audits.
    """
    rules: list[dict[str, Any]] = []
    for result in verdict.fired:
        spans = sorted({(s.start, s.end) for s in result.spans})
        entry: dict[str, Any] = {
            "rule": result.rule,
            "score": result.score,
            "detector": result.detector,
            "evidence": [[start, end] for start, end in spans],
            "explanation": "; ".join(
                dict.fromkeys(f.explanation for f in result.findings)
            ),
        }
        if detail:
            data: dict[str, Any] = {}
            for finding in reversed(result.findings):  # the strongest finding wins ties
                data.update(finding.data)
            entry["outcome"] = result.outcome.value
            entry["codes"] = sorted({f.code for f in result.findings if f.code})
            entry["data"] = data
            if text is not None:
                entry["quotes"] = [text[start:end] for start, end in spans]
        rules.append(entry)
    return {
        "id": id if id is not None else verdict.submission_id,
        "action": verdict.action.value,
        "rules": rules,
        "scores": dict(verdict.scores),
        "reasons": verdict.reasons,
        "versions": dict(verdict.versions),
        "timings_ms": dict(verdict.timings_ms),
    }
