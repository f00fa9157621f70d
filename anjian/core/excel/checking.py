"""Checking import rows: lookups loaded once for the file, one form bound again for each row.

Related records, existing keys and what the user may change are loaded once for the whole file
(``prepare``), outside any transaction, so a preview holds no write lock. Every problem of every
row is collected at once. A blank cell leaves the stored value as it is; the clear marker
(``CLEAR_MARKERS``) empties it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models
from django.db.models import F, Q, Value
from django.forms.models import model_to_dict
from django.utils import translation
from django.utils.translation import gettext as _

from anjian.core.excel.cells import _cell_text, _chunks, is_clear_marker

if TYPE_CHECKING:
    from anjian.core.excel.ledger import Column, Ledger


@dataclass
class RowResult:
    number: int  # the row number as Excel shows it
    values: dict
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # shown, not refused (an unknown county)
    is_new: bool = True
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (header, before, after)

    @property
    def changed(self) -> bool:
        return self.is_new or bool(self.changes)


@dataclass
class ImportResult:
    rows: list[RowResult]
    committed: bool = False
    file_errors: list[str] = field(default_factory=list)  # problems of the whole commit
    context: ImportContext | None = field(default=None, repr=False)  # what the check loaded

    @property
    def warned_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.warnings and not r.errors]

    @property
    def bad_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.bad_rows and not self.file_errors

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.is_new and not r.errors)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if not r.is_new and r.changes and not r.errors)

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if not r.is_new and not r.changes and not r.errors)

    @property
    def changed_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.changed and not r.errors]

    def summary(self) -> dict:
        return {
            "rows": len(self.rows),
            "bad": len(self.bad_rows),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


_AMBIGUOUS = object()


class ImportContext:
    """What an import loads once for the whole file: related records, existing rows, rights."""

    def __init__(self, ledger: Ledger, user, *, commit: bool):
        self.ledger = ledger
        self.user = user
        self.commit = commit
        self.lookups: dict[str, dict[str, list[dict]]] = {}  # field → lookup → text → [objs]
        self.allowed: dict[str, dict[str, models.Model]] = {}  # form field → str(pk) → obj
        self.existing: dict[str, models.Model] = {}  # normalised key → instance
        self.changeable: set = set()
        self.pending: dict[str, dict[str, models.Model]] = {}  # field → text → earlier row's obj
        self.tokens: dict[str, models.Model] = {}  # "pending:N" → unsaved obj (preview only)
        self.saved: list = []  # (row, obj) written by the commit
        self.bulk = False  # the commit queues rows and writes them in bulk (core.excel.writing)
        self.queued: list = []  # (row, obj, is_new, stored values before) waiting to be written
        self.forms: dict = {}  # "new"/"existing" → the form bound again for each row
        self.looked_up: dict[str, set] = {}  # form field → pks asked for in its choices
        self.instance = None  # the row being validated


class CheckingMixin:
    """The import half of ``Ledger``: check (the preview) and commit."""

    def normalize_key(self, value) -> str:
        if value is None:
            return ""
        return str(value).strip()

    def run(self, upload, user, *, commit: bool, progress=None) -> ImportResult:
        """Read ``upload``, then check it (``commit=False``) or check and write it."""
        parsed = self.read(upload)
        return self.commit(parsed, user, progress) if commit else self.check(parsed, user, progress)

    def check(self, parsed, user, progress=None) -> ImportResult:
        """Validate every row; writes nothing and opens no transaction (no write lock held)."""
        ctx = ImportContext(self, user, commit=False)
        result = self._process(parsed, ctx, progress)
        result.context = ctx  # a commit right after reuses its lookups (``commit(reuse=…)``)
        return result

    def _process(self, parsed, ctx: ImportContext, progress=None, reuse=None) -> ImportResult:
        self.prepare(parsed, ctx, reuse)
        result = ImportResult(rows=[])
        seen_keys: dict[str, int] = {}
        key_header = self.header(self._key_column())
        for done, (number, values) in enumerate(parsed, start=1):
            row = RowResult(number=number, values=values)
            result.rows.append(row)
            key_value = self.normalize_key(values.get(self.key))
            if key_value and key_value in seen_keys:
                row.errors.append(
                    _("%(column)s “%(value)s” already appears in row %(row)s.")
                    % {"column": key_header, "value": key_value, "row": seen_keys[key_value]}
                )
            else:
                if key_value:
                    seen_keys[key_value] = number
                try:
                    self.import_row(row, ctx)
                except IntegrityError as exc:
                    # Only a commit writes; the transaction is spent (and rolled back): stop here.
                    row.errors.append(
                        _(
                            "The database refused this row: %(reason)s. Nothing was written; "
                            "the rows after it were not checked."
                        )
                        % {"reason": exc}
                    )
                    break
            if progress is not None and (done % 200 == 0 or done == len(parsed)):
                progress(done, len(parsed))
        return result

    def prepare(self, parsed, ctx: ImportContext, reuse: ImportContext | None = None) -> None:
        """Load, once for the whole file, what the rows refer to. ``reuse``: the context of a
        check of the same rows just before (same user): its related records are taken over; the
        existing rows and the user's rights on them are loaded again."""
        # Existing rows by key, with the related records the rules read.
        keys = {self.normalize_key(v.get(self.key)) for _n, v in parsed} - {""}
        form_fk = [
            f.name
            for f in self.model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.name in self.form_field_names()
        ]
        for chunk in _chunks(keys):
            queryset = self.model._default_manager.filter(**{f"{self.key}__in": chunk})
            for obj in queryset.select_related(*form_fk):
                ctx.existing[self.normalize_key(getattr(obj, self.key))] = obj
        pks = [obj.pk for obj in ctx.existing.values()]
        for chunk in _chunks(pks):
            ctx.changeable.update(
                self.model._default_manager.restrict(ctx.user, "change")
                .filter(pk__in=chunk)
                .values_list("pk", flat=True)
            )
        # Related records named in the file, by every lookup the column accepts.
        candidates: dict[str, set] = {}
        for column in self.columns:
            if not self.is_relation(column):
                continue
            if reuse is not None and column.field in reuse.lookups:
                ctx.lookups[column.field] = reuse.lookups[column.field]
                continue  # the check just before found them; the candidates are in its choices
            texts = set()
            for _n, values in parsed:
                text = _cell_text(values.get(column.field))
                if text and not is_clear_marker(text):
                    texts.add(text)
                    texts.update(text.split(None, 1))  # "C33 金属制品业" → "C33", "金属制品业"
            related = self.model_field(column).related_model
            maps = {lookup: {} for lookup in (column.lookup or "pk", *column.alternate_lookups)}
            for lookup in maps:
                for chunk in _chunks(texts):
                    try:
                        found = list(related._default_manager.filter(**{f"{lookup}__in": chunk}))
                    except (ValueError, ValidationError):  # e.g. text for an integer pk
                        found = []
                    for obj in found:
                        maps[lookup].setdefault(str(getattr(obj, lookup)), []).append(obj)
                        candidates.setdefault(column.field, set()).add(obj.pk)
            ctx.lookups[column.field] = maps
        # The choices each form field accepts, for every record the file or the rows refer to.
        prototype = self.form_class(user=ctx.user)
        for name, form_field in prototype.fields.items():
            if not isinstance(form_field, forms.ModelChoiceField) or isinstance(
                form_field, forms.ModelMultipleChoiceField
            ):
                continue
            wanted = set(candidates.get(name, set()))
            attname = self.model._meta.get_field(name).attname
            wanted.update(
                getattr(obj, attname)
                for obj in ctx.existing.values()
                if getattr(obj, attname) is not None
            )
            allowed = {}
            if reuse is not None:
                # Taken over from the check: only records saved before it (not its pending rows).
                allowed.update(
                    {k: o for k, o in reuse.allowed.get(name, {}).items() if o.pk is not None}
                )
                wanted -= reuse.looked_up.get(name, set())
            ctx.looked_up[name] = set(wanted)
            for chunk in _chunks(wanted):
                allowed.update({str(o.pk): o for o in form_field.queryset.filter(pk__in=chunk)})
            ctx.allowed[name] = allowed

    def form_field_names(self) -> list[str]:
        return list(self.form_class._meta.fields or [])

    def resolve(self, column: Column, text: str, row: RowResult, ctx: ImportContext):
        """A related record named by ``text`` (code, name or "code name"), or None with an error."""
        maps = ctx.lookups.get(column.field, {})
        for found in maps.values():
            matches = found.get(text, [])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                row.errors.append(
                    _("%(column)s: “%(value)s” matches more than one record; use its code.")
                    % {"column": self.header(column), "value": text}
                )
                return None
        parts = text.split(None, 1)
        if len(parts) == 2:  # "C33 金属制品业": the code decides, the name must agree
            code, name = parts
            matches = maps.get(column.lookup or "pk", {}).get(code, [])
            if len(matches) == 1 and str(getattr(matches[0], "name", name)) == name:
                return matches[0]
        pending = ctx.pending.get(column.field, {}).get(text)
        if pending is not None:
            return pending
        row.errors.append(
            _("%(column)s: “%(value)s” was not found.")
            % {"column": self.header(column), "value": text}
        )
        return None

    def form_data(self, row: RowResult, instance, ctx: ImportContext, unresolved=None) -> dict:
        """Cell values → form data. A blank cell keeps the stored value; the clear marker empties."""
        names = self.form_field_names()
        if instance is not None:
            data = {k: v for k, v in model_to_dict(instance, fields=names).items() if k in names}
            for key, value in list(data.items()):
                if isinstance(value, models.Model):
                    data[key] = value.pk
        else:
            data = {}
        for column in self.columns:
            if column.field not in names:
                continue
            model_field = self.model_field(column)
            raw = row.values.get(column.field)
            if isinstance(raw, str):
                raw = raw.strip()
            if raw is None or raw == "":
                if instance is None:
                    data[column.field] = ""
                continue  # blank: leave it as it is
            if is_clear_marker(raw):
                data[column.field] = ""
                continue
            if isinstance(model_field, models.ForeignKey):
                obj = self.resolve(column, _cell_text(raw), row, ctx)
                if obj is None:
                    data[column.field] = ""
                    if unresolved is not None:
                        unresolved.add(column.field)
                elif obj.pk is None:
                    token = f"pending:{id(obj)}"
                    ctx.tokens[token] = obj
                    data[column.field] = token
                else:
                    data[column.field] = str(obj.pk)
            elif model_field.choices:
                data[column.field] = self.choice_labels(model_field).get(str(raw), raw)
            elif isinstance(model_field, models.BooleanField):
                data[column.field] = str(raw) in {"1", "True", "true", str(_("Yes")), "是"}
            else:
                data[column.field] = raw
        return data

    def choice_labels(self, model_field) -> dict:
        """Choice label (in any language) → stored value."""
        cache = self.__dict__.setdefault("_choice_labels", {})
        if model_field.name not in cache:
            labels = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    labels.update({str(label): value for value, label in model_field.flatchoices})
            cache[model_field.name] = labels
        return cache[model_field.name]

    def build_form(self, data, instance, ctx: ImportContext):
        """The form of one row. Built once per kind of row (new / existing) and bound again for
        each row: a ModelForm's construction (deep copies, limit_choices_to, the jurisdiction's
        querysets) costs far more than validating a row."""
        kind = "new" if instance is None else "existing"
        form = ctx.forms.get(kind)
        if form is None:
            form = self.form_class(data=data, instance=instance, user=ctx.user)
            form.user = ctx.user
            for name, form_field in form.fields.items():
                if isinstance(form_field, forms.ModelChoiceField) and not isinstance(
                    form_field, forms.ModelMultipleChoiceField
                ):
                    form_field.to_python = _preloaded_choice(form_field, name, ctx)
            if not ctx.commit or self.key_is_the_only_unique():
                # The key is checked once for the file (in the file and against stored rows);
                # other uniqueness is left to the commit, which runs every check.
                form.validate_unique = lambda: None
            ctx.forms[kind] = form
        _rebind(form, data, instance)
        ctx.instance = instance
        checked = [
            name
            for name, f in form.fields.items()
            if isinstance(f, forms.ModelChoiceField)
            and not isinstance(f, forms.ModelMultipleChoiceField)
        ]
        # The form field checked each related record against the preloaded, restricted choices
        # (limit_choices_to included); the model need not query each one again.
        target = form.instance
        clean_fields = target.clean_fields

        def clean_fields_but_relations(exclude=None):
            return clean_fields(exclude={*(exclude or ()), *checked})

        target.clean_fields = clean_fields_but_relations
        # The model's check constraints, in Python (no query), in the preview as in the commit:
        # a row that would break one is a listed error, never an IntegrityError at the commit.
        # Uniqueness: the key is checked once for the file; the commit checks any other rule.
        uniques = ctx.commit and not self.key_is_the_only_unique()
        validate_constraints = target.validate_constraints
        get_constraints = target.get_constraints

        def constraints_checked(exclude=None):
            errors = check_constraint_errors(target, exclude)
            if uniques:
                target.get_constraints = lambda: [
                    (model, [c for c in cs if not isinstance(c, models.CheckConstraint)])
                    for model, cs in get_constraints()
                ]
                try:
                    validate_constraints(exclude=exclude)
                except ValidationError as exc:
                    errors = exc.update_error_dict(errors)
                finally:
                    del target.get_constraints
            if errors:
                raise ValidationError(errors)

        target.validate_constraints = constraints_checked
        return form

    def key_is_the_only_unique(self) -> bool:
        """True when the model's only uniqueness rule (and constraint) is its key: the file's
        check of the key is then the whole uniqueness check, and the database backs it."""
        meta = self.model._meta
        uniques = {f.name for f in meta.concrete_fields if f.unique and not f.primary_key}
        for constraint in meta.constraints:
            if isinstance(constraint, models.CheckConstraint):
                continue  # not a uniqueness rule (the commit validates it)
            if not isinstance(constraint, models.UniqueConstraint) or constraint.condition:
                return False
            uniques.add(
                tuple(constraint.fields) if len(constraint.fields) != 1 else constraint.fields[0]
            )
        return uniques <= {self.key} and not meta.unique_together

    def import_row(self, row: RowResult, ctx: ImportContext):
        key_value = self.normalize_key(row.values.get(self.key))
        instance = ctx.existing.get(key_value) if key_value else None
        if instance is not None:
            row.is_new = False
            if instance.pk not in ctx.changeable:
                row.errors.append(
                    _("%(column)s “%(value)s” is already in use by a record you cannot change.")
                    % {"column": self.header(self._key_column()), "value": key_value}
                )
                return
            before = {c.field: self.text(instance, c) for c in self.columns}
            stored = {f.attname: getattr(instance, f.attname) for f in self.model._meta.fields}
        unresolved: set[str] = set()
        data = self.form_data(row, instance, ctx, unresolved)
        form = self.build_form(data, instance, ctx)
        if not form.is_valid():
            # Every problem of the row at once, but a cell already named is not named twice.
            for name, errors in form.errors.items():
                if name in unresolved:
                    continue
                label = str(form.fields[name].label) if name in form.fields else _("Row")
                row.errors.extend(f"{label}: {e}" for e in errors)
        if row.errors:
            return
        row.warnings.extend(str(w) for w in self.row_warnings(form.instance, ctx))
        if instance is not None:
            if not form.has_changed():
                # Re-importing an export leaves its rows untouched: no save, no history row.
                return
            for column in self.columns:
                after = self.text(form.instance, column)
                if after != before[column.field]:
                    row.changes.append((self.header(column), before[column.field], after))
            if not row.changes:
                return
        obj = form.instance
        if ctx.bulk:
            # Written with the other rows at the end (core.excel.writing); later rows may name
            # this one meanwhile (remember), and ``after_row`` runs once it is written.
            ctx.queued.append((row, obj, instance is None, stored if instance is not None else {}))
            self.remember(obj, ctx)
            return
        if ctx.commit:
            try:
                obj = form.save()
            except ValidationError as exc:
                row.errors.extend(exc.messages)
                return
            ctx.saved.append((row, obj))
        self.after_row(row, obj, ctx)
        if not row.errors:
            self.remember(obj, ctx)

    def after_row(self, row: RowResult, obj, ctx: ImportContext) -> None:
        """A hook for ledger-specific steps after a good row (saved when committing)."""

    def row_warnings(self, obj, ctx: ImportContext) -> list:
        """What the preview shows about a good row without refusing it (a hook; the ledger of
        people names an ID number's unknown county, as the person page and the API do)."""
        return []

    def remember(self, obj, ctx: ImportContext) -> None:
        """Let later rows of the file refer to this one (a landlord, a parent region)."""
        for column in self.columns:
            if not self.is_relation(column) or self.model_field(column).related_model is not type(
                obj
            ):
                continue
            names = ctx.pending.setdefault(column.field, {})
            for lookup in (column.lookup or "pk", *column.alternate_lookups):
                value = getattr(obj, lookup, None)
                if value not in (None, ""):
                    names[str(value)] = obj
            names[self.related_text(column, obj)] = obj
            if obj.pk is not None:
                ctx.allowed.setdefault(column.field, {})[str(obj.pk)] = obj


