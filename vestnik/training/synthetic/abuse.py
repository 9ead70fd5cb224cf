"""Generated abuse-family training data: hate, its look-alikes, and contrast pairs.

Hateful *propositions* ("{G} are vermin") are wrapped in hateful frames
(plain, opinion, question, endorsed quote) and, as their minimally edited
twins, in non-hateful frames (negated hate, counter-speech quoting it,
reporting it) -- a hateful case and its twin share a ``pair`` id so that the
trainer puts them in the same batch.  Further twins swap the group for an
unprotected one ("lawyers are vermin": not hate) or for an individual ("you
are vermin": an insult, not hate).  Stand-alone families cover what has no
hateful twin: neutral and positive statements about groups, counter-speech
that refers to hate, reporting on hate crimes, slur homonyms, reclaimed and
in-group usage, non-hateful profanity, abuse of individuals and objects, and
harsh civil criticism.

Labels per row (`Row.labels`): ``hate``, ``insult``, ``threat``,
``violence``, ``extremism``, ``trolling`` (1, 0 or None = not judged);
``profanity`` is filled later from the lexicon.  Training only: the
functional test suite (tests/training/functional/) was written separately and
is never read here.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from vestnik.training.synthetic.groups import (
    CITIES,
    GROUPS,
    INDIVIDUALS,
    NAMES,
    UNPROTECTED,
    Group,
)


@dataclass
class Row:
    text: str
    labels: dict[str, int | None]
    target: str  # TARGET_GROUPS class, or "none"
    family: str
    template: str  # template id: validation holds out whole templates
    pair: str = ""  # contrast-pair id ("" for none)
    meta: dict[str, str] = field(default_factory=dict)


# --- hateful propositions ----------------------------------------------------
# {G}: the group (plural noun phrase); {one_bare}: a member without article
# ("Muslim"); {slur}: a plural slur.  Each proposition is a clause: lower-case
# start, no final punctuation.  Tag: "t" = threat / call for violence.
PROPOSITIONS: dict[str, tuple[str, ...]] = {
    "attributes": (
        "{G} are all liars and thieves",
        "{G} are too stupid to be trusted with anything",
        "{G} are lazy and live off the rest of us",
        "{G} are violent by nature",
        "{G} are dirty and they stink",
        "{G} are the worst thing that ever happened to this country",
        "{G} are born criminals",
        "{G} have no morals at all",
        "{G} ruin everything they touch",
        "{G} are a drain on society",
        "{G} are inferior to normal people",
        "{G} are mentally ill and dangerous",
        "{G} are disgusting perverts",
        "nothing good has ever come from {G}",
        "{G} are a burden nobody should have to carry",
        "{G} are sneaky, greedy and dishonest",
        "{G} are useless at everything except causing trouble",
        "{G} are a bunch of degenerates",
    ),
    "emotion": (
        "I hate {G}",
        "I despise {G}",
        "{G} make me sick",
        "{G} disgust me",
        "I can't stand the sight of {G}",
        "I loathe {G} more than anything",
        "{G} fill me with rage",
        "I'm sick to death of {G}",
        "I detest every single one of {G}",
        "my skin crawls whenever I see {G}",
    ),
    "dehumanise": (
        "{G} are animals",
        "{G} are vermin",
        "{G} are rats",
        "{G} are cockroaches",
        "{G} are parasites",
        "{G} are subhuman",
        "{G} are savages",
        "{G} are filth",
        "{G} are a plague",
        "{G} are a cancer on this country",
        "{G} are a disease",
        "{G} are lower than dirt",
        "{G} are not even human",
        "{G} are pests that need controlling",
        "{G} are like a virus",
        "{G} are human garbage",
        "{G} are nothing but apes",
        "{G} are leeches",
        "{G} are a lower form of life",
    ),
    "implicit": (
        "{G} spread through our towns like a disease",
        "wherever {G} settle, crime and filth follow",
        "{G} breed like rabbits and will outnumber us soon",
        "this neighbourhood was lovely before {G} moved in",
        "we need to keep {G} away from our children",
        "{G} are a virus in our communities",
        "{G} should know their place",
        "a few more {G} and this country is finished",
        "{G} are ticking time bombs",
        "you can always tell when {G} have been somewhere, it stinks",
        "we need to clean our streets of {G}",
        "{G} are the reason we can't have nice things",
        "{G} only ever take and never give anything back",
        "{G} are slowly poisoning our culture",
        "the fewer {G} there are, the better for everyone",
        "{G} are the enemy within",
        "{G} infest every city they move into",
        "{G} are a stain on this nation",
    ),
    "exclusion": (
        "{G} should not be allowed to vote",
        "{G} should be banned from teaching our kids",
        "no {one_bare} should ever be hired",
        "{G} don't belong in this country",
        "{G} should go back where they came from",
        "{G} should be thrown out of the country",
        "{G} have no place in decent society",
        "landlords should refuse to rent to {G}",
        "{G} should not have the same rights as us",
        "{G} should be kept out of public life",
        "{G} should be barred from every school and hospital",
        "we should stop {G} from owning property",
    ),
    "negated_positive": (
        "{G} are not human",
        "{G} are not real people",
        "{G} will never be equal to us",
        "{G} don't deserve any respect",
        "{G} do not deserve to live among us",
        "{G} can never be trusted",
        "I will never accept {G} as my equals",
        "{G} are not welcome here",
        "{G} have never contributed anything",
        "{G} are not worth the air they breathe",
        "there is no such thing as a decent {one_bare}",
        "{G} will never be one of us",
        "{G} don't deserve to be treated like people",
        "{G} are not our equals and never will be",
        "{G} have no right to live in this country",
        "{G} aren't proper citizens",
        "{G} can't be decent neighbours",
        "no {one_bare} has ever done an honest day's work",
        "{G} are not capable of being civilised",
        "{G} shouldn't have children",
        "I don't consider {G} human beings",
        "{G} don't belong anywhere near normal people",
        "{G} are not part of the human race",
    ),
    "threat_direct": (
        "I will hurt the next {one_bare} I see",
        "we are going to make {G} pay in blood",
        "we will drive {G} out of this town by force",
        "{G} had better watch their backs",
        "we're coming for {G}, one by one",
        "I'd happily shoot every last one of {G}",
        "I will kill any {one_bare} who comes near my family",
        "the day is coming when we deal with {G} for good",
        "I'm going to smash up every {one_bare} I find",
        "{G} will burn, I promise you that",
        "you {G} are going to regret ever coming here",
        "any {one_bare} who walks past my house is getting a bullet",
        "we know where you {G} meet and we are coming",
        "I'll stab the first {one_bare} who talks to me",
        "next time I see {G} on my street I'm bringing a bat",
        "you {G} will be hanging from lampposts soon",
        "I am going to make every {one_bare} in this town suffer",
        "keep coming here, {G}, and we'll put you in the ground",
    ),
    "threat_normative": (
        "{G} should be shot",
        "{G} should be hanged",
        "{G} should all be exterminated",
        "{G} deserve to be beaten",
        "someone should put {G} down like dogs",
        "{G} need to be wiped out",
        "all {G} should be gassed",
        "{G} should be rounded up and locked away",
        "it's time to get rid of {G} for good",
        "{G} ought to be lined up and shot",
        "{G} should be burned alive",
        "the world needs a final solution for {G}",
    ),
    "profane": (
        "{G} are fucking disgusting",
        "fuck all {G}",
        "{G} are a bunch of shitty parasites",
        "I fucking hate {G}",
        "{G} are total shit, every one of them",
        "{G} can go to hell, all of them",
        "{G} are fucking vermin",
        "{G} are pieces of shit",
        "{G} are a bunch of worthless bastards",
    ),
    "conspiracy": (
        "{G} control the media and the banks",
        "{G} are secretly running the government",
        "{G} are plotting to replace us",
        "{G} are brainwashing our children",
        "{G} are behind every war",
        "{G} are grooming our kids",
        "{G} are invading our country on purpose",
    ),
    "slur": (
        "{slur} are ruining this country",
        "I can't stand {slur}",
        "we need to get these {slur} out of here",
        "{slur} should all go back",
        "there are far too many {slur} around here now",
        "{slur} like them don't deserve rights",
        "our town is overrun with {slur}",
        "{slur} are all the same",
        "never trust {slur}",
        "{slur} get everything handed to them",
        "another one of those {slur} moved in next door",
        "{slur} everywhere you look these days",
        "typical {slur}, always whining",
        "this place is crawling with {slur}",
        "I wouldn't hire {slur} if they paid me",
        "send the {slur} back",
        "{slur} like you make me sick",
        "I don't sit next to {slur} on the bus",
        "the {slur} are taking over",
    ),
}
#: Non-hateful claims about a group as clauses: wrapped in the very frames
#: the hateful propositions use (opinion, question, hedge, endorsed quote),
#: so that no frame, phrasing or negation is evidence of hate by itself.
BENIGN_PROPOSITIONS: dict[str, tuple[str, ...]] = {
    "positive": (
        "{G} make this country better",
        "{G} deserve the same respect as everyone",
        "{G} are an asset to our town",
        "{G} are some of the kindest people I know",
        "{G} work harder than most",
        "we need more {G} in parliament",
        "{G} should be proud of who they are",
        "{G} have every right to live here",
        "{G} are treated unfairly by the press",
    ),
    "negated_negative": (
        "{G} are not the problem",
        "{G} are not criminals",
        "{G} are not a threat to anyone",
        "{G} are not to blame for the housing crisis",
        "{G} don't deserve the abuse they get",
        "no {one_bare} should be afraid to walk home",
        "{G} are not any worse than the rest of us",
        "{G} shouldn't have to hide who they are",
        "there is nothing wrong with being {me_bare}",
        "{G} are not second-class citizens",
    ),
    "neutral": (
        "{G} are a big part of the workforce here",
        "{G} vote in every election like the rest of us",
        "the article should have asked {G} what they think",
        "{G} have been in this city for generations",
        "{G} are more likely to be targeted online",
        "{G} face real discrimination at work",
        "the new law will affect {G} the most",
        "{G} were the first to help after the flood",
    ),
}
#: Proposition families that are threats / calls for violence.
THREAT_FAMILIES = frozenset({"threat_direct", "threat_normative"})
#: Calls to eliminate a group: extremism as much as hate.
EXTREMIST = frozenset(
    {
        "{G} should all be exterminated",
        "{G} need to be wiped out",
        "all {G} should be gassed",
        "the world needs a final solution for {G}",
        "it's time to get rid of {G} for good",
    }
)

# --- frames around a proposition ---------------------------------------------
# {P}: the proposition as a clause; {Pc}: capitalised at sentence start.
HATEFUL_FRAMES: dict[str, tuple[str, ...]] = {
    "plain": (
        "{Pc}.",
        "{Pc}!",
        "{Pc}, and that's a fact.",
        "{Pc}. Period.",
        "{Pc}. Change my mind.",
        "{Pc}, I said it.",
        "lol {P}",
        "{P} tbh",
        "{Pc}!!! Wake up people.",
        "Simple truth: {P}.",
    ),
    "hedged": (
        "Let's be honest, {P}.",
        "I'm sorry but {P}.",
        "Everyone knows {P}.",
        "Say what you like, {P}.",
        "Honestly? {Pc}.",
        "Not being funny but {P}.",
        "After what I've seen this year, {P}.",
        "Read the news: {P}.",
        "{Pc}, and this article proves it.",
        "People are scared to say it, but {P}.",
    ),
    "opinion": (
        "I really think {P}.",
        "In my opinion {P}.",
        "I genuinely believe {P}.",
        "Personally I feel {P}.",
        "If you ask me, {P}.",
        "My view is simple: {P}.",
        "I've always thought {P}.",
        "Call me old-fashioned but I think {P}.",
    ),
    "question": (
        "Am I the only one who thinks {P}?",
        "Isn't it obvious that {P}?",
        "Why won't anyone admit that {P}?",
        "Can we finally agree that {P}?",
        "Who else thinks {P}?",
        "How much longer do we pretend that it's not true that {P}?",
        "Is it just me or {P}?",
    ),
    "endorsed_quote": (
        "My dad always said {P}, and he was right.",
        "A man on the bus said '{P}' and honestly he has a point.",
        'As my grandad used to say: "{Pc}." Truer every year.',
        "The banner said '{Pc}' and I agree with every word.",
        '"{Pc}" - best thing anyone has said on this site.',
        "Someone finally said it: {P}. Respect.",
    ),
}
COUNTER_FRAMES: dict[str, tuple[str, ...]] = {
    "negated_hate": (
        "I would never say that {P}.",
        "It is simply not true that {P}.",
        "Nobody with a brain believes {P}.",
        "It's a lie that {P}.",
        "No one should ever claim that {P}.",
        "I used to think {P}, and I'm ashamed of it now.",
        "Don't ever tell me {P}, because it's rubbish.",
        "It's wrong to say {P}.",
        "You cannot seriously believe {P}.",
        "There is zero evidence that {P}.",
    ),
    "counter_quote": (
        "'{Pc}'? How can anyone post this in 2026?",
        "You wrote '{P}'. That is pure hatred and you should be ashamed.",
        "Comments like '{P}' are exactly why this site needs moderators.",
        "Whoever sprayed '{Pc}' on the bus shelter should be prosecuted.",
        "If you think {P}, you need to meet some actual people.",
        "The fact that anyone still believes {P} is depressing.",
        '"{Pc}" -- reported. This is hate speech, not debate.',
        "Saying {P} is bigotry, plain and simple.",
        "Imagine typing '{P}' and thinking you're the good guy.",
        "Anyone who says {P} should take a long look in the mirror.",
    ),
    "reporting": (
        "The defendant admitted posting that {P}, the court heard.",
        "Police are investigating leaflets claiming {P}.",
        "The councillor was suspended after saying {P}.",
        "According to the article, the group's flyers claimed {P}.",
        "The survey found one in ten people agree that {P}, which is alarming.",
        "A man was arrested for shouting that {P} outside the station.",
        "The report quotes a far-right forum where users wrote that {P}.",
        "Prosecutors said the graffiti, which read '{Pc}', was a hate crime.",
        "The MP's remark that {P} has been condemned across the house.",
        "The candidate told a rally that {P}. He should never hold office.",
        "The minister was filmed saying '{P}' -- that's who runs this country.",
        "Shocking that a councillor would tweet that {P}. Sack her.",
        "So the senator thinks {P}? Voters will remember that.",
        'The article quotes the party leader: "{Pc}." Appalling, and he should resign.',
    ),
}

# --- stand-alone families (no hateful twin) ---------------------------------
NEUTRAL_FRAMES = (
    "{G} make up about {pct} percent of the population here.",
    "I'm {me} and I work in IT.",
    "I'm {me} and I've lived in {city} all my life.",
    "My neighbours are {G} and we get on fine.",
    "The article is about {G} in the labour market.",
    "Several {G} spoke at the council meeting last night.",
    "How many {G} live in {city}, does anyone know?",
    "There's a new support group for {G} at the library.",
    "The census counts {G} separately now.",
    "My daughter's best friend is {one}.",
    "As {me}, I found the article informative.",
    "The documentary follows three {G} over a year.",
    "{G} vote in local elections too, you know.",
    "Half my football team are {G}.",
    "Our new GP is {one} and she's brilliant.",
)
POSITIVE_FRAMES = (
    "{G} are welcome here.",
    "I love {G}, they make this city better.",
    "{G} deserve the same respect as anyone else.",
    "{G} are an important part of our community.",
    "So proud of the {G} in my town who organised the food bank.",
    "{G} have every right to be here.",
    "Standing with {G} today and every day.",
    "{G} are just people like everyone else.",
    "{G} are not the problem and never were.",
    "We'd be lost without the {G} who work in our hospitals.",
    "{G} are valued members of society.",
    "Proud to be {me}!",
    "{G} are brilliant, kind and funny, like any other people.",
    "Thank you to all the {G} who keep this country running.",
    "Being {me} is nothing to be ashamed of.",
)
COUNTER_REFER_FRAMES = (
    "Your hatred of {G} says more about you than about them.",
    "Stop spreading lies about {G}.",
    "This thread is full of bigotry against {G}. Mods, please act.",
    "Attacks on {G} have no place in our town.",
    "People who harass {G} online should be banned.",
    "I'm tired of seeing {G} scapegoated for everything.",
    "Blaming {G} for the housing crisis is lazy and wrong.",
    "Report that comment, it's straight-up hate against {G}.",
    "The abuse {G} get in these comments is disgusting.",
    "Racist and bigoted rants about {G} should be deleted, not debated.",
    "You don't get to dehumanise {G} and call it free speech.",
    "Hate speech against {G} is still hate speech when it's dressed up as a question.",
)
REPORT_FRAMES = (
    "Hate crimes against {G} rose sharply last year, police say.",
    "The attack on {G} outside the station is being treated as a hate crime.",
    "Two men were charged after {G} were abused on a bus in {city}.",
    "The charity says {G} face abuse online every day.",
    "{G} are more likely to be stopped by police, the study found.",
    "{G} face discrimination when renting, according to the report.",
    "Many {G} say they feel unsafe walking home at night.",
    "The inquiry heard that {G} were refused service at the hotel.",
    "Graffiti targeting {G} was painted on the community centre overnight.",
    "A survey of {G} found most had experienced harassment.",
)
SLUR_COUNTER_FRAMES = (
    "Calling people {slur} is disgusting.",
    "He called them {slur} and got banned. Good.",
    "Don't call {G} '{slur}', it's a slur and you know it.",
    "The word '{slur}' has no place in this discussion.",
    "The thug screamed '{slur}' at the family, the court heard.",
    "Using '{slur}' about your neighbours makes you the problem.",
)
#: Pronoun reference: the group is named in one clause, judged in the next.
PRONOUN_HATE = (
    "I met some {G} at the station. They are all vermin, every one of them.",
    "Don't talk to me about {G}. They are a disease.",
    "{G}? They should be thrown out, the lot of them.",
    "My new neighbours are {G}. I hope someone burns them out.",
    "Saw a group of {G} in town today. Disgusting creatures, they are.",
    "There's a lot of {G} at my work now. I can't stand being near them.",
    "We have {G} moving into the street. They ruin everything they touch.",
    "Ask me about {G}. They're parasites and always will be.",
)
PRONOUN_BENIGN = (
    "I met some {G} at the station. They were lovely and helped me with my bags.",
    "Don't talk to me about {G} like that. They are people, just like you.",
    "{G}? They are my neighbours and they are brilliant.",
    "My new neighbours are {G}. They brought round a cake on the first day.",
    "Saw a group of {G} in town today. They were raising money for the hospice.",
    "There's a lot of {G} at my work now. They're great colleagues.",
    "We have {G} moving into the street. They seem really nice.",
    "Ask me about {G}. They're the reason our football club still exists.",
)
#: An identity word used as a noun for one person, with praise: naming who
#: someone is is no attack ("a kind homosexual", "a gracious nonbinary").
DESCRIBED_FRAMES = (
    "{name} is a {kind} {noun}, and the best neighbour we've had.",
    "Everyone who knows {name} says she is a {kind} {noun}.",
    "{name}, a {kind} {noun} from {city}, won the poetry prize.",
    "I'd call {name} a {kind} {noun} and a true friend.",
    "{name} is such a {kind} {noun}!",
    "As a {kind} {noun}, {name} spoke at the town hall.",
    "{name} is a {kind} {noun}.",
    "Our coach is a {kind} {noun} called {name}.",
)
DESCRIBED_NOUNS = (
    "gay", "lesbian", "queer", "homosexual", "bisexual", "transgender", "trans", "nonbinary",
    "black", "white", "african", "asian", "chinese", "mexican", "latino", "latina", "hispanic",
    "indian", "arab", "muslim", "jew", "christian", "catholic", "hindu", "sikh", "buddhist",
    "immigrant", "refugee", "deaf", "blind", "paralyzed", "wheelchair user", "autistic",
    "european", "canadian", "american", "japanese", "older", "elderly", "teenager",
)  # fmt: skip
DESCRIBED_KINDS = (
    "kind", "gracious", "friendly", "caring", "nice", "happy", "fun", "good", "excellent",
    "wonderful", "brilliant", "generous", "thoughtful", "funny", "hard-working",
)  # fmt: skip
INDIVIDUAL_INSULTS = (
    "{Who} is a complete idiot.",
    "Shut up, you brainless clown.",
    "{Who} is a pathetic hack.",
    "You are the dumbest person on this site, {name}.",
    "What a useless moron {who} is.",
    "{Who} is a disgusting little worm.",
    "Nobody cares what an idiot like {who} thinks.",
    "{Who} is a liar and a coward.",
    "Go away, {name}, you pathetic loser.",
    "{Who} is an ignorant fool who should stop writing.",
    "{name}, you absolute waste of space.",
    "Imagine being as thick as {who}.",
)
INDIVIDUAL_THREATS = (
    "I know where {who} lives and I'm going to make {them} pay.",
    "Say that to my face, {name}, and I'll break your jaw.",
    "Keep it up and I will come round and hurt {them}.",
    "{Who} had better watch out, I'm coming.",
    "I'll smash {their} face in next time I see {them}.",
    "One more word, {name}, and you're dead.",
)
UNPROTECTED_ABUSE = (
    "{U} are blind idiots.",
    "{U} are parasites.",
    "{U} are the scum of the earth.",
    "{U} are animals.",
    "I can't stand {U}.",
    "{U} are a plague on this city.",
    "{U} should all be sacked.",
    "{U} are vermin, honestly.",
    "Why are {U} so useless?",
    "I hate {U} with a passion.",
    "{U} make me sick.",
    "{U} are fucking useless.",
)
OBJECT_ABUSE = (
    "This phone is a piece of shit.",
    "I hate Mondays so much.",
    "This printer is a pathetic excuse for a machine.",
    "The new app is garbage, uninstalling it.",
    "This weather is absolutely disgusting.",
    "That film was trash from start to finish.",
    "Our bins are a plague on the street, collect them!",
    "The trains in {city} are a disgrace.",
    "This laptop is a useless pile of junk.",
    "I despise this stupid autocorrect.",
)
PROFANE_BENIGN = (
    "Fucking brilliant result tonight!",
    "Holy shit, what a goal.",
    "I'm so fucking tired of this weather.",
    "Shit, I forgot my keys again.",
    "Damn, that's a well written article.",
    "This budget is bullshit, but that's politics.",
    "Fuck yes, the bridge is finally open!",
    "What the hell happened to the trains today?",
    "I'm so fucking proud of my {rel}, who just came out as {me_bare}.",
    "Best fucking news I've read all year.",
    "My {rel} is {me} and she's a total badass.",
    "That's one hell of a comeback, well played {city}.",
)
RECLAIMED = (
    "As a queer woman I'm proud to be queer.",
    "We queers have been marching since the seventies.",
    "Dykes on bikes always lead our Pride parade.",
    "Me and my niggas at the game last night, what a vibe.",
    "What's good my nigga, long time.",
    "Queer and proud, always.",
    "Call me a fag all you want, I'm happy and married.",
    "The queer community in {city} threw the best party.",
)
HOMONYMS = (
    "Faggots and gravy for tea tonight, proper northern food.",
    "We piled the faggots of wood onto the bonfire.",
    "The old dyke along the river burst in the flood.",
    "A coon was rummaging in our bins last night, cheeky thing.",
    "He plays a spook for MI6 in the new spy series.",
    "Let's call a spade a spade: the budget doesn't add up.",
    "He popped out for a quick fag and missed the goal.",
    "We saw a huge gypsy moth caterpillar in the garden.",
    "She took a nip of whisky to warm up.",
    "The roof has quite a slant to it.",
    "Homo sapiens have been around for 300,000 years.",
    "The cripple-creek bridge is closed for repairs.",
    "My dog had puppies, the bitch is doing great.",
    "Stop bitching about the weather and enjoy the sun.",
    "Add a dash of Tabasco and a pinch of salt, the chef is a real tinker.",
)
CIVIL_CRITICISM = (
    "The minister has misled parliament again and should resign.",
    "This council is incompetent and should be voted out.",
    "The government's housing plan is a shambles.",
    "The prime minister is a liar, the figures prove it.",
    "What a disgraceful decision by the court.",
    "The police handled this protest appallingly.",
    "This article is one-sided and lazy journalism.",
    "The mayor should be ashamed of this waste of money.",
    "Both parties are corrupt and useless on this issue.",
    "The referee was a joke and should never work again.",
    "The company's bosses are greedy and should be fined.",
    "The chancellor is clueless about how real people live.",
    "This is the worst budget I've seen in decades, a total disgrace.",
    "The health secretary should be sacked for this failure.",
    "These ministers have no shame whatsoever.",
    "Pathetic response from the government, again.",
    "The board are a bunch of clowns running the club into the ground.",
    "The editor should apologise for this misleading headline.",
    "Absolutely shameful that the council closed the library.",
    "The senator's speech was full of lies and half-truths.",
)
POLICY_OPINIONS = (
    "I think immigration numbers are too high and the system needs reform.",
    "Religion has caused a lot of harm through history, in my view.",
    "The church should pay compensation to abuse survivors.",
    "I disagree with the government's asylum policy.",
    "Faith schools should not get public money, in my opinion.",
    "I'm not convinced the new equality law will work.",
    "Border controls should be tighter, but people should be treated humanely.",
    "The party has lost touch with working-class voters.",
    "I don't agree with the protest, but they have a right to hold it.",
    "Every religion should be open to criticism, including mine.",
)

_FILL: dict[str, tuple[str, ...]] = {
    "pct": ("3", "5", "8", "12", "15", "20"),
    "city": CITIES,
    "rel": ("son", "daughter", "sister", "brother", "best mate", "cousin"),
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bare(one: str) -> str:
    for article in ("a ", "an "):
        if one.startswith(article):
            return one[len(article) :]
    return one


def _labels(**given: int | None) -> dict[str, int | None]:
    out: dict[str, int | None] = {
        "hate": 0,
        "insult": 0,
        "threat": 0,
        "violence": 0,
        "extremism": 0,
        "trolling": 0,
    }
    out.update(given)
    return out


def _slots(group: Group, rng: random.Random) -> dict[str, str]:
    one = rng.choice(group.one)
    me = rng.choice(group.me)
    return {
        "G": rng.choice(group.plural),
        "one": one,
        "one_bare": _bare(one),
        "me": me,
        "me_bare": _bare(me),
        "slur": rng.choice(group.slurs) if group.slurs else "",
        **{k: rng.choice(v) for k, v in _FILL.items()},
    }


def _fill(frame: str, slots: dict[str, str]) -> str:
    text = frame.format(**slots)
    return text[:1].upper() + text[1:] if frame.startswith("{") else text


def _wrap(frame: str, prop: str) -> str:
    return frame.format(P=prop, Pc=_cap(prop))


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:10]


#: Propositions spoken in the first person or as an imperative ("I hate
#: {G}", "fuck all {G}") only fit frames that do not re-embed them as a
#: reported claim: the plain ones, a few hedges, and quoting frames.
_FIRST_PERSON = ("I ", "I'", "we ", "we'", "fuck ", "my ", "our ")
_FIRST_PERSON_HEDGES = frozenset(
    {
        "Let's be honest, {P}.",
        "I'm sorry but {P}.",
        "Say what you like, {P}.",
        "Honestly? {Pc}.",
        "Not being funny but {P}.",
        "After what I've seen this year, {P}.",
        "People are scared to say it, but {P}.",
    }
)


def _quotes_it(frame: str) -> bool:
    return any(q in frame for q in ("'{P}", "'{Pc}", '"{Pc}', '"{P}'))


#: Share of hateful propositions whose group is named by one of its slurs.
SLUR_SWAP = 0.3
#: Share of hateful rows that get a non-hateful twin (counter-speech,
#: negation, reporting of the same proposition).
COUNTER_TWIN = 0.8
#: Every group once; the groups the public data sets cover least (a political
#: camp, women: misogyny there is mostly labelled "offensive", not hate) twice.
_ROUNDS = GROUPS + tuple(g for g in GROUPS if g.key in ("political", "women"))


def _benign_proposition_rows(rng: random.Random) -> Iterator[Row]:
    """Non-hateful claims about groups in the hateful rows' own frames."""
    frames = [(kind, f) for kind, fs in HATEFUL_FRAMES.items() for f in fs]
    for family, props in BENIGN_PROPOSITIONS.items():
        for p_index, prop in enumerate(props):
            first_person = prop.startswith(_FIRST_PERSON)
            usable = [
                (k, f)
                for k, f in frames
                if not first_person
                or k == "plain"
                or f in _FIRST_PERSON_HEDGES
                or _quotes_it(f)
            ]
            for group in _ROUNDS:
                kind, frame = rng.choice(usable)
                clause = prop.format(**_slots(group, rng))
                yield Row(
                    _wrap(frame, clause),
                    _labels(),
                    "none",
                    f"not-hate:{family}:{kind}",
                    f"benign-{family}:{p_index}",
                )


