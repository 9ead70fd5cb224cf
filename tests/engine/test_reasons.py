from vestnik.engine.reasons import statement_of_reasons
from vestnik.engine.types import Finding, Outcome, RuleResult


def _result(rule: str, outcome: Outcome, support: str | None = None) -> RuleResult:
    data = {"support": support} if support else {}
    finding = Finding(rule=rule, detector="d", score=0.9, explanation="x", data=data)
    return RuleResult(rule, 0.9, outcome, f"breaks {rule}", (finding,))


def test_publish_has_no_rules() -> None:
    assert statement_of_reasons(Outcome.PUBLISH, []) == (
        "Your comment meets the community standards."
    )


def test_reasons_cite_wording_strictest_first() -> None:
    text = statement_of_reasons(
        Outcome.REJECT, [_result("form", Outcome.HOLD), _result("spam", Outcome.REJECT)]
    )
    lines = text.splitlines()
    assert lines[1] == "- A comment is removed if it breaks spam [spam]."
    assert lines[2] == "- A comment is removed if it breaks form [form]."


def test_support_resources_reach_the_author_once() -> None:
    help_text = "Please call a crisis line."
    text = statement_of_reasons(
        Outcome.HOLD,
        [
            _result("suicide", Outcome.HOLD, help_text),
            _result("suicide", Outcome.HOLD, help_text),
        ],
    )
    assert text.count(help_text) == 1
    assert text.endswith(help_text)