def _preloaded_choice(form_field, name, ctx: ImportContext):
    """A ModelChoiceField.to_python that looks in the preloaded records instead of querying."""

    def to_python(value):
        if value in form_field.empty_values:
            return None
        key = str(value.pk if isinstance(value, models.Model) else value)
        if key.startswith("pending:") and key in ctx.tokens:
            return ctx.tokens[key]
        obj = ctx.allowed.get(name, {}).get(key)
        if obj is not None:
            return obj
        instance = ctx.instance
        if instance is not None:
            attname = instance._meta.get_field(name).attname
            if str(getattr(instance, attname)) == key:
                return getattr(instance, name)  # a saved record keeps its current choice
        raise ValidationError(form_field.error_messages["invalid_choice"], code="invalid_choice")

    return to_python


def _rebind(form, data, instance) -> None:
    """Bind an existing ModelForm to another row's data and instance, as a new form would be."""
    opts = form._meta
    if instance is None:
        instance = opts.model()
        initial = {}
    else:
        initial = model_to_dict(instance, opts.fields, opts.exclude)
    form.instance = instance
    form.initial = initial
    form.data = data
    form.files = {}
    form.is_bound = True
    form._errors = None
    form._validate_unique = False
    form._bound_fields_cache = {}
    form.__dict__.pop("cleaned_data", None)
    form.__dict__.pop("changed_data", None)


