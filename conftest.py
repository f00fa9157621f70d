"""Shared pytest fixtures: a fast password hasher, the persona world, logged-in clients."""

import os

import pytest

# The generated columns share one world per module, read-only demo tests one demo (see the module).
from anjian.core.testing.shared_world import (  # noqa: F401
    module_world,
    shared_demo,
    shared_world,
)

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
    # Every test's client builds its middleware afresh, and WhiteNoise's index of STATIC_ROOT
    # (hundreds of stat calls) was 40–60% of a matrix test's time; looked up per request instead.
    settings.WHITENOISE_AUTOREFRESH = True


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


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path():
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser():
    """Debian's chromium driven by Playwright; never a downloaded browser."""
    path = chromium_path()
    if path is None:
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium); "
            "browser tests never download a browser"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    """A desktop-sized page of a fresh browser context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
