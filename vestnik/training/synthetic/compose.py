"""Compositional abuse training data: sentences built from parts, not templates.

`vestnik.training.synthetic.abuse` writes each hateful proposition once per
group in one frame.  The fine-tuned model learned those sentences and little
beyond them: a proposition it scores 0.9 in its training wording scored 0.0
with a clause added ("..., no matter what the law says"), a positive opinion
in the hateful rows' opinion frame scored as hate, and a threat whose harm
was worded differently from every training threat passed.  This module
builds the weak functionalities from independent parts (who is spoken of,
what is said, how it is framed, what follows) so that no single wording
carries the label:

- **threats against a group** ("any <member> who <does X> <gets harm>",
  "you <group> will <suffer>"), each with a twin aimed at an unprotected
  group or a single person (a threat, not hate) and a twin that reports or
  condemns it;
- **negated positives** ("<group> <are not / will never be> <people, our
  equals, ...>", "I don't think <group> deserve <respect, ...>");
- **reported speech** with the speaker's words endorsed (hate) or condemned
  (not hate): the two share a pair id so that the trainer puts them in one
  batch and asks the endorsed one to score higher;
- **benign opinions and denials of hate** in the very opinion heads the
  hateful rows use;
- **slurs aimed at a group** in sentence shapes the template set lacks;
- a **tail** (a clause or a short sentence that changes nothing) added to a
  share of every family, hateful or not, so that neither its presence nor
  its absence is evidence.

Training only: the functional test suite (tests/training/functional/) was
written separately and is never read here; a test fails if one of its
sentences appears among these rows.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from vestnik.training.synthetic.abuse import (
    Row,
    _bare,
    _cap,
    _digest,
    _labels,
    tables_digest,
    unique,
)
from vestnik.training.synthetic.groups import CITIES, GROUPS, UNPROTECTED, Group

#: Clauses and sentences that follow a statement and change nothing about it.
TAILS = (
    ", whatever the papers tell you",
    ", and that won't change",
    ", end of story",
    ", I've seen it with my own eyes",
    ", like it or not",
    ", and I'm not going to pretend otherwise",
    " and everyone round here knows it",
    ", simple as that",
    ", whatever the government says",
    ". That's how I see it anyway.",
    ". Just saying.",
    ". Prove me wrong.",
    ". Been saying it for years.",
    ". Sorry, not sorry.",
    ". Think about it.",
    ". My mum agrees with me.",
    ". Forty years I've lived here.",
    ". Same as it ever was.",
)
#: Share of rows of every family that get a tail.
TAIL_SHARE = 0.45

OPINION_HEADS = (
    "Personally I think",
    "In my view",
    "If you want my opinion,",
    "For what it's worth,",
    "I'll be honest:",
    "My honest opinion is that",
    "I've come to believe",
    "I firmly believe",
    "To my mind",
    "Speaking as a local,",
    "As far as I'm concerned,",
    "Having lived here all my life, I'd say",
)

# --- threats aimed at a group -------------------------------------------------
TRIGGERS = (
    "turns up at the school gates",
    "moves into our road",
    "comes near my children",
    "sets foot in this pub",
    "walks past my house",
    "opens a shop on our high street",
    "speaks at the council tonight",
    "gets on my bus",
    "shows their face at the match",
    "joins our allotment",
)
HARMS = (
    "a brick through their window",
    "their legs broken",
    "their house burned down",
    "beaten black and blue",
    "a knife in the ribs",
    "their car torched",
    "dragged outside and battered",
    "put in hospital",
    "their skull cracked",
    "a bullet in the head",
    "kicked until they stop moving",
    "hurt very badly",
)
GETS = ("is getting", "will get", "gets", "is going to get", "can expect")
SUFFERS = (
    "will pay for this in blood",
    "will swing for this",
    "are going to burn",
    "won't live to see next year",
    "will be dragged out of your homes",
    "are going to get what's coming",
    "will bleed for this",
    "had better start running",
)
WE_THREATS = (
    "we know where you {G} live and we're coming",
    "we will find every one of you {G}",
    "we're going to hunt you {G} down",
    "we'll run you {G} out of this town with baseball bats",
    "we will make you {G} suffer",
)
#: Non-hateful twins of a threat: the same words reported or condemned.
THREAT_COUNTER = (
    "Someone posted that {q} and the police are now involved. Good.",
    "Whoever scrawled '{q}' on the wall needs locking up.",
    "A man was charged after shouting that {q}.",
    "'{Q}' -- this is what gets posted here and nobody deletes it.",
    "The letter said {q}. The family have moved out, and who can blame them.",
)

# --- negated positives -----------------------------------------------------------
NOT_BE = (
    "are not",
    "aren't",
    "will never be",
    "can never be",
    "were never",
    "are not and never will be",
)
COMPLEMENTS = (
    "people",
    "even people",
    "humans",
    "real people at all",
    "normal",
    "worthy of respect",
    "wanted in this country",
    "deserving of the same rights",
    "human",
    "real human beings",
    "our equals",
    "equal to the rest of us",
    "proper citizens",
    "fit to raise children",
    "worth the space they take up",
    "part of this society",
    "one of us",
    "capable of honesty",
    "fully human",
)
DESERVE_NOT = (
    "any respect at all",
    "the same rights as us",
    "to be treated as people",
    "to vote",
    "a place in this country",
    "to be called human",
    "basic dignity",
    "the air they breathe",
)
#: "not one of them is <good>": a negated universal over the group
NO_MEMBER = (
    "Not one {one} has ever been {adj}",
    "I've never met a {one} who was {adj}",
    "You will never find a {one} who is {adj}",
    "Name a single {one} who is {adj}. You can't",
    "No {one} is {adj}, not one",
    "Show me a {one} who is {adj} and I'll eat my hat",
)
POSITIVE_ADJ = (
    "honest",
    "trustworthy",
    "worth knowing",
    "a good parent",
    "any use to anyone",
    "capable of kindness",
    "fit to teach children",
    "a real human being",
    "clean",
    "loyal to this country",
)
#: singular people of no protected group, for the twins of NO_MEMBER
UNPROTECTED_ONE = (
    "politician",
    "estate agent",
    "banker",
    "referee",
    "landlord",
    "traffic warden",
    "lawyer",
    "pundit",
)
THINK_NOT = (
    "I don't think",
    "I don't believe",
    "Nobody will ever convince me that",
    "I refuse to accept that",
    "I'll never agree that",
)
#: Complements that read as a plain positive statement without the negation
#: ("<group> are our equals"): the positive twin of a negated positive.
POSITIVE_COMPLEMENTS = frozenset(
    {
        "people",
        "humans",
        "human",
        "normal",
        "worthy of respect",
        "wanted in this country",
        "deserving of the same rights",
        "real human beings",
        "our equals",
        "equal to the rest of us",
        "proper citizens",
        "fit to raise children",
        "part of this society",
        "one of us",
        "capable of honesty",
        "fully human",
    }
)
POSITIVE_HEADS = (
    "I think",
    "I firmly believe",
    "Of course",
    "Anyone sensible knows that",
    "I've always said that",
)
#: More negated positives, each with its plain positive twin (not hate):
#: the two differ in the negation, so only the negation carries the label.
NEGATED_PAIRS = (
    ("{G} can't be trusted with {duty}", "{G} can be trusted with {duty}"),
    ("{G} could never be {adj}", "{G} can be just as {adj} as anyone"),
    ("{G} have no {virtue}", "{G} have as much {virtue} as anyone"),
    ("there is nothing good about {G}", "there is a lot that is good about {G}"),
    (
        "{G} have never given this country anything",
        "{G} have given this country a great deal",
    ),
    ("{G} will never be welcome in {place}", "{G} will always be welcome in {place}"),
    ("{G} are incapable of {virtue}", "{G} are as capable of {virtue} as anyone"),
    ("{G} don't belong in {place}", "{G} belong in {place} as much as anyone"),
    ("I would never let {G} {near}", "I'd happily let {G} {near}"),
    (
        "{G} should not be allowed {right}",
        "{G} should be allowed {right} like everyone else",
    ),
    ("nobody in their right mind would {act} {G}", "I'd {act} {G} any day"),
    ("{G} aren't worth {worth}", "{G} are worth {worth}"),
    ("{G} will never amount to anything", "{G} have amounted to a great deal here"),
    ("not a single one of those {G} is {adj}", "every one of those {G} is {adj}"),
)
NEG_FILL: dict[str, tuple[str, ...]] = {
    "duty": ("children", "money", "a vote", "public office", "a job in a school"),
    "adj": ("honest", "decent", "kind", "loyal", "trustworthy", "hard-working"),
    "virtue": ("honesty", "decency", "loyalty", "kindness", "self-respect", "morals"),
    "place": (
        "this country",
        "our town",
        "this street",
        "our schools",
        "decent society",
    ),
    "near": ("near my kids", "into my home", "teach my children", "look after my mum"),
    "right": ("to vote", "to adopt", "to teach", "to marry", "to stand for council"),
    "act": ("hire", "trust", "vote for", "rent a flat to", "sit next to"),
    "worth": ("listening to", "a second of anyone's time", "the same as us", "saving"),
}

# --- implicit derogation ------------------------------------------------------
#: Vermin and disease: what dehumanising comparisons liken a group to.
VERMIN = ("rats", "cockroaches", "locusts", "termites", "leeches", "weeds", "maggots")
DISEASE = ("a plague", "a cancer", "a disease", "a virus", "an infestation", "a rot")
IMPLICIT_SHAPES = (
    "{G} are like {vermin}",
    "{G} are basically {vermin} with phones",
    "{G} spread through {place} like {disease}",
    "{G} multiply like {vermin}",
    "{G} swarm into {place} like {vermin}",
    "{G} are {disease} on {place}",
    "{G} have been {disease} on {place} for years",
    "once {G} get into {place} it's like {disease}, you never get rid of them",
    "letting {G} into {place} is like inviting {vermin} into your kitchen",
    "{G} are the rot eating away at {place}",
    "{place} needs a good clean-out of {G}",
    "you can smell it when {G} have moved into {place}",
    "{G} crawl out of every corner of {place} like {vermin}",
    "treat {G} the way you'd treat {vermin}",
)
IMPLICIT_PLACES = (
    "this country",
    "our town",
    "the estate",
    "our schools",
    "this city",
    "the high street",
    "Europe",
)
#: Real pests: the same shapes about them are a complaint, not hate.
PESTS = (
    "pigeons",
    "seagulls",
    "grey squirrels",
    "slugs",
    "wasps",
    "foxes",
    "the weeds in the park",
    "moths",
    "e-scooters",
    "potholes",
)
IMPLICIT_COUNTER = (
    "Someone wrote that {q}. Calling people {vermin} is how it starts, and it is vile.",
    "'{Q}' -- no. They are people, and talk like this is dangerous.",
    "My neighbour told me {q}. I told him that's dehumanising rubbish.",
    "The councillor who said {q} has rightly been suspended.",
    "Comparing {G} to {vermin} is exactly the language the article warns about.",
    "People saying {q} should be ashamed of themselves.",
)

# --- identity in everyday life --------------------------------------------------
#: Identity words met in ordinary comments (first person, family, news):
#: naming a group is no evidence of hate.
IDENTITY_PEOPLE = (
    "a queer woman",
    "a queer man",
    "a homosexual man",
    "a gay dad",
    "a lesbian couple",
    "a trans teenager",
    "a nonbinary student",
    "a bisexual woman",
    "a paralyzed veteran",
    "a deaf teacher",
    "a blind pianist",
    "a Muslim nurse",
    "a Jewish baker",
    "a Black farmer",
    "an elderly Sikh man",
    "a young Mexican chef",
    "an African student",
    "a Chinese grandmother",
    "a disabled councillor",
    "a Catholic priest",
)
IDENTITY_EVERYDAY = (
    "My neighbour is {p} and runs the best bakery in {city}.",
    "The piece follows {p} trying to find a flat in {city}. Worth a read.",
    "Our new head teacher is {p}, and the kids adore her.",
    "As {p}, I found the council's plan confusing rather than offensive.",
    "{P} won the allotment prize this year, well deserved.",
    "The interview with {p} was the best thing in the paper this week.",
    "I was sat next to {p} on the train and we talked about football all the way.",
    "The charity helps {p} and many others get to hospital appointments.",
    "Being {p} has nothing to do with how I feel about the bypass.",
    "There's {p} on the council now and the meetings are much better run.",
    "The film about {p} in {city} made me cry.",
)


# --- reported speech ---------------------------------------------------------------
SPEAKERS = (
    "My uncle",
    "A bloke at work",
    "My neighbour",
    "Some guy on the train",
    "My brother-in-law",
    "A man at the bus stop",
    "My boss",
    "A woman in the queue",
    "My granddad",
    "One of the dads at football",
)
SAID = (
    "said",
    "told me",
    "kept insisting",
    "announced over Sunday lunch",
    "posted on Facebook",
    "reckons",
)
CLAIMS = (
    "{G} are animals",
    "{G} are a disease",
    "{G} are subhuman",
    "{G} are filth",
    "{G} should be wiped out",
    "{G} are parasites on this country",
    "{G} are not real people",
    "{G} are all criminals",
    "{G} should be thrown out of the country",
    "{G} are vermin",
)
CONDEMN = (
    "I told him he was out of order and walked out.",
    "I reported it straight away.",
    "I told him to get out of my house.",
    "Absolutely vile, and I said so.",
    "I've not spoken to him since.",
    "I was ashamed to be in the same room.",
    "Nobody at the table laughed. Good.",
    "I called him a bigot to his face.",
    "Disgusting. That's not who we are.",
)
ENDORSE = (
    "He's dead right.",
    "Couldn't agree more.",
    "Finally someone said it.",
    "He's not wrong, is he.",
    "Best thing I've heard all year.",
    "Spot on.",
    "Everyone was nodding.",
    "About time people said it out loud.",
)

# --- benign opinions, denials of hate -----------------------------------------------
GOOD_OPINIONS = (
    "{G} have done a lot for this area",
    "{G} are treated unfairly by the press",
    "{G} deserve better from the council",
    "{G} are just as varied as any other group",
    "{G} add a great deal to local life",
    "{G} should have more say in local politics",
    "{G} are judged far too harshly",
    "{G} are neither saints nor villains, just people",
    "{G} work as hard as anybody I know",
    "the coverage of {G} here has been unfair",
    "{G} make good neighbours",
    "{G} have been let down by every government",
)
DENIALS = (
    "I have nothing against {G}",
    "I've got no problem with {G} whatsoever",
    "I don't dislike {G} at all",
    "{G} are no danger to anybody",
    "{G} aren't a burden on anyone",
    "{G} are not the enemy",
    "{G} are not criminals",
    "I don't hold anything against {G}",
    "{G} aren't to blame for any of this",
    "I've never once thought badly of {G}",
)

# --- slurs aimed at a group -------------------------------------------------------
SLUR_SHAPES = (
    "Get these {slur} out of my sight.",
    "Sick of {slur} moaning on the telly every night.",
    "Another pack of {slur} moving in down the road.",
    "Keep your {slur} away from my kids.",
    "{Slur} ruin everything they touch.",
    "Nobody asked you {slur} for your opinion.",
    "Why do {slur} always act like victims?",
    "Half the street is {slur} now. Disgusting.",
    "Watch your wallet, there are {slur} about.",
    "{Slur}. All of them. Every single one.",
)
#: The same shapes with a person or an unprotected group: not hate.
INDIVIDUAL_SHAPES = (
    "Get this idiot out of my sight.",
    "Sick of pundits moaning on the telly every night.",
    "Another pack of estate agents moving in down the road.",
    "Keep your dog away from my kids.",
    "Tourists ruin everything they touch, honestly.",
    "Nobody asked you lot at the back for your opinion.",
)


def _member(group: Group, rng: random.Random) -> str:
    return _bare(rng.choice(group.one))


def _tail(text: str, rng: random.Random) -> str:
    """``text`` with, for a share of rows, a tail that changes nothing."""
    if rng.random() >= TAIL_SHARE:
        return text
    tail = rng.choice(TAILS)
    if text.endswith((".", "!", "?")):
        if tail.startswith(". "):
            return (text[:-1] if text.endswith(".") else text) + (
                tail if text.endswith(".") else tail[1:]
            )
        if not text.endswith("."):
            return text
        return text[:-1] + tail + "."
    return text + (tail if tail.startswith(". ") else tail + ".")


def _sentence(clause: str) -> str:
    return _cap(clause) + "."


def _hate_labels(threat: int | None = 0) -> dict[str, int | None]:
    return _labels(
        hate=1,
        insult=None,
        threat=threat,
        violence=None if threat else 0,
        extremism=None,
        trolling=None,
    )


def _threat_rows(rng: random.Random) -> Iterator[Row]:
    for group in GROUPS:
        for i in range(8):
            kind = i % 3
            if kind == 0:
                lead = rng.choice(("Any", "The next", "Every"))
                q = (
                    f"{lead.lower()} {_member(group, rng)} who {rng.choice(TRIGGERS)} "
                    f"{rng.choice(GETS)} {rng.choice(HARMS)}"
                )
                template = "compose-threat:member"
            elif kind == 1:
                q = f"you {rng.choice(group.plural)} {rng.choice(SUFFERS)}"
                template = "compose-threat:you"
            else:
                q = rng.choice(WE_THREATS).format(G=rng.choice(group.plural))
                template = "compose-threat:we"
            pair = _digest("compose-threat", group.key, q)
            yield Row(
                _tail(_sentence(q), rng),
                _hate_labels(threat=1),
                group.key,
                "hate:compose-threat",
                template,
                pair,
            )
            counter = rng.choice(THREAT_COUNTER)
            yield Row(
                counter.format(q=q, Q=_cap(q)),
                _labels(insult=None, trolling=None, violence=None, threat=None),
                "none",
                "not-hate:compose-threat-counter",
                template,
                pair,
            )
            if kind == 0:
                who = rng.choice(UNPROTECTED)
                twin = (
                    f"any of the {who} who {rng.choice(TRIGGERS)} "
                    f"{rng.choice(GETS)} {rng.choice(HARMS)}"
                )
            else:
                twin = f"whoever keyed my car {rng.choice(GETS)} {rng.choice(HARMS)}"
            yield Row(
                _tail(_sentence(twin), rng),
                _labels(insult=None, threat=1, violence=None, trolling=None),
                "none",
                "not-hate:compose-threat-unprotected",
                template,
                pair,
            )


def _negated_positive_rows(rng: random.Random) -> Iterator[Row]:
    for group in GROUPS:
        for i in range(15):
            kind = i % 3
            g = rng.choice(group.plural)
            head = rng.choice(THINK_NOT) if kind < 2 and rng.random() < 0.35 else ""
            if kind == 0:
                verb = "are" if head else rng.choice(NOT_BE)
                clause = f"{g} {verb} {rng.choice(COMPLEMENTS)}"
                template = "compose-negpos:be"
            elif kind == 1:
                verb = "deserve" if head else "don't deserve"
                clause = f"{g} {verb} {rng.choice(DESERVE_NOT)}"
                template = "compose-negpos:deserve"
            else:
                g = _member(group, rng)
                shape = rng.choice(NO_MEMBER)
                clause = shape.format(one=g, adj=rng.choice(POSITIVE_ADJ))
                template = "compose-negpos:none"
            if head:
                # the negation lives in the head: "I don't think {G} are people"
                clause = f"{head} {clause}"
                template += "-head"
            text = _tail(_sentence(clause), rng)
            pair = _digest("compose-negpos", group.key, text)
            yield Row(
                text, _hate_labels(), group.key, "hate:compose-negpos", template, pair
            )
            who = rng.choice(UNPROTECTED_ONE if kind == 2 else UNPROTECTED)
            twin = clause.replace(g, who, 1)
            yield Row(
                _tail(_sentence(twin), rng),
                _labels(insult=None, trolling=None),
                "none",
                "not-hate:compose-negpos-unprotected",
                template,
                pair,
            )
            positive = _positive_twin(kind, g, clause, head, rng)
            if positive:
                yield Row(
                    _tail(_sentence(positive), rng),
                    _labels(),
                    "none",
                    "not-hate:compose-negpos-positive",
                    template,
                    pair,
                )


def _positive_twin(
    kind: int, g: str, clause: str, head: str, rng: random.Random
) -> str | None:
    """The negated positive's statement without its negation, or None where
    that would not read as a plain positive ("<group> are worth the space")."""
    if kind == 2:
        adj = next(
            (a for a in POSITIVE_ADJ if clause.endswith(a) or f" {a} " in clause), ""
        )
        return f"every {g} I've met has been {adj}" if adj else None
    lead = f"{rng.choice(POSITIVE_HEADS)} " if head else ""
    if kind == 0:
        complement = next(
            (
                c
                for c in sorted(POSITIVE_COMPLEMENTS, key=len, reverse=True)
                if clause.endswith(c)
            ),
            "",
        )
        return f"{lead}{g} are {complement}" if complement else None
    right = next((d for d in DESERVE_NOT if clause.endswith(d)), "")
    if not right or right == "the air they breathe":
        return None
    return f"{lead}{g} deserve {right}"


def _negated_pair_rows(rng: random.Random) -> Iterator[Row]:
    """NEGATED_PAIRS for every group: the negated statement (hate), its plain
    positive twin and the same negation about an unprotected group (not hate)."""
    for group in GROUPS:
        for i in range(10):
            negated, positive = NEGATED_PAIRS[
                (i + rng.randrange(3)) % len(NEGATED_PAIRS)
            ]
            fill = {k: rng.choice(v) for k, v in NEG_FILL.items()}
            g = rng.choice(group.plural)
            bad = negated.format(G=g, **fill)
            template = f"compose-negpair:{NEGATED_PAIRS.index((negated, positive))}"
            pair = _digest("compose-negpair", group.key, bad)
            yield Row(
                _tail(_sentence(bad), rng),
                _hate_labels(),
                group.key,
                "hate:compose-negpos",
                template,
                pair,
            )
            yield Row(
                _tail(_sentence(positive.format(G=g, **fill)), rng),
                _labels(),
                "none",
                "not-hate:compose-negpos-positive",
                template,
                pair,
            )
            yield Row(
                _tail(
                    _sentence(negated.format(G=rng.choice(UNPROTECTED), **fill)), rng
                ),
                _labels(insult=None, trolling=None),
                "none",
                "not-hate:compose-negpos-unprotected",
                template,
                pair,
            )


def _implicit_rows(rng: random.Random) -> Iterator[Row]:
    """Dehumanising comparisons (vermin, disease) built from parts, each with
    the same shape about real pests and a counter-speech twin (not hate)."""
    for group in GROUPS:
        for _ in range(8):
            shape = rng.choice(IMPLICIT_SHAPES)
            fill = {
                "vermin": rng.choice(VERMIN),
                "disease": rng.choice(DISEASE),
                "place": rng.choice(IMPLICIT_PLACES),
            }
            g = rng.choice(group.plural)
            q = shape.format(G=g, **fill)
            template = f"compose-implicit:{IMPLICIT_SHAPES.index(shape)}"
            pair = _digest("compose-implicit", group.key, q)
            yield Row(
                _tail(_sentence(q), rng),
                _hate_labels(threat=None if shape.startswith("treat") else 0),
                group.key,
                "hate:compose-implicit",
                template,
                pair,
            )
            pest = shape.format(G=rng.choice(PESTS), **fill)
            yield Row(
                _tail(_sentence(pest), rng),
                _labels(insult=None, trolling=None),
                "none",
                "not-hate:compose-implicit-pest",
                template,
                pair,
            )
            counter = rng.choice(IMPLICIT_COUNTER)
            yield Row(
                counter.format(q=q, Q=_cap(q), G=g, vermin=fill["vermin"]),
                _labels(insult=None, trolling=None, violence=None),
                "none",
                "not-hate:compose-implicit-counter",
                template,
                pair,
            )


def _identity_everyday_rows(rng: random.Random) -> Iterator[Row]:
    """Ordinary comments that name a person's identity: never hate."""
    for person in IDENTITY_PEOPLE:
        for shape in rng.sample(IDENTITY_EVERYDAY, 4):
            text = shape.format(p=person, P=_cap(person), city=rng.choice(CITIES))
            yield Row(
                text,
                _labels(),
                "none",
                "not-hate:compose-identity",
                f"compose-identity:{IDENTITY_EVERYDAY.index(shape)}",
            )