# --- check constraints in Python ---------------------------------------------------------------
class _Unsupported(Exception):
    """A condition this evaluator does not read: the constraint's own query decides."""


_COMPARE = {
    "exact": lambda a, b: a == b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}
_PENDING = object()  # a relation to a row of the same file, not written yet: not null


def check_constraint_errors(obj, exclude=None) -> dict:
    """The model's check constraints evaluated on ``obj`` in Python, as the database would: NULL
    passes (SQL's unknown), and a constraint on an excluded field (one the form did not set, or
    one already in error) is skipped, as ``Model.validate_constraints`` does. A condition the
    evaluator cannot read (a function, a lookup across a relation) runs the constraint's own
    query. Returns ``{field or NON_FIELD_ERRORS: [errors]}``."""
    exclude = set(exclude or ())
    errors: dict = {}
    for model, constraints in obj.get_constraints():
        for constraint in constraints:
            if not isinstance(constraint, models.CheckConstraint):
                continue
            try:
                names = set()
                passed = _evaluate(constraint.condition, obj, names) is not False
                if names & exclude:
                    continue
            except (_Unsupported, TypeError, FieldDoesNotExist):
                try:
                    constraint.validate(model, obj, exclude=exclude)
                except ValidationError as exc:
                    errors = exc.update_error_dict(errors)
                continue
            if not passed:
                exc = ValidationError(
                    constraint.get_violation_error_message(), code=constraint.violation_error_code
                )
                errors = exc.update_error_dict(errors)
    return errors


