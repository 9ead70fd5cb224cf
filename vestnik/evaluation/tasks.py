"""The evaluation tasks: which rule is measured on which labelled data.

An explicit list, read top to bottom: add a line to add a task. A task
measures a *rule* as the rulebook enforces it (every detector of the rule),
and each detector's own score separately. `overrides` are rulebook overrides
for the task (e.g. the site language of a Russian data set); `malware_blocklist`
False swaps in a MalwareLinkDetector without the blocklist, to measure the
heuristics alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vestnik.evaluation import civil_criticism, comment_spam, datasets, functional
from vestnik.evaluation.datasets import Loader

if TYPE_CHECKING:
    from vestnik.evaluation.runner import TaskResult

#: a task's own extra report: (figures for results.json, markdown lines)
Breakdown = Callable[["TaskResult", Path], tuple[dict[str, Any], list[str]]]


@dataclass(frozen=True)
class EvalTask:
    name: str  # "<rule>/<data set>"
    rule: str
    dataset: str
    load: Loader
    note: str = ""
    overrides: Mapping[str, object] = field(default_factory=dict)
    stateful: bool = False  # replay per scenario with fresh in-memory ports
    malware_blocklist: bool = True
    breakdown: Breakdown | None = None


def _corpus(
    rule: str, note: str = "", stateful: bool = False, own: bool = False
) -> EvalTask:
    folder = "scenarios" if own else "corpus"
    return EvalTask(
        name=f"{rule}/{folder}",
        rule=rule,
        dataset=f"tests/engine/{folder}/{rule}.jsonl (test split)",
        load=datasets.corpus(rule, datasets.SCENARIO_DIR if own else None),
        note=note or "hand-written comments, one annotator",
        stateful=stateful,
    )


def _trained_tasks() -> tuple[EvalTask, ...]:
    """Held-out splits for the trained heads (never rows they trained on)."""
    from vestnik.evaluation import heldout as te
    from vestnik.training import datasets as td

    return (
        EvalTask(
            "hate/davidson_test",
            "hate",
            "davidson_hate_offensive (test split)",
            te.heldout(td.davidson, te.davidson_hate),
            "label 1 = hate class; offensive tweets are negatives",
        ),
        EvalTask(
            "hate/fox_news_test",
            "hate",
            "fox_news_comments_hate (test split)",
            te.heldout(lambda: td.fox_news()[0]),
        ),
        EvalTask(
            "hate/ethos_test",
            "hate",
            "ethos (test split; GPL-3.0)",
            te.heldout(td.ethos),
        ),
        EvalTask(
            "hate/toxigen_test",
            "hate",
            "toxigen_demonstrations (test split)",
            te.heldout(td.toxigen),
            "implicit hate vs neutral statements about 13 groups",
        ),
        EvalTask(
            "hate/stormfront_test",
            "hate",
            "stormfront_hate_speech (test split; CC BY-SA)",
            te.heldout(td.stormfront),
        ),
        EvalTask(
            "insult-threat/olid_test",
            "insult-threat",
            "olid test set (level B: TIN = 1)",
            te.heldout(td.olid, te.olid_targeted),
        ),
        EvalTask(
            "insult-threat/sfu_eval_only",
            "insult-threat",
            "sfu_constructiveness_toxicity (evaluation only)",
            te.heldout(td.sfu_eval),
            "newspaper comments; label 1 = toxic or very toxic",
        ),
        EvalTask(
            "profanity/olid_test_heldout",
            "profanity",
            "olid test set (level A)",
            te.heldout(td.olid),
        ),
        EvalTask(
            "spam/sms_test",
            "spam",
            "sms_spam_collection (test split)",
            te.heldout(td.sms_spam),
        ),
        EvalTask(
            "trolling/elf_eval_only",
            "trolling",
            "elf_trolling (evaluation only)",
            te.heldout(td.elf_eval),
            "Reddit root comments; label 1 = any trolling strategy",
        ),
        EvalTask(
            "off-topic/fox_news_pairs",
            "off-topic",
            "fox_news_comments_hate pairs (test split)",
            te.fox_off_topic_pairs,
            "comment with its own article = 0, with another article = 1",
        ),
    )


TASKS: tuple[EvalTask, ...] = (
    EvalTask(
        "spam/sms_spam_collection",
        "spam",
        "sms_spam_collection",
        datasets.sms_spam,
        "SMS spam (2012, UK): label spam; measures the spam rule",
    ),
    EvalTask(
        "commercial/sms_spam_collection",
        "commercial",
        "sms_spam_collection",
        datasets.sms_spam,
        "SMS spam as a proxy for commercial content",
    ),
    EvalTask(
        "privacy/presidio_synth_pii",
        "privacy",
        "presidio_synth_pii",
        datasets.presidio_pii,
        "label 1 = contains e-mail, phone, card, IBAN, SSN, IP or street address",
    ),
    EvalTask(
        "language/lingua_sentences",
        "language",
        "lingua_language_testdata/sentences",
        datasets.lingua_sentences,
        "site language en; 75 languages; label 1 = not English",
    ),
    EvalTask(
        "language/lingua_word_pairs",
        "language",
        "lingua_language_testdata/word-pairs",
        datasets.lingua_word_pairs,
        "two-word texts: the detector declines to judge texts this short, by design",
    ),
    EvalTask(
        "malware/urlhaus",
        "malware",
        "urlhaus_malware_blocklist (online list) + benign links",
        datasets.urlhaus_links,
        "positives are in the shipped blocklist: this measures link extraction under obfuscation",
    ),
    EvalTask(
        "malware/urlhaus-heuristics-only",
        "malware",
        "urlhaus_malware_blocklist (online list) + benign links",
        datasets.urlhaus_links,
        "blocklist off: executable/IP/look-alike heuristics alone",
        malware_blocklist=False,
    ),
    EvalTask(
        "profanity/davidson",
        "profanity",
        "davidson_hate_offensive",
        datasets.davidson,
        "label 1 = offensive or hate tweet (proxy: offensive without profanity exists)",
    ),
    EvalTask(
        "profanity/olid_test",
        "profanity",
        "olid test set (level A)",
        datasets.olid_test,
        "label 1 = OFF (proxy: offensive without profanity exists)",
    ),
    EvalTask(
        "profanity/ru_distorted_toxicity",
        "profanity",
        "ru_distorted_toxicity",
        datasets.ru_distorted,
        "Russian; label 1 = toxic (proxy)",
        overrides={"site_languages": ["ru"]},
    ),
    _corpus("form", "hand-written by the engine helper", own=True),
    _corpus(
        "flooding", "hand-written scenarios replayed in order", stateful=True, own=True
    ),
    _corpus(
        "flash-mob", "hand-written scenarios replayed in order", stateful=True, own=True
    ),
    _corpus("commercial"),
    _corpus("promotion"),
    _corpus("publisher-disrespect"),
    _corpus("off-topic"),
    _corpus("trolling"),
    _corpus("violence"),
    _corpus("drugs"),
    _corpus("suicide"),
    _corpus("extremism"),
    _corpus("minors"),
    _corpus("spam"),
    # the issue-12 video/news comment-spam rows of the three corpora above
    *(
        EvalTask(
            f"{rule}/comment_spam",
            rule,
            f"tests/engine/corpus/{rule}.jsonl, rows noted as comment spam (test split)",
            comment_spam.rows(rule),
            "self-promotion, engagement bait, link-only, spelled domains, lures; hard negatives",
        )
        for rule in comment_spam.RULES
    ),
    # harsh civil criticism (label 0) and its crossing twins (label 1 where the
    # twin breaks the rule); each also reports the whole engine's verdicts
    *(
        EvalTask(
            f"{rule}/civil_criticism",
            rule,
            "tests/engine/corpus_negatives/civil_criticism.jsonl (test split)",
            civil_criticism.rows(rule),
            "civil criticism must not fire; crossing twins that break the rule should",
            overrides=civil_criticism.OVERRIDES,
            breakdown=civil_criticism.breakdown,
        )
        for rule in civil_criticism.RULES
    ),
    EvalTask(
        "hate/functional",
        "hate",
        "tests/training/functional/cases.jsonl (never trained on)",
        functional.load,
        "Vestnik's own functional suite: per functionality and target group below",
        breakdown=functional.breakdown,
    ),
    # trained heads on the held-out test splits of `vestnik train` (trained-models helper)
    *_trained_tasks(),
)


def select(names: list[str] | None) -> list[EvalTask]:
    """Tasks whose name, rule or data-set part ("functional") matches one of `names`
    (all when None)."""
    if not names:
        return list(TASKS)
    return [
        t
        for t in TASKS
        if t.name in names or t.rule in names or t.name.split("/", 1)[-1] in names
    ]
