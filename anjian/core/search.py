"""Indexed substring search on SQLite (issue 9): an FTS5 ``trigram`` table per searched model.

PostgreSQL serves ``LIKE '%hyd%'`` from pg_trgm GIN indexes (see the enterprises' migration 0007);
SQLite cannot index a leading-wildcard LIKE, so a model that is searched by substring declares a
:class:`TrigramIndex` once (its table and the searched columns). Triggers keep the FTS table in
step with every insert, update and delete, whatever writes the row (page, API, Excel, raw SQL).

The search code keeps its own ``Q`` (the exact rule) and narrows it with :meth:`TrigramIndex.narrow`:
on SQLite, when every term is at least 3 characters (a trigram cannot match less), it adds
``pk IN (SELECT rowid FROM <fts> WHERE <fts> MATCH …)``, a superset the index answers, and the exact
``Q`` is then checked only on those rows. Shorter terms, and other databases, get no narrowing.

Django rebuilds a SQLite table on many ``ALTER``s (create a copy, drop the original, rename), which
drops the original's triggers; :func:`ensure_indexes` (run after every ``migrate``) re-creates what is
missing and refills the FTS table when the triggers had gone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.expressions import RawSQL

MIN_TERM = 3  # FTS5 trigram matches substrings of 3 or more characters
TRIGGERS = ("ai", "ad", "au")


def quote_phrase(text: str) -> str:
    """An FTS5 string literal: the whole term as one phrase, double quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class TrigramIndex:
    table: str
    columns: tuple[str, ...]
    pk: str = "id"

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    # --- schema -----------------------------------------------------------------------------
    def create_sql(self) -> list[str]:
        cols = ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        fts, table, pk = self.fts, self.table, self.pk
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, tokenize='trigram')",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{pk}, {new}); END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.{pk}; END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.{pk}; "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{pk}, {new}); END",
        ]

    def fill_sql(self) -> list[str]:
        cols = ", ".join(self.columns)
        return [
            f"DELETE FROM {self.fts}",
            f"INSERT INTO {self.fts}(rowid, {cols}) SELECT {self.pk}, {cols} FROM {self.table}",
        ]

    def drop_sql(self) -> list[str]:
        return [f"DROP TRIGGER IF EXISTS {self.fts}_{t}" for t in TRIGGERS] + [
            f"DROP TABLE IF EXISTS {self.fts}"
        ]

    def create(self, schema_editor) -> None:
        """Migration helper: table, triggers and the existing rows (SQLite only)."""
        if schema_editor.connection.vendor != "sqlite":
            return
        for sql in self.create_sql() + self.fill_sql():
            schema_editor.execute(sql)

    def drop(self, schema_editor) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        for sql in self.drop_sql():
            schema_editor.execute(sql)

    def ensure(self, connection) -> bool:
        """Re-create missing triggers after a table rebuild; True when it had to repair."""
        if connection.vendor != "sqlite":
            return False
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name = %s OR tbl_name = %s",
                [self.fts, self.table],
            )
            present = {row[0] for row in cursor.fetchall()}
            if self.fts not in present:
                return False  # not migrated yet (or on purpose not there)
            wanted = {f"{self.fts}_{t}" for t in TRIGGERS}
            if wanted <= present:
                return False
            for sql in self.create_sql() + self.fill_sql():
                cursor.execute(sql)
        return True

    # --- query ------------------------------------------------------------------------------
    def narrow(self, connection, terms: dict[str, str], prefix: str = "") -> Q | None:
        """``pk IN (rows whose columns contain the terms)`` or None when the index cannot help.

        ``terms`` maps a column (or several, space-separated) to the substring searched in it;
        the result is a superset of the rows any of them matches, to AND with the exact ``Q``.
        """
        if connection.vendor != "sqlite" or not terms:
            return None
        if any(len(term) < MIN_TERM for term in terms.values()):
            return None
        expression = " OR ".join(
            f"{{{columns}}} : {quote_phrase(term)}" for columns, term in terms.items()
        )
        subquery = RawSQL(f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH %s", [expression])
        return Q(**{f"{prefix}pk__in": subquery})


INDEXES: list[TrigramIndex] = []


def register(index: TrigramIndex) -> TrigramIndex:
    INDEXES.append(index)
    return index


def ensure_indexes(using: str = "default", **kwargs) -> None:
    """``post_migrate`` receiver: put back triggers a SQLite table rebuild dropped."""
    from django.db import connections

    for index in INDEXES:
        index.ensure(connections[using])
