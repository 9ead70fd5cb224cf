"""What the encoder reads: the comment with spelling disguises undone.

People hide abuse from filters: "i d i o t", "id iot", "1d10t", "idiooooot",
"f*ck", "youidiot".  The trained model reads a *reading* of the comment in
which those disguises are undone, while every evidence span still points into
the original text:

- spaced or dotted letters are joined: "i d i o t", "f.u.c.k" -> "idiot", "fuck";
  a run that spells several words is cut into them ("h a t e a l l" -> "hate
  all"), and a run of four letters or more that no known word explains is
  read as one word ("d e s p i s e" -> "despise", a leading "I" kept apart);
- a word split in two is re-joined when the halves make an abusive word and
  one half is no word of its own: "id iot", "ver min" -> "idiot", "vermin";
- leetspeak and symbols are read as letters: "1d10t", "$cum", "b!tch";
- masked letters are filled in when exactly one abusive word fits: "f*ck",
  "n****r";
- stretched letters are squeezed: "idiooooot", "soooo" -> "idiot", "so";
- two words run together are split when one is abusive: "youidiot" ->
  "you idiot", "arevermin" -> "are vermin"; a token that is no word at all is
  split into two ordinary words: "notwelcome", "ashuman" -> "not welcome",
  "as human" (a capitalised one, likelier a name, only after "I" or "a");
- a word that is no word at all, one swap, dropped or doubled letter away
  from an abusive word or a group's name, is read as that word: "haet",
  "imigrants", "vermn" -> "hate", "immigrants", "vermin".

Each change needs a dictionary to agree: the result must be a known word (the
encoder's own vocabulary of ~22k whole English words, plus the abuse
vocabulary: the profanity lexicon, the slur table, group names and common
insults), so ordinary text passes through unchanged ("2024", "COVID-19",
"B&Q", "e.g." stay as they are).  Homoglyphs and invisible characters are
already folded by `Document`.

`read(text)` works on `Document.normalized` and returns a `Reading` whose
`to_source` maps a span of the reading back to the normalised text (and
`Document.to_original` from there to what the author typed).

Measured on the obfuscation functionalities of the functional suite
(docs/trained-models.md): see the model card of the abuse model.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vestnik.engine import lexicons
from vestnik.engine.slurs import GROUP_TERMS, SLURS, slur_group

#: Insults and dehumanising words the lexicons lack (the profanity lexicon
#: holds the obscene ones; the slur table the identity slurs).
INSULT_WORDS: frozenset[str] = frozenset(
    [
        "idiot",
        "idiots",
        "moron",
        "morons",
        "imbecile",
        "imbeciles",
        "cretin",
        "cretins",
        "stupid",
        "dumb",
        "dumbass",
        "loser",
        "losers",
        "scum",
        "scumbag",
        "scumbags",
        "vermin",
        "parasite",
        "parasites",
        "cockroach",
        "cockroaches",
        "rat",
        "rats",
        "savage",
        "savages",
        "subhuman",
        "subhumans",
        "animal",
        "animals",
        "filth",
        "filthy",
        "trash",
        "garbage",
        "disgusting",
        "pathetic",
        "worthless",
        "useless",
        "degenerate",
        "degenerates",
        "pig",
        "pigs",
        "maggot",
        "maggots",
        "leech",
        "leeches",
        "plague",
        "disease",
        "cancer",
        "vile",
        "evil",
        "inferior",
        "primitive",
        "ape",
        "apes",
        "monkey",
        "monkeys",
        "dog",
        "dogs",
        "swine",
        "freak",
        "freaks",
        "creep",
        "creeps",
        "clown",
        "clowns",
        "liar",
        "liars",
        "traitor",
        "traitors",
        "bigot",
        "bigots",
        "racist",
        "racists",
        "hate",
        "hater",
        "haters",
        "kill",
        "killed",
        "killing",
        "murder",
        "exterminate",
        "exterminated",
        "eliminate",
        "gas",
        "hang",
        "hanged",
        "shoot",
        "burn",
        "die",
        "death",
        "deport",
        "deported",
        "invaders",
        "invader",
        "breed",
        "breeding",
        "infest",
        "infested",
        "retards",
        "stupidity",
        "ugly",
        "fat",
        "whores",
        "sluts",
        "bitches",
        "bastards",
        "abomination",
        "abominations",
        "terrorist",
        "terrorists",
        "rapist",
        "rapists",
        "criminals",
        "thugs",
        "thieves",
        "perverts",
        "pervert",
        "pedophiles",
        "paedophiles",
        "groomers",
        "lowlife",
        "lowlifes",
        "brainless",
    ]
)

_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "9": "g",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "+": "t",
        "€": "e",
    }
)
#: "1" and "|" read as "l" as often as "i": try both.
_LEET_ALT = str.maketrans({"1": "l", "|": "i", "!": "l"})
_RUN3 = re.compile(r"(.)\1{2,}")
_TOKEN = re.compile(
    r"[^\W_]+(?:[@$!|*+€0-9'][^\W_]*)*|[@$][^\W_]+(?:[@$!|*+€][^\W_]*)*"
)
#: Addresses, handles and links are read as they are ("jo@example.com" is no
#: leetspeak).
_VERBATIM = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)[@#]\w+", re.UNICODE
)
_SPACED = re.compile(
    r"(?<![^\W_])(?:[^\W_@$][ ._\-*]){2,}[^\W_@$](?![^\W_])", re.UNICODE
)


@dataclass(frozen=True)
class Reading:
    """The encoder's reading of a normalised text, with its offset map."""

    text: str
    #: source index of each reading character, plus one entry past the end
    offsets: tuple[int, ...]
    #: (source start, source end, replacement) for every change made
    changes: tuple[tuple[int, int, str], ...] = ()

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The range of the normalised text behind reading range [start, end)."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if start == end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@lru_cache(maxsize=1)
def general_vocabulary() -> frozenset[str]:
    """Whole lower-case words of the encoder's WordPiece vocabulary (read from
    the encoder package; empty when it is not installed)."""
    try:
        from vestnik.engine.encoder import EncoderError, model_dir

        path: Path = model_dir() / "vocab.txt"
    except (ImportError, EncoderError):  # pragma: no cover - dependency is required
        return frozenset()
    if not path.is_file():  # pragma: no cover
        return frozenset()
    words = path.read_text(encoding="utf-8").split()
    return frozenset(w for w in words if w.isalpha() and w.islower() and len(w) > 1)