def _hateful_rows(rng: random.Random) -> Iterator[Row]:
    """Every proposition for every group, in one hateful frame; half of them
    with a non-hateful twin (same proposition, counter or reporting frame),
    a quarter with an unprotected-group twin, some with an individual twin."""
    hateful = [(kind, f) for kind, frames in HATEFUL_FRAMES.items() for f in frames]
    counter = [(kind, f) for kind, frames in COUNTER_FRAMES.items() for f in frames]
    for family, props in PROPOSITIONS.items():
        threat = 1 if family in THREAT_FAMILIES else 0
        for p_index, prop in enumerate(props):
            template = f"{family}:{p_index}"
            first_person = prop.startswith(_FIRST_PERSON)
            frames_h = (
                [
                    (k, f)
                    for k, f in hateful
                    if k == "plain" or f in _FIRST_PERSON_HEDGES or _quotes_it(f)
                ]
                if first_person
                else hateful
            )
            frames_c = (
                [(k, f) for k, f in counter if _quotes_it(f)]
                if first_person
                else counter
            )
            for group in _ROUNDS:
                if "{slur}" in prop and not group.slurs:
                    continue
                slots = _slots(group, rng)
                if group.slurs and "{G}" in prop and rng.random() < SLUR_SWAP:
                    # the group named by a slur: a slur aimed at a group is hate
                    slots["G"] = rng.choice(group.slurs)
                clause = prop.format(**slots)
                kind, frame = rng.choice(frames_h)
                pair = _digest(template, group.key, clause)
                labels = _labels(
                    hate=1,
                    insult=None,
                    threat=threat,
                    violence=None if threat else 0,
                    extremism=None if (threat or prop in EXTREMIST) else 0,
                    trolling=None,
                )
                yield Row(
                    _wrap(frame, clause),
                    labels,
                    group.key,
                    f"hate:{family}:{kind}",
                    template,
                    pair,
                )
                if rng.random() < COUNTER_TWIN:
                    c_kind, c_frame = rng.choice(frames_c)
                    yield Row(
                        _wrap(c_frame, clause),
                        _labels(insult=None, trolling=None, violence=0),
                        "none",
                        f"not-hate:{c_kind}",
                        template,
                        pair,
                    )
                if rng.random() < 0.25 and "{G}" in prop:
                    who = rng.choice(UNPROTECTED)
                    twin = prop.format(**{**slots, "G": who})
                    kind2, frame2 = rng.choice(frames_h)
                    yield Row(
                        _wrap(frame2, twin),
                        _labels(
                            insult=None,
                            threat=threat,
                            violence=None if threat else 0,
                            extremism=None,
                            trolling=None,
                        ),
                        "none",
                        "not-hate:unprotected-twin",
                        template,
                        pair,
                    )


