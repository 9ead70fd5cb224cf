"""The functional suite's files: counts, balance, reproducibility, and that nothing trains on it."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from typing import Any

from vestnik.engine import RULE_IDS

from .generate import CASES, HERE, build_cases, dumps, load_suite

REPO = HERE.parents[2]
CASES_LIST: list[dict[str, Any]] = [
    json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines()
]
BASE = [c for c in CASES_LIST if "source" not in c]
VARIANTS = [c for c in CASES_LIST if "source" in c]
GROUPS = sorted({c["group"] for c in CASES_LIST} - {"none"})
#: the weak areas issue 12 lists, each functionality with the label it must have
REQUIRED = {
    "derog_emotion": 1,
    "derog_attribute": 1,
    "derog_dehumanise": 1,
    "derog_implicit": 1,
    "slur_group": 1,
    "slur_homonym": 0,
    "slur_reclaimed": 0,
    "threat_direct": 1,
    "threat_normative": 1,
    "hate_profanity": 1,
    "profanity_nonhate": 0,
    "profanity_generic": 0,
    "pronoun_hate": 1,
    "pronoun_nonhate": 0,
    "negated_positive": 1,
    "negated_hate": 0,
    "question_hate": 1,
    "opinion_hate": 1,
    "identity_neutral": 0,
    "identity_positive": 0,
    "counter_quote": 0,
    "counter_reference": 0,
    "abuse_individual": 0,
    "abuse_object": 0,
    "abuse_nonprotected_group": 0,
    "news_hate_crime": 0,
    "news_quote_politician": 0,
    "criticism_politician": 0,
    "criticism_institution": 0,
    "criticism_article": 0,
    "obf_leet": 1,
    "obf_space_insert": 1,
    "obf_space_remove": 1,
    "obf_swap": 1,
    "obf_drop": 1,
}


def test_committed_cases_are_the_generator_output() -> None:
    # if this fails: .venv/bin/python tests/training/functional/generate.py
    assert CASES.read_text(encoding="utf-8") == dumps(build_cases())


def test_size_and_coverage() -> None:
    functionalities = {c["functionality"]: c["label"] for c in CASES_LIST}
    assert len(BASE) >= 1000
    assert len(functionalities) >= 30
    for name, label in REQUIRED.items():
        assert functionalities.get(name) == label, name
    assert {0, 1} == {c["label"] for c in CASES_LIST}


def test_target_groups() -> None:
    required = {
        "women",
        "trans",
        "gay",
        "black",
        "disabled",
        "muslims",
        "immigrants",
        "jews",
    }
    assert required <= set(GROUPS)
    assert len(GROUPS) >= 11  # + a nationality, another religion, a political camp


def test_every_group_gets_the_same_functionalities_and_counts() -> None:
    per_group = {
        g: Counter(c["functionality"] for c in CASES_LIST if c["group"] == g)
        for g in GROUPS
    }
    first = per_group[GROUPS[0]]
    assert len(first) >= 25
    for group, counts in per_group.items():
        assert counts == first, group
    # and the same templates (the groups' own lists aside)
    templates = {
        g: sorted(
            c["template"]
            for c in BASE
            if c["group"] == g and not c["template"].startswith("groups.")
        )
        for g in GROUPS
    }
    for group in GROUPS:
        assert templates[group] == templates[GROUPS[0]], group


def test_cases_are_well_formed() -> None:
    ids = [c["id"] for c in CASES_LIST]
    assert len(set(ids)) == len(ids)
    texts = [c["text"] for c in CASES_LIST]
    assert len(set(texts)) == len(texts)
    for case in CASES_LIST:
        assert case["label"] in (0, 1)
        assert case["direction"] == ("hateful" if case["label"] else "non-hateful")
        assert not re.search(r"[{}\[\]]", case["text"]), case["id"]
        assert case["text"] == case["text"].strip() and "  " not in case["text"]
        for rule, wanted in case.get("expect", {}).items():
            assert rule in RULE_IDS and wanted in (0, 1), case["id"]
    assert all(
        c["expect"] == {"insult-threat": 1}
        for c in BASE
        if c["functionality"] == "abuse_individual"
    )


def test_variants_come_from_hateful_base_cases_of_their_group() -> None:
    by_id = {c["id"]: c for c in BASE}
    kinds = Counter(c["perturbation"] for c in VARIANTS)
    assert set(kinds) == {"leet", "space_insert", "space_remove", "swap", "drop"}
    assert len(set(kinds.values())) == 1
    for variant in VARIANTS:
        source = by_id[variant["source"]]
        assert source["label"] == 1 and source["group"] == variant["group"]
        assert variant["functionality"] == f"obf_{variant['perturbation']}"
        assert variant["text"] != source["text"]

        # one intact occurrence of the target fewer than in the source
        def intact(text: str, target: str = variant["target"]) -> int:
            return sum(
                1
                for w in re.findall(r"[A-Za-z]+", text)
                if w.casefold() == target.casefold()
            )

        assert intact(variant["text"]) < max(1, intact(source["text"])), variant["id"]


def test_variants_are_reproducible_from_the_seed() -> None:
    suite = load_suite()
    assert dumps(build_cases(suite)) == dumps(build_cases(load_suite()))
    suite["suite"]["seed"] += 1
    reseeded = [c for c in build_cases(suite) if "source" in c]
    assert [c["text"] for c in reseeded] != [c["text"] for c in VARIANTS]


def test_every_functionality_is_documented() -> None:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    for name in {c["functionality"] for c in CASES_LIST}:
        assert f"`{name}`" in readme, name


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _training_strings() -> set[str]:
    """Every string literal in vestnik/training and every text of the hand-written
    corpora the training recipes read."""
    found: set[str] = set()
    for path in (REPO / "vestnik" / "training").rglob("*"):
        if path.suffix == ".py":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found |= {
                _norm(n.value)
                for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            }
        elif path.suffix in {".jsonl", ".json", ".txt", ".toml", ".csv", ".tsv"}:
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                found.add(_norm(line))
                if line.startswith("{"):
                    try:
                        row = json.loads(line)
                    except ValueError:
                        continue
                    found |= {_norm(v) for v in row.values() if isinstance(v, str)}
    for path in (REPO / "tests" / "engine" / "corpus").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.add(_norm(json.loads(line).get("text", "")))
    return found


def _code_strings(tree: ast.AST) -> list[str]:
    """String constants of a module that are not docstrings (docstrings may name
    the suite as something training must not read)."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        )
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and id(n) not in docstrings
    ]


def test_no_training_code_reads_the_suite() -> None:
    readers = []
    for path in (REPO / "vestnik" / "training").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = ("cases.jsonl", "suite.toml", "training/functional")
        paths = [s for s in _code_strings(tree) if any(n in s for n in names)]
        imports = [
            alias.name if isinstance(node, ast.Import) else node.module or ""
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        ]
        if paths or any("functional" in name for name in imports):
            readers.append(str(path.relative_to(REPO)))
    assert readers == []


def test_no_case_is_in_any_training_source() -> None:
    training = _training_strings()
    leaked = [c["id"] for c in CASES_LIST if _norm(c["text"]) in training]
    assert leaked == []
