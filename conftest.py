"""Shared pytest fixtures: a fast password hasher, the persona world, logged-in clients."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the browser tests touch the
# database from the same thread through the live server fixture.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_tests(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def world(db):
    from anjian.accounts.testing import build_world

    return build_world()


@pytest.fixture
def login(client):
    """login(user) → the Django test client signed in as that user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
