"""Seeded spelling perturbations: the obfuscations people use to slip abuse past filters.

One module serves two purposes, never mixed:

- the functional test suite (tests/training/functional/) derives its
  obfuscated variants from its own test cases with `perturb`;
- `vestnik train` augments *training* texts with the same kinds.

Every function is deterministic given its ``rng`` (a ``random.Random``
seeded by the caller), so a suite or an augmented batch is reproducible.

Kinds (`KINDS`), each applied to one word of the text (a target word when
``targets`` names some that occur, else the longest content word):

- ``leet``: letters swapped for digits and symbols ("idiot" -> "1d10t")
- ``space_insert``: spaces between the letters ("idiot" -> "i d i o t")
- ``space_remove``: the word joined to a neighbouring word ("you idiot" -> "youidiot")
- ``swap``: two adjacent inner letters swapped ("idiot" -> "iidot")
- ``drop``: one inner letter dropped ("idiot" -> "idot")
- ``repeat``: a letter repeated ("idiot" -> "idiooooot")
- ``homoglyph``: Latin letters swapped for look-alike Cyrillic/Greek ones
- ``mask``: inner letters masked with ``*`` ("idiot" -> "id**t")
- ``split``: the word split in two ("idiot" -> "id iot")
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

KINDS: tuple[str, ...] = (
    "leet",
    "space_insert",
    "space_remove",
    "swap",
    "drop",
    "repeat",
    "homoglyph",
    "mask",
    "split",
)

_LEET: dict[str, tuple[str, ...]] = {
    "a": ("4", "@"),
    "e": ("3",),
    "i": ("1", "!"),
    "o": ("0",),
    "s": ("5", "$"),
    "t": ("7",),
    "l": ("1",),
    "g": ("9",),
    "b": ("8",),
}
_HOMOGLYPHS: dict[str, str] = {
    "a": "а",  # Cyrillic a
    "e": "е",
    "o": "о",
    "p": "р",
    "c": "с",
    "x": "х",
    "y": "у",
    "i": "і",
    "k": "к",
    "s": "ѕ",
}
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
#: Words never chosen when no target is given: perturbing "the" hides nothing.
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "who",
        "will",
        "with",
        "you",
        "your",
    ]
)


def _pick_word(
    text: str, rng: random.Random, targets: Sequence[str] | None
) -> re.Match[str] | None:
    words = [m for m in _WORD.finditer(text) if len(m.group()) >= 3]
    if targets:
        wanted = {t.casefold() for t in targets}
        hits = [m for m in words if m.group().casefold() in wanted]
        if not hits:  # a multi-word target or an inflected form: match by prefix
            hits = [
                m
                for m in words
                if any(m.group().casefold().startswith(t) for t in wanted)
            ]
        if hits:
            return rng.choice(hits)
    content = [m for m in words if m.group().casefold() not in _STOP]
    if not content:
        return None
    longest = max(len(m.group()) for m in content)
    return rng.choice([m for m in content if len(m.group()) >= longest - 1])


def _leet(word: str, rng: random.Random) -> str:
    spots = [i for i, ch in enumerate(word) if ch.lower() in _LEET]
    if not spots:
        return word
    chosen = set(rng.sample(spots, max(1, min(len(spots), rng.randint(1, 3)))))
    return "".join(
        rng.choice(_LEET[ch.lower()]) if i in chosen else ch
        for i, ch in enumerate(word)
    )


def _inner(word: str) -> range:
    return range(1, max(1, len(word) - 1))


def _swap(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    if word[i] == word[i + 1]:
        i = next((j for j in range(1, len(word) - 2) if word[j] != word[j + 1]), i)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _drop(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.choice(list(_inner(word)))
    return word[:i] + word[i + 1 :]


def _repeat(word: str, rng: random.Random) -> str:
    vowels = [i for i, ch in enumerate(word) if ch.lower() in "aeiouy"]
    i = rng.choice(vowels or list(range(len(word))))
    return word[: i + 1] + word[i] * rng.randint(2, 5) + word[i + 1 :]


def _homoglyph(word: str, rng: random.Random) -> str:
    spots = [i for i, ch in enumerate(word) if ch in _HOMOGLYPHS]
    if not spots:
        return word
    chosen = set(rng.sample(spots, max(1, min(len(spots), rng.randint(1, 2)))))
    return "".join(_HOMOGLYPHS[ch] if i in chosen else ch for i, ch in enumerate(word))


def _mask(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    inner = list(_inner(word))
    count = rng.randint(1, max(1, min(len(inner), len(word) // 2)))
    start = rng.randrange(1, len(word) - count) if len(word) - count > 1 else 1
    return word[:start] + "*" * count + word[start + count :]


def _split(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(2, len(word) - 1)
    return word[:i] + " " + word[i:]


def perturb(
    text: str,
    kind: str,
    rng: random.Random,
    targets: Sequence[str] | None = None,
) -> str:
    """``text`` with one word obfuscated by ``kind`` (see `KINDS`).

    ``targets``: the words worth hiding (a slur, an insult, the group's name);
    the first choice among those present, else the longest content word.
    Returns ``text`` unchanged when no word qualifies.
    """
    if kind not in KINDS:
        raise ValueError(
            f"unknown perturbation {kind!r}; choose from {', '.join(KINDS)}"
        )
    match = _pick_word(text, rng, targets)
    if match is None:
        return text
    start, end = match.span()
    word = match.group()
    if kind == "space_remove":
        # join the word to a neighbouring word: drop the space between them (before
        # it, else after it). A space next to punctuation is no word boundary worth
        # hiding: "shame.Worthless" still tokenizes as "Worthless".
        if start > 1 and text[start - 1] == " " and text[start - 2].isalnum():
            return text[: start - 1] + text[start:]
        if end + 1 < len(text) and text[end] == " " and text[end + 1].isalnum():
            return text[:end] + text[end + 1 :]
        return text
    if kind == "space_insert":
        new = " ".join(word)
    else:
        new = {
            "leet": _leet,
            "swap": _swap,
            "drop": _drop,
            "repeat": _repeat,
            "homoglyph": _homoglyph,
            "mask": _mask,
            "split": _split,
        }[kind](word, rng)
    return text[:start] + new + text[end:]


def augment(
    text: str,
    rng: random.Random,
    kinds: Sequence[str] = KINDS,
    targets: Sequence[str] | None = None,
) -> tuple[str, str]:
    """One random perturbation of ``text``: (perturbed text, kind).  For
    training-time augmentation only."""
    kind = rng.choice(list(kinds))
    return perturb(text, kind, rng, targets), kind