def _reported_rows(rng: random.Random) -> Iterator[Row]:
    for group in GROUPS:
        for _ in range(6):
            speaker = rng.choice(SPEAKERS)
            said = rng.choice(SAID)
            claim = rng.choice(CLAIMS).format(G=rng.choice(group.plural))
            quoted = rng.random() < 0.4
            body = f"'{_cap(claim)}'" if quoted else f"that {claim}"
            if quoted:
                lead = f"{speaker} {said}: {body}."
            else:
                lead = f"{speaker} {said} {body}."
            pair = _digest("compose-reported", group.key, lead)
            yield Row(
                f"{lead} {rng.choice(ENDORSE)}",
                _hate_labels(threat=None if "wiped" in claim else 0),
                group.key,
                "hate:compose-reported-endorsed",
                "compose-reported",
                pair,
            )
            yield Row(
                f"{lead} {rng.choice(CONDEMN)}",
                _labels(insult=None, trolling=None, violence=None, threat=None),
                "none",
                "not-hate:compose-reported-condemned",
                "compose-reported",
                pair,
            )


def _benign_opinion_rows(rng: random.Random) -> Iterator[Row]:
    """Good opinions in an opinion head, each paired with a hateful one in the
    same head; denials of hate stand alone."""
    for group in GROUPS:
        for i in range(10):
            g = rng.choice(group.plural)
            if i < 6:
                head = rng.choice(OPINION_HEADS)
                text = _tail(f"{head} {rng.choice(GOOD_OPINIONS).format(G=g)}.", rng)
                pair = _digest("compose-opinion", group.key, text)
                yield Row(
                    text,
                    _labels(),
                    "none",
                    "not-hate:compose-opinion",
                    "compose-opinion",
                    pair,
                )
                bad = f"{g} {rng.choice(NOT_BE)} {rng.choice(COMPLEMENTS)}"
                yield Row(
                    _tail(f"{head} {bad}.", rng),
                    _hate_labels(),
                    group.key,
                    "hate:compose-opinion",
                    "compose-opinion",
                    pair,
                )
            else:
                text = _cap(rng.choice(DENIALS).format(G=g))
                yield Row(
                    _tail(text + ".", rng),
                    _labels(),
                    "none",
                    "not-hate:compose-denial",
                    "compose-denial",
                )