def _pronoun_hate_rows(rng: random.Random) -> Iterator[Row]:
    for f_index, frame in enumerate(PRONOUN_HATE):
        for group in _ROUNDS:
            threat = int(any(w in frame for w in ("burns", "thrown out")))
            yield Row(
                _fill(frame, _slots(group, rng)),
                _labels(
                    hate=1,
                    insult=None,
                    threat=threat,
                    violence=None,
                    extremism=None,
                    trolling=None,
                ),
                group.key,
                "hate:pronoun",
                f"pronoun-hate:{f_index}",
            )


def _standalone_rows(rng: random.Random) -> Iterator[Row]:
    """Non-hateful families over every group, and group-free families."""
    per_group: tuple[tuple[str, tuple[str, ...], dict[str, int | None]], ...] = (
        ("pronoun-benign", PRONOUN_BENIGN, _labels()),
        ("neutral", NEUTRAL_FRAMES, _labels()),
        ("positive", POSITIVE_FRAMES, _labels()),
        ("counter-refer", COUNTER_REFER_FRAMES, _labels(insult=None, trolling=None)),
        ("report", REPORT_FRAMES, _labels()),
    )
    for group in GROUPS:
        for family, frames, labels in per_group:
            for f_index, frame in enumerate(frames):
                slots = _slots(group, rng)
                yield Row(
                    _fill(frame, slots),
                    dict(labels),
                    "none",
                    f"not-hate:{family}",
                    f"{family}:{f_index}",
                )
        if group.slurs:
            for f_index, frame in enumerate(SLUR_COUNTER_FRAMES):
                slots = _slots(group, rng)
                yield Row(
                    _fill(frame, slots),
                    _labels(insult=None, trolling=None),
                    "none",
                    "not-hate:slur-counter",
                    f"slur-counter:{f_index}",
                )
    for f_index, frame in enumerate(DESCRIBED_FRAMES):
        for noun in DESCRIBED_NOUNS:
            text = frame.format(
                name=rng.choice(NAMES),
                kind=rng.choice(DESCRIBED_KINDS),
                noun=noun,
                city=rng.choice(CITIES),
            )
            yield Row(
                text, _labels(), "none", "not-hate:described", f"described:{f_index}"
            )
    free: tuple[tuple[str, tuple[str, ...], dict[str, int | None], int], ...] = (
        ("insult-individual", INDIVIDUAL_INSULTS, _labels(insult=1, trolling=None), 4),
        (
            "threat-individual",
            INDIVIDUAL_THREATS,
            _labels(insult=1, threat=1, violence=None, trolling=None),
            4,
        ),
        (
            "abuse-unprotected",
            UNPROTECTED_ABUSE,
            _labels(insult=None, trolling=None),
            5,
        ),
        ("abuse-object", OBJECT_ABUSE, _labels(), 2),
        ("profane-benign", PROFANE_BENIGN, _labels(), 3),
        ("reclaimed", RECLAIMED, _labels(), 2),
        ("homonym", HOMONYMS, _labels(), 1),
        ("civil-criticism", CIVIL_CRITICISM, _labels(), 2),
        ("policy-opinion", POLICY_OPINIONS, _labels(), 2),
    )
    for family, frames, labels, copies in free:
        for f_index, frame in enumerate(frames):
            seen: set[str] = set()
            for _ in range(copies):
                who = rng.choice(INDIVIDUALS)
                group = rng.choice(GROUPS)
                slots = {
                    **_slots(group, rng),
                    "who": who,
                    "Who": _cap(who),
                    "them": "you" if who == "you" else "them",
                    "their": "your" if who == "you" else "their",
                    "name": rng.choice(NAMES),
                    "U": _cap(rng.choice(UNPROTECTED)),
                }
                text = _fill(frame, slots)
                if text in seen:
                    continue
                seen.add(text)
                yield Row(
                    text,
                    dict(labels),
                    "none",
                    f"not-hate:{family}",
                    f"{family}:{f_index}",
                )


