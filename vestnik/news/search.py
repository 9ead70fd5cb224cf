"""Full-text search over articles: PostgreSQL text search or SQLite FTS5.

Both keep a separate index table created by migration 0002:
- PostgreSQL: `news_article_search(article_id, document tsvector)` with a GIN index;
  ranked by `ts_rank_cd`, snippets by `ts_headline`.
- SQLite: the FTS5 table `news_article_fts(headline, text, tags)` keyed by rowid =
  article id; ranked by `bm25`, snippets by `snippet()`.

The index holds every article, drafts included; visibility is decided at query
time by joining the article row, so scheduling needs no re-index and nothing a
reader may not see can leak through search. `index_article` is called explicitly
by news/actions.py after every write (no signals).

User input never reaches either query language: it is cut into word tokens and
re-assembled, so quotes, operators and column filters are just text.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from vestnik.news.app_settings import app_settings
from vestnik.news.models import Article, ArticleStatus

FTS_TABLE = "news_article_fts"
PG_TABLE = "news_article_search"

# Private-use characters mark highlights inside snippets; the text around them is
# escaped first, then they become <mark>, so article text can never inject markup.
_START, _STOP = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves says said year years week weeks new will would could first last one
    two three""".split()  # noqa: SIM905 - a word list reads better as text
)


@dataclass(frozen=True)
class Hit:
    article_id: int
    headline: SafeString
    snippet: SafeString


def terms(query: str) -> list[str]:
    """The query's word tokens, at most SEARCH_MAX_TERMS of them."""
    return _WORD.findall(query)[: app_settings.SEARCH_MAX_TERMS]


def keywords(article: Article, tag_names: list[str], limit: int = 10) -> list[str]:
    """The words that say what an article is about, for "more like this"."""
    text = f"{article.headline} {article.headline} {article.standfirst} {' '.join(tag_names)}"
    words = [w.lower() for w in _WORD.findall(text) if len(w) >= 4 and not w.isdigit()]
    counts = Counter(w for w in words if w not in _STOPWORDS)
    return [word for word, _ in counts.most_common(limit)]


def highlight(marked: str) -> SafeString:
    escaped = html.escape(marked, quote=False)
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _now_param() -> object:
    return connection.ops.adapt_datetimefield_value(timezone.now())


# External stories (integrations/embed.py) are never search results here.
_VISIBLE_SQL = "a.status IN (%s, %s) AND a.publish_at <= %s AND a.external_url IS NULL"


def _visible_params() -> list[Any]:
    return [ArticleStatus.SCHEDULED.value, ArticleStatus.PUBLISHED.value, _now_param()]


# --- indexing -------------------------------------------------------------------


def index_article(article: Article, tag_names: list[str], body_text: str) -> None:
    text = f"{article.standfirst}\n{body_text}"
    tags = " ".join(tag_names)
    with connection.cursor() as cursor:
        if _is_postgres():
            cfg = app_settings.SEARCH_CONFIG
            cursor.execute(
                f"""INSERT INTO {PG_TABLE} (article_id, document) VALUES (%s,
                    setweight(to_tsvector(%s::regconfig, %s), 'A') ||
                    setweight(to_tsvector(%s::regconfig, %s), 'B') ||
                    setweight(to_tsvector(%s::regconfig, %s), 'C'))
                ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document""",  # noqa: S608
                [
                    article.pk,
                    cfg,
                    article.headline,
                    cfg,
                    f"{article.standfirst} {tags}",
                    cfg,
                    body_text,
                ],
            )
        else:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [article.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, headline, text, tags) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [article.pk, article.headline, text, tags],
            )


def unindex_article(article_id: int) -> None:
    table, column = (PG_TABLE, "article_id") if _is_postgres() else (FTS_TABLE, "rowid")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [article_id])  # noqa: S608


# --- querying -------------------------------------------------------------------


def _pg_tsquery(words: list[str], *, any_word: bool = False) -> str:
    """to_tsquery text: each token quoted as a lexeme, the last one as a prefix."""
    quoted = [f"'{w}'" for w in words]  # \w+ tokens hold no quote to escape
    if quoted and not any_word:
        quoted[-1] += ":*"
    return (" | " if any_word else " & ").join(quoted)


def _fts_match(
    words: list[str], *, any_word: bool = False, prefix_last: bool = True
) -> str:
    quoted = [f'"{w}"' for w in words]  # \w+ tokens hold no quote to escape
    if prefix_last and quoted and not any_word:
        quoted[-1] += "*"
    return (" OR " if any_word else " ").join(quoted)