@lru_cache(maxsize=1)
def abuse_vocabulary() -> frozenset[str]:
    """Profanity (English lexicon), identity slurs, group names, insults."""
    english = lexicons.load().get("en", {})
    words = {term for term in english if term.isalpha()}
    words |= {s for s in SLURS if s.isalpha()}
    words |= {s + "s" for s in SLURS if s.isalpha()}
    words |= set(GROUP_TERMS) | INSULT_WORDS
    return frozenset(words)


def _known(word: str) -> bool:
    return word in abuse_vocabulary() or word in general_vocabulary()


def _squeezes(word: str) -> list[str]:
    if not _RUN3.search(word):
        return [word]
    return [_RUN3.sub(lambda m: m.group(1) * 2, word), _RUN3.sub(r"\1", word)]


#: abusive shorthand spelt out, so that the model reads what a reader reads
_SHORTHAND = {
    "kys": "kill yourself",
    "stfu": "shut the fuck up",
    "gtfo": "get the fuck out",
    "foad": "fuck off and die",
}


@lru_cache(maxsize=50_000)
def _fix_token(token: str) -> str | None:
    """The word a disguised token stands for, or None to leave it alone."""
    lower = token.casefold()
    if lower in _SHORTHAND:
        return _SHORTHAND[lower]
    if _known(lower) or lower.isdigit():
        return None
    letters = sum(ch.isalpha() for ch in lower)
    if letters < 2:
        return None
    if "*" in lower:
        return _unmask(lower)
    candidates: list[str] = []
    for form in (lower.translate(_LEET), lower.translate(_LEET_ALT).translate(_LEET)):
        candidates += _squeezes(form.replace("'", ""))
    candidates += _squeezes(lower)
    for candidate in dict.fromkeys(candidates):
        if candidate != lower and candidate.isalpha() and _known(candidate):
            return candidate
    # leet inside a word ("abominati0n", "d1sgust1ng"): letters on both sides
    # of every substituted character, so "covid19", "mp3", "4chan" stay
    inner = lower.translate(_LEET)
    if (
        inner != lower
        and inner.isalpha()
        and letters >= 4
        and all(
            0 < i < len(lower) - 1 and lower[i - 1].isalpha() and lower[i + 1].isalpha()
            for i, ch in enumerate(lower)
            if not ch.isalpha()
        )
    ):
        return _RUN3.sub(r"\1\1", inner)
    if lower.isalpha() and len(lower) >= 6:
        split = _split_run_on(lower)
        if split:
            return split
    if lower.isalpha() and len(lower) >= 4:
        fixed = _one_edit_from_abuse(lower)
        if fixed:
            return fixed
    if lower.isalpha() and len(lower) >= 5:
        return _split_two_words(lower, capital=token[:1].isupper())
    return None


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit_from_abuse(word: str) -> str | None:
    """ "haet", "imigrants", "vermn", "muslmis" -> the abusive word or group
    name one swap, one dropped or one doubled letter away (for a word that is
    no word of its own: typos of ordinary words stay what they are)."""
    abuse = abuse_vocabulary()
    candidates = [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)
    ]
    candidates += [word[:i] + word[i + 1 :] for i in range(len(word))]
    candidates += [
        word[:i] + ch + word[i:] for i in range(1, len(word) + 1) for ch in _LETTERS
    ]
    found = [c for c in candidates if len(c) >= 4 and c in abuse]
    # the longest: "imigrants" is "immigrants", not "migrants"
    return max(found, key=len) if found else None


