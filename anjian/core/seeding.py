"""Reference rows seeded by data migrations, put back when a flush emptied their tables.

``manage.py flush`` — and every test that flushes the database (pytest-django's live server and
other transactional tests) — empties the tables a data migration seeded: gas thresholds, major-hazard
criteria, legal bases, the working-day calendar… A page that reads them then fails for a reason no
user would meet. A seeding migration therefore declares which tables it fills::

    RESEED_WHEN_EMPTY = ("MajorHazardCriterion", "VerificationTier")

and, after every migrate and every flush (both send ``post_migrate``), ``reseed_empty_tables`` runs
that migration's ``seed(apps, schema_editor)`` again when any of those tables is empty. A table an
administrator has edited is never touched: only an empty one is filled.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module
from types import SimpleNamespace

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, connections


def _seeding_migrations(app_config):
    try:
        package = import_module(f"{app_config.name}.migrations")
    except ImportError:
        return []
    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = import_module(f"{package.__name__}.{info.name}")
        models = getattr(module, "RESEED_WHEN_EMPTY", None)
        if models:
            found.append((module, tuple(models)))
    return found


def reseed_empty_tables(sender, app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """``post_migrate`` receiver (connected for every app in ``CoreConfig.ready``)."""
    if not app_config.name.startswith("anjian."):
        return
    editor = SimpleNamespace(connection=connections[using])
    seeding = _seeding_migrations(app_config)
    empty = set()  # decided before any seed runs: every migration filling an empty table runs
    for _module, models in seeding:
        for name in models:
            try:
                table = apps.get_model(app_config.label, name)
            except LookupError:  # a migration state before the model existed
                continue
            if not table._default_manager.using(using).exists():
                empty.add(name)
    for module, models in seeding:
        if empty.intersection(models):
            module.seed(apps, editor)