def count(query: str) -> int:
    words = terms(query)
    if not words:
        return 0
    with connection.cursor() as cursor:
        if _is_postgres():
            cursor.execute(
                f"""SELECT count(*) FROM {PG_TABLE} s JOIN news_article a ON a.id = s.article_id
                WHERE s.document @@ to_tsquery(%s::regconfig, %s) AND {_VISIBLE_SQL}""",  # noqa: S608
                [app_settings.SEARCH_CONFIG, _pg_tsquery(words), *_visible_params()],
            )
        else:
            cursor.execute(
                f"""SELECT count(*) FROM {FTS_TABLE} JOIN news_article a ON a.id = {FTS_TABLE}.rowid
                WHERE {FTS_TABLE} MATCH %s AND {_VISIBLE_SQL}""",  # noqa: S608
                [_fts_match(words), *_visible_params()],
            )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def search(query: str, *, limit: int, offset: int = 0) -> list[Hit]:
    """Visible articles matching every word of `query`, best first, with snippets."""
    words = terms(query)
    if not words:
        return []
    with connection.cursor() as cursor:
        if _is_postgres():
            cfg = app_settings.SEARCH_CONFIG
            opts = f"StartSel={_START}, StopSel={_STOP}"
            cursor.execute(
                f"""SELECT a.id,
                    ts_headline(%s::regconfig, a.headline, q, %s),
                    ts_headline(%s::regconfig, a.standfirst || ' ' || a.body_text, q, %s)
                FROM (
                    SELECT s.article_id, ts_rank_cd(s.document, q) AS rank, q
                    FROM {PG_TABLE} s JOIN news_article a ON a.id = s.article_id,
                         to_tsquery(%s::regconfig, %s) q
                    WHERE s.document @@ q AND {_VISIBLE_SQL}
                    ORDER BY rank DESC, a.publish_at DESC LIMIT %s OFFSET %s
                ) hits JOIN news_article a ON a.id = hits.article_id
                ORDER BY hits.rank DESC, a.publish_at DESC""",  # noqa: S608
                [
                    cfg,
                    f"HighlightAll=true, {opts}",
                    cfg,
                    f'MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … ", {opts}',
                    cfg,
                    _pg_tsquery(words),
                    *_visible_params(),
                    limit,
                    offset,
                ],
            )
        else:
            cursor.execute(
                f"""SELECT a.id,
                    highlight({FTS_TABLE}, 0, %s, %s),
                    snippet({FTS_TABLE}, 1, %s, %s, ' … ', 32)
                FROM {FTS_TABLE} JOIN news_article a ON a.id = {FTS_TABLE}.rowid
                WHERE {FTS_TABLE} MATCH %s AND {_VISIBLE_SQL}
                ORDER BY bm25({FTS_TABLE}, 10.0, 1.0, 4.0), a.publish_at DESC
                LIMIT %s OFFSET %s""",  # noqa: S608
                [
                    _START,
                    _STOP,
                    _START,
                    _STOP,
                    _fts_match(words),
                    *_visible_params(),
                    limit,
                    offset,
                ],
            )
        rows = cursor.fetchall()
    return [Hit(int(r[0]), highlight(r[1] or ""), highlight(r[2] or "")) for r in rows]


def similar_ids(words: list[str], *, exclude: list[int], limit: int) -> list[int]:
    """Visible articles sharing the most of `words`, best first ("more like this")."""
    if not words or limit <= 0:
        return []
    skip = ", ".join(["%s"] * len(exclude)) or "NULL"
    with connection.cursor() as cursor:
        if _is_postgres():
            cursor.execute(
                f"""SELECT a.id FROM {PG_TABLE} s JOIN news_article a ON a.id = s.article_id,
                       to_tsquery(%s::regconfig, %s) q
                WHERE s.document @@ q AND {_VISIBLE_SQL} AND a.id NOT IN ({skip})
                ORDER BY ts_rank_cd(s.document, q) DESC, a.publish_at DESC LIMIT %s""",  # noqa: S608
                [
                    app_settings.SEARCH_CONFIG,
                    _pg_tsquery(words, any_word=True),
                    *_visible_params(),
                    *exclude,
                    limit,
                ],
            )
        else:
            cursor.execute(
                f"""SELECT a.id FROM {FTS_TABLE} JOIN news_article a ON a.id = {FTS_TABLE}.rowid
                WHERE {FTS_TABLE} MATCH %s AND {_VISIBLE_SQL} AND a.id NOT IN ({skip})
                ORDER BY bm25({FTS_TABLE}, 10.0, 1.0, 4.0), a.publish_at DESC LIMIT %s""",  # noqa: S608
                [_fts_match(words, any_word=True), *_visible_params(), *exclude, limit],
            )
        return [int(row[0]) for row in cursor.fetchall()]