def _evaluate(node, obj, names):
    """True, False or None (unknown: a NULL took part) for a Q tree over ``obj``'s fields."""
    if isinstance(node, Q):
        values = [_evaluate(child, obj, names) for child in node.children]
        if node.connector == Q.AND:
            value = False if False in values else (None if None in values else True)
        elif node.connector == Q.OR:
            value = True if True in values else (None if None in values else False)
        else:
            raise _Unsupported(node.connector)
        if node.negated and value is not None:
            value = not value
        return value
    if not isinstance(node, tuple):
        raise _Unsupported(node)
    lhs, rhs = node
    name, _sep, lookup = lhs.partition("__")
    lookup = lookup or "exact"
    value = _field_value(obj, name, names)
    if lookup == "isnull":
        return (value is None) == bool(rhs)
    if isinstance(rhs, F):
        rhs = _field_value(obj, rhs.name, names)
    elif isinstance(rhs, Value):
        rhs = rhs.value
    elif isinstance(rhs, models.Model):
        rhs = rhs.pk
    elif hasattr(rhs, "resolve_expression"):
        raise _Unsupported(rhs)
    if value is _PENDING or rhs is _PENDING:
        raise _Unsupported(lhs)
    if lookup == "exact" and rhs is None:
        return value is None  # Q(field=None) is IS NULL
    if lookup == "in":
        return None if value is None else value in rhs
    if lookup == "range":
        return None if value is None else rhs[0] <= value <= rhs[1]
    compare = _COMPARE.get(lookup)
    if compare is None:
        raise _Unsupported(lookup)
    if value is None or rhs is None:
        return None
    return compare(value, rhs)


def _field_value(obj, name, names):
    if "__" in name:
        raise _Unsupported(name)
    model_field = obj._meta.get_field(name)
    if not model_field.concrete:
        raise _Unsupported(name)
    names.add(model_field.name)
    value = getattr(obj, model_field.attname)
    if value is None and model_field.is_relation and model_field.is_cached(obj):
        related = model_field.get_cached_value(obj)
        if related is not None:
            return _PENDING
    return value
