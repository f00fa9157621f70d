"""The commit of an import: every row checked again in one transaction, then written in bulk.

The rows are validated as the preview validates them (``checking``), then written all at once:
new rows by ``bulk_create`` and changed rows by ``bulk_update`` (grouped by the fields they
change), each chunk with its history rows (django-simple-history's ``bulk_create_with_history`` /
``bulk_update_with_history``: the same ``HistoricalRecord`` rows a save writes, with the importer as
author). Before that, each row runs its model's own ``save()`` up to the write (``derive``), so the
derivations a save makes (an enterprise's pinyin and initials, the compact USCC, a certificate's
region and expiry) are the model's, not a copy. A row naming an earlier row of the same file (an
enterprise's landlord) is written in a later wave, once the row it names has its key. Then the
ledger's ``after_row`` steps run (a new enterprise's grade transition), and one query per 500
rows checks that every written row lies within the user's reach. Anything wrong: nothing stays.

A ledger keeps the per-row path (``write_in_bulk = False``) when its model's ``save()`` writes other
rows for every row (a person's records follow them to a new place) or its form has many-to-many
fields. A single row whose ``save()`` needs the database (a certificate without a
number draws one; a region moved elsewhere moves its subtree) is saved on its own within the bulk
commit: ``derive`` refuses the save's first query before it runs.
"""

from __future__ import annotations

from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from anjian.core.excel.cells import _chunks
from anjian.core.excel.checking import ImportContext, ImportResult

_WRITE_CHUNK = 1000  # rows a bulk write sends at a time (the database splits it further if needed)


class WritingMixin:
    """``Ledger.commit``: re-validate and write every row in one transaction, all or nothing."""

    # False: every row is saved by its form, one at a time (see the module's docstring).
    write_in_bulk = True

    def writes_in_bulk(self) -> bool:
        if not self.write_in_bulk:
            return False
        names = set(self.form_field_names())
        return not any(f.name in names for f in self.model._meta.many_to_many)

    def commit(self, parsed, user, progress=None, reuse=None) -> ImportResult:
        """Re-validate and write every row in one transaction: all or nothing. ``reuse``: the
        result of ``check`` on the same rows just before (its related records are taken over)."""
        with transaction.atomic():
            ctx = ImportContext(self, user, commit=True)
            ctx.bulk = self.writes_in_bulk()
            context = getattr(reuse, "context", None)
            result = self._process(parsed, ctx, progress, reuse=context)
            if result.ok and ctx.queued:
                try:
                    self.write_queued(ctx)
                except IntegrityError as exc:
                    # The transaction is spent: nothing more can be asked of the database.
                    result.file_errors.append(
                        _("The database refused the rows: %(reason)s. Nothing was written.")
                        % {"reason": exc}
                    )
                    transaction.set_rollback(True)
                    return result
                for row, obj, _is_new, _stored in ctx.queued:
                    self.after_row(row, obj, ctx)
            if result.ok and ctx.saved:
                # One query per 500 rows re-checks that every written row lies within reach.
                pks = [obj.pk for _row, obj in ctx.saved]
                visible = set()
                for chunk in _chunks(pks):
                    visible.update(
                        self.model._default_manager.restrict(user, "view")
                        .filter(pk__in=chunk)
                        .values_list("pk", flat=True)
                    )
                for row, obj in ctx.saved:
                    if obj.pk not in visible:
                        row.errors.append(_("This row lies outside your jurisdiction."))
            result.committed = result.ok
            if not result.committed:
                transaction.set_rollback(True)
        return result

    def write_queued(self, ctx: ImportContext) -> None:
        """Write the queued rows in waves: a row waits for the rows of the file it names."""
        waves: list[list] = []
        depth: dict[int, int] = {}
        relations = [f for f in self.model._meta.concrete_fields if f.is_relation]
        for item in ctx.queued:
            obj = item[1]
            level = 0
            for model_field in relations:
                related = model_field.get_cached_value(obj, None)
                if related is not None and related.pk is None and id(related) in depth:
                    level = max(level, depth[id(related)] + 1)
            depth[id(obj)] = level
            while len(waves) <= level:
                waves.append([])
            waves[level].append(item)
        for wave in waves:
            self._write_wave(wave, ctx)

    def _write_wave(self, wave, ctx: ImportContext) -> None:
        model = self.model
        now = timezone.now()
        auto_now = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        created, updated = [], {}
        relations = [f for f in model._meta.concrete_fields if f.is_relation]
        for row, obj, is_new, stored in wave:
            obj._history_user = ctx.user
            for model_field in relations:
                # A row of an earlier wave has its key now: its id, before save() reads it (a
                # region's path is its parent's path and its code).
                related = model_field.get_cached_value(obj, None)
                if related is not None and getattr(obj, model_field.attname) is None:
                    setattr(obj, model_field.name, related)
            if not self.derive(obj):
                obj.save()  # its save() needs the database: this row on its own
                ctx.saved.append((row, obj))
                continue
            ctx.saved.append((row, obj))
            if is_new:
                created.append(obj)
                continue
            for model_field in auto_now:
                setattr(obj, model_field.attname, now)
            changed = tuple(
                f.name
                for f in fields
                if getattr(obj, f.attname) != stored.get(f.attname) or f in auto_now
            )
            updated.setdefault(changed, []).append(obj)
        for chunk in _chunks(created, _WRITE_CHUNK):
            bulk_create_with_history(chunk, model, default_user=ctx.user)
        for changed, objs in updated.items():
            for chunk in _chunks(objs, _WRITE_CHUNK):
                bulk_update_with_history(chunk, model, list(changed), default_user=ctx.user)

    def derive(self, obj) -> bool:
        """Run the model's own ``save()`` up to its write (``save_base``), which is skipped: the
        derivations a save makes, without the write. False when that ``save()`` needs the
        database (a lookup, another row to write): its first query is refused, before it runs
        (savepoints aside), and the row is then saved on its own."""
        reached = []

        def refuse(execute, sql, params, many, context):
            if sql.lstrip().upper().startswith(_SAVEPOINT_STATEMENTS):
                return execute(sql, params, many, context)
            raise _NeedsDatabase

        obj.save_base = lambda *args, **kwargs: reached.append(kwargs)
        connection = connections[router.db_for_write(type(obj), instance=obj)]
        try:
            with connection.execute_wrapper(refuse):
                obj.save()
        except _NeedsDatabase:
            return False
        finally:
            del obj.save_base
        return bool(reached)


class _NeedsDatabase(Exception):
    """A save() asked the database something while it was only deriving its fields."""


_SAVEPOINT_STATEMENTS = ("SAVEPOINT", "RELEASE", "ROLLBACK TO")
