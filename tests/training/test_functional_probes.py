"""HateCheck-style functional probes for the trained rules, through the real engine.

``functional_probes.jsonl`` (next to this file) holds hand-written comments,
never read by any training run: counter-speech, quoting hate to condemn it,
reporting on violence / drugs / suicide, reclaimed and neutral identity
mentions, negated insults, idioms -- all of which must be PUBLISHED -- and
clear hits, which must be held or rejected by one of the rules listed.

Known misses are listed in ``KNOWN_MISSES`` with the reason and run as
strict xfails: when a retrained head fixes one, the test fails until the entry
is removed, so this table stays an honest record of what works.

    .venv/bin/pytest tests/training/test_functional_probes.py -q -p no:cacheprovider
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vestnik.engine import Context, Outcome, Submission, moderate

PROBES_PATH = Path(__file__).with_name("functional_probes.jsonl")
PROBES: list[dict[str, Any]] = [
    json.loads(line)
    for line in PROBES_PATH.read_text(encoding="utf-8").splitlines()
    if line.strip()
]

#: text prefix -> why the engine gets it wrong today.
KNOWN_MISSES: dict[str, str] = {
    "We absolutely murdered them 5-0": "sports idiom 'murdered them': the abuse "
    "model's threat output holds it (insult-threat 0.70; since the second focus "
    "pass of 3 Dec, whose new rows are about groups, not sport)",
    "You're not stupid for believing": "negated insult: the abuse model scores 'stupid', "
    "not the negation",
    "He's no idiot": "negated insult: the abuse model scores 'idiot', not the negation "
    "(insult-threat holds at 0.74)",
    "I could kill for a decent coffee": "idiom 'kill for': the abuse model's threat "
    "output holds it",
}


def _param(probe: dict[str, Any]) -> Any:
    reason = next(
        (
            why
            for prefix, why in KNOWN_MISSES.items()
            if probe["text"].startswith(prefix)
        ),
        None,
    )
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(
        probe, marks=marks, id=f"{probe['functionality']}:{probe['text'][:40]}"
    )


def test_probe_file_is_well_formed() -> None:
    assert len(PROBES) >= 60
    texts = [p["text"] for p in PROBES]
    assert len(set(texts)) == len(texts)
    for probe in PROBES:
        assert probe["expect"] in {"publish", "flag"}
        assert (probe["expect"] == "flag") == bool(probe["rules"])
    for prefix in KNOWN_MISSES:
        assert any(t.startswith(prefix) for t in texts), prefix


def test_no_probe_is_in_any_training_source() -> None:
    from vestnik.training import datasets as D

    generated = set(D.benign_news().texts) | set(D.threats().texts)
    corpora = {t for rule in D.corpus_rules() for t in D.corpus(rule).texts}
    leaked = [p["text"] for p in PROBES if p["text"] in generated | corpora]
    assert leaked == []


@pytest.mark.parametrize("probe", [_param(p) for p in PROBES])
def test_functional_probe(probe: dict[str, Any]) -> None:
    verdict = moderate(Submission(text=probe["text"]), Context(record=False))
    fired = {r.rule: round(r.score, 2) for r in verdict.fired}
    if probe["expect"] == "publish":
        assert verdict.action is Outcome.PUBLISH, fired
    else:
        assert verdict.action is not Outcome.PUBLISH, dict(verdict.scores)
        assert set(fired) & set(probe["rules"]), fired
