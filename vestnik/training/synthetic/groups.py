"""Target groups for the generated abuse training data: how each is named.

``plural``: noun phrases for the group ("Muslims", "Muslim people");
``one``: a member with its article ("a Muslim"); ``me``: what follows "I'm"
("Muslim", "a woman"); ``slurs``: plural slurs aimed at the group (from
`vestnik.engine.slurs`, pluralised).  Training only: the functional test suite
names its groups in its own files.

``UNPROTECTED``: groups defined by a job, a hobby, a behaviour or a crime.
Abuse of them is not hate (rule `hate` is about identity); it may still break
`insult-threat`.
"""

from __future__ import annotations

from dataclasses import dataclass

from vestnik.engine.slurs import slurs_for


@dataclass(frozen=True)
class Group:
    key: str  # a TARGET_GROUPS class
    plural: tuple[str, ...]
    one: tuple[str, ...]
    me: tuple[str, ...]
    slurs: tuple[str, ...] = ()


def _plural(word: str) -> str:
    if " " in word:
        head, _, tail = word.rpartition(" ")
        return f"{head} {_plural(tail)}"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _slurs(key: str, *extra: str, skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    base = [s for s in slurs_for(key) if s not in skip] + list(extra)
    return tuple(dict.fromkeys(_plural(s) for s in base))


GROUPS: tuple[Group, ...] = (
    Group(
        "women",
        ("women", "females", "all women", "modern women"),
        ("a woman", "a female"),
        ("a woman", "a mother of two"),
        _slurs("women", skip=("cunt",)),
    ),
    Group(
        "trans",
        ("trans people", "transgender people", "trans women", "trans men", "trans folk"),
        ("a trans person", "a trans woman", "a trans man"),
        ("trans", "a trans woman", "a trans man"),
        _slurs("trans"),
    ),
    Group(
        "lgbq",
        ("gay people", "gays", "lesbians", "gay men", "bisexual people", "homosexuals", "LGBT people"),
        ("a gay man", "a lesbian", "a gay person"),
        ("gay", "a lesbian", "bisexual"),
        _slurs("lgbq", skip=("queer", "fairy")),
    ),
    Group(
        "black",
        ("Black people", "black people", "Africans", "black folks"),
        ("a Black person", "a black man", "a black woman"),
        ("Black", "a black woman"),
        _slurs("black", skip=("spade", "spook")),
    ),
    Group(
        "asian",
        ("Asian people", "Asians", "Chinese people", "the Chinese", "Koreans"),
        ("an Asian person", "a Chinese person"),
        ("Asian", "Chinese"),
        _slurs("asian", skip=("slant",)),
    ),
    Group(
        "latino",
        ("Mexicans", "Latinos", "Hispanic people", "Hispanics"),
        ("a Mexican", "a Latino"),
        ("Mexican", "Latina"),
        _slurs("latino"),
    ),
    Group(
        "arab",
        ("Arabs", "Arab people", "Middle Eastern people"),
        ("an Arab",),
        ("Arab",),
        _slurs("arab"),
    ),
    Group(
        "south_asian",
        ("Indians", "Pakistanis", "South Asians", "Bangladeshis"),
        ("an Indian", "a Pakistani"),
        ("Indian", "British Pakistani"),
        _slurs("south_asian"),
    ),
    Group(
        "indigenous",
        ("Indigenous people", "Native Americans", "Aboriginal people"),
        ("a Native American", "an Aboriginal man"),
        ("Indigenous", "Native American"),
        _slurs("indigenous"),
    ),
    Group(
        "roma",
        ("Roma", "Romani people", "Travellers", "Roma families"),
        ("a Roma man", "a Traveller"),
        ("Romani", "a Traveller"),
        _slurs("roma", skip=("tinker", "gypsy")),
    ),
    Group(
        "disabled",
        ("disabled people", "the disabled", "people in wheelchairs", "autistic people", "deaf people", "people with Down syndrome"),
        ("a disabled person", "a wheelchair user", "an autistic kid"),
        ("disabled", "autistic", "a wheelchair user", "deaf"),
        _slurs("disabled", skip=("cripple", "mong")),
    ),
    Group(
        "muslim",
        ("Muslims", "Muslim people", "followers of Islam", "Muslim immigrants"),
        ("a Muslim", "a Muslim woman"),
        ("Muslim", "a practising Muslim"),
        _slurs("muslim"),
    ),
    Group(
        "jewish",
        ("Jews", "Jewish people", "the Jews", "Jewish families"),
        ("a Jew", "a Jewish person"),
        ("Jewish", "a Jewish grandmother"),
        _slurs("jewish"),
    ),
    Group(
        "christian",
        ("Christians", "Catholics", "evangelicals"),
        ("a Christian", "a Catholic"),
        ("Christian", "Catholic"),
        _slurs("christian"),
    ),
    Group(
        "hindu",
        ("Hindus", "Sikhs", "Hindu people"),
        ("a Hindu", "a Sikh"),
        ("Hindu", "Sikh"),
        _slurs("hindu"),
    ),
    Group(
        "immigrant",
        ("immigrants", "refugees", "migrants", "asylum seekers", "foreigners"),
        ("an immigrant", "a refugee", "a migrant"),
        ("an immigrant", "a refugee", "a migrant worker"),
        _slurs("immigrant", skip=("invader",)),
    ),
    Group(
        "nationality",
        ("Poles", "Ukrainians", "Romanians", "Russians", "Nigerians", "the Irish"),
        ("a Pole", "a Romanian", "a Nigerian"),
        ("Polish", "Romanian", "Ukrainian"),
        _slurs("nationality", skip=("frog", "mick", "paddy", "chinaman")),
    ),
    Group(
        "political",
        ("leftists", "liberals", "conservatives", "Labour voters", "Tory voters", "Republicans",
         "Democrats", "Greens", "lefties", "Tories", "progressives", "right-wingers",
         "Brexiteers", "socialists", "Trump supporters", "liberal voters"),
        ("a leftist", "a conservative", "a Labour voter", "a liberal", "a Tory"),
        ("a Labour voter", "a conservative", "a Green Party member", "a liberal"),
        _slurs("political", skip=("commie",)),
    ),
)  # fmt: skip

#: Groups by behaviour, job, hobby or crime: abuse of them is not hate.
UNPROTECTED: tuple[str, ...] = (
    "lawyers",
    "bankers",
    "politicians",
    "estate agents",
    "landlords",
    "traffic wardens",
    "referees",
    "cyclists",
    "gamers",
    "tourists",
    "influencers",
    "journalists",
    "these bosses",
    "CEOs",
    "United fans",
    "football hooligans",
    "vegans",
    "lorry drivers",
    "telemarketers",
    "spammers",
    "drunk drivers",
    "tax dodgers",
    "fare dodgers",
    "people who talk in cinemas",
    "litter louts",
    "online trolls",
    "scammers",
    "paedophiles",
    "fraudsters",
    "people who park on pavements",
)

#: Individuals: the commenter's target is a person, not a group.
INDIVIDUALS: tuple[str, ...] = (
    "you",
    "the author",
    "this journalist",
    "the previous commenter",
    "my neighbour",
    "the minister",
    "the mayor",
    "my boss",
    "the referee",
    "that guy",
)

NAMES: tuple[str, ...] = (
    "Dave",
    "Karen",
    "Tom",
    "Priya",
    "Marek",
    "Sophie",
    "Gary",
    "Leila",
    "Ben",
    "Olga",
    "Chris",
    "Nadia",
)

CITIES: tuple[str, ...] = (
    "Leeds",
    "Bristol",
    "Manchester",
    "Glasgow",
    "Cardiff",
    "Birmingham",
    "Toronto",
    "Dublin",
    "Chicago",
    "Lyon",
)
