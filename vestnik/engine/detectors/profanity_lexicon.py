"""ProfanityLexiconDetector: profanity and its disguises, by lexicon (rule `profanity`).

Matches the shipped lexicon (vestnik.engine.lexicons; Surge AI + LDNOOBW v2,
per language: the site's languages plus English) against the case-folded,
homoglyph-folded text after undoing the usual disguises:

- leetspeak and symbols: "sh1t", "$hit", "@ss", "b!tch" (Latin or Cyrillic
  substitutions by the word's own script: "xyй", "п1зда");
- masking: "f**k", "sh*t", "c#nt" (each mask stands for 1-2 letters; the
  visible letters must fit exactly one lexicon word);
- separators: "f.u.c.k", "f-u-c-k", "f_u_c_k", "f u c k";
- stretched letters: "fuuuuck", "shiiiit";
- homoglyphs and zero-width characters (done once by `Document`).

Word-boundary aware: a lexicon word only matches a whole word or phrase, so
"Scunthorpe", "assess", "cocktail" and "Dickens" stay clean; only a handful of
unambiguous roots ("fuck", "shit", "хуй"...) count inside compounds
("bullshit"), minus an allow-list ("shiitake", "застрахуйте"). Lookups are
hash probes per word plus one compiled pattern for the roots: no loop over
the lexicon. Mild words (0.55) are held for a moderator; very mild ones ("crap", "damn":
0.35) alone stay below every threshold.

Known false positives: innocent words that a lexicon lists for another sense
("prick" as in a needle, "cock" as in the bird, "Dick" as a name, a garden
"hoe") when the abuse model is absent (the fast path) or reads the comment
as abusive anyway (`_in_context`, `lexicons.INNOCENT_SENSES`); quoted
profanity reported by the commenter ("he called me a ...").
Measured with `vestnik eval` (tasks profanity/davidson, profanity/olid).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from vestnik.engine import lexicons
from vestnik.engine.lexicons import (
    ALLOWED_WORDS,
    INNOCENT_SENSES,
    STRONG_ROOTS,
    deobfuscate,
    squeeze,
)
from vestnik.engine.slurs import GROUP_LABELS, HOMONYMS, slur_group
from vestnik.engine.types import Finding, Span

if TYPE_CHECKING:
    from vestnik.engine.text import Document
    from vestnik.engine.types import Context

_TOKEN_RE = re.compile(r"[\w@$!|+*#€¡'.\-]+")
_STRIP_LEAD = "'.-!|+#"
_STRIP_TRAIL = "'.-!|+#,"
_MASKS = "*#"
_MAX_CHARS = 100_000
_MAX_HITS = 200
_PARTS_RE = re.compile(r"[-_.'’]")
# An action or emphasis in asterisks ("*does a jig*", "*sigh*", "a *fucking*
# joke"): markup, not a masked word ("f**k", "fu**", "sh*t") -- the asterisks
# are blanked before the words are read, so "jig*" is no mask for "jiggs" and
# "*fucking*" is read as the word it stresses.
_EMPHASIS_RE = re.compile(
    r"(?<![\w*])\*(?=[^\W\d_])[^*\n]{0,80}?(?<=[^\W\d_])\*(?![\w*])"
)
_ROOTS_RE = re.compile(
    "|".join(re.escape(r) for roots in STRONG_ROOTS.values() for r in roots)
)


@dataclass(frozen=True, eq=False)  # hashed by identity: one per language set
class _Index:
    terms: dict[str, float]
    phrase_heads: frozenset[str]
    by_shape: dict[
        tuple[str, str], tuple[str, ...]
    ]  # (first, last letter) -> single words


@lru_cache(maxsize=32)
def _index(languages: tuple[str, ...]) -> _Index:
    lexicon = lexicons.load()
    terms: dict[str, float] = {}
    for lang in languages:
        for term, score in lexicon.get(lang, {}).items():
            if score > terms.get(term, 0.0):
                terms[term] = score
    heads = frozenset(term.split(" ", 1)[0] for term in terms if " " in term)
    shapes: dict[tuple[str, str], list[str]] = {}
    for term in terms:
        if " " not in term and len(term) >= 3 and term.isalpha():
            shapes.setdefault((term[0], term[-1]), []).append(term)
    return _Index(terms, heads, {k: tuple(sorted(v)) for k, v in shapes.items()})


@dataclass(frozen=True)
class ProfanityLexiconDetector:
    name: ClassVar[str] = "profanity_lexicon"
    max_findings: int = 20

    @property
    def version(self) -> str:
        return f"lexicon:{lexicons.ARTEFACT.name}"

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        # A comment longer than this is rejected by its size long before its
        # words matter; the cap keeps a 1 MB paste to a bounded cost.
        text = doc.folded[:_MAX_CHARS]
        if not text.strip():
            return []
        index = _index(tuple(dict.fromkeys((*ctx.site.languages, "en"))))
        if "*" in text:
            text = _EMPHASIS_RE.sub(_unstar, text)
        tokens = _tokens(text)
        hits: list[tuple[int, int, float, str]] = []
        forms: list[str] = []
        for start, end, raw in tokens:
            form, hit = _match_cached(raw, index)
            forms.append(form)
            if hit:
                hits.append((start, end, hit[0], hit[1]))
                if len(hits) >= _MAX_HITS:
                    break
        hits += _phrases(tokens[: len(forms)], forms, index)[:_MAX_HITS]
        hits += _spaced_letters(tokens[: len(forms)], index)[:_MAX_HITS]
        if not hits:
            return []
        hits = _dedupe(hits)[: self.max_findings]
        hits, ordinary = _in_context(doc, hits)
        top = max(score for _, _, score, _ in hits)
        score = min(1.0, top + 0.05 * (len(hits) - 1))
        words = ", ".join(dict.fromkeys(term for _, _, _, term in hits))
        slurs = {t: g for _, _, _, t in hits if (g := slur_group(t))}
        explanation = f"profanity: {words}"
        if slurs:
            explanation += "; identity slur(s): " + ", ".join(
                f"{t} ({GROUP_LABELS.get(g, g)})" for t, g in slurs.items()
            )
        if ordinary:
            explanation += (
                f"; read in context as an ordinary word: {', '.join(ordinary)}"
            )
        data: dict[str, object] = {"terms": len(hits)}
        if slurs:
            data["slurs"] = ", ".join(slurs)
        return [
            Finding(
                rule="profanity",
                detector=self.name,
                score=round(score, 4),
                explanation=explanation,
                spans=tuple(_merge(doc.to_original(s, e) for s, e, _, _ in hits)),
                code="lexicon",
                data=data,
            )
        ]

    @staticmethod
    def _match_word(raw: str, form: str, index: _Index) -> tuple[float, str] | None:
        if not form or raw in ALLOWED_WORDS or form in ALLOWED_WORDS:
            return None
        candidates = [form]
        if len(form) >= 4:
            candidates += [squeeze(form, 1), squeeze(form, 2)]
        for candidate in candidates:
            score = index.terms.get(candidate)
            if score is not None:
                return score, candidate
        if any(m in form for m in _MASKS):
            return _masked(form, index)
        if len(form) >= 4:
            if any(part in ALLOWED_WORDS for part in _PARTS_RE.split(raw)):
                # "Fukushima-Daiichi", "Scunthorpe's": the allowed word's letters
                # hold no root; look for one in the other parts only
                form = deobfuscate(
                    "".join(p for p in _PARTS_RE.split(raw) if p not in ALLOWED_WORDS)
                )
            found = _ROOTS_RE.search(squeeze(form, 1)) or _ROOTS_RE.search(form)
            if found:
                return 0.75, found.group()
        return None


def _unstar(match: re.Match[str]) -> str:
    """The emphasis without its two asterisks (same length: offsets hold)."""
    inner = match.group()[1:-1]
    return f" {inner} "


@lru_cache(maxsize=100_000)
def _match_cached(raw: str, index: _Index) -> tuple[str, tuple[float, str] | None]:
    """(de-obfuscated form, hit) per distinct word: most words repeat across comments."""
    form = deobfuscate(raw)
    return form, ProfanityLexiconDetector._match_word(raw, form, index)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    append = out.append
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        start, end = match.span()
        if token[0] in _STRIP_LEAD or token[-1] in _STRIP_TRAIL:
            while start < end and text[start] in _STRIP_LEAD:
                start += 1
            while end > start and text[end - 1] in _STRIP_TRAIL:
                end -= 1
            token = text[start:end]
        # Fast path: an all-letter token is never all digits and has a letter.
        if token.isalpha() or (
            token and not token.isdigit() and any(c.isalpha() for c in token)
        ):
            append((start, end, token))
    return out


_FAMILY: dict[tuple[int, str], int] = {}


def _family_size(term: str, index: _Index) -> int:
    """How many lexicon entries contain `term` (cached; only masked words ask)."""
    key = (id(index), term)
    size = _FAMILY.get(key)
    if size is None:
        size = sum(1 for other in index.terms if term in other)
        _FAMILY[key] = size
    return size


def _masked(form: str, index: _Index) -> tuple[float, str] | None:
    """Match "f**k": visible letters fixed, each mask one or two letters."""
    letters = [c for c in form if c not in _MASKS]
    if len(letters) < 2 or form[0] in _MASKS:
        return None
    pattern = re.compile(
        "".join("[^\\W\\d_]{1,2}" if c in _MASKS else re.escape(c) for c in form) + "$"
    )
    last = form[-1]
    keys = (
        [(form[0], last)]
        if last not in _MASKS
        else [k for k in index.by_shape if k[0] == form[0]]
    )
    # Ties on severity are common ("f**k" fits fuck, fvck, fcuk, fack): prefer the
    # root word, the one most other lexicon entries are built on, then the
    # alphabet, so the explanation is the same in every process (no set order).
    matches = sorted(
        {t for key in keys for t in index.by_shape.get(key, ()) if pattern.match(t)},
        key=lambda t: (-index.terms[t], -_family_size(t, index), t),
    )
    if not matches:
        return None
    return index.terms[matches[0]], matches[0]


def _phrases(
    tokens: list[tuple[int, int, str]], forms: list[str], index: _Index
) -> list[tuple[int, int, float, str]]:
    hits = []
    for i, form in enumerate(forms):
        if form not in index.phrase_heads:
            continue
        for n in (2, 3, 4):
            if i + n > len(forms):
                break
            phrase = " ".join(forms[i : i + n])
            score = index.terms.get(phrase)
            if score is not None:
                hits.append((tokens[i][0], tokens[i + n - 1][1], score, phrase))
    return hits


def _spaced_letters(
    tokens: list[tuple[int, int, str]], index: _Index
) -> list[tuple[int, int, float, str]]:
    """ "f u c k": three or more one-letter words in a row, read as one word."""
    hits = []
    i = 0
    while i < len(tokens):
        j = i
        while (
            j + 1 < len(tokens)
            and len(tokens[j][2]) == 1
            and len(tokens[j + 1][2]) == 1
            and tokens[j + 1][0] - tokens[j][1] <= 2
        ):
            j += 1
        if j - i >= 2:
            word = deobfuscate("".join(t[2] for t in tokens[i : j + 1]))
            score = index.terms.get(word) or index.terms.get(squeeze(word))
            if score is None and _ROOTS_RE.search(word):
                score = 0.75
            if score is not None:
                hits.append((tokens[i][0], tokens[j][1], score, word))
        i = j + 1
    return hits


def _dedupe(
    hits: list[tuple[int, int, float, str]],
) -> list[tuple[int, int, float, str]]:
    kept: list[tuple[int, int, float, str]] = []
    for hit in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if all(hit[1] <= k[0] or k[1] <= hit[0] for k in kept):
            kept.append(hit)
    return sorted(kept)


#: What a lexicon hit that is also an ordinary word scores when the abuse
#: model reads the comment as neither profane nor hateful: under every hold
#: threshold, so "faggots and gravy" or "the dyke burst" stay published.
ORDINARY_SENSE = 0.3


def _in_context(
    doc: Document, hits: list[tuple[int, int, float, str]]
) -> tuple[list[tuple[int, int, float, str]], list[str]]:
    """Hits whose word has an innocent sense (`slurs.HOMONYMS`: a meatball,
    a levee, a cigarette, a female dog; `lexicons.INNOCENT_SENSES`: a garden
    hoe, a woodpecker, Cumming v. Board of Education, the Jim Crow laws) are
    scored down when the abuse model
    (present when the pipeline embedded the comment) reads the comment as
    neither profane nor hateful -- the lexicon and the classifier then agree.
    On the fast path (no model) every hit keeps its lexicon score."""
    logits = doc.task_logits
    if not logits or not any(_homonym(t) for _, _, _, t in hits):
        return hits, []
    from vestnik.engine.models.abuse import load_abuse_model

    try:
        model = load_abuse_model()
        innocent = all(
            model.calibration(task).probability(logits[task])
            < model.calibration(task).hold_threshold
            for task in ("profanity", "hate", "insult")
        )
    except (KeyError, OSError, ValueError):
        return hits, []
    if not innocent:
        return hits, []
    out, ordinary = [], []
    for start, end, score, term in hits:
        if _homonym(term):
            ordinary.append(term)
            score = min(score, ORDINARY_SENSE)
        out.append((start, end, score, term))
    return out, ordinary


def _homonym(term: str) -> bool:
    term = term.casefold()
    singular = term[:-1] if term.endswith("s") else term
    return any(t in words for t in (term, singular) for words in _ORDINARY)


_ORDINARY = (HOMONYMS, INNOCENT_SENSES)


def _merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return out