def _unmask(word: str) -> str | None:
    """ "f*ck" -> "fuck" when exactly one abusive word fits (each mask 1-2 letters)."""
    visible = [ch for ch in word if ch != "*"]
    if len(visible) < 2 or word[0] == "*":
        return None
    pattern = re.compile(
        "".join("[a-z]{1,2}" if ch == "*" else re.escape(ch) for ch in word) + "$"
    )
    fits = [w for w in abuse_vocabulary() if w[:1] == word[0] and pattern.match(w)]
    if not fits:
        return None
    # several fit ("f**k": fuck, feck, fack): a slur or insult of our own tables
    # first, then a word the encoder knows, then the most severe lexicon
    # entry, the shortest, the alphabet -- the same reading in every process
    english = lexicons.load().get("en", {})
    return min(
        fits,
        key=lambda w: (
            w not in SLURS and w.rstrip("s") not in SLURS and w not in INSULT_WORDS,
            w not in general_vocabulary(),
            -english.get(w, 0.0),
            len(w),
            w,
        ),
    )


def _split_run_on(word: str) -> str | None:
    """ "youidiot" -> "you idiot": two known words, one of them abusive."""
    abuse = abuse_vocabulary()
    best: tuple[int, str] | None = None
    for i in range(2, len(word) - 1):
        left, right = word[:i], word[i:]
        if not (_known(left) and _known(right)):
            continue
        if left not in abuse and right not in abuse:
            continue
        weight = max(
            len(left) if left in abuse else 0, len(right) if right in abuse else 0
        )
        if best is None or weight > best[0]:
            best = (weight, f"{left} {right}")
    return best[1] if best else None


def _split_two_words(word: str, capital: bool = False) -> str | None:
    """ "notwelcome", "placewithout", "adecent" -> "not welcome", "place
    without", "a decent": a token that is no word, made of two words.  A
    capitalised token is likelier a name ("Johnson" is no "john son"), so it
    is split only after "I" or "a" ("Ihate" -> "I hate")."""
    best: tuple[int, str] | None = None
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        if not (_word_ok(left) and _word_ok(right)) or max(len(left), len(right)) < 3:
            continue
        if capital and left not in {"i", "a"}:
            continue
        # the most even cut: "ashuman" is "as human", not "ash" + "uman"
        score = min(len(left), len(right))
        if best is None or score > best[0]:
            best = (score, f"{left} {right}")
    return best[1] if best else None


def _joined(parts: list[str]) -> str | None:
    word = "".join(parts).casefold().translate(_LEET)
    for candidate in _squeezes(word):
        if candidate.isalpha() and (
            candidate in abuse_vocabulary()
            or (len(candidate) >= 4 and candidate in general_vocabulary())
        ):
            return candidate
    return None


_LONGEST_WORD = 24
_RUN_LETTERS = 64


def _spaced_window(run: str) -> tuple[int, int, str] | None:
    """What a run of single letters spells: (start, end, reading) within
    ``run``, or None.

    - the whole run as known words ("h a t e a l l" -> "hate all", fewest
      words first, so "c h i n k s" is one word);
    - else the longest stretch that spells a known word ("a r e t a r d": the
      article, then "retard");
    - else, for four letters or more that no stretch explains, the run read
      as one word the vocabularies do not list ("d e s p i s e", "m o u l d",
      "l e f t a r d s"): nobody spaces out letters that are not a word, and
      the encoder reads an unknown word better whole than letter by letter.
      A leading "I" or "a" stays a word of its own ("I d e s p i s e").
    """
    letters = [(m.start(), m.group()) for m in re.finditer(r"[^ ._\-*]", run)]
    # Bounded: no word is longer than _LONGEST_WORD letters, and only the start
    # of a very long run is searched ("f.u.c.k " * 1000 would otherwise try
    # millions of windows: a comment that takes minutes to read).
    letters = letters[:_RUN_LETTERS]
    n = len(letters)
    if n >= 4:
        words = _segment("".join(ch for _, ch in letters).casefold().translate(_LEET))
        if words:
            return letters[0][0], letters[-1][0] + 1, words
    found = None
    for size in range(min(n, _LONGEST_WORD), 2, -1):
        for first in range(0, n - size + 1):
            word = _joined([ch for _, ch in letters[first : first + size]])
            if word:
                found = first, first + size, word
                break
        if found:
            break
    if n >= 4 and (found is None or found[1] - found[0] < n - 1):
        lead = int(letters[0][1].casefold() in "ai" and n - 1 >= 4)
        word = "".join(ch for _, ch in letters[lead:]).casefold().translate(_LEET)
        if word.isalpha() and len(word) <= _LONGEST_WORD:
            found = lead, n, word
    if found is None:
        return None
    first, last, word = found
    return letters[first][0], letters[last - 1][0] + 1, word


