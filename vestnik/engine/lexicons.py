"""The profanity lexicon artefact: built from the public lists, shipped small.

`models/profanity_lexicon.json.gz` maps language -> {term: score}, where a
term is already in its de-obfuscated form (`deobfuscate`), so matching is
one lookup. Built by `vestnik blocklist profanity [DATA_DIR]` from:

- English: Surge AI's profanity list (severity Mild/Strong/Severe ->
  0.55/0.75/0.9; `VERY_MILD` words 0.35), plus those LDNOOBW v2 `en.txt` entries that are derivatives
  of a Surge canonical form (the rest of `en.txt` is too noisy: it lists
  "kill", "pot", "urine"...).
- Other languages: LDNOOBW v2 `<lang>.txt`, score 0.75 for entries of 4+
  letters (shorter ones are too often innocent words in some language).

Identity and anatomy words that a news discussion uses in good faith ("gay",
"jew", "breast", "sex" ...) are removed: they belong to the hate classifier's
context, not to a word list.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import threading
from pathlib import Path

ARTEFACT = Path(__file__).with_name("models") / "profanity_lexicon.json.gz"

NEUTRAL_TERMS = frozenset(
    [
        "gay",
        "gays",
        "lesbian",
        "lesbians",
        "homosexual",
        "homosexuals",
        "jew",
        "jews",
        "jewess",
        "negro",
        "negroes",
        "breast",
        "breasts",
        "finger",
        "meat",
        "monkey",
        "crow",
        "abraham",
        "loose",
        "nymph",
        "sex",
        "hell",
        "anal",
        "anus",
        "penis",
        "rectum",
        "nipple",
        "nipples",
        "orgasm",
        "bondage",
        "buttermilk",
        "klan",
        "kkk",
        "queer",
        "gypsy",
        "gypsies",
        "sissy",
        "bang",
        "bum",
        "butt",
        "booty",
        "crotch",
        "knob",
        "muff",
        "bonk",
        "spank",
        "sperm",
        "ejaculation",
        "masturbate",
        "molest",
        "pedophile",
        "cooties",
        "coot",
        "dolt",
        "greaser",
        "hustler",
        "ladyboy",
        "scum",
        "milf",
        "sadomasochism",
        "mongrel",
        "bugger",
        "69",
        "abo",
        "ape",
        "garbage",
        "bag",
        "god",
        "kill",
        "pot",
        "urine",
        "drug",
        "drugs",
        "weed",
        "black",
        "white",
        "balls",
        "ball",
        "screw",
        "suck",
        "sucks",
        "nazi",
        "nazis",
        "muslim",
        "muslims",
        "christian",
        "lust",
        "hooters",
        "virgin",
        "vagina",
        "testicle",
        "testicles",
        "condom",
        "porn",
        "erotic",
        "nude",
        "naked",
        "kiss",
        "askin",
        "bbc",
        "bwc",
        "cox",
        "fed",
        "fer",
        "peter",
        "sack",
        "sheet",
        "shet",
        "shi",
        "shis",
        "slit",
        "sob",
        "sobs",
        "spook",
        "swine",
        "tart",
        "tramp",
        "wang",
        "niger",
        "jerk",
        "mong",
        "puss",
        "dong",
        "dix",
        "fuku",
        "vulva",
        "twink",
        "scut",
        "hoar",
        "caca",
        "cack",
    ]
)

#: Words a newspaper would print: noted (0.35) but never enough alone to hold a comment.
VERY_MILD = frozenset(
    ["damn", "darn", "hell", "heck", "crap", "bloody", "bugger", "arse", "piss", "sod"]
)

#: Lexicon words that are also ordinary words (not slurs: those are
#: `slurs.HOMONYMS`): the profanity detector scores them down when the abuse
#: model reads the comment as neither profane, hateful nor insulting
#: (`profanity_lexicon._in_context`). Plurals are looked up by their singular.
INNOCENT_SENSES = frozenset(
    [
        "hoe",  # a garden tool; Dutch "how"; "ho ho ho"
        "pecker",  # a woodpecker; "keep your pecker up"
        "cumming",  # a surname (Cumming v. Board of Education), a town
        "jim crow",  # the segregation laws and their era
        "prick",  # a needle's prick
        "cock",  # a rooster; to cock a gun
        "dick",  # a name; a private eye
        "tit",  # the bird (blue tits)
        "pussy",  # a cat; pussy willow
        "spunk",  # courage
        "slag",  # mining waste
        "snatch",  # to grab
        "boner",  # a blunder
        "sphincter",  # anatomy
        "transvestite",  # a (dated) description, not an oath
    ]
)

#: Roots so unambiguous that they count inside compounds ("bullshit",
#: "motherfucking"); everything else must match a whole word. Per script.
STRONG_ROOTS: dict[str, tuple[str, ...]] = {
    "latin": (
        "fuck",
        "fuk",
        "shit",
        "cunt",
        "bitch",
        "whore",
        "nigger",
        "nigga",
        "faggot",
        "twat",
        "wank",
        "jizz",
        "slut",
        "asshole",
        "dickhead",
        "motherf",
    ),
    "cyrillic": (
        "хуй",
        "хуе",
        "хуё",
        "хуя",
        "пизд",
        "ебан",
        "ебат",
        "ёбан",
        "ебал",
        "ебло",
        "бляд",
        "блят",
        "мудак",
        "мудил",
        "залуп",
        "пидор",
        "пидар",
        "уебок",
        "уёбок",
    ),
}
#: Words that contain a strong root innocently: the Scunthorpe problem.
ALLOWED_WORDS = frozenset(
    [
        "scunthorpe",
        "shitake",
        "shiitake",
        "matsushita",
        "yamashita",
        "kinoshita",
        "shitsuke",
        "cunctator",
        "cunctation",
        "fukuoka",
        "fukushima",
        "fukuyama",
        "fukuda",
        "hitchcock",
        "smartwatch",
        "smartwatches",
        "nightwatch",
        "nightwatchman",
        "nightwatchmen",
        "parikshit",
        "kshitij",
        "mishit",
        "mishits",
        "mishitting",
        "morishita",
        "takeshita",
        "sluts?",
        "slutsk",
        "страхуй",
        "страхуйте",
        "застрахуй",
        "застрахуйте",
        "перестрахуй",
        "колебал",
        "колебало",
        "колебался",
        "колебалась",
        "колебались",
        "поколебал",
        "хлебание",
        "хлебанул",
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
        "|": "i",
        "+": "t",
        "€": "e",
        "¡": "i",
    }
)
_LEET_CYR = str.maketrans(
    {
        "0": "о",
        "3": "з",
        "4": "ч",
        "6": "б",
        "@": "а",
        "$": "с",
        "!": "и",
        "a": "а",
        "e": "е",
        "o": "о",
        "p": "р",
        "c": "с",
        "x": "х",
        "y": "у",
        "k": "к",
        "m": "м",
        "t": "т",
        "b": "в",
        "h": "н",
        "u": "и",
    }
)
_RUN3 = re.compile(r"(.)\1{2,}")


def deobfuscate(token: str) -> str:
    """Lower-case, undo leetspeak (Latin or Cyrillic by the token's letters), drop joiners."""
    token = token.lower()
    if any("\u0400" <= c <= "\u04ff" for c in token):
        token = token.translate(_LEET_CYR)
    else:
        token = token.translate(_LEET)
    return token.replace("_", "").replace("-", "").replace(".", "").replace("'", "")


def squeeze(token: str, keep: int = 1) -> str:
    """Collapse runs of 3+ equal characters to `keep` ("fuuuck" -> "fuck")."""
    return _RUN3.sub(lambda m: m.group(1) * keep, token)


def _words(term: str) -> str:
    return " ".join(deobfuscate(part) for part in term.split())


def build_profanity_lexicon(data_dir: Path) -> dict[str, dict[str, float]]:
    surge = data_dir / "surge_profanity_lexicon" / "profanity_en.csv"
    ldnoobw = data_dir / "ldnoobw_v2_profanity_lists"
    severity = {"Mild": 0.55, "Strong": 0.75, "Severe": 0.9}
    lexicon: dict[str, dict[str, float]] = {"en": {}}
    with surge.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            forms = {row[f"canonical_form_{i}"] for i in (1, 2, 3)} - {""}
            if forms & NEUTRAL_TERMS and not forms - NEUTRAL_TERMS:
                continue
            term = _words(row["text"])
            if not term or term in NEUTRAL_TERMS or term.isdigit():
                continue
            score = severity.get(row["severity_description"], 0.6)
            if forms & VERY_MILD:
                score = 0.35
            lexicon["en"][term] = max(score, lexicon["en"].get(term, 0.0))
    roots = re.compile("|".join(map(re.escape, STRONG_ROOTS["latin"])))
    for path in sorted(ldnoobw.glob("*.txt")):
        lang = path.stem
        if lang == "LICENSE":
            continue
        entries = lexicon.setdefault(lang, {})
        for line in path.read_text(encoding="utf-8").splitlines():
            term = _words(line.strip().strip("*"))
            if not term or term in NEUTRAL_TERMS or term.isdigit():
                continue
            if lang == "en":
                if term not in entries and roots.search(term.replace(" ", "")):
                    entries[term] = 0.75
            elif len(term.replace(" ", "")) >= 4:
                entries.setdefault(term, 0.75)
    return {
        lang: dict(sorted(terms.items()))
        for lang, terms in sorted(lexicon.items())
        if terms
    }


def save(lexicon: dict[str, dict[str, float]], path: Path | None = None) -> int:
    path = path or ARTEFACT
    data = json.dumps(
        lexicon, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("wb") as fh,
        gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz,
    ):
        gz.write(data)
    return path.stat().st_size


_LOCK = threading.Lock()
_CACHE: dict[Path, dict[str, dict[str, float]]] = {}


def load(path: Path | None = None) -> dict[str, dict[str, float]]:
    """The whole artefact, read once per process (an absent file reads as empty)."""
    path = path or ARTEFACT
    with _LOCK:
        if path not in _CACHE:
            if path.exists():
                with gzip.open(path, "rt", encoding="utf-8") as fh:
                    raw = json.load(fh)
                _CACHE[path] = {
                    str(lang): {str(t): float(s) for t, s in terms.items()}
                    for lang, terms in raw.items()
                }
            else:
                _CACHE[path] = {}
        return _CACHE[path]