def _slur_rows(rng: random.Random) -> Iterator[Row]:
    for group in GROUPS:
        if not group.slurs:
            continue
        for _ in range(5):
            slur = rng.choice(group.slurs)
            shape = rng.choice(SLUR_SHAPES)
            text = shape.format(slur=slur, Slur=_cap(slur))
            yield Row(
                _tail(text, rng),
                _hate_labels(),
                group.key,
                "hate:compose-slur",
                "compose-slur",
            )
    for text in INDIVIDUAL_SHAPES:
        yield Row(
            text,
            _labels(insult=None, trolling=None),
            "none",
            "not-hate:compose-slur-individual",
            "compose-slur",
        )


def rows(seed: int = 4242) -> list[Row]:
    """Every compositional row, deterministic for a seed, without repeats."""
    rng = random.Random(seed)  # noqa: S311 - seeded generation, not security
    return unique(
        [
            *_threat_rows(rng),
            *_negated_positive_rows(rng),
            *_negated_pair_rows(rng),
            *_implicit_rows(rng),
            *_identity_everyday_rows(rng),
            *_reported_rows(rng),
            *_benign_opinion_rows(rng),
            *_slur_rows(rng),
        ]
    )


def fingerprint() -> str:
    """sha256 of every table the rows are built from (for model cards)."""
    tables: list[object] = [
        TAILS,
        TAIL_SHARE,
        OPINION_HEADS,
        TRIGGERS,
        HARMS,
        GETS,
        SUFFERS,
        WE_THREATS,
        THREAT_COUNTER,
        NOT_BE,
        COMPLEMENTS,
        DESERVE_NOT,
        THINK_NOT,
        sorted(POSITIVE_COMPLEMENTS),
        POSITIVE_HEADS,
        NEGATED_PAIRS,
        NEG_FILL,
        VERMIN,
        DISEASE,
        IMPLICIT_SHAPES,
        IMPLICIT_PLACES,
        PESTS,
        IMPLICIT_COUNTER,
        IDENTITY_PEOPLE,
        IDENTITY_EVERYDAY,
        SPEAKERS,
        SAID,
        CLAIMS,
        CONDEMN,
        ENDORSE,
        GOOD_OPINIONS,
        DENIALS,
        SLUR_SHAPES,
        INDIVIDUAL_SHAPES,
    ]
    return tables_digest(tables)
