"""Does a comment warn readers about spam it quotes?

"Got a text saying 'earn $500 a day from home, reply YES'. Don't fall for it,
it's a scam." quotes spam to warn about it, as counter-speech quotes hate to
condemn it: the quoted words read like spam to a classifier, the comment is
not spam.  A comment warns when it uses a warning word (`WARNING_RE`: scam,
phishing, beware, don't fall for, reported it, ...), does not insist that
the offer is "not a scam" or "legit" (which spam does), and reports a message
-- it quotes it in quotation marks, or names it as a message, text, post, ad
or e-mail someone sent.

Used by the spam, promotion and commercial heads (`detectors/*_classifier.py`):
their scores are halved, as `commercial_signals` halves its own on a warning
word (it asks for no reported message: its hits are the quoted words
themselves).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from vestnik.engine.commercial_patterns import REASSURANCE_RE, WARNING_RE, first_match

if TYPE_CHECKING:
    from vestnik.engine.text import Document

#: what a warned-about score is multiplied by: a warning alone never holds
WARNING_DAMPING: Final = 0.5

_QUOTED = re.compile(r"[\"“”«»„]|(?:^|\W)['‘’][^'‘’]{6,}['‘’](?:\W|$)")
_REPORTED = re.compile(
    r"\b(?:messages?|texts?|e-?mails?|posts?|comments?|ads?|adverts?|calls?|dms?|"
    r"saying|says|said|claim(?:s|ing)?|promis(?:e|es|ing))\b"
)
_KEY = "spam_warning"


def warns_about_spam(doc: Document) -> bool:
    """See the module docstring; computed once per document."""
    cached = doc.derived.get(_KEY)
    if isinstance(cached, bool):
        return cached
    folded = doc.folded[:20_000]
    result = bool(
        first_match(WARNING_RE, folded, [], word_start=True) is not None
        and REASSURANCE_RE.search(folded) is None
        and (_QUOTED.search(doc.normalized[:20_000]) or _REPORTED.search(folded))
    )
    doc.derived[_KEY] = result
    return result
