"""`vestnik eval --attributes`: each attribute's ROC-AUC on its rules' sets."""

from __future__ import annotations

import json
from pathlib import Path

from vestnik.cli import main
from vestnik.evaluation.attributes import applicable


def test_each_attribute_applies_to_its_rules_sets() -> None:
    found = applicable()
    assert {t.rule for t in found["IDENTITY_ATTACK"]} == {"hate"}
    assert {t.rule for t in found["ATTACK_ON_AUTHOR"]} == {"publisher-disrespect"}
    assert {"insult-threat", "hate", "profanity"} <= {t.rule for t in found["TOXICITY"]}
    assert all(found.values())


def test_eval_attributes_writes_roc_auc(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(
        [
            "eval",
            "--attributes",
            "ATTACK_ON_AUTHOR",
            "INCOHERENT",
            "--limit",
            "60",
            "--out",
            str(tmp_path),
            "--data-dir",
            str(tmp_path / "none"),
        ]
    )
    assert code == 0
    result = json.loads((tmp_path / "attributes.json").read_text())
    corpus = result["attributes"]["ATTACK_ON_AUTHOR"]["publisher-disrespect/corpus"]
    assert corpus["n"] > 10 and 0 < corpus["positives"] < corpus["n"]
    assert corpus["roc_auc"] > 0.7  # our own corpus: the rule ranks its hits first
    assert "form/scenarios" in result["attributes"]["INCOHERENT"]
    assert (
        "| ATTACK_ON_AUTHOR | publisher-disrespect/corpus |"
        in (tmp_path / "attributes.md").read_text()
    )
    assert main(["eval", "--attributes", "NOT_ONE"]) == 2
