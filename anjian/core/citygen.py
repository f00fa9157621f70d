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
same seed builds the same city), and writes through ``city.bulk()``: ``bulk_create`` in batches with
a progress line. Rows are written straight to the tables — no ``save()``, no history rows, no
signals — so a generator sets every derived field itself (region paths, copied regions, pinyin).

Sizes scale with ``city.scale``; a village keeps the same density at every scale (``city.count``),
so a village user's reach is alike in a small city and a large one.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

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

    def bulk(self, model, objs, *, label: str | None = None) -> list:
        """``bulk_create`` ``objs`` (any iterable) in batches, with progress; returns the rows
        (with primary keys on PostgreSQL and SQLite ≥ 3.35)."""
        label = label or str(model._meta.verbose_name_plural)
        made: list = []
        batch: list = []
        started = time.monotonic()
        for obj in objs:
            batch.append(obj)
            if len(batch) >= self.batch_size:
                made.extend(model._base_manager.bulk_create(batch))
                batch = []
                self.say(f"  {label}: {len(made):,}")
        if batch:
            made.extend(model._base_manager.bulk_create(batch))
        self.created[label] = self.created.get(label, 0) + len(made)
        self.say(f"  {label}: {len(made):,} in {time.monotonic() - started:.1f} s")
        return made

    def choice(self, seq):
        return seq[self.rng.randrange(len(seq))]


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
