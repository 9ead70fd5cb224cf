"""The full-text index tables (see vestnik/news/search.py).

PostgreSQL: a tsvector table with a GIN index. SQLite: an FTS5 virtual table.
news.actions keeps them in step with explicit calls.
"""

from django.db import migrations

# No foreign key to news_article: every query joins the article row (so an orphan
# row can never surface), news.actions removes rows explicitly, and Django's test
# flush can TRUNCATE news_article without CASCADE.
PG_CREATE = """
CREATE TABLE news_article_search (
    article_id bigint PRIMARY KEY,
    document tsvector NOT NULL
);
CREATE INDEX news_article_search_document ON news_article_search USING gin (document);
"""
SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE news_article_fts USING fts5("
    "headline, text, tags, tokenize = 'porter unicode61 remove_diacritics 2')"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_CREATE)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS news_article_search")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS news_article_fts")


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