def unique(rows: Iterable[Row]) -> list[Row]:
    """``rows`` in order without a repeated text (case-folded)."""
    seen: set[str] = set()
    out = []
    for row in rows:
        key = row.text.casefold()
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def tables_digest(tables: Sequence[object]) -> str:
    """sha256 of the tables a generator builds its rows from."""
    return hashlib.sha256(
        json.dumps(tables, sort_keys=True, default=list).encode()
    ).hexdigest()


def rows(seed: int = 1729) -> list[Row]:
    """The whole generated set, deterministic for a seed."""
    rng = random.Random(seed)  # noqa: S311 - seeded generation, not security
    return unique(
        [
            *_hateful_rows(rng),
            *_pronoun_hate_rows(rng),
            *_benign_proposition_rows(rng),
            *_standalone_rows(rng),
        ]
    )


def fingerprint() -> str:
    """sha256 of every table this module generates from (for model cards)."""
    tables = [
        PROPOSITIONS,
        BENIGN_PROPOSITIONS,
        PRONOUN_HATE,
        PRONOUN_BENIGN,
        DESCRIBED_FRAMES,
        DESCRIBED_NOUNS,
        DESCRIBED_KINDS,
        [SLUR_SWAP, COUNTER_TWIN],
        HATEFUL_FRAMES,
        COUNTER_FRAMES,
        NEUTRAL_FRAMES,
        POSITIVE_FRAMES,
        COUNTER_REFER_FRAMES,
        REPORT_FRAMES,
        SLUR_COUNTER_FRAMES,
        INDIVIDUAL_INSULTS,
        INDIVIDUAL_THREATS,
        UNPROTECTED_ABUSE,
        OBJECT_ABUSE,
        PROFANE_BENIGN,
        RECLAIMED,
        HOMONYMS,
        CIVIL_CRITICISM,
        POLICY_OPINIONS,
        [g.__dict__ for g in GROUPS],
        UNPROTECTED,
    ]
    return tables_digest(tables)
