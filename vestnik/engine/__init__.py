"""vestnik.engine: the community standards as code. Plain Python, no Django.

    from vestnik.engine import moderate, Submission, Context
    verdict = moderate(Submission(text="..."), Context())

Public names: `moderate`, `moderate_batch`, `verdict_to_dict`, `default_rulebook`,
`Rulebook`, `Rule`, `RulebookError`, `RULE_IDS`, `ENGINE_VERSION`, `Document`,
the value types (`Outcome`, `Span`, `Submission`, `ArticleContext`,
`AuthorHistory`, `Context`, `SiteProfile`, `Finding`, `RuleResult`, `Verdict`)
and the in-memory ports (`InMemoryActivity`, `InMemoryFingerprints`).
"""

from __future__ import annotations

from vestnik.engine.memory import InMemoryActivity, InMemoryFingerprints
from vestnik.engine.pipeline import ENGINE_VERSION, moderate, moderate_batch
from vestnik.engine.rulebook import (
    RULE_IDS,
    Rule,
    Rulebook,
    RulebookError,
    default_rulebook,
)
from vestnik.engine.serialize import verdict_to_dict
from vestnik.engine.text import Document
from vestnik.engine.types import (
    ArticleContext,
    AuthorHistory,
    Context,
    Finding,
    Outcome,
    RuleResult,
    SiteProfile,
    Span,
    Submission,
    Verdict,
)

__all__ = [
    "ENGINE_VERSION",
    "RULE_IDS",
    "ArticleContext",
    "AuthorHistory",
    "Context",
    "Document",
    "Finding",
    "InMemoryActivity",
    "InMemoryFingerprints",
    "Outcome",
    "Rule",
    "RuleResult",
    "Rulebook",
    "RulebookError",
    "SiteProfile",
    "Span",
    "Submission",
    "Verdict",
    "default_rulebook",
    "moderate",
    "moderate_batch",
    "verdict_to_dict",
]