#: Words of one or two letters that may stand alone when a run of letters or
#: a run-together token is cut into words (the vocabulary holds many two-letter
#: fragments, "ds", "ul", that are no words a commenter writes).
SHORT_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "i",
        "am",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
    ]
)


def _word_ok(word: str) -> bool:
    return word in SHORT_WORDS or (len(word) >= 3 and _known(word))


@lru_cache(maxsize=20_000)
def _segment(letters: str) -> str | None:
    """``letters`` cut into the fewest known words (at most four, one of
    them at least four letters long), or None."""
    if not letters.isalpha() or len(letters) > _LONGEST_WORD:
        return None
    n = len(letters)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            prev = best[start]
            piece = letters[start:end]
            if prev is None or len(prev) >= 4 or not _word_ok(piece):
                continue
            if best[end] is None or len(prev) + 1 < len(best[end] or ()):
                best[end] = [*prev, piece]
    words = best[n]
    if not words or max(len(w) for w in words) < 4:
        return None
    return " ".join(words)


def _changes(text: str) -> list[tuple[int, int, str]]:
    changes: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = [m.span() for m in _VERBATIM.finditer(text)]
    for match in _SPACED.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        found = _spaced_window(match.group())
        if found:
            first, last, word = found
            start, end = match.start() + first, match.start() + last
            changes.append((start, end, word))
            taken.append((start, end))
    tokens = [
        m
        for m in _TOKEN.finditer(text)
        if not any(s <= m.start() < e for s, e in taken)
    ]
    skip = -1
    for i, match in enumerate(tokens):
        if i <= skip:
            continue
        token = match.group().rstrip("!|'")
        start, end = match.start(), match.start() + len(token)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and text[end : nxt.start()] == " ":
            pair = _join_pair(token, nxt.group().rstrip("!|'"))
            if pair:
                changes.append(
                    (start, nxt.start() + len(nxt.group().rstrip("!|'")), pair)
                )
                skip = i + 1
                continue
        fixed = _fix_token(token) if token else None
        if fixed:
            changes.append((start, end, fixed))
    changes.sort()
    return changes


@lru_cache(maxsize=20_000)
def _join_pair(left: str, right: str) -> str | None:
    """ "id iot" -> "idiot": the halves make an abusive word and one half is
    no word of its own."""
    a, b = left.casefold(), right.casefold()
    if not (a.isalpha() and b.isalpha()) or len(a) + len(b) < 4:
        return None
    joined = a + b
    if _known(a) and _known(b):
        # "sub human", "ass hole": both halves are words, so only our own
        # tables of slurs and insults may join them
        strong = (
            joined in INSULT_WORDS
            or joined in GROUP_TERMS
            or slur_group(joined) is not None
        )
        return joined if strong and len(joined) >= 6 else None
    for candidate in _squeezes(joined):
        if candidate in abuse_vocabulary() or (
            len(candidate) >= 6 and candidate in general_vocabulary()
        ):
            return candidate
    return None


def enabled() -> bool:
    """False when ``VESTNIK_DEOBFUSCATE`` is ``off`` (or ``0``/``false``): the
    encoder then reads the normalised text as it is.  Only for measuring what
    the reading adds (`vestnik eval --task functional` with and without)."""
    value = os.environ.get("VESTNIK_DEOBFUSCATE", "on").strip().lower()
    return value not in {"off", "0", "false", "no"}


def read(text: str) -> Reading:
    """The encoder's reading of ``text`` (normally `Document.normalized`)."""
    changes = _changes(text) if enabled() else []
    if not changes:
        return Reading(text, tuple(range(len(text) + 1)))
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for start, end, new in changes:
        pieces.append(text[pos:start])
        offsets.extend(range(pos, start))
        pieces.append(new)
        # the replacement's characters spread over the source range: its first
        # maps to the range's first character, its last to the range's last
        span = max(1, end - start)
        offsets.extend(
            start + (k * (span - 1)) // max(1, len(new) - 1) for k in range(len(new))
        )
        pos = end
    pieces.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return Reading("".join(pieces), tuple(offsets), tuple(changes))
