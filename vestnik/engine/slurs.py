"""Identity slurs and the groups they target.

A slur aimed at a group is hate, not only profanity (rule `hate`): the
profanity lexicon finds the word, this table says *whose* identity it attacks,
so the `hate` rule can cite it as evidence and name the target group, and the
trained classifier (which decides whether the slur is aimed at the group, or
quoted, reclaimed or used in another sense) and the lexicon speak of the same
words.

The table is ours, curated by hand from general knowledge of English slurs;
the Surge AI lexicon's "racial / ethnic slurs", "sexual orientation / gender",
"mental disability" and "religious offense" categories were checked against
it.  Base forms only: plurals and possessives are folded by `slur_group`, and
obfuscated spellings are undone before lookup by the caller
(`vestnik.engine.deobfuscate`).

``HOMONYMS``: words that are also ordinary words in some sense (a meatball, a
levee, a ghost, a raccoon) or are often reclaimed in-group ("queer"); the
classifier, not the table, decides those.
"""

from __future__ import annotations

from typing import Final

#: The target-group classes of the abuse model's auxiliary output (index 0 =
#: no group).  Stable ids: the model file records them.
TARGET_GROUPS: Final[tuple[str, ...]] = (
    "none",
    "women",
    "trans",
    "lgbq",
    "black",
    "asian",
    "latino",
    "arab",
    "south_asian",
    "indigenous",
    "roma",
    "disabled",
    "muslim",
    "jewish",
    "christian",
    "hindu",
    "immigrant",
    "nationality",
    "political",
    "other",
)

#: Readable names for explanations ("hatred against a group: Muslims").
GROUP_LABELS: Final[dict[str, str]] = {
    "women": "women",
    "trans": "trans people",
    "lgbq": "gay, lesbian or bisexual people",
    "black": "Black people",
    "asian": "Asian people",
    "latino": "Latino or Hispanic people",
    "arab": "Arabs",
    "south_asian": "South Asian people",
    "indigenous": "Indigenous people",
    "roma": "Roma",
    "disabled": "disabled people",
    "muslim": "Muslims",
    "jewish": "Jews",
    "christian": "Christians",
    "hindu": "Hindus",
    "immigrant": "immigrants or refugees",
    "nationality": "a nationality",
    "political": "a political camp",
    "other": "a group",
}

_SLURS: Final[dict[str, tuple[str, ...]]] = {
    "women": ("bitch", "slut", "whore", "skank", "thot", "femoid", "foid", "cunt"),
    "trans": ("tranny", "shemale", "trannie", "troon", "heshe", "ladyboy"),
    "lgbq": (
        "faggot",
        "fag",
        "dyke",
        "homo",
        "poof",
        "poofter",
        "queer",
        "fairy",
        "lezzie",
        "lesbo",
        "sodomite",
    ),
    "black": (
        "nigger",
        "nigga",
        "negro",
        "coon",
        "jigaboo",
        "darkie",
        "darky",
        "sambo",
        "spook",
        "porch monkey",
        "groid",
        "spade",
    ),
    "asian": ("chink", "gook", "slant", "slanteye", "zipperhead", "jap", "nip"),
    "latino": ("spic", "spick", "beaner", "wetback", "greaser"),
    "arab": ("sand nigger", "camel jockey", "dune coon"),
    "south_asian": ("paki", "dothead", "pajeet", "curry muncher"),
    "indigenous": ("redskin", "injun", "squaw", "abo"),
    "roma": ("gypsy", "gyppo", "pikey", "tinker"),
    "disabled": (
        "retard",
        "retarded",
        "spastic",
        "spaz",
        "cripple",
        "mong",
        "mongoloid",
        "window licker",
    ),
    "muslim": (
        "raghead",
        "towelhead",
        "muzzie",
        "muzrat",
        "goatfucker",
        "moslem",
        "mohammedan",
    ),
    "jewish": ("kike", "yid", "hebe", "heeb", "shylock", "jewboy", "oven dodger"),
    "christian": ("christard", "bible thumper", "god botherer"),
    "hindu": ("cow worshipper", "pajeet"),
    "immigrant": ("rapefugee", "invader", "illegal alien", "anchor baby"),
    "nationality": ("polack", "kraut", "frog", "limey", "mick", "paddy", "chinaman"),
    "political": ("libtard", "commie", "feminazi", "trumptard", "remoaner"),
}

