"""City scale (issue 9): the SQLite index of the enterprise search (core.search).

An FTS5 ``trigram`` table over name, pinyin, initials and USCC, filled from the existing rows and kept
in step by triggers; SQLite only (PostgreSQL has the pg_trgm indexes of 0007). No model state. The
declaration is frozen here as it was when written, like any migration.
"""

from django.db import migrations

from anjian.core.search import TrigramIndex

INDEX = TrigramIndex("enterprises_enterprise", ("name", "name_pinyin", "name_initials", "uscc"))


def create(apps, schema_editor):
    INDEX.create(schema_editor)


def drop(apps, schema_editor):
    INDEX.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0007_scale_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
