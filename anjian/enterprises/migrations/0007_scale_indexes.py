"""City scale (issue 9): indexes for the enterprise search and the default orderings.

Only indexes, created in SQL so they need no model state: on PostgreSQL the pg_trgm extension and
trigram GIN indexes that serve the search's ``LIKE '%hyd%'`` on the name (as Django writes
``icontains``: ``UPPER(name::text)``), the pinyin and the initials, and a pattern index for "USCC
starts with"; on every database an index on the name, the list's default ordering.
"""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS enterprises_name_trgm ON enterprises_enterprise "
    "USING gin ((UPPER(name::text)) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS enterprises_pinyin_trgm ON enterprises_enterprise "
    "USING gin (name_pinyin gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS enterprises_initials_trgm ON enterprises_enterprise "
    "USING gin (name_initials gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS enterprises_uscc_prefix ON enterprises_enterprise "
    "(uscc varchar_pattern_ops)",
]
EVERYWHERE = [
    "CREATE INDEX IF NOT EXISTS enterprises_name_order ON enterprises_enterprise (name, id)",
]
DROP = [
    "DROP INDEX IF EXISTS enterprises_name_trgm",
    "DROP INDEX IF EXISTS enterprises_pinyin_trgm",
    "DROP INDEX IF EXISTS enterprises_initials_trgm",
    "DROP INDEX IF EXISTS enterprises_uscc_prefix",
    "DROP INDEX IF EXISTS enterprises_name_order",
]


def create(apps, schema_editor):
    statements = EVERYWHERE
    if schema_editor.connection.vendor == "postgresql":
        statements = POSTGRES + EVERYWHERE
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in DROP:
        if "trgm" in sql or "prefix" in sql:
            if schema_editor.connection.vendor != "postgresql":
                continue
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0006_principal_person")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
