"""The full-text index behind ``domain.search``: a GIN-indexed generated ``tsvector`` column on
PostgreSQL, an FTS5 table on SQLite.

Neither can be declared on the model portably, so this migration creates the one that fits
the database it runs on.
"""

from django.db import migrations

# A stored column rather than an index on the expression: reading it costs a fraction of
# rebuilding the vector per row when the planner walks another index, and ANALYZE keeps
# per-token statistics for it, so the planner knows a rare word from a common one.
POSTGRES_FORWARD = [
    "ALTER TABLE organizations_organization ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(string_to_array(search_tokens, ' '))) STORED",
    "CREATE INDEX organization_search_gin ON organizations_organization USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS organization_search_gin",
    "ALTER TABLE organizations_organization DROP COLUMN IF EXISTS search_vector",
]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE organizations_search USING fts5("
    "search_tokens, content='organizations_organization', content_rowid='id')",
    "CREATE TRIGGER organizations_search_insert AFTER INSERT ON organizations_organization BEGIN "
    "INSERT INTO organizations_search(rowid, search_tokens) VALUES (new.id, new.search_tokens); END",
    "CREATE TRIGGER organizations_search_delete AFTER DELETE ON organizations_organization BEGIN "
    "INSERT INTO organizations_search(organizations_search, rowid, search_tokens) "
    "VALUES ('delete', old.id, old.search_tokens); END",
    "CREATE TRIGGER organizations_search_update AFTER UPDATE OF search_tokens "
    "ON organizations_organization BEGIN "
    "INSERT INTO organizations_search(organizations_search, rowid, search_tokens) "
    "VALUES ('delete', old.id, old.search_tokens); "
    "INSERT INTO organizations_search(rowid, search_tokens) VALUES (new.id, new.search_tokens); END",
    "INSERT INTO organizations_search(organizations_search) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS organizations_search_insert",
    "DROP TRIGGER IF EXISTS organizations_search_delete",
    "DROP TRIGGER IF EXISTS organizations_search_update",
    "DROP TABLE IF EXISTS organizations_search",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
