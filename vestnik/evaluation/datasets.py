"""Loaders for the labelled data `vestnik eval` measures on. Read-only; nothing is copied.

Every loader takes the data directory (../shared/data by default), a limit
(0 = everything) and a seeded `random.Random`, and returns `Example`s. Public
sets are read from `data_dir`; the hand-written corpora from the repository's
tests/engine/corpus (their `split == "test"` lines only, so trained heads are
never measured on what they trained on).
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vestnik.engine.types import ArticleContext

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "engine" / "corpus"
#: The engine helper's hand-written sets for form, flooding and flash-mob
#: (all `split: "test"`; nothing trains on them). The stateful ones carry
#: `scenario`, `author`, `thread` and `minute` and repeat texts on purpose, so
#: they live apart from the training corpora and their hygiene rules. In
#: flooding.jsonl a line is labelled 1 from the point where the author's
#: behaviour becomes flooding (6th comment in ten minutes, second copy of a
#: text, 5th short message in a row, any keyboard mash); in flash-mob.jsonl
#: every member of an organised cluster is 1, including the first two that no
#: online detector can recognise when they arrive.
SCENARIO_DIR = Path(__file__).resolve().parents[2] / "tests" / "engine" / "scenarios"


@dataclass(frozen=True)
class Example:
    text: str
    label: int
    scenario: str | None = None  # stateful corpora: replayed in order per scenario
    author: str | None = None
    thread: str | None = None
    minute: float = 0.0
    article: ArticleContext | None = None
    publisher_names: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)


Loader = Callable[[Path, int, random.Random], list[Example]]


def _sample(items: list[Example], limit: int, rng: random.Random) -> list[Example]:
    if limit and len(items) > limit:
        return rng.sample(items, limit)
    return items


def sms_spam(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
    path = data_dir / "sms_spam_collection" / "SMSSpamCollection.tsv"
    items = []
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            label, _, text = line.rstrip("\n").partition("\t")
            items.append(Example(text, int(label == "spam")))
    return _sample(items, limit, rng)


PII_TYPES = frozenset(
    {
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "CREDIT_CARD",
        "IBAN_CODE",
        "US_SSN",
        "IP_ADDRESS",
        "STREET_ADDRESS",
    }
)


def presidio_pii(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
    """Label 1 when the sentence holds personal data the privacy rule covers.

    Names, places, organisations and dates alone are not: a news comment names
    people and places all the time.
    """
    rows = json.loads(
        (data_dir / "presidio_synth_pii" / "synth_dataset_v2.json").read_text(
            encoding="utf-8"
        )
    )
    items = [
        Example(
            row["full_text"],
            int(any(s["entity_type"] in PII_TYPES for s in row["spans"])),
        )
        for row in rows
    ]
    return _sample(items, limit, rng)


def _lingua(kind: str) -> Loader:
    def load(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
        root = data_dir / "lingua_language_testdata" / kind
        langs = sorted(p.stem for p in root.glob("*.txt"))
        per_lang = max(1, (limit or 3000) // (2 * max(1, len(langs) - 1)))
        items = []
        for lang in langs:
            lines = [
                x
                for x in (root / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
                if x.strip()
            ]
            # English (the site language) as many as all the others together
            count = per_lang * (len(langs) - 1) if lang == "en" else per_lang
            for text in rng.sample(lines, min(count, len(lines))):
                items.append(Example(text, int(lang != "en"), meta={"language": lang}))
        return items

    return load


lingua_sentences = _lingua("sentences")
lingua_word_pairs = _lingua("word-pairs")

BENIGN_LINKS = (
    "https://www.bbc.co.uk/news/uk-politics-12345678",
    "https://en.wikipedia.org/wiki/Tram",
    "www.theguardian.com/world/2026/nov/26/story",
    "github.com/python/cpython",
    "ons.gov.uk",
    "https://www.reuters.com/world/europe/",
    "nytimes.com/2026/11/25/us/politics.html",
    "https://www.who.int/news",
    "europa.eu/index_en",
    "https://docs.python.org/3/",
    "http://www.metoffice.gov.uk/weather",
    "https://www.gov.uk/browse/benefits",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://twitter.com/someone/status/1",
    "https://www.imf.org/en/Publications",
    "www.ft.com/content/abc-123",
    "lemonde.fr/international/",
    "https://www.spiegel.de/politik/",
    "https://meduza.io/news",
    "https://www.nhs.uk/conditions/",
    "https://ec.europa.eu/eurostat",
    "https://www.un.org/en/",
    "https://apnews.com/article/x",
    "https://archive.org/details/texts",
    "https://www.nature.com/articles/s41586-020",
    "bbc.com/sport/football",
    "https://www.worldbank.org/en/home",
    "https://www.nasa.gov/news",
    "https://www.economist.com/europe",
    "https://www.amnesty.org/en/",
    "https://www.ecb.europa.eu",
    "https://www.microsoft.com/en-us/download",
    "https://www.apple.com/iphone/",
    "https://play.google.com/store/apps/details?id=org.wikipedia",
    "https://www.paypal.com/uk/home",
)
LINK_TEMPLATES = (
    "More details here: {link}",
    "Don't believe the article, read {link} instead.",
    "I found the full report at {link} - worth a look.",
    "Source: {link}",
)


def _obfuscations(link: str, rng: random.Random) -> str:
    style = rng.randrange(4)
    if style == 1:
        return link.replace("http://", "").replace("https://", "")
    if style == 2:
        host, _, rest = (
            link.partition("/")
            if "://" not in link
            else link.split("://", 1)[1].partition("/")
        )
        return host.replace(".", "[.]") + ("/" + rest if rest else "")
    if style == 3:
        host, _, rest = link.split("://", 1)[-1].partition("/")
        return host.replace(".", " dot ") + ("/" + rest if rest else "")
    return link if "://" in link else "http://" + link


def urlhaus_links(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
    """Malicious entries (online list) and benign links in comment templates,
    written plainly, bare, with [.] and with " dot " (one style per example)."""
    path = data_dir / "urlhaus_malware_blocklist" / "urlhaus-filter-online.txt"
    entries = [
        line.strip().lstrip("|").split("^", 1)[0]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("!", "#"))
    ]
    n = (limit or 1000) // 2
    items = []
    for entry in rng.sample(entries, min(n, len(entries))):
        text = rng.choice(LINK_TEMPLATES).format(
            link=_obfuscations("http://" + entry, rng)
        )
        items.append(Example(text, 1))
    for i in range(n):
        link = BENIGN_LINKS[i % len(BENIGN_LINKS)]
        text = LINK_TEMPLATES[i % len(LINK_TEMPLATES)].format(
            link=_obfuscations(link, rng)
        )
        items.append(Example(text, 0))
    return items


def davidson(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
    """Label 1 for tweets annotated offensive or hate (a proxy for profanity)."""
    items = []
    with (data_dir / "davidson_hate_offensive" / "labeled_data.csv").open(
        encoding="utf-8"
    ) as fh:
        for row in csv.DictReader(fh):
            items.append(Example(row["tweet"], int(row["class"] in ("0", "1"))))
    return _sample(items, limit, rng)


def olid_test(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
    """OLID's official test set, level A: OFF (offensive) = 1."""
    root = data_dir / "olid"
    labels: dict[str, str] = {}
    with (root / "labels-levela.csv").open(encoding="utf-8") as fh:
        for pair in csv.reader(fh):
            if len(pair) == 2:
                labels[pair[0]] = pair[1]
    items = []
    with (root / "testset-levela.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["id"] in labels:
                items.append(Example(row["tweet"], int(labels[row["id"]] == "OFF")))
    return _sample(items, limit, rng)


def ru_distorted(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
    """Russian VK comments: toxicity = 1 (profanity proxy; 126 use distorted spellings)."""
    items = []
    path = data_dir / "ru_distorted_toxicity" / "russian_distorted_toxicity.tsv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            items.append(
                Example(
                    row["comments"],
                    int(row["toxicity"] == "1"),
                    meta={"distortion": row["distortion"]},
                )
            )
    return _sample(items, limit, rng)


def corpus(rule: str, corpus_dir: Path | None = None) -> Loader:
    """A hand-written corpus, test split only."""

    def load(data_dir: Path, limit: int, rng: random.Random) -> list[Example]:
        path = (corpus_dir or CORPUS_DIR) / f"{rule}.jsonl"
        items = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("split", "test") != "test":
                continue
            article = row.get("article")
            items.append(
                Example(
                    text=row["text"],
                    label=int(row["label"]),
                    scenario=row.get("scenario"),
                    author=row.get("author"),
                    thread=row.get("thread"),
                    minute=float(row.get("minute", 0.0)),
                    article=ArticleContext(
                        **{
                            k: article.get(k, "")
                            for k in ("title", "standfirst", "body")
                        }
                    )
                    if isinstance(article, dict)
                    else None,
                    publisher_names=tuple(row.get("publisher_names", ())),
                    meta={"kind": str(row.get("kind", ""))},
                )
            )
        return (
            items
            if not limit
            else _sample(items, limit, rng)
            if not items or items[0].scenario is None
            else items
        )

    return load


def corpus_rules(corpus_dir: Path | None = None) -> Sequence[str]:
    return sorted(p.stem for p in (corpus_dir or CORPUS_DIR).glob("*.jsonl"))
