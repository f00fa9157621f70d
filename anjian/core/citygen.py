"""The synthetic city: a deterministic, large data set for measuring the platform at scale.

``manage.py generate_city --scale 1.0 --seed 7`` runs every registered generator in order. Each app
keeps its generator in ``anjian/<app>/citygen.py`` and registers it there (the command imports every
installed app's ``citygen`` module, so no app needs to be named here)::

    from anjian.core import citygen

    @citygen.register_generator("spaces", order=50)
    def generate_spaces(city):
        for enterprise_id, region_id in city.enterprises: ...
        city.bulk(ConfinedSpace, rows)

A generator reads what earlier ones made from ``city`` (``regions_by_level``, ``enterprises``,
``people`` …, lists of ids, in creation order), draws every random choice from ``city.rng`` (so the
same seed builds the same city), and writes through ``city.bulk()`` with a progress line. Rows are
written straight to the tables — no ``save()``, no history rows, no signals — so a generator sets
every derived field itself (region paths, copied regions, pinyin).

``city.bulk(model, objs)`` takes model instances and returns them with their primary keys. For big
tables pass tuples instead — ``city.bulk(model, rows, fields=("name", "region_id", …))`` returns
the new primary keys in order — which spares building a model instance per row (the larger part of
the time at scale 1.0). Fields left out get their model default (``created_at``/``updated_at``:
now; a callable default that may differ per row, such as a token, is called per row). Either way the primary keys are assigned here in one consecutive range, the rows go to
PostgreSQL with ``COPY`` (one stream per call; the sequence is moved past them afterwards) and to
SQLite with one prepared ``INSERT`` (``executemany``; its FTS triggers fire as for any insert).
Tuple values are what the model field holds (str, int, date, Decimal, a list for a JSON field …).

Sizes scale with ``city.scale``; a village keeps the same density at every scale (``city.count``),
so a village user's reach is alike in a small city and a large one.
"""

from __future__ import annotations

import datetime
import decimal
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, models
from django.db.models import JSONField
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

# At scale 1.0 (issue 9): one city, 6 districts, 60 sub-districts, 600 villages, 50,000 enterprises,
# 200,000 people, 300,000 certificates, 5,000 sessions.
FULL_SIZE = {
    "districts": 6,
    "subdistricts": 60,
    "villages": 600,
    "enterprises": 50_000,
    "people": 200_000,
    "certificates": 300_000,
    "sessions": 5_000,
}

# A fictitious city code (province 44, city 99): never collides with real codes or the demo world.
CITY_CODE = "4499"


# Fields whose value of exactly this type Django's preparation hands to psycopg unchanged (so
# city.bulk() skips it for model instances on PostgreSQL); None passes too. Subclasses are not
# listed: they may prepare values their own way.
PLAIN_FIELDS = {
    models.CharField: str,
    models.TextField: str,
    models.SlugField: str,
    models.EmailField: str,
    models.URLField: str,
    models.IntegerField: int,
    models.BigIntegerField: int,
    models.SmallIntegerField: int,
    models.PositiveIntegerField: int,
    models.PositiveBigIntegerField: int,
    models.PositiveSmallIntegerField: int,
    models.BooleanField: bool,
    models.DateField: datetime.date,
    models.DecimalField: decimal.Decimal,
    models.ForeignKey: int,
    models.OneToOneField: int,
}

# Callable defaults that give the same value every time (prepared once for all rows).
CONSTANT_FACTORIES = (list, dict, tuple, set, str, int, float, bool)


class CityExists(Exception):
    """The database already holds a synthetic city (its codes are fixed, so it cannot hold two)."""


@dataclass(frozen=True)
class Generator:
    name: str
    func: Callable
    order: int


_generators: list[Generator] = []


def register_generator(name: str, func: Callable | None = None, *, order: int = 100):
    """Register ``func(city)`` under ``name``; usable as a decorator. Lower orders run first."""

    def add(f):
        if all(g.name != name for g in _generators):
            _generators.append(Generator(name, f, order))
        return f

    return add(func) if func is not None else add


def generators() -> list[Generator]:
    return sorted(_generators, key=lambda g: (g.order, g.name))


