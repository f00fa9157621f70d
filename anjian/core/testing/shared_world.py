"""One test world per module for the generated columns (access matrix, related scope).

A generated column runs thousands of tests against the same world; building it for every test
(≈150 queries, most of a test's time) made them the bulk of CI. Here the world is built once per
module (per xdist worker) inside an outer transaction that is rolled back when the module ends;
each test still runs in its own savepoint (pytest-django's ``db``), so whatever a test writes is
gone before the next one starts, exactly as before.

Objects of the world are shared Python instances: a test must not rely on changing them in
memory. The persona users are handed out fresh for every test (one query), so per-user caches
(permissions, jurisdiction) never leak from one test into the next.
"""

from contextlib import contextmanager

import pytest
from django.db import transaction
from django.test import override_settings


@contextmanager
def _rolled_back_for_the_module(django_db_blocker):
    """An outer transaction for a module's shared rows, rolled back when the module ends; tests
    inside it run in their own savepoints (pytest-django's ``db``)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    from anjian.accounts.testing import build_world

    with _rolled_back_for_the_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def module_world(shared_world, db):
    """The module's world, with its persona users read again for this test."""
    from anjian.accounts.models import User

    fresh = User.objects.in_bulk([user.pk for user in shared_world.users.values()])
    shared_world.users = {name: fresh[user.pk] for name, user in shared_world.users.items()}
    return shared_world


@pytest.fixture(scope="module")
def shared_demo(django_db_setup, django_db_blocker):
    """The demo world (``anjian.demo.world.load()``, ≈6 s) loaded once per module, inside an outer
    transaction rolled back when the module ends, for modules whose tests only read it. Every test
    of such a module sees it loaded: a test that loads, empties or counts from nothing belongs in
    another module."""
    from anjian.demo import world as demo

    with _rolled_back_for_the_module(django_db_blocker):
        yield demo.load()
