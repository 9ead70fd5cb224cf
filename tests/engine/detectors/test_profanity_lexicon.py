import pytest

from tests.engine.harness import run_detector
from vestnik.engine import Context, Document, SiteProfile
from vestnik.engine.detectors.profanity_lexicon import ProfanityLexiconDetector

RU_SITE = SiteProfile(languages=("ru",))


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # hits, plain and disguised
        ("what the fuck is this", True),
        ("f**k this government", True),
        ("f.u.c.k off", True),
        ("f u c k you all", True),
        ("fuuuuuuck", True),
        ("ｆｕｃｋ", True),  # full-width
        ("fu\u200bck", True),  # zero-width space inside
        ("you are a b1tch", True),
        ("a$$hole", True),
        ("this is bullshit", True),
        ("motherfucking idiots", True),
        ("you c*nt", True),
        # near misses and the Scunthorpe problem
        ("Scunthorpe United won again", False),
        ("I assess the class of bass players", False),
        ("a cocktail at the cockpit bar", False),
        ("Dickens wrote about Essex", False),
        ("shiitake mushrooms are tasty", False),
        ("My new smartwatch counts my steps", False),
        ("The nightwatchman survived until stumps", False),
        ("Parikshit Solutions opened an office in Pune", False),
        ("A mishit drive into the rough", False),
        # an allowed word inside a hyphenated or possessive compound
        ("Fukushima-Daiichi wasn't a hurricane.", False),
        ("Fukushima's reactors were shut down in 2011.", False),
        ("Fukushima-style bullshit from the operator", True),
        # asterisks as an action or emphasis are markup, not a mask
        ("oh, well turns out that baby aint mine! *does jig*", False),
        ("*sigh* the council did it again", False),
        ("what a *fucking* joke", True),  # the emphasised word is read
        ("*sigh* what the fu** is this", True),  # a trailing mask still is one
        (
            "damn, what a crap game",
            False,
        ),  # very mild words alone stay below the threshold
        ("The BBC and the Fed said so", False),
        ("", False),
    ],
)
def test_profanity(text: str, fires: bool) -> None:
    findings = run_detector(ProfanityLexiconDetector(), text)
    assert any(f.score >= 0.5 for f in findings) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("иди нахуй", True),
        ("xyйня полная", True),  # Latin look-alikes inside a Cyrillic word
        ("застрахуйте машину заранее", False),
        ("он колебался долго", False),
    ],
)
def test_profanity_russian(text: str, fires: bool) -> None:
    findings = run_detector(ProfanityLexiconDetector(), text, RU_SITE)
    assert any(f.score >= 0.5 for f in findings) is fires


def test_evidence_is_the_disguised_word_in_the_original() -> None:
    text = "Oh f**k, again?"
    (finding,) = run_detector(ProfanityLexiconDetector(), text)
    assert [text[s.start : s.end] for s in finding.spans] == ["f**k"]


def test_masked_word_explanation_is_the_same_in_every_process() -> None:
    """Ties between lexicon entries must not fall to set order (hash seed)."""
    import os
    import subprocess
    import sys

    code = (
        "from vestnik.engine import Context, Submission, moderate, default_rulebook\n"
        "v = moderate(Submission('what the f**k is this'), Context(),"
        " default_rulebook().fast_path())\n"
        "print([f.explanation for r in v.fired for f in r.findings])\n"
    )
    outputs = {
        subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(outputs) == 1
    assert "fuck" in outputs.pop()


def _in_context_score(text: str, logit: float) -> float:
    """The lexicon's score with the abuse model's logits set for every task
    (-10: the model reads the comment as innocent; +10: as abusive)."""
    doc = Document(text)
    doc.task_logits = dict.fromkeys(("profanity", "hate", "insult"), logit)
    findings = ProfanityLexiconDetector().detect(doc, Context())
    return max((f.score for f in findings), default=0.0)


@pytest.mark.parametrize(
    "text",
    [
        "Hoe hoe hoe, merry Christmas",
        "Dreigdwergen en de Roze Khmer: hoe Twitter een slagveld werd",
        "Combed up like Woody Wood Pecker.",
        "as it did in Dred Scott, Plessy v. Ferguson, Cumming v. Board of Ed",
        "They haven't passed their Jim Crow laws yet.",
        "I wonder where to find proof of Hirschfeld being himself a transvestite.",
        "We saw blue tits and a robin at the feeder.",
    ],
)
def test_an_innocent_sense_read_as_innocent_is_not_held(text: str) -> None:
    assert _in_context_score(text, -10.0) < 0.5  # the model reads it as innocent
    assert _in_context_score(text, 10.0) >= 0.5  # the model reads it as abuse


def test_a_word_with_no_innocent_sense_keeps_its_score() -> None:
    assert _in_context_score("what a fucking joke", -10.0) >= 0.5
