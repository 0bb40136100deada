"""Full-text search over sources' folded text (``search_text``).

SQLite: an FTS5 table with the trigram tokenizer (substring matching that works for Chinese,
Japanese and Korean as well as for European words), kept in step by triggers.
PostgreSQL: pg_trgm with a GIN trigram index for substring search, and a GIN index on the
'simple' text-search vector for word queries.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE evidence_source_fts USING fts5("
    "search_text, content='evidence_source', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER evidence_source_fts_ai AFTER INSERT ON evidence_source BEGIN "
    "INSERT INTO evidence_source_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER evidence_source_fts_ad AFTER DELETE ON evidence_source BEGIN "
    "INSERT INTO evidence_source_fts(evidence_source_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER evidence_source_fts_au AFTER UPDATE OF search_text ON evidence_source BEGIN "
    "INSERT INTO evidence_source_fts(evidence_source_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO evidence_source_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS evidence_source_fts_au", "DROP TRIGGER IF EXISTS evidence_source_fts_ad",
    "DROP TRIGGER IF EXISTS evidence_source_fts_ai", "DROP TABLE IF EXISTS evidence_source_fts",
]
PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX evidence_source_search_trgm ON evidence_source "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX evidence_source_search_fts ON evidence_source "
    "USING gin (to_tsvector('simple', search_text))",
]
PG_DOWN = ["DROP INDEX IF EXISTS evidence_source_search_fts",
           "DROP INDEX IF EXISTS evidence_source_search_trgm"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [("evidence", "0005_claim_needs_review_claim_review_note_and_more")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_UP, "postgresql": PG_UP}),
                             _run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN})),
    ]
