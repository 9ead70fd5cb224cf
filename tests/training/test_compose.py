"""The compositional abuse training data (vestnik/training/synthetic/compose.py)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from vestnik.training.synthetic import compose

SUITE = Path(__file__).parent / "functional" / "cases.jsonl"


def test_rows_are_deterministic_and_unique() -> None:
    first, second = compose.rows(), compose.rows()
    assert [r.text for r in first] == [r.text for r in second]
    assert len({r.text.casefold() for r in first}) == len(first)


def test_every_hateful_row_names_its_group_and_has_a_twin() -> None:
    rows = compose.rows()
    hateful = [r for r in rows if r.labels["hate"] == 1]
    assert len(hateful) > 400
    assert all(r.target != "none" for r in hateful)
    pairs: dict[str, set[int | None]] = {}
    for row in rows:
        if row.pair:
            pairs.setdefault(row.pair, set()).add(row.labels["hate"])
    both = sum(1 for labels in pairs.values() if labels == {0, 1})
    assert both > 0.9 * len(pairs)


def test_families_cover_the_weak_functionalities_in_both_directions() -> None:
    families = Counter(r.family for r in compose.rows())
    for family in (
        "hate:compose-threat",
        "not-hate:compose-threat-counter",
        "not-hate:compose-threat-unprotected",
        "hate:compose-negpos",
        "hate:compose-reported-endorsed",
        "not-hate:compose-reported-condemned",
        "not-hate:compose-opinion",
        "hate:compose-opinion",
        "not-hate:compose-denial",
        "hate:compose-slur",
        "not-hate:compose-negpos-positive",
        "hate:compose-implicit",
        "not-hate:compose-implicit-pest",
        "not-hate:compose-implicit-counter",
        "not-hate:compose-identity",
    ):
        assert families[family] >= 30, family


def _untailed(text: str) -> str:
    """``text`` without the tail that compose may add, case-folded."""
    for tail in compose.TAILS:
        text = text.replace(tail.rstrip("."), "")
    return text.casefold()


def test_negated_positives_have_a_positive_twin_without_the_negation() -> None:
    rows = compose.rows()
    by_pair: dict[str, list[compose.Row]] = {}
    for row in rows:
        if row.family.endswith(("compose-negpos", "compose-negpos-positive")):
            by_pair.setdefault(row.pair, []).append(row)
    checked = 0
    for group in by_pair.values():
        hateful = [r for r in group if r.labels["hate"] == 1]
        positive = [r for r in group if r.family == "not-hate:compose-negpos-positive"]
        if not (hateful and positive):
            continue
        checked += 1
        bad, good = (_untailed(r.text) for r in (hateful[0], positive[0]))
        negations = ("not", "n't", "never", "no ", "nothing", "nobody", "incapable")
        negations += ("refuse", "eat my hat")
        assert any(n in bad for n in negations), bad
        assert not any(
            n in good for n in ("not ", "n't", "never", "nothing", "nobody")
        ), good
        assert positive[0].labels == dict.fromkeys(positive[0].labels, 0)
    assert checked > 300


def test_comparisons_to_vermin_are_hate_only_when_aimed_at_a_group() -> None:
    rows = compose.rows()
    implicit = [r for r in rows if r.family == "hate:compose-implicit"]
    assert implicit and all(r.target != "none" for r in implicit)
    pests = [r for r in rows if r.family == "not-hate:compose-implicit-pest"]
    assert pests and all(r.labels["hate"] == 0 for r in pests)
    assert any(p in r.text.casefold() for r in pests for p in ("pigeons", "wasps"))


def test_identity_words_in_everyday_comments_are_not_hate() -> None:
    rows = [r for r in compose.rows() if r.family == "not-hate:compose-identity"]
    words = " ".join(r.text.casefold() for r in rows)
    for term in ("queer", "homosexual", "paralyzed", "deaf", "nonbinary"):
        assert term in words, term
    assert all(r.labels["hate"] == 0 and r.target == "none" for r in rows)


def test_threats_against_a_group_are_threats_and_hate_their_twins_not_hate() -> None:
    rows = compose.rows()
    threats = [r for r in rows if r.family == "hate:compose-threat"]
    assert all(r.labels["threat"] == 1 and r.labels["hate"] == 1 for r in threats)
    unprotected = [r for r in rows if r.family == "not-hate:compose-threat-unprotected"]
    assert all(r.labels["threat"] == 1 and r.labels["hate"] == 0 for r in unprotected)


def test_tails_reach_both_labels_so_they_are_no_evidence() -> None:
    rows = compose.rows()
    tails = [t.strip(" ,.") for t in compose.TAILS]

    def tailed(label: int) -> int:
        return sum(
            1
            for r in rows
            if r.labels["hate"] == label and any(t in r.text for t in tails)
        )

    assert tailed(1) > 100 and tailed(0) > 100
    assert all(not r.text.endswith(("..", ",.", " .")) for r in rows)


def test_no_generated_sentence_is_a_functional_test_case() -> None:
    suite = {
        json.loads(line)["text"].casefold().strip()
        for line in SUITE.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    from vestnik.training.synthetic.abuse import rows as template_rows

    generated = [*compose.rows(), *template_rows()]
    assert not [r.text for r in generated if r.text.casefold().strip() in suite]


def test_fingerprint_changes_with_the_tables(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = compose.fingerprint()
    monkeypatch.setattr(compose, "TAILS", (*compose.TAILS, ". Anyway."))
    assert compose.fingerprint() != before
