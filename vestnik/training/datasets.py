"""Readers for the public data sets in ``$VESTNIK_DATA_DIR`` and our own corpora.

Every reader returns ``Examples``: texts, 0/1 labels, a split per row
("train" / "val" / "test") and the sha256 of the files read, so that a
training run records exactly which data it saw.  Official test splits are
kept (OLID, iSarcasmEval); elsewhere a row's split comes from a hash of its
text, so it never changes between runs and duplicates land in one split.

Licences (see each SOURCE.md): ``sfu_constructiveness_toxicity`` and
``elf_trolling`` are evaluation only (CC BY-NC-SA): their readers mark every
row "test" so no training run can read them.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import os
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

csv.field_size_limit(1 << 24)

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO_ROOT / "tests" / "engine" / "corpus"


def data_dir() -> Path:
    env = os.environ.get("VESTNIK_DATA_DIR")
    return Path(env) if env else (REPO_ROOT.parent / "shared" / "data")


@dataclass
class Examples:
    name: str
    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # optional per-row tag
    files: dict[str, str] = field(default_factory=dict)  # path -> sha256

    def add(self, text: str, label: int, split: str, group: str = "") -> None:
        text = text.strip()
        if text:
            self.texts.append(text)
            self.labels.append(int(label))
            self.splits.append(split)
            self.groups.append(group)

    def subset(self, split: str | Iterable[str]) -> Examples:
        wanted = {split} if isinstance(split, str) else set(split)
        out = Examples(self.name, files=self.files)
        for t, y, s, g in zip(
            self.texts, self.labels, self.splits, self.groups, strict=True
        ):
            if s in wanted:
                out.add(t, y, s, g)
        return out

    def __len__(self) -> int:
        return len(self.texts)


def hash_split(text: str, test: float = 0.15, val: float = 0.15, salt: str = "") -> str:
    h = (
        int.from_bytes(
            hashlib.sha1(
                (salt + text.strip().lower()).encode(), usedforsecurity=False
            ).digest()[:8],
            "big",
        )
        / 2**64
    )
    return "test" if h < test else ("val" if h < test + val else "train")


def train_val(text: str, val: float = 0.15) -> str:
    """For rows whose test split is given: the rest becomes train / val."""
    return "val" if hash_split(text, test=0.0, val=val, salt="tv") == "val" else "train"


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _track(ex: Examples, path: Path) -> Path:
    ex.files[
        str(path.relative_to(data_dir()))
        if path.is_relative_to(data_dir())
        else str(path)
    ] = file_sha(path)
    return path


_MENTION = re.compile(r"@\w+")
_ENTITY = {
    "&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    "&#8220;": '"',
    "&#8221;": '"',
    "&#8217;": "'",
}


def clean_tweet(text: str) -> str:
    """Bring tweets nearer to comments: drop RT markers, mentions, entities."""
    for ent, ch in _ENTITY.items():
        text = text.replace(ent, ch)
    text = re.sub(r"^(RT\s+)?", "", text)
    text = re.sub(r"\bRT\b:?", "", text)
    text = _MENTION.sub("", text).replace("@USER", "")
    text = re.sub(r"&#\d+;", "", text)
    return re.sub(r"\s+", " ", text).strip(" :")


def davidson() -> Examples:
    """Davidson tweets; label = class (0 hate, 1 offensive, 2 neither) in groups."""
    ex = Examples("davidson_hate_offensive")
    path = _track(ex, data_dir() / "davidson_hate_offensive" / "labeled_data.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = clean_tweet(row["tweet"])
            cls = int(row["class"])
            ex.add(text, int(cls != 2), hash_split(text, 0.2, 0.1), group=str(cls))
    return ex


def olid() -> Examples:
    """OLID; label = OFF; group = level B/C labels ("TIN/IND", "UNT", "NOT")."""
    ex = Examples("olid")
    base = data_dir() / "olid"
    with _track(ex, base / "olid-training-v1.0.tsv").open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5:
                continue
            _, tweet, a, b, c = parts[:5]
            text = clean_tweet(tweet)
            group = "NOT" if a == "NOT" else (b if c == "NULL" else f"{b}/{c}")
            ex.add(text, int(a == "OFF"), train_val(text), group)
    labels: dict[str, dict[str, str]] = {}
    for level in ("a", "b", "c"):
        with _track(ex, base / f"labels-level{level}.csv").open(
            encoding="utf-8"
        ) as handle:
            next(handle)
            for line in handle:
                key, _, lab = line.strip().partition(",")
                labels.setdefault(key, {})[level] = lab
    with _track(ex, base / "testset-levela.tsv").open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            key, _, tweet = line.rstrip("\n").partition("\t")
            gold = labels.get(key, {})
            a = gold.get("a", "NOT")
            group = (
                "NOT"
                if a == "NOT"
                else "/".join(v for k, v in sorted(gold.items()) if k != "a")
            )
            ex.add(clean_tweet(tweet), int(a == "OFF"), "test", group)
    return ex


def sms_spam() -> Examples:
    ex = Examples("sms_spam_collection")
    path = _track(ex, data_dir() / "sms_spam_collection" / "SMSSpamCollection.tsv")
    with path.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            label, _, text = line.rstrip("\n").partition("\t")
            text = text.replace("&lt;#&gt;", "").replace("&amp;", "&")
            ex.add(text, int(label == "spam"), hash_split(text, 0.2, 0.1))
    return ex


def instagram_scam() -> Examples:
    """ScamSpot Instagram comments under finance accounts (MIT): label = scam.
    Campaigns repeat verbatim, so duplicates are dropped before the hash
    split (the split is by text, so a repeat would land in one split anyway)."""
    ex = Examples("instagram_scam_comments")
    path = _track(
        ex,
        data_dir()
        / "instagram_scam_comments"
        / "data"
        / "comments-rated-plus-reported.csv",
    )
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = (row.get("msg") or "").strip()
            if not text or text.casefold() in seen:
                continue
            seen.add(text.casefold())
            ex.add(text, int(row["scam"] == "1"), hash_split(text, 0.2, 0.1))
    return ex


def tg_spam() -> Examples:
    """tg-spam preset samples (MIT): Telegram chat spam (label 1) and ham (0),
    mostly Russian; crypto and remote-job lures, "write me in DM"."""
    ex = Examples("tg_spam_chat_samples")
    base = data_dir() / "tg_spam_chat_samples" / "data"
    for name, label in (("spam-samples.txt", 1), ("ham-samples.txt", 0)):
        path = _track(ex, base / name)
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ex.add(line, label, hash_split(line, 0.2, 0.1))
    return ex


def fox_news() -> tuple[Examples, list[dict[str, str]]]:
    """Fox News comments (label = hateful) and the raw rows (for off-topic pairs)."""
    ex = Examples("fox_news_comments_hate")
    path = _track(ex, data_dir() / "fox_news_comments_hate" / "fox-news-comments.json")
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows.append(row)
                ex.add(
                    row["text"],
                    int(row["label"]),
                    hash_split(row["text"]),
                    group=row["title"],
                )
    return ex, rows


def fox_discussion(
    rows: list[dict[str, str]], index: int, title: str, k: int
) -> tuple[str, ...]:
    """The discussion a Fox comment sees under article ``title``: the ``k``
    comments before its own position in its own thread (file order is thread
    order), or, under another article, that article's comments just before the
    same position, as many of them: both sides of a pair see the same number."""
    own = rows[index]
    position = sum(1 for r in rows[:index] if r["title"] == own["title"])
    thread = [r["text"] for r in rows if r["title"] == title]
    n = min(position, k)
    end = min(position, len(thread))
    return tuple(t for t in thread[max(0, end - n) : end] if t != own["text"])


def ethos() -> Examples:
    """ETHOS (GPL-3.0): label = isHate >= 0.5; group "violence" when violent."""
    ex = Examples("ethos")
    base = data_dir() / "ethos"
    violent: set[str] = set()
    with _track(ex, base / "Ethos_Dataset_Multi_Label.csv").open(
        encoding="utf-8"
    ) as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if float(row.get("violence") or 0) >= 0.5:
                violent.add(row["comment"].strip())
    with _track(ex, base / "Ethos_Dataset_Binary.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            text = row["comment"].strip()
            group = "violence" if text in violent else ""
            ex.add(text, int(float(row["isHate"]) >= 0.5), hash_split(text), group)
    return ex


def toxigen() -> Examples:
    ex = Examples("toxigen_demonstrations")
    for path in sorted(
        (data_dir() / "toxigen_demonstrations" / "demonstrations").rglob("*.txt")
    ):
        _track(ex, path)
        label = int(path.name.startswith("hate_"))
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip().lstrip("- ").strip()
            ex.add(text, label, hash_split(text), group=path.parent.name)
    return ex


def stormfront(limit_nohate: int | None = 3000) -> Examples:
    """Stormfront sentences (CC BY-SA 3.0): label = hate; noHate subsampled."""
    ex = Examples("stormfront_hate_speech")
    base = data_dir() / "stormfront_hate_speech"
    kept_nohate = 0
    with _track(ex, base / "annotations_metadata.csv").open(encoding="utf-8") as handle:
        rows = sorted(
            csv.DictReader(handle),
            key=lambda r: hashlib.sha1(
                r["file_id"].encode(), usedforsecurity=False
            ).hexdigest(),
        )
    for row in rows:
        if row["label"] not in ("hate", "noHate"):
            continue
        if row["label"] == "noHate":
            if limit_nohate is not None and kept_nohate >= limit_nohate:
                continue
            kept_nohate += 1
        text = (base / "all_files" / f"{row['file_id']}.txt").read_text(
            encoding="utf-8", errors="replace"
        )
        post = row["file_id"].split("_")[0]
        ex.add(text, int(row["label"] == "hate"), hash_split(post), group="forum")
    return ex


def mlma_en() -> Examples:
    """MLMA English: label = not single 'normal'; almost all hostile."""
    ex = Examples("mlma_hate_speech")
    path = _track(
        ex, data_dir() / "mlma_hate_speech" / "en_dataset_with_stop_words.csv"
    )
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = clean_tweet(row["tweet"].replace("@URL", ""))
            sentiment = row["sentiment"]
            ex.add(text, int(sentiment != "normal"), hash_split(text), group=sentiment)
    return ex


def sarcasm() -> Examples:
    """iSarcasmEval English (label = sarcastic): hard negatives for abuse heads."""
    ex = Examples("isarcasmeval")
    base = data_dir() / "isarcasmeval"
    with _track(ex, base / "train" / "train.En.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        for row in csv.DictReader(handle):
            ex.add(
                clean_tweet(row["tweet"] or ""),
                int(row["sarcastic"] or 0),
                train_val(row["tweet"] or ""),
            )
    with _track(ex, base / "test" / "task_A_En_test.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        for row in csv.DictReader(handle):
            ex.add(clean_tweet(row["text"]), int(row["sarcastic"]), "test")
    return ex


def jigsaw_real() -> Examples:
    """Wikipedia talk comments naming identity terms (toxic True/False)."""
    ex = Examples("jigsaw_bias_eval_sets")
    path = _track(
        ex, data_dir() / "jigsaw_bias_eval_sets" / "toxicity_nonfuzzed_testset.csv"
    )
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = re.sub(
                r"\s+", " ", row["comment"].replace("NEWLINE_TOKEN", " ")
            ).strip()
            ex.add(text[:1000], int(row["toxic"] == "True"), hash_split(text))
    return ex


IDENTITY_TERMS = (
    "african american", "middle eastern", "middle aged", "lesbian", "gay", "bisexual",
    "transgender", "trans", "queer", "lgbtq", "lgbt", "homosexual", "heterosexual", "straight",
    "nonbinary", "male", "female", "african", "black", "white", "european", "hispanic", "latinx",
    "latina", "latino", "mexican", "canadian", "american", "asian", "indian", "chinese",
    "japanese", "christian", "muslim", "jewish", "buddhist", "catholic", "protestant", "sikh",
    "taoist", "older", "old", "younger", "young", "teenage", "millenial", "elderly", "blind",
    "deaf", "paralyzed",
)  # fmt: skip
_IDENTITY_RE = re.compile(r"\b(" + "|".join(IDENTITY_TERMS) + r")\b", re.I)


def identity_templates(per_group: int = 60) -> Examples:
    """Non-toxic and toxic template sentences naming an identity (bias check).

    ``group`` is the identity term; at most ``per_group`` rows per term and
    label, chosen by hash (the full set is 77k rows).
    """
    ex = Examples("jigsaw_bias_templates")
    path = _track(ex, data_dir() / "jigsaw_bias_eval_sets" / "bias_madlibs_77k.csv")
    counts: dict[tuple[str, int], int] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sorted(
            csv.DictReader(handle),
            key=lambda r: hashlib.sha1(
                r["Text"].encode(), usedforsecurity=False
            ).hexdigest(),
        )
    for row in rows:
        match = _IDENTITY_RE.search(row["Text"])
        if not match:
            continue
        group, label = match.group(1).lower(), int(row["Label"] == "BAD")
        if counts.get((group, label), 0) >= per_group:
            continue
        counts[(group, label)] = counts.get((group, label), 0) + 1
        ex.add(row["Text"], label, "test", group)
    return ex


def suicide_reddit(max_chars: int = 600) -> Examples:
    """Reddit C-SSRS: label = author at risk (Ideation/Behavior/Attempt) vs Supportive.

    A user's posts become separate rows (first 600 characters of each); splits by user.
    "Indicator" users are left out (ambiguous).
    """
    ex = Examples("reddit_cssrs_suicide")
    path = _track(
        ex, data_dir() / "reddit_cssrs_suicide" / "500_Reddit_users_posts_labels.csv"
    )
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = row["Label"]
            if label == "Indicator":
                continue
            raw = row["Post"]
            try:
                posts = [str(p) for p in ast.literal_eval(raw)]
            except (ValueError, SyntaxError):
                posts = [p.strip(" '\"[]") for p in re.split(r"',\s*'|\",\s*\"", raw)]
            split = hash_split(row["User"])
            for post in posts[:4]:
                ex.add(post[:max_chars], int(label != "Supportive"), split, group=label)
    return ex


def sfu_eval() -> Examples:
    """SFU (CC BY-NC-SA, EVALUATION ONLY): label = toxic (answer >= 3 = toxic/very)."""
    ex = Examples("sfu_constructiveness_toxicity")
    path = _track(
        ex,
        data_dir()
        / "sfu_constructiveness_toxicity"
        / "SFU_constructiveness_toxicity.csv",
    )
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            level = row.get("is_toxic_popular_answer_1") or "1"
            ex.add(
                row["comment"],
                int(level.strip()[:1] in ("3", "4")),
                "test",
                group=level,
            )
    return ex


def elf_eval() -> Examples:
    """ELF trolling (CC BY-NC-SA, EVALUATION ONLY): label = troll comment."""
    ex = Examples("elf_trolling")
    path = _track(ex, data_dir() / "elf_trolling" / "total.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            strategy = (row.get("TrollingStrategy") or "0").strip()
            ex.add(
                row["Comment"], int(strategy not in ("0", "")), "test", group=strategy
            )
    return ex


def corpus(rule: str) -> Examples:
    """Our hand-labelled corpus tests/engine/corpus/<rule>.jsonl; its test split
    stays test, its train rows are divided into train / val by hash."""
    ex = Examples(f"corpus:{rule}")
    path = CORPUS_DIR / f"{rule}.jsonl"
    if not path.is_file():
        return ex
    ex.files[str(path.relative_to(REPO_ROOT))] = file_sha(path)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        split = (
            "test" if row.get("split") == "test" else train_val(row["text"], val=0.2)
        )
        ex.add(row["text"], int(row["label"]), split, group=str(row.get("kind", "")))
    return ex


def corpus_rules() -> list[str]:
    return (
        sorted(p.stem for p in CORPUS_DIR.glob("*.jsonl"))
        if CORPUS_DIR.is_dir()
        else []
    )


# Our own counterfactual identity sentences (not the Jigsaw templates, which are
# kept for the bias check): the same frames with and without hostility, for
# every identity term, so that naming a group is not evidence of abuse.
_NEUTRAL_FRAMES = (
    "My {rel} is {term} and {good}.",
    "I grew up next to a {term} family and they {good_verb}.",
    "As a {term} person I found this article {fine}.",
    "{Term} people deserve the same rights as everyone else.",
    "There are many {term} nurses working at the local hospital.",
    "Our new council member is {term}, and she {good_verb}.",
    "I'm {term} and proud of it.",
    "The {term} community in our town organised {event} last weekend.",
    "Being {term} has nothing to do with how good a neighbour you are.",
    "The article mentions that the victim was {term}; that is relevant context.",
    "My {rel}, who is {term}, {good_verb}.",
    "Nothing wrong with being {term}, full stop.",
    "{name} is a {kind} {term} {job} who {good_verb}.",
    "{name}, a {term} {job}, won the award this year.",
    "{name} is {term}. {name} is also my {rel}.",
    "Hello from a {term} reader in {city}!",
    "{name} is a {kind} {term} {rel}.",
    "Meet {name}: {term}, {job}, and a {kind} parent.",
)
_HATE_FRAMES = (
    "{Term} people are {vile} and should be {removed}.",
    "I hate {term} people, they ruin every place they move to.",
    "Never trust a {term}, they are all liars and thieves.",
    "{Term} people should not be allowed to vote or hold office.",
    "Get these {vile} {term} people out of our country.",
    "Every {term} person I have met was {vile}, they are a plague.",
)
_INSULT_FRAMES = (
    "Shut up, you {vile} {term} idiot.",
    "You are a pathetic {term} loser and everyone laughs at you.",
    "Nobody cares what a stupid {term} moron like you thinks.",
)
_FILL = {
    "rel": (
        "neighbour",
        "colleague",
        "sister",
        "best friend",
        "doctor",
        "teacher",
        "brother",
    ),
    "good": (
        "she is the kindest person I know",
        "he volunteers at the food bank",
        "we go hiking every Sunday",
    ),
    "good_verb": (
        "always helped us",
        "does a great job",
        "brought soup when I was ill",
        "coaches the kids' football team",
    ),
    "fine": ("fair and balanced", "thoughtful", "well researched", "interesting"),
    "event": ("a charity run", "a street festival", "a blood drive", "a book fair"),
    "vile": ("filthy", "disgusting", "subhuman", "vermin", "parasites"),
    "removed": ("deported", "locked up", "kept out", "wiped out"),
    "name": (
        "Mohammed",
        "Aisha",
        "Wei",
        "Santiago",
        "Priya",
        "Kwame",
        "Olga",
        "Hiroshi",
        "Fatima",
        "Jamal",
        "Maria",
        "Dmitri",
        "Nguyen",
        "Amara",
        "Yusuf",
        "Leah",
        "Tomasz",
        "Keisha",
        "Rahul",
        "Sofia",
    ),
    "kind": (
        "brilliant",
        "kind",
        "respected",
        "hard-working",
        "funny",
        "generous",
        "talented",
    ),
    "job": (
        "doctor",
        "engineer",
        "teacher",
        "nurse",
        "baker",
        "firefighter",
        "journalist",
        "student",
    ),
    "city": ("Leeds", "Toronto", "Lagos", "Melbourne", "Chicago", "Glasgow"),
}


def identity_counterfactuals() -> Examples:
    """Label 0: neutral or friendly sentences naming an identity; label 1: hostile
    ones (group "hate" or "insult"). Deterministic; split by hash of the text."""
    ex = Examples("identity_counterfactuals")
    rng = random.Random(1729)  # noqa: S311 - seeded generation, not security
    frames = [(f, 0, "neutral") for f in _NEUTRAL_FRAMES]
    frames += [(f, 1, "hate") for f in _HATE_FRAMES] + [
        (f, 1, "insult") for f in _INSULT_FRAMES
    ]
    for term in IDENTITY_TERMS:
        for frame, label, group in frames:
            values = {k: rng.choice(v) for k, v in _FILL.items()}
            text = frame.format(term=term, Term=term[:1].upper() + term[1:], **values)
            ex.add(text, label, hash_split(text, 0.15, 0.15, salt="identity"), group)
    generator = json.dumps(
        [_NEUTRAL_FRAMES, _HATE_FRAMES, _INSULT_FRAMES, _FILL, IDENTITY_TERMS],
        sort_keys=True,
    )
    ex.files["generated:identity_counterfactuals"] = hashlib.sha256(
        generator.encode()
    ).hexdigest()
    return ex


# --- precision: benign news discussion -------------------------------------
#
# Generated hard negatives (label 0) for every head: ordinary readers' comments
# that *talk about* violence, war, crime, drugs policy, suicide prevention,
# identity groups, or that condemn or quote abuse.  Written for training only;
# the functional probes in tests/training/functional_probes.jsonl are separate,
# hand-written sentences that no training run reads.
_BENIGN_FRAMES: dict[str, tuple[str, ...]] = {
    "violence-report": (
        "The report says {n} people were {killed} in the {attack} in {city}. {sympathy}",
        "{n} people were {killed} after the {attack} near the station, police said. {sympathy}",
        "Police confirmed the {attack} left {n} dead. {sympathy}",
        "Awful news about the {attack} in {city}. {sympathy}",
        "The court heard the victim was {killed} with a knife; the defendant denies murder.",
        "The article on the {attack} in {city} is hard to read but important. {sympathy}",
        "I lived in {city} for years and I can't believe a {attack} happened there. {sympathy}",
        "Violent crime in {city} fell by {pct} percent last year according to the police figures.",
        "The trial of the man accused of the {attack} starts next week in {city}.",
        "Horrible to read that {n} children were hurt in the {attack}. {sympathy}",
    ),
    "war": (
        "The shelling of {city} has killed {n} civilians this month, the UN says.",
        "War is horrifying and the people of {city} deserve peace.",
        "Both armies have lost thousands of soldiers; the ceasefire talks can't come soon enough.",
        "My grandfather fought in the war and never spoke about the killing he saw.",
        "The documentary about the siege of {city} was harrowing but well made.",
        "Sanctions alone will not stop the bombing of {city}, diplomacy has to go further.",
        "The drone strike hit a hospital in {city}, which is a war crime if confirmed.",
    ),
    "crime": (
        "The gang was jailed for {n} years for the armed robbery, justice done.",
        "Stabbings in {city} are up again, we need more youth clubs, not just more police.",
        "The murderer was sentenced to life, I hope the family can find some peace now.",
        "Knife crime statistics should be reported in context, the rate is lower than in the 90s.",
        "The police shooting in {city} needs an independent inquiry.",
        "Domestic violence charities say calls rose by {pct} percent during the lockdown.",
    ),
    "drugs-policy": (
        "Decriminalising cannabis worked in {country}, we should look at the evidence.",
        "Heroin deaths rose {pct} percent last year; the government needs a harm-reduction plan.",
        "The police seized {n} kilos of cocaine at the port, according to the article.",
        "My brother has been clean from meth for {n} years, recovery is possible.",
        "Fentanyl is killing young people in {city}, fund the treatment centres.",
        "Medical cannabis helped my mother through chemotherapy, the law should allow it.",
        "The war on drugs has failed; prohibition just hands the market to gangs.",
        "Supervised injection sites reduce overdose deaths, the research is clear.",
    ),
    "suicide-prevention": (
        "Suicide rates among young men rose {pct} percent, we need better mental health services.",
        "If you are struggling please call the Samaritans on 116 123, they helped me.",
        "I lost my cousin to suicide last year. Please check on your friends.",
        "The article on suicide prevention in schools is important, thank you for publishing it.",
        "Talking about suicide openly saves lives, the stigma has to end.",
        "Men's sheds and helplines cut the suicide rate in {city}, fund them properly.",
        "After my attempt years ago, therapy saved my life. It gets better.",
        "Farmers have one of the highest suicide rates of any job; this needs attention.",
    ),
    "identity": (
        "As a {term} {person} I think this decision is {good_news} for our community.",
        "{Term} families have lived in {city} for generations and enrich the town.",
        "I'm {term} and I welcome this ruling, it is {good_news}.",
        "The {term} community centre in {city} is hosting a food drive this weekend.",
        "Proud to be {term}, and proud of my town for supporting this.",
        "My {rel} is {term} and {rel_pronoun} was delighted by this news.",
        "Discrimination against {term} people has no place in {city}.",
        "The survey found {term} workers are paid {pct} percent less, which is unfair.",
        "{Term} voters were split on the issue, according to the poll.",
        "Congratulations to the first {term} mayor of {city}!",
    ),
    "counter-speech": (
        "Calling {term} people '{slur_quote}' is disgusting and the council was right to condemn it.",
        "The man shouted that {term} people should go home, and the whole bus stood up to him.",
        "Saying all {term} people are criminals is racist nonsense and you know it.",
        "Hate crimes against {term} people rose {pct} percent; we have to speak up.",
        "I reported the graffiti saying '{slur_quote}' to the police, it's vile.",
        "People who abuse {term} neighbours online should be ashamed of themselves.",
        "The troll wrote '{insult_quote}' under her post, and the platform did nothing.",
        "Quoting his words '{insult_quote}' shows exactly why he was sacked.",
    ),
    "negated-insult": (
        "You are not an idiot for asking that, it's a fair question.",
        "I don't think the minister is stupid, just badly advised.",
        "Nobody here is calling you a liar, we just disagree on the numbers.",
        "I'm not saying {term} people are the problem, the policy is.",
        "No one deserves to be called {insult_word}, whatever their politics.",
        "He isn't a bad person, he made a bad decision.",
    ),
    "local-services": (
        "The {place} on {street} opens late on {day}s now and it's always busy.",
        "Our {place} has cut its hours again, it now shuts at {hour} on {day}s.",
        "The new {place} in {city} is packed every {day}, good to see the high street alive.",
        "Prices at the {place} went up again, a coffee is now {price}.",
        "I miss the old {place} on {street}; the new owners changed everything.",
        "Free parking near the {place} would bring more people into town on {day}s.",
        "The {place} staff were lovely when my dad fell ill in the queue.",
        "Is the {place} on {street} still open after the flood? Asking for my mum.",
    ),
    "disagreement": (
        "I completely disagree with this editorial, the figures don't add up.",
        "Strong opinion, but I think you're wrong about the tax rise.",
        "This policy is a disaster for {city} and the council should reverse it.",
        "What a ridiculous decision by the referee, we were robbed.",
        "The government has made a mess of the budget again.",
        "Terrible idea, the bridge will cost twice as much as promised.",
        "That's the worst take I've read all week, but thanks for explaining it.",
    ),
}
_BENIGN_FILL: dict[str, tuple[str, ...]] = {
    "n": ("two", "three", "four", "five", "seven", "12", "20", "dozens of"),
    "killed": ("killed", "injured", "shot", "stabbed", "wounded", "hurt"),
    "attack": (
        "attack",
        "shooting",
        "bombing",
        "stabbing",
        "explosion",
        "riot",
        "crash",
    ),
    "city": (
        "Leeds",
        "Kyiv",
        "Gaza",
        "Manchester",
        "Chicago",
        "Paris",
        "Lagos",
        "Madrid",
        "Sydney",
        "Kharkiv",
    ),
    "place": (
        "library",
        "bakery",
        "pharmacy",
        "post office",
        "leisure centre",
        "corner shop",
        "branch",
        "market",
        "cafe",
        "bank",
    ),
    "street": (
        "High Street",
        "Station Road",
        "Mill Lane",
        "the square",
        "Church Street",
    ),
    "day": ("Monday", "Tuesday", "Thursday", "Saturday", "Sunday"),
    "hour": ("4pm", "5pm", "noon", "6pm"),
    "price": ("£3.20", "£4", "three quid", "$5"),
    "country": ("Portugal", "Canada", "Uruguay", "Germany", "the Netherlands"),
    "pct": ("5", "12", "20", "30", "40"),
    "sympathy": (
        "Thoughts with the families.",
        "Horrifying.",
        "My heart goes out to everyone affected.",
        "Thinking of the victims tonight.",
        "Such a sad day.",
        "Rest in peace.",
    ),
    "term": (
        "gay",
        "lesbian",
        "trans",
        "queer",
        "Muslim",
        "Jewish",
        "Black",
        "Mexican",
        "Asian",
        "disabled",
        "deaf",
        "immigrant",
        "Christian",
        "bisexual",
        "Hispanic",
        "Indian",
        "homosexual",
        "Roma",
        "white",
        "elderly",
    ),
    "person": ("man", "woman", "person", "parent", "teacher", "nurse", "voter"),
    "good_news": ("wonderful news", "a big step forward", "long overdue", "great"),
    "rel": ("brother", "sister", "son", "daughter", "best friend", "neighbour"),
    "rel_pronoun": ("they",),
    "slur_quote": ("vermin", "animals", "parasites", "filth"),
    "insult_quote": ("you stupid cow", "go back to your country", "worthless idiot"),
    "insult_word": ("a moron", "an idiot", "scum", "a traitor"),
}


def benign_news(per_frame: int = 14) -> Examples:
    """Generated benign news-discussion comments (label 0), ``per_frame`` fills of
    every frame; group = topic. Deterministic; split by hash of the text."""
    ex = Examples("benign_news_generated")
    rng = random.Random(1729)  # noqa: S311 - seeded generation, not security
    seen: set[str] = set()
    for topic, frames in _BENIGN_FRAMES.items():
        for frame in frames:
            for _ in range(per_frame):
                values = {k: rng.choice(v) for k, v in _BENIGN_FILL.items()}
                values["Term"] = values["term"][:1].upper() + values["term"][1:]
                text = frame.format(**values)
                if text.casefold() in seen:
                    continue
                seen.add(text.casefold())
                ex.add(text, 0, hash_split(text, 0.0, 0.2, salt="benign"), topic)
    generator = json.dumps([_BENIGN_FRAMES, _BENIGN_FILL], sort_keys=True)
    ex.files["generated:benign_news"] = hashlib.sha256(generator.encode()).hexdigest()
    return ex


def corpus_cross(rule: str) -> Examples:
    """The *hits* of every other corpus (train / val rows only) as label-0 rows
    for ``rule``'s head, except corpora whose hits may also break ``rule``
    (see ``RELATED``) and rows marked ``also_breaks`` it: an insult is not a
    suicide method, so the suicide head must not fire on generic abuse."""
    ex = Examples(f"corpus_cross:{rule}")
    for other in corpus_rules():
        if other == rule or other in RELATED.get(rule, ()) or other == "off-topic":
            continue
        path = CORPUS_DIR / f"{other}.jsonl"
        ex.files[str(path.relative_to(REPO_ROOT))] = file_sha(path)
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("split") == "test" or int(row["label"]) != 1:
                continue
            if rule in row.get("also_breaks", []):
                continue
            ex.add(row["text"], 0, train_val(row["text"], val=0.2), other)
    return ex


#: Rules whose hits may legitimately break each other too (never cross-negatives).
RELATED: dict[str, tuple[str, ...]] = {
    "violence": ("insult-threat", "extremism", "minors", "hate", "trolling"),
    "extremism": ("violence", "hate", "insult-threat"),
    "hate": ("extremism", "trolling", "insult-threat", "violence"),
    "insult-threat": ("trolling", "publisher-disrespect", "violence", "hate"),
    "trolling": ("insult-threat", "hate", "publisher-disrespect", "suicide"),
    "publisher-disrespect": ("insult-threat", "trolling", "hate"),
    "suicide": ("minors", "trolling", "insult-threat", "drugs"),
    "minors": ("violence", "drugs", "suicide"),
    "drugs": ("minors", "suicide", "commercial", "promotion", "spam"),
    "commercial": ("promotion", "spam"),
    "promotion": ("commercial", "spam", "drugs"),
    "spam": ("commercial", "promotion"),
}


def benign_heldout() -> Examples:
    """The benign-probe MEASUREMENT set (never trained on): non-toxic rows of
    held-out splits -- OLID test NOT, jigsaw real non-toxic (test split), Fox
    News non-hate (test split), Davidson 'neither' (test split), SFU non-toxic
    (evaluation only) -- and the hard negatives of our corpora's test splits.
    group = source."""
    ex = Examples("benign_heldout")
    sources: list[tuple[str, Examples, object]] = [
        ("olid_test_NOT", olid(), lambda y, g: y == 0),
        ("jigsaw_real_nontoxic", jigsaw_real(), lambda y, g: y == 0),
        ("fox_news_nonhate", fox_news()[0], lambda y, g: y == 0),
        ("davidson_neither", davidson(), lambda y, g: g == "2"),
        ("sfu_nontoxic (eval only)", sfu_eval(), lambda y, g: g.strip()[:1] == "1"),
    ]
    for name, src, keep in sources:
        ex.files.update(src.files)
        for t, y, s, g in zip(
            src.texts, src.labels, src.splits, src.groups, strict=True
        ):
            if s == "test" and keep(y, g):  # type: ignore[operator]
                ex.add(t, 0, "test", name)
    for rule in corpus_rules():
        if rule == "off-topic":
            continue
        src = corpus(rule)
        ex.files.update(src.files)
        for t, y, s, g in zip(
            src.texts, src.labels, src.splits, src.groups, strict=True
        ):
            if s == "test" and y == 0 and g == "hard-negative":
                ex.add(t, 0, "test", f"corpus:{rule} hard-negative")
    return ex


# Generated direct threats (label 1 for the insult-threat head): OLID's
# targeted offences are mostly insults, so threats without profanity were
# missed.  Training only; the functional probes are separate sentences.
_THREAT_FRAMES = (
    "I know where you {live}, and I'm going to {hurt} you.",
    "Keep talking and I will {hurt} you myself.",
    "Say that again and I'll {hurt} you, {target}.",
    "One day someone will {hurt} you and I'll be there to watch.",
    "Watch your back, {target}, I'm coming to {hurt} you.",
    "I hope you get what's coming, I'll make sure of it. I will {hurt} you.",
    "People like you get {hurt_past} in my town. You're next.",
    "If I see you at the match I will {hurt} you, {target}.",
    "We will find you and {hurt} you and your family.",
    "Post your address then, I'll come round and {hurt} you.",
)
_THREAT_FILL = {
    "live": ("live", "work", "park your car", "drink", "take your kids to school"),
    "hurt": (
        "kill",
        "break your legs and",
        "beat",
        "stab",
        "shoot",
        "smash your face in and hurt",
        "put a bullet in",
        "make you bleed and hurt",
    ),
    "hurt_past": ("stabbed", "shot", "beaten up", "put in hospital"),
    "target": ("mate", "councillor", "ref", "journalist", "pal", "sunshine"),
}


def threats(per_frame: int = 8) -> Examples:
    """Generated direct threats (label 1); group "threat"."""
    ex = Examples("threats_generated")
    rng = random.Random(1729)  # noqa: S311 - seeded generation, not security
    seen: set[str] = set()
    for frame in _THREAT_FRAMES:
        for _ in range(per_frame):
            text = frame.format(**{k: rng.choice(v) for k, v in _THREAT_FILL.items()})
            if text.casefold() not in seen:
                seen.add(text.casefold())
                ex.add(text, 1, hash_split(text, 0.0, 0.2, salt="threat"), "threat")
    generator = json.dumps([_THREAT_FRAMES, _THREAT_FILL], sort_keys=True)
    ex.files["generated:threats"] = hashlib.sha256(generator.encode()).hexdigest()
    return ex