@dataclass
class City:
    """What the generators share: the scale, the random source and the ids made so far."""

    scale: float = 1.0
    seed: int = 1
    batch_size: int = 5000
    out: object = field(default=sys.stdout)
    rng: random.Random = field(init=False)
    # Lists of ids (and tuples where a generator needs more), in creation order.
    regions_by_level: dict[str, list] = field(default_factory=dict)
    region_paths: dict[int, str] = field(default_factory=dict)
    organizations: dict[str, list] = field(default_factory=dict)
    enterprises: list[tuple[int, int]] = field(default_factory=list)  # (id, region_id)
    people: list[tuple[int, int, int | None]] = field(
        default_factory=list
    )  # (id, region, employer)
    users: dict[str, object] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    def count(self, what: str, minimum: int = 1) -> int:
        """How many of ``what`` this scale holds (at least ``minimum``)."""
        return max(minimum, round(FULL_SIZE[what] * self.scale))

    def say(self, text: str) -> None:
        if self.out is not None:
            self.out.write(text + "\n")
            flush = getattr(self.out, "flush", None)
            if flush:
                flush()

    def bulk(self, model, objs, *, fields=None, label: str | None = None) -> list:
        """Write ``objs`` to ``model``'s table with progress.

        Without ``fields``: ``objs`` are model instances; returns them with their primary keys set.
        With ``fields`` (field names or attnames): ``objs`` are tuples in that order; returns the
        new primary keys in order. See the module docstring."""
        label = label or str(model._meta.verbose_name_plural)
        started = time.monotonic()
        writer = _Writer(model, fields)
        instances = fields is None
        made: list = []
        pks = writer.write(
            (writer.row_of(obj) for obj in _remember(objs, made)) if instances else objs,
            progress=lambda n: self.say(f"  {label}: {n:,}"),
            every=self.batch_size,
        )
        if instances:
            db = connection.alias
            for obj, pk in zip(made, pks, strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = db
        self.created[label] = self.created.get(label, 0) + len(pks)
        self.say(f"  {label}: {len(pks):,} in {time.monotonic() - started:.1f} s")
        return made if instances else pks

    def choice(self, seq):
        return seq[self.rng.randrange(len(seq))]


def _remember(objs, into: list):
    for obj in objs:
        into.append(obj)
        yield obj


class _Writer:
    """Rows of one model to its table: primary keys assigned in one range, ``COPY`` on PostgreSQL,
    one prepared ``INSERT`` on SQLite; fields the caller leaves out take their defaults."""

    def __init__(self, model, fields):
        meta = model._meta
        if meta.parents:
            raise ValueError(f"{meta.label}: city.bulk() writes one table; no inherited models.")
        self.model = model
        self.table = meta.db_table
        self.postgres = connection.vendor == "postgresql"
        pk = meta.pk
        self.assign_pk = getattr(pk, "auto_created", False) or isinstance(pk, AutoFieldMixin)
        concrete = [f for f in meta.concrete_fields if f.column]
        if fields is None:  # instances: every concrete field, through the fields' own pre_save
            given = [f for f in concrete if not (self.assign_pk and f is pk)]
            self.instance_fields = given
            self.instance_specs = [(f, self._passes_as(f)) for f in given]
        else:
            given = [meta.get_field(name) for name in fields]
            if pk in given:
                self.assign_pk = False
        self.pk_index = None if self.assign_pk else given.index(pk)
        # Fields left out: a constant default is prepared once; a callable one that may differ
        # per row (a token, a UUID, today) is called per row, as save() would.
        now = timezone.now()
        constant, per_row = [], []
        for f in concrete:
            if f in given or (self.assign_pk and f is pk):
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                constant.append((f, now))
            elif callable(f.default) and f.default not in CONSTANT_FACTORIES:
                per_row.append(f)
            else:
                constant.append((f, f.get_default()))
        self.fields = given
        self.convert = (
            []
            if fields is None
            else [(i, c) for i, f in enumerate(given) if (c := self._converter(f))]
        )
        self.constant_values = tuple(
            conv(value) if (conv := self._converter(f)) else value for f, value in constant
        )
        self.per_row = [(f, self._converter(f)) for f in per_row]
        self.columns = (
            ([pk] if self.assign_pk else []) + given + [f for f, _value in constant] + per_row
        )

    def _converter(self, f):
        """How a field's Python value becomes what the database driver takes."""
        if self.postgres:
            if isinstance(f, JSONField):
                encoder = f.encoder
                return lambda v: None if v is None else json.dumps(v, cls=encoder)
            return None  # psycopg adapts str, int, date, datetime, Decimal, UUID itself
        return lambda v: f.get_db_prep_save(v, connection)

    def _passes_as(self, f):
        """The Python type in which a value of ``f`` needs no preparation on its way to psycopg
        (Django's own preparation would return it unchanged), or None."""
        if not self.postgres:
            return None
        return PLAIN_FIELDS.get(type(f))

    def row_of(self, obj) -> tuple:
        """An instance as a tuple of ``self.fields``: each field's ``pre_save`` (``auto_now``,
        files) and, unless the value is already what the driver takes, its preparation."""
        if self.assign_pk and obj.pk is not None:
            raise ValueError(f"{obj!r}: city.bulk() assigns the primary keys; leave them unset.")
        row = []
        for f, plain in self.instance_specs:
            value = f.pre_save(obj, True)
            if plain is None or not (value is None or type(value) is plain):
                value = f.get_db_prep_save(value, connection)
            row.append(value)
        return tuple(row)

    def write(self, rows, *, progress, every: int) -> list:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.columns)
        convert = self.convert
        constant = self.constant_values
        per_row = self.per_row
        pks: list = []
        next_pk = self._first_pk() if self.assign_pk else None
        pk_index = self.pk_index

        def prepared():
            nonlocal next_pk
            for row in rows:
                if convert:
                    row = list(row)
                    for i, conv in convert:
                        row[i] = conv(row[i])
                if per_row:
                    row = (
                        *row,
                        *constant,
                        *(c(f.get_default()) if c else f.get_default() for f, c in per_row),
                    )
                else:
                    row = (*row, *constant)
                if next_pk is not None:
                    pks.append(next_pk)
                    out = (next_pk, *row)
                    next_pk += 1
                else:
                    pks.append(row[pk_index])
                    out = row
                if len(pks) % every == 0:
                    progress(len(pks))
                yield out

        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {quote(self.table)} ({columns}) FROM STDIN") as copy:
                    for out in prepared():
                        copy.write_row(out)
                if self.assign_pk:
                    self._move_sequence(cursor, next_pk)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {quote(self.table)} ({columns}) VALUES ({marks})"
                batch: list = []
                for out in prepared():
                    batch.append(out)
                    if len(batch) >= every:
                        cursor.executemany(sql, batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
        return pks

    def _first_pk(self) -> int:
        with connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s))",
                    [connection.ops.quote_name(self.table), self.model._meta.pk.column],
                )
                return cursor.fetchone()[0]
            cursor.execute(
                f"SELECT COALESCE(MAX({connection.ops.quote_name(self.model._meta.pk.column)}), 0) "
                f"FROM {connection.ops.quote_name(self.table)}"
            )
            return cursor.fetchone()[0] + 1

    def _move_sequence(self, cursor, next_pk: int) -> None:
        """After ``COPY`` with explicit keys: the next ``nextval`` gives ``next_pk``."""
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)",
            [connection.ops.quote_name(self.table), self.model._meta.pk.column, next_pk],
        )


def generate(scale: float = 1.0, seed: int = 1, out=sys.stdout, batch_size: int = 5000) -> City:
    """Build the city: every registered generator in order (``manage.py generate_city``)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("citygen")
    city = City(scale=scale, seed=seed, out=out, batch_size=batch_size)
    started = time.monotonic()
    for gen in generators():
        city.say(f"{gen.name} …")
        t0 = time.monotonic()
        gen.func(city)
        city.say(f"{gen.name}: done in {time.monotonic() - t0:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    city.say(f"city generated in {time.monotonic() - started:.1f} s")
    return city
