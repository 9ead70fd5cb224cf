"""The pipeline on the fast path (no encoder): the trained heads have their own tests."""

from dataclasses import dataclass, replace
from typing import ClassVar

from vestnik.engine import (
    ENGINE_VERSION,
    Context,
    Document,
    Finding,
    Outcome,
    Submission,
    default_rulebook,
    moderate,
    moderate_batch,
    verdict_to_dict,
)

FAST = default_rulebook().fast_path()


def test_clean_comment_is_published_with_a_score_for_every_rule() -> None:
    verdict = moderate(
        Submission(text="A thoughtful comment about the new tram line."), rulebook=FAST
    )
    assert verdict.action is Outcome.PUBLISH
    assert len(verdict.scores) == 20
    assert verdict.versions["engine"] == ENGINE_VERSION
    assert "total" in verdict.timings_ms
    assert verdict.reasons == "Your comment meets the community standards."


def test_strictest_outcome_wins_and_reasons_quote_the_wording() -> None:
    text = "THIS IS OUTRAGEOUS AND EVERYONE KNOWS IT, get it at 0daydreams.net NOW"
    verdict = moderate(Submission(text=text), rulebook=FAST)
    fired = {r.rule: r.outcome for r in verdict.fired}
    assert fired["malware"] is Outcome.REJECT
    assert fired["form"] is Outcome.HOLD
    assert verdict.action is Outcome.REJECT
    assert (
        "contains links to viruses or malicious software [malware]" in verdict.reasons
    )
    assert verdict.reasons.index("[malware]") < verdict.reasons.index("[form]")


def test_verdict_to_dict_has_exactly_the_documented_fields() -> None:
    text = "get it at 0daydreams.net"
    data = verdict_to_dict(
        moderate(Submission(text=text, id="c1"), rulebook=FAST), text
    )
    assert list(data) == [
        "id",
        "action",
        "rules",
        "scores",
        "reasons",
        "versions",
        "timings_ms",
    ]
    assert data["id"] == "c1"
    (rule,) = data["rules"]
    assert list(rule) == ["rule", "score", "detector", "evidence", "explanation"]
    start, end = rule["evidence"][0]
    assert text[start:end] == "0daydreams.net"


def test_publisher_overrides_change_the_verdict() -> None:
    text = "Das ist eine sehr gute Nachricht für die Stadt und ihre Bewohner."
    assert moderate(Submission(text=text), rulebook=FAST).action is Outcome.HOLD
    german_site = default_rulebook().with_overrides({"site_languages": ["de"]})
    assert (
        moderate(Submission(text=text), rulebook=german_site).action is Outcome.PUBLISH
    )
    strict = default_rulebook().with_overrides({"language_action": "remove"})
    assert moderate(Submission(text=text), rulebook=strict).action is Outcome.REJECT


@dataclass(frozen=True)
class _Broken:
    name: ClassVar[str] = "broken"

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        raise RuntimeError("bug")


def test_a_crashing_detector_holds_instead_of_crashing() -> None:
    book = FAST.with_detectors("hate", _Broken())
    verdict = moderate(Submission(text="fine text"), rulebook=book)
    assert verdict.action is Outcome.HOLD
    assert any(
        f.code == "engine-error" and f.detector == "broken" for f in verdict.findings
    )


def test_without_hold_on_engine_error_the_working_detectors_decide() -> None:
    book = replace(FAST.with_detectors("hate", _Broken()), hold_on_engine_error=False)
    assert moderate(Submission(text="fine text"), rulebook=book).action is (
        Outcome.PUBLISH
    )
    shouting = "THIS COUNCIL NEVER LISTENS TO ANYONE AND THE BUDGET IS A JOKE AGAIN"
    verdict = moderate(Submission(text=shouting), rulebook=book)
    assert verdict.action is Outcome.HOLD
    assert [r.rule for r in verdict.fired] == ["form"]


def test_fast_path_never_embeds() -> None:
    docs_seen: list[Document] = []

    @dataclass(frozen=True)
    class Spy:
        name: ClassVar[str] = "spy"

        def detect(self, doc: Document, ctx: Context) -> list[Finding]:
            docs_seen.append(doc)
            return []

    moderate(
        Submission(text="hello"),
        rulebook=FAST.with_detectors("hate", Spy()),
    )
    assert docs_seen[0].embedding is None


def test_batch_equals_one_by_one_and_is_deterministic() -> None:
    texts = [
        "nice piece",
        "f**k this",
        "BUY NOW at amazon.com/dp/X for $9.99, order now",
        "",
    ]
    items = [(Submission(text=t, id=str(i)), Context()) for i, t in enumerate(texts)]
    batch = moderate_batch(items, FAST)
    single = [moderate(s, c, FAST) for s, c in items]
    for a, b in zip(batch, single, strict=True):
        assert (a.action, dict(a.scores), a.reasons) == (
            b.action,
            dict(b.scores),
            b.reasons,
        )
