"""A comment that quotes spam to warn readers about it is told from spam."""

from __future__ import annotations

import pytest

from vestnik.engine import Context, Document, Submission, default_rulebook, moderate
from vestnik.engine.detectors.spam_classifier import SpamClassifier
from vestnik.engine.spam_warning import WARNING_DAMPING, warns_about_spam


@pytest.mark.parametrize(
    "text",
    [
        'My aunt got an e-mail saying "you have won $2,000, claim at prizeclaim dot biz". '
        "It is phishing, delete it.",
        "Heads up: texts claiming your energy rebate is waiting are a scam.",
        "Beware the 'earn 400 a day from your sofa' adverts under every video.",
        "Reported it twice: the post says 'DM me to double your bitcoin'.",
    ],
)
def test_a_warning_that_reports_a_message_warns(text: str) -> None:
    assert warns_about_spam(Document(text))


@pytest.mark.parametrize(
    "text",
    [
        # spam that uses a warning word but reports no message
        "Beware of cheap copies! Order the original at bestwatches dot shop today.",
        # spam that insists it is not a scam
        'Not a scam!! "Earn $500 a day" with my system, message me.',
        "This is legit, my cousin made 3k last week. Ask me how.",
        # an ordinary comment with no warning
        'The minister said "we will build 300,000 homes" again.',
        "",
    ],
)
def test_spam_and_plain_comments_do_not_warn(text: str) -> None:
    assert not warns_about_spam(Document(text))


@pytest.mark.slow
def test_the_spam_head_halves_its_score_on_a_warning() -> None:
    from vestnik.engine.encoder import embed_documents

    quoted = (
        'Got a text saying "URGENT! You have won a 1,000 cash prize, call 09061701461 '
        'to claim now". Do not fall for it, it is a scam.'
    )
    plain = "URGENT! You have won a 1,000 cash prize, call 09061701461 to claim now."
    docs = [Document(quoted), Document(plain)]
    embed_documents(docs)
    head = SpamClassifier()
    assert warns_about_spam(docs[0]) and not warns_about_spam(docs[1])
    assert head.score(docs[0]) == pytest.approx(
        head.aligned(head.probability(docs[0])) * WARNING_DAMPING
    )
    verdict = moderate(Submission(text=quoted), Context(), default_rulebook())
    assert "spam" not in {r.rule for r in verdict.fired if r.outcome.value == "reject"}