#: Slurs that are also ordinary words or reclaimed in-group: the classifier
#: decides whether they are aimed at a group.
HOMONYMS: Final[frozenset[str]] = frozenset(
    {
        "faggot",  # a meatball (UK), a bundle of sticks
        "fag",  # a cigarette (UK)
        "dyke",  # a levee, a ditch
        "queer",  # reclaimed; "strange"
        "fairy",
        "coon",  # a raccoon
        "spook",  # a ghost, a spy
        "spade",  # a shovel
        "slant",
        "frog",
        "mick",
        "paddy",  # a field, a temper
        "tinker",
        "invader",
        "greaser",
        "cripple",  # a verb
        "bitch",  # a female dog; a complaint
        "nigga",  # in-group usage
        "homo",  # Homo sapiens
        "nip",  # a small drink, a pinch
        "jap",
        "mong",
        "commie",
        "gypsy",  # also a self-designation for some
        "negro",  # in historical names
    }
)

#: Plain group names (plural and adjective forms) -> group, for the group
#: mention evidence and the normaliser's vocabulary.
GROUP_TERMS: Final[dict[str, str]] = {
    "women": "women",
    "woman": "women",
    "females": "women",
    "girls": "women",
    "trans": "trans",
    "transgender": "trans",
    "gay": "lgbq",
    "gays": "lgbq",
    "lesbian": "lgbq",
    "lesbians": "lgbq",
    "bisexual": "lgbq",
    "bisexuals": "lgbq",
    "homosexual": "lgbq",
    "homosexuals": "lgbq",
    "black": "black",
    "blacks": "black",
    "asian": "asian",
    "asians": "asian",
    "chinese": "asian",
    "mexican": "latino",
    "mexicans": "latino",
    "latino": "latino",
    "latinos": "latino",
    "hispanic": "latino",
    "hispanics": "latino",
    "arab": "arab",
    "arabs": "arab",
    "indian": "south_asian",
    "indians": "south_asian",
    "pakistani": "south_asian",
    "pakistanis": "south_asian",
    "indigenous": "indigenous",
    "aboriginal": "indigenous",
    "roma": "roma",
    "disabled": "disabled",
    "autistic": "disabled",
    "muslim": "muslim",
    "muslims": "muslim",
    "islam": "muslim",
    "jew": "jewish",
    "jews": "jewish",
    "jewish": "jewish",
    "christian": "christian",
    "christians": "christian",
    "hindu": "hindu",
    "hindus": "hindu",
    "immigrant": "immigrant",
    "immigrants": "immigrant",
    "migrant": "immigrant",
    "migrants": "immigrant",
    "refugee": "immigrant",
    "refugees": "immigrant",
    "asylum": "immigrant",
    "poles": "nationality",
    "polish": "nationality",
    "ukrainians": "nationality",
    "russians": "nationality",
    "romanians": "nationality",
}


def _index() -> dict[str, str]:
    out: dict[str, str] = {}
    for group, words in _SLURS.items():
        for word in words:
            out.setdefault(word, group)
    return out


SLURS: Final[dict[str, str]] = _index()


def slur_group(word: str) -> str | None:
    """The group a (de-obfuscated, case-folded) word or phrase is a slur for,
    with plural and possessive endings folded; None if it is no slur."""
    word = word.casefold().strip(" '’")
    if word in SLURS:
        return SLURS[word]
    for suffix in ("'s", "’s", "s", "es", "z"):
        if word.endswith(suffix) and word[: -len(suffix)] in SLURS:
            return SLURS[word[: -len(suffix)]]
    return None


def slurs_for(group: str) -> tuple[str, ...]:
    """The base forms listed for ``group`` (for training templates)."""
    return _SLURS.get(group, ())
