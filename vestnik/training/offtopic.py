"""Training the off-topic model on constructed pairs.

Data (the test splits are never fitted on):

- ``fox_news_comments_hate`` (10 Fox News articles; the data set has only each
  article's title and description, no body): each comment of >= 5 words with
  its own article is on-topic (0), the same comment with another article
  (seeded choice) is off-topic (1).  Rows split by a salted hash of the
  comment: 50% train, 20% val, 30% test (`vestnik eval` reads the same test).
- ``tests/engine/corpus/off-topic.jsonl`` (hand-written, 25 invented articles):
  its ``train`` rows go to train/val (hash), its ``test`` rows (6 articles never
  seen in training) are only scored.
- ``META_TRAIN`` below: meta/reaction comments written for this model (about
  the article, its reporting, sources, or another reader's comment), each under
  two articles of the corpus's train split, label 0.  They teach the model that
  such comments are never off-topic.  ``OFF_TRAIN``: everyday chatter that
  belongs under no news article (personal requests, greetings, hobbies), each
  under two train-split articles, label 1 — so the meta features do not excuse
  "Can anyone recommend a plumber?".  Both count as source ``meta``.  The benign probe table in
  tests/engine/detectors/test_off_topic.py is separate and never trained on.

Shipped in ``off_topic.npz``: logistic-regression weights over standardised
`vestnik.engine.models.relevance.FEATURES`, Platt scaling (fitted on val), the
reference-article bank (``REFERENCE_ARTICLES`` embedded), the meta bank
(``META_PROTOTYPES`` embedded) and the background bank of comments (OLID and
SMS ham train rows).  The threshold is chosen on val for precision (a false
hold is expensive): the lowest score at which pooled val precision is at least
``TARGET_PRECISION``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score

from vestnik.engine.encoder import WEIGHTS_SHA256
from vestnik.engine.models.relevance import (
    DISCUSSION_MAX,
    FEATURES,
    article_chunks,
    background_stats,
    features,
    word_count,
)
from vestnik.engine.types import ArticleContext
from vestnik.training import datasets as D
from vestnik.training.embeddings import EmbeddingStore
from vestnik.training.heads import SEED, array_digest, binary_metrics

MIN_WORDS = 5
BANK_SIZE = 256
TARGET_PRECISION = 0.95
# Fox pairs outnumber the clean hand-written rows 8 to 1; these weights give the
# corpus and the meta comments a say in the fit, the calibration and the threshold.
SOURCE_WEIGHTS = {"fox": 1.0, "corpus": 8.0, "meta": 4.0}

# Reference articles: invented headline + standfirst stubs over every kind of
# news subject.  A comment's similarity to them is the yardstick for "how
# similar is this comment to an article it was not written under".
REFERENCE_ARTICLES: tuple[str, ...] = (
    "Central bank holds interest rates as inflation eases. Policymakers kept the base rate unchanged and signalled cuts could come next year.",
    "Unemployment falls to a five-year low. The jobless rate dropped as hospitality and construction firms hired more staff.",
    "Petrol prices hit record high at the pumps. Drivers are paying more than ever as crude oil climbs and the currency weakens.",
    "Supermarket chain to close forty stores. The retailer blamed rising rents and online competition for the closures.",
    "Stock markets tumble on fears of a trade war. Shares fell sharply after new tariffs were announced on steel and cars.",
    "Minimum wage to rise by 6 percent in April. Ministers said the increase would help low-paid workers cope with living costs.",
    "Housing starts slump as mortgage costs bite. Builders began fewer new homes this quarter than at any time since 2012.",
    "Carmaker announces electric vehicle plant. The factory will employ 3,000 people and open in 2028.",
    "Prime minister survives confidence vote. Rebels in the governing party failed to gather enough votes to oust the leader.",
    "Opposition leader unveils plan to reform taxes. The proposals would raise the income tax threshold and tax wealth more.",
    "Senate blocks immigration bill. Lawmakers failed to agree on border security funding and a path to citizenship.",
    "Supreme Court rules on voting district maps. The justices said the boundaries drawn by the state legislature were unlawful.",
    "President signs executive order on gun background checks. Gun rights groups vowed to challenge the order in court.",
    "Election turnout highest in three decades. More than 70 percent of registered voters cast a ballot in the general election.",
    "Mayor resigns over expenses scandal. An inquiry found she had claimed thousands for personal travel.",
    "Police chief apologises after officers filmed using force on a teenager. An investigation into the arrest has been opened.",
    "Protesters march against police brutality. Thousands gathered downtown calling for reform after a fatal shooting.",
    "Court upholds ban on same-sex marriage. Campaigners said they would take the case to a higher court.",
    "School board votes to remove books from libraries. Parents and teachers clashed at a heated meeting.",
    "University admissions policy challenged in court. Students allege the selection process discriminates by race.",
    "Welfare reform to cut benefits for jobless adults. Claimants will have to prove they are looking for work.",
    "Ceasefire collapses as fighting resumes in the east. Artillery fire was reported along the front line overnight.",
    "Peace talks open in Geneva. Diplomats hope to end a conflict that has displaced two million people.",
    "Embassy attacked by protesters. Demonstrators stormed the compound after a controversial video spread online.",
    "Refugees stranded at the border as winter sets in. Aid agencies warned of a humanitarian crisis in the camps.",
    "Terror suspect arrested after bomb plot foiled. Police said the man planned to attack a crowded railway station.",
    "Military parade marks independence anniversary. Tanks and troops filled the capital's main square.",
    "Navy deploys warships to disputed waters. The move raised tensions with neighbouring countries.",
    "Hospital waiting lists reach record length. More than seven million patients are waiting for treatment.",
    "New vaccine approved for winter flu season. Health officials urged older people to get the jab early.",
    "Study links sugary drinks to heart disease. Researchers followed 100,000 adults for twenty years.",
    "Nurses vote to strike over pay. The union said staff were leaving the profession in record numbers.",
    "Measles cases rise as vaccination rates fall. Doctors warned parents to check their children's records.",
    "Drug overdose deaths climb for third year. Officials blamed fentanyl mixed into counterfeit pills.",
    "Scientists discover new species of deep-sea fish. The creature was found three kilometres below the surface.",
    "Space agency launches probe to study the sun. The spacecraft will fly closer to the sun than any before it.",
    "Researchers build faster quantum computer chip. The team says the device solves certain problems in minutes.",
    "Tech giant fined over data privacy breach. Regulators said the firm shared users' data without consent.",
    "Social media platform bans political adverts. The company said paid political messages would no longer run.",
    "Artificial intelligence chatbot passes medical exam. Experts cautioned that it still makes basic errors.",
    "Phone maker unveils foldable handset. The device costs more than a thousand pounds.",
    "Cyber attack shuts down city council systems. Residents cannot pay bills or book appointments online.",
    "Heatwave brings hottest day on record. Temperatures passed 40C and train lines buckled in the heat.",
    "Floods force thousands from their homes. Rivers burst their banks after a month's rain fell in two days.",
    "Wildfires spread across the west coast. Firefighters battled flames fanned by strong winds.",
    "Hurricane makes landfall on the gulf coast. Power is out for a million homes.",
    "Earthquake strikes off the coast, tsunami warning issued. Residents fled to higher ground.",
    "Climate summit ends with pledge to cut emissions. Countries agreed to phase down coal power.",
    "Plastic bag charge cuts litter on beaches. Volunteers found fewer bags in the annual clean-up.",
    "Rare eagles return to nest in national park. Rangers say the birds have not bred here for a century.",
    "Zoo welcomes baby elephant. The calf was born after a 22-month pregnancy.",
    "United win the cup final on penalties. The goalkeeper saved two spot kicks in the shoot-out.",
    "Star striker signs record transfer deal. The club paid more than 100 million for the forward.",
    "Tennis champion retires after twenty years. She won eighteen grand slam titles.",
    "Olympic sprinter banned for doping. The athlete tested positive for a banned steroid.",
    "Marathon runner breaks world record. He finished the course in under two hours and one minute.",
    "Cricket team collapses to heavy defeat. The batting order was skittled for 87 runs.",
    "Basketball star traded in blockbuster deal. The move reunites him with his former coach.",
    "Film festival opens with world premiere. Stars walked the red carpet ahead of the opening gala.",
    "Veteran rock band announces farewell tour. The group will play forty dates across Europe.",
    "Museum returns looted artefacts. The bronze statues will go back to the country they were taken from.",
    "Best-selling author wins literary prize. Her novel about a family farm was praised by the judges.",
    "Television drama breaks streaming records. The series was watched by 50 million households in a week.",
    "Royal wedding date announced. The ceremony will take place at the cathedral in June.",
    "Celebrity chef opens new restaurant. Tables are booked up for the next three months.",
    "Town celebrates 500 years with street party. Residents dressed in historical costume.",
    "Train fares to rise by 5 percent. Commuters face another increase in January.",
    "New bridge opens after three years of works. The crossing cuts journey times across the river.",
    "Airport expansion approved despite protests. A third runway will be built by 2035.",
    "Potholes cost drivers millions in repairs. Councils say they lack money to fix roads.",
    "Council raises parking charges in town centre. Shop owners fear fewer customers will visit.",
    "Local library saved by community volunteers. Residents raised funds to keep it open.",
    "Teachers strike over workload and pay. Schools across the region closed for the day.",
    "Exam results show gap between rich and poor pupils. Private schools got the most top grades.",
    "Student loan interest rates to be capped. Graduates will pay less on their debt.",
    "Murder trial hears from key witness. The jury was shown CCTV footage from the night of the killing.",
    "Fraudster jailed for stealing pensioners' savings. He conned victims out of 2 million.",
    "Prison overcrowding reaches crisis point. Inmates are sharing cells meant for one person.",
    "Knife crime rises among teenagers. Police launch a new amnesty for weapons.",
    "Church leader apologises for abuse scandal. Victims said the apology came decades too late.",
    "Religious festival draws a million pilgrims. Worshippers travelled from across the country.",
    "Charity appeal raises record sum for famine relief. Donations will fund food and clean water.",
    "Pensioners face higher energy bills this winter. The price cap will rise by 20 percent.",
    "Gender pay gap narrows slightly. Women still earn 8 percent less than men on average.",
    "Landmark ruling on transgender rights. The court said employers cannot dismiss staff for their gender identity.",
    "Civil rights activists mark anniversary of historic march. Speakers called for continued action on racial equality.",
    "Monument to controversial general removed. The statue was taken down after years of protest.",
    "Immigration detention centre criticised in report. Inspectors found overcrowding and poor healthcare.",
    "Neighbouring states agree on water-sharing deal. The agreement was brokered after two years of talks.",
    "Coastguard rescues migrants in the channel. Forty people were pulled from a sinking dinghy.",
)

# Meta/reaction comments (feature ``meta_sim``): about the article, its
# reporting, its sources, or another reader's comment.
META_PROTOTYPES: tuple[str, ...] = (
    "Thanks for the article.",
    "Great reporting, thank you.",
    "Well written piece.",
    "Excellent journalism as always.",
    "This is a very informative article.",
    "Thank you for covering this story.",
    "The headline is misleading.",
    "Who wrote this article?",
    "The author clearly did not do the research.",
    "Biased reporting.",
    "This article is full of mistakes.",
    "There is a typo in the second paragraph.",
    "Can you share the source for that claim?",
    "Do you have a link to the study?",
    "Any evidence for this?",
    "I agree with you completely.",
    "You make a good point.",
    "I disagree with your comment.",
    "You are wrong about that.",
    "Well said.",
    "Exactly my thoughts.",
    "Interesting, I did not know that.",
    "Good question, I was wondering the same.",
    "Thanks for explaining.",
    "Please update the story when you know more.",
    "Why was my comment removed?",
    "Great discussion everyone.",
    "I had the same experience.",
    "Nice read.",
    "Looking forward to the follow-up.",
)

# Training-only meta/reaction comments (label 0 under any article).
META_TRAIN: tuple[str, ...] = (
    "Really appreciate this write-up, very balanced.",
    "Best explanation of this I've read all week.",
    "Fair and even-handed coverage for once, well done.",
    "Shared this with my family, thanks for writing it.",
    "The photo caption seems to be wrong, might want to fix it.",
    "The second half of the article repeats the first half.",
    "Whoever edited this needs a coffee, three typos in one paragraph.",
    "Why does every article on this site end on a question?",
    "The reporter should have asked the other side for a comment.",
    "I'd like to see the full figures behind that chart.",
    "Where does the number in the third paragraph come from?",
    "Is there a link to the original document anywhere?",
    "Can the journalist clarify what 'largely' means here?",
    "Would be good to have a follow-up piece in a few months.",
    "Not sure the headline matches what the story actually says.",
    "Thank you, this cleared up a lot of confusion for me.",
    "Brilliant piece of journalism, more of this please.",
    "Such a one-sided story, where is the balance?",
    "You've hit the nail on the head there.",
    "I see where you're coming from but I can't agree.",
    "That's not what the article says at all, read it again.",
    "Good point about the timing, hadn't thought of that.",
    "Totally agree with the previous commenter.",
    "You're spot on, it's been like this for years.",
    "I think you've misread the situation completely.",
    "Could you explain what you mean by that?",
    "Ha, you beat me to it, I was about to say the same.",
    "Sorry, I don't follow your argument at all.",
    "Nicely put, couldn't have said it better myself.",
    "With respect, that's simply not true.",
    "Thanks for the reply, I take your point.",
    "I stand corrected, thanks for pointing that out.",
    "Interesting read, thank you for the update.",
    "Great to see local news covering this properly.",
    "Thanks to the team for staying on top of this.",
    "This deserves a lot more attention than it's getting.",
    "Please keep us posted as the story develops.",
    "Does anyone have the source for those numbers?",
    "Any chance of a link to the report mentioned?",
    "Any word on when the full details will be published?",
    "I read this twice and still don't understand it.",
    "Honestly one of the better articles on here lately.",
    "Lazy journalism, just a rewritten press release.",
    "Love how the comments are more informative than the article.",
    "Can we keep the discussion civil, please?",
    "Let's stick to the facts rather than insults, folks.",
    "Same thing happened to me, so I know how they feel.",
    "You're right, I should have checked before posting.",
    "I was wondering about that too, good question.",
    "Glad someone is finally reporting on this.",
)

# Training-only chatter that belongs under no news article (label 1 under any
# article of the corpus's train split): personal requests, greetings, hobbies,
# other events.  The test table's hits are separate.
OFF_TRAIN: tuple[str, ...] = (
    "Can anyone recommend a decent electrician in the west end? Need a socket fixed.",
    "Does anyone know a reliable dog walker near the station?",
    "Looking for a second-hand cot, message me if you have one going spare.",
    "Happy anniversary to my wonderful wife, 25 years today!",
    "Congratulations to my niece Sophie on passing her driving test!",
    "Rest in peace Grandad, we miss you every day.",
    "Just got back from two weeks in Crete, the beaches were stunning.",
    "Anyone know a good recipe for sourdough? Mine keeps coming out flat.",
    "My roses have black spots on the leaves again, any tips?",
    "What's everyone watching on telly tonight? I need a new series.",
    "Has anyone seen a grey tabby cat around Elm Street? She's been missing since Tuesday.",
    "Lost a silver bracelet near the market on Saturday, sentimental value, please get in touch.",
    "The new album from that band is their best yet, on repeat all week.",
    "Who fancies a pub quiz team? We need two more for Thursday.",
    "My car failed its MOT on the brakes again, the garage wants a fortune.",
    "First day at my new job tomorrow, wish me luck everyone!",
    "Can someone tell me how to change my profile picture on here?",
    "Best fish and chips in town is the place by the harbour, fight me.",
    "Anyone else's broadband been down all morning?",
    "Knitting a scarf for my grandson, first one I've made in forty years.",
    "My neighbour's cockerel starts crowing at four every morning, I'm going mad.",
    "Is it too early to put the Christmas tree up? The kids are begging.",
    "Finished my first half marathon yesterday, legs are killing me.",
    "Does anyone have a spare ticket for the comedy show on Friday?",
    "Loving the new coffee shop on the corner, their flat white is perfect.",
    "My phone screen cracked again, third time this year.",
    "Anyone recommend a good book for a long flight?",
    "Spotted a heron in the canal this morning, beautiful bird.",
    "The cinema prices are a joke now, twenty quid for a film and popcorn.",
    "Still can't decide between a cat and a dog, advice welcome.",
    "Wordle in three today, feeling smug.",
    "Does anyone know when the bin collection changes for the holidays?",
    "Our choir is recruiting tenors, rehearsals on Wednesday evenings.",
    "My sister is getting married in June and I have nothing to wear.",
    "Just baked the best brownies of my life, no regrets.",
    "Anyone selling a used lawnmower? Ours finally gave up.",
    "What a sunset tonight over the hills, did anyone get a photo?",
    "Can't believe it's already been ten years since we moved here.",
    "My toddler has decided she only eats yellow food now. Send help.",
    "Who else is obsessed with that baking show? The final was brilliant.",
)


def _bank(store: EmbeddingStore) -> tuple[np.ndarray, dict[str, dict[str, str]]]:
    """Background comments about nothing in particular: OLID and SMS ham train rows."""
    rng = random.Random(SEED)  # noqa: S311 - seeded sampling, not security
    olid, sms = D.olid(), D.sms_spam()
    texts_o = [
        t
        for t, s in zip(olid.texts, olid.splits, strict=True)
        if s == "train" and word_count(t) >= MIN_WORDS
    ]
    texts_s = [
        t
        for t, y, s in zip(sms.texts, sms.labels, sms.splits, strict=True)
        if s == "train" and y == 0 and word_count(t) >= MIN_WORDS
    ]
    pick_o = rng.sample(texts_o, BANK_SIZE * 3 // 4)
    pick_s = rng.sample(texts_s, BANK_SIZE // 4)
    bank = np.vstack(
        [store.embed_base(olid.name, pick_o), store.embed_base(sms.name, pick_s)]
    )
    return bank.astype(np.float16), {olid.name: olid.files, sms.name: sms.files}


def _corpus_article(art: object) -> ArticleContext:
    if isinstance(art, str):
        return ArticleContext(title=art, standfirst="")
    if not isinstance(art, dict):
        raise TypeError(f"corpus article must be a string or an object, not {art!r}")
    return ArticleContext(
        title=art.get("title", ""),
        standfirst=art.get("standfirst", ""),
        body=art.get("body", ""),
    )


def _pairs(
    store: EmbeddingStore, limit: int | None
) -> tuple[list[dict[str, Any]], dict[str, dict[str, str]]]:
    ex, rows = D.fox_news()
    rng = random.Random(SEED)  # noqa: S311 - seeded sampling, not security
    articles: dict[str, ArticleContext] = {}
    for row in rows:
        articles.setdefault(
            row["title"],
            ArticleContext(title=row["title"], standfirst=row.get("meta", "")),
        )
    titles = sorted(articles)
    all_rows = rows
    eligible = [i for i, r in enumerate(rows) if word_count(r["text"]) >= MIN_WORDS]
    if limit:
        eligible = eligible[:limit]
    emb = store.embed_base(ex.name, [rows[i]["text"] for i in eligible])
    out: list[dict[str, Any]] = []
    for index, vec in zip(eligible, emb, strict=True):
        row = all_rows[index]
        split = D.hash_split(row["text"], test=0.3, val=0.2, salt="offtopic")
        other = rng.choice([t for t in titles if t != row["title"]])
        for title, label in ((row["title"], 0), (other, 1)):
            out.append(
                {
                    "emb": vec,
                    "text": row["text"],
                    "article": articles[title],
                    # the discussion so far under that article (same length
                    # on both sides of the pair)
                    "context": D.fox_discussion(all_rows, index, title, DISCUSSION_MAX),
                    "context_set": ex.name,
                    "label": label,
                    "split": split,
                    "source": "fox",
                }
            )
    sources = {ex.name: ex.files}
    path = D.CORPUS_DIR / "off-topic.jsonl"
    train_articles: list[ArticleContext] = []
    if path.is_file():
        corpus = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        corpus = [r for r in corpus if isinstance(r.get("article"), dict | str)]
        vecs = store.embed_base("corpus:off-topic", [r["text"] for r in corpus])
        for r, vec in zip(corpus, vecs, strict=True):
            article = _corpus_article(r["article"])
            test = r.get("split") == "test"
            if not test and article not in train_articles:
                train_articles.append(article)
            out.append(
                {
                    "emb": vec,
                    "text": r["text"],
                    "article": article,
                    "label": int(r["label"]),
                    "split": "test" if test else D.train_val(r["text"], val=0.25),
                    "source": "corpus",
                }
            )
        sources["corpus:off-topic"] = {
            str(path.relative_to(D.REPO_ROOT)): D.file_sha(path)
        }
    if train_articles:
        meta_vecs = store.embed_base("offtopic:meta_train", list(META_TRAIN))
        for text, vec in zip(META_TRAIN, meta_vecs, strict=True):
            split = D.train_val(text, val=0.25)
            for article in rng.sample(train_articles, min(2, len(train_articles))):
                out.append(
                    {
                        "emb": vec,
                        "text": text,
                        "article": article,
                        "label": 0,
                        "split": split,
                        "source": "meta",
                    }
                )
        off_vecs = store.embed_base("offtopic:off_train", list(OFF_TRAIN))
        for text, vec in zip(OFF_TRAIN, off_vecs, strict=True):
            split = D.train_val(text, val=0.25)
            for article in rng.sample(train_articles, min(2, len(train_articles))):
                out.append(
                    {
                        "emb": vec,
                        "text": text,
                        "article": article,
                        "label": 1,
                        "split": split,
                        "source": "meta",
                    }
                )
    return out, sources


def pair_features(
    store: EmbeddingStore,
    pairs: list[dict[str, Any]],
    bank: np.ndarray,
    reference: np.ndarray,
    meta: np.ndarray,
) -> np.ndarray:
    cache: dict[ArticleContext, tuple[np.ndarray, tuple[float, float]]] = {}
    # every discussion text embedded once, per data set
    by_set: dict[str, list[str]] = {}
    for pair in pairs:
        by_set.setdefault(pair.get("context_set", "offtopic:context"), []).extend(
            t for t in pair.get("context", ()) if t.strip()
        )
    known: dict[tuple[str, str], np.ndarray] = {}
    for name, texts in by_set.items():
        unique = list(dict.fromkeys(texts))
        for text, vec in zip(unique, store.embed_base(name, unique), strict=True):
            known[(name, text)] = vec
    rows = []
    for pair in pairs:
        article: ArticleContext = pair["article"]
        if article not in cache:
            chunks = article_chunks(article)
            vecs = store.encoder.encode_cached(chunks)
            cache[article] = (vecs, background_stats(vecs, bank.astype(np.float32)))
        vecs, stats = cache[article]
        name = pair.get("context_set", "offtopic:context")
        texts = [t for t in pair.get("context", ()) if t.strip()]
        context = np.stack([known[(name, t)] for t in texts]) if texts else None
        rows.append(
            features(
                pair["emb"],
                vecs,
                bool(article.title.strip()),
                stats,
                reference,
                meta,
                pair["text"],
                context,
                bank.astype(np.float32),
            )
        )
    return np.vstack(rows)


def choose_threshold(
    y: np.ndarray,
    scores: np.ndarray,
    weights: np.ndarray,
    target: float = TARGET_PRECISION,
) -> tuple[float, dict[str, float]]:
    """The lowest score at which the (source-weighted) precision of everything
    scored at or above it is still >= ``target``."""
    order = np.argsort(-scores, kind="stable")
    ys, ss, ws = y[order], scores[order], weights[order]
    tp = np.cumsum(ws * (ys == 1))
    precision = tp / np.cumsum(ws)
    positives = np.cumsum(ys == 1)
    best = float(ss[0])
    for i in range(len(ss)):
        if i + 1 < len(ss) and ss[i + 1] == ss[i]:
            continue  # only cut between distinct scores
        if precision[i] >= target and positives[i] >= 5:
            best = float(ss[i])
    chosen = round(best, 4)
    pred = scores >= chosen
    tps = float((weights * (pred & (y == 1))).sum())
    return chosen, {
        "target_precision": target,
        "val_precision": round(tps / max(float((weights * pred).sum()), 1e-9), 4),
        "val_recall": round(
            float((pred & (y == 1)).sum()) / max(float((y == 1).sum()), 1.0), 4
        ),
        "val_roc_auc": round(float(roc_auc_score(y, scores)), 4),
        "val_average_precision": round(float(average_precision_score(y, scores)), 4),
    }


def train_off_topic(
    store: EmbeddingStore, out_dir: Path, limit: int | None = None
) -> dict[str, Any]:
    bank, bank_sources = _bank(store)
    reference = store.embed_base(
        "offtopic:reference_articles", list(REFERENCE_ARTICLES)
    )
    meta_bank = store.embed_base("offtopic:meta_prototypes", list(META_PROTOTYPES))
    pairs, sources = _pairs(store, limit)
    x = pair_features(store, pairs, bank, reference, meta_bank)
    y = np.array([p["label"] for p in pairs])
    split = np.array([p["split"] for p in pairs])
    src = np.array([p["source"] for p in pairs])
    w = np.array([SOURCE_WEIGHTS[s] for s in src])
    tr, va, te = split == "train", split == "val", split == "test"
    mean, scale = x[tr].mean(axis=0), np.maximum(x[tr].std(axis=0), 1e-6)
    xs = (x - mean) / scale
    model = LogisticRegression(C=1.0, random_state=SEED, max_iter=2000).fit(
        xs[tr], y[tr], sample_weight=w[tr]
    )
    z = xs @ model.coef_[0] + model.intercept_[0]
    platt = LogisticRegression(C=1e4, random_state=SEED).fit(
        z[va].reshape(-1, 1), y[va], sample_weight=w[va]
    )
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    scores = 1 / (1 + np.exp(-(a * z + b)))
    threshold, val_stats = choose_threshold(y[va], scores[va], w[va])
    tests: dict[str, dict[str, float]] = {}
    for name, source in (("fox_news_pairs", "fox"), ("corpus:off-topic", "corpus")):
        mask = te & (src == source)
        if mask.any() and len(set(y[mask].tolist())) == 2:
            tests[name] = binary_metrics(y[mask], scores[mask], threshold)
    path = out_dir / "off_topic.npz"
    arrays = {
        "coef": model.coef_[0].astype(np.float64),
        "bias": np.array(model.intercept_[0]),
        "mean": mean.astype(np.float64),
        "scale": scale.astype(np.float64),
        "platt": np.array([a, b]),
        "bank": bank,
        "reference": reference.astype(np.float16),
        "meta": meta_bank.astype(np.float16),
    }
    np.savez_compressed(path, **arrays)
    meta = {
        "name": "off_topic",
        "rules": ["off-topic"],
        "summary": (
            "Similarity of a comment to its article (title, standfirst, body chunks), "
            "normalised against reference articles on other subjects and against "
            "comments written elsewhere, with meta/reaction cues; replies are also "
            "judged against their parent comment."
        ),
        "weaknesses": (
            "Fox News pairs give only title + description (no body) and many of their "
            "'own article' comments drift off the subject, so the pairs are noisy labels "
            "(their ROC-AUC is in the test table); the threshold is set for precision and "
            "misses most mild off-topic comments; English only; comments under 5 words "
            "are not judged."
        ),
        "features": list(FEATURES),
        "coef": [round(float(c), 4) for c in model.coef_[0]],
        "min_words": MIN_WORDS,
        "source_weights": SOURCE_WEIGHTS,
        "encoder_weights_sha256": WEIGHTS_SHA256,
        "encoder": store.encoder.version,
        "seed": SEED,
        "train": {
            s: {"pairs": int((tr & (src == s)).sum())}
            for s in ("fox", "corpus", "meta")
        },
        "val": {
            s: {"pairs": int((va & (src == s)).sum())}
            for s in ("fox", "corpus", "meta")
        },
        "validation": val_stats,
        "test": tests,
        "data_files": {
            **sources,
            **{f"background:{k}": v for k, v in bank_sources.items()},
        },
        "reference_articles": len(REFERENCE_ARTICLES),
        "meta_prototypes": len(META_PROTOTYPES),
        "digest": array_digest(arrays),
        "threshold": threshold,
        "hold_threshold": None,
        "limit": limit,
    }
    (out_dir / "off_topic.json").write_text(
        json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return meta


def _metrics_table(tests: dict[str, dict[str, float]]) -> list[str]:
    cols = [
        "n",
        "positives",
        "roc_auc",
        "average_precision",
        "precision",
        "recall",
        "fpr",
    ]
    lines = ["| set | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for name, vals in tests.items():
        lines.append(
            f"| {name} | " + " | ".join(str(vals.get(c, "")) for c in cols) + " |"
        )
    return lines


def write_off_topic_card(out_dir: Path, meta: dict[str, Any]) -> Path:
    """models/off_topic.md, from the metadata `train_off_topic` wrote."""
    val = meta.get("validation") or {}
    lines = [
        "# Model card: `off_topic`",
        "",
        "Written by `vestnik train` (`vestnik train --only off_topic`; do not edit by hand).",
        "",
        "- Rule served: `off-topic` (outcome: hold for a moderator).",
        f"- What it detects: {meta.get('summary')}",
        f"- Encoder: {meta.get('encoder')} (weights sha256 `{meta.get('encoder_weights_sha256')}`);"
        " the comment's embedding is the pipeline's one encoder pass; article chunks and parent"
        " comments are embedded once and LRU-cached.",
        f"- Features ({len(meta.get('features') or [])}): {', '.join(meta.get('features') or [])}"
        " (see `vestnik/engine/models/relevance.py`); standardised, logistic regression"
        f" (seed {meta.get('seed')}, source weights {meta.get('source_weights')}),"
        " Platt-calibrated on validation.",
        f"- Shipped banks: {meta.get('reference_articles')} reference articles (invented headline +"
        f" standfirst stubs on every kind of subject), {meta.get('meta_prototypes')} meta/reaction"
        " prototypes, 256 background comments (OLID, SMS ham train rows).",
        f"- Artefact digest `{meta.get('digest')}`.",
        "",
        "## Threshold",
        "",
        f"Holds at **{meta.get('threshold')}** and above (no separate hold band: the rule's outcome"
        " is already a hold). A false hold delays a good reader's comment and costs a moderator's"
        " time, so the threshold is the lowest validation score at which the source-weighted"
        f" precision is still ≥ {val.get('target_precision')}: validation precision"
        f" {val.get('val_precision')}, recall {val.get('val_recall')}, ROC-AUC"
        f" {val.get('val_roc_auc')}. Mild off-topic comments go through by design.",
        "",
        "Not judged at all: comments under"
        f' {meta.get("min_words")} words ("Agreed.", "Source?"), comments without an article.'
        " Replies (`Submission.reply_to_text`) score the lower of article and parent.",
        "",
        "## Data and splits (test splits are never fitted on)",
        "",
        "- `fox_news_comments_hate`: 10 Fox News articles, **title + description only** (the data"
        " set has no body). Comments of ≥ 5 words; each with its own article = 0, with another"
        " (seeded) article = 1. Split by a salted hash of the comment: 50% train / 20% val /"
        " 30% test (the same test split `vestnik eval` reads). Each side of a pair carries the"
        " discussion so far under that article (`datasets.fox_discussion`): up to 10 comments"
        " before the comment's position in its own thread (file order is thread order), or as"
        " many of the other article's comments before the same position, so both sides see the"
        " same number and the count says nothing about the label.",
        "- `tests/engine/corpus/off-topic.jsonl` (hand-written, 25 invented articles): `train`"
        " rows → train/val, `test` rows (6 articles never trained on) → test only.",
        "- `META_TRAIN` (50 meta/reaction comments, label 0) and `OFF_TRAIN` (40 everyday-chatter"
        " comments, label 1) in `vestnik/training/offtopic.py`, each under two train-split corpus"
        " articles (source `meta`).",
        "",
        f"- Train pairs: {meta.get('train')}",
        f"- Val pairs: {meta.get('val')}",
        "",
        "## Held-out test figures (at the threshold)",
        "",
        *_metrics_table(meta.get("test") or {}),
        "",
        "Benign probe table (44 on-topic, meta, broader-subject comments and replies under 5"
        " articles; `tests/engine/detectors/test_off_topic.py::PROBES`, never trained on):"
        " 0 held — the test suite asserts it.",
        "",
        "Previous models: 11 features without the discussion, Fox pairs test ROC-AUC 0.774"
        " (0.759 through `vestnik eval`), corpus test 0.955; 4 features, 30 of the 44 probes"
        " held. The four discussion features (`ctx_*`, `has_ctx`) took the Fox pairs from 0.774"
        " to this card's figure: readers talk about what the thread talks about.",
        "",
        "## Data files (sha256)",
        "",
    ]
    for dataset, files in (meta.get("data_files") or {}).items():
        for path, digest in files.items():
            lines.append(f"- {dataset}: `{path}` `{digest[:16]}`")
    lines += [
        "",
        "## Known weaknesses",
        "",
        f"- {meta.get('weaknesses')}",
        "- The first comments of a thread have no discussion to lean on: there the model falls"
        " back to the article alone (`has_ctx` = 0). The discussion is only as good as what was"
        " published: a thread that has already drifted makes drift look on-topic.",
        "- The Fox pairs goal (ROC-AUC ≥ 0.90) is not met: the data gives only a title and a"
        " one-sentence description per article, only 10 articles, and many 'own article' comments"
        " drift to other subjects (gun jokes under a rape-law story), so the pairs are noisy labels."
        " A per-dimension (diagonal bilinear) model reached 0.80 on the test split but did not beat"
        " plain cosine when whole articles were held out, so it was not shipped.",
        '- Comments whose link to the article needs world knowledge ("my kids are thrilled" under'
        " a snow-closes-schools story) score close to the threshold; short articles (title only)"
        " make this worse. Give the engine the article body where there is one.",
        "- Reference, meta and training chatter sets were written by one author (the session that"
        " trained this model), in English; the probe table too, so its 0% false-hold rate is"
        " optimistic for real traffic.",
        "- Recall is deliberately low: about half of the corpus's clear off-topic comments and a"
        " quarter of the Fox pairs are held.",
    ]
    path = out_dir / "off_topic.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
