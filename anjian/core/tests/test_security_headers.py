"""HSTS when cookies are HTTPS-only; no-store on every signed-in page and every download
(issue 7, point 9)."""

import subprocess
import sys

from django.conf import settings as django_settings
from django.urls import reverse


def _setting_with_env(name, **env):
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'anjian.settings');"
        f"from django.conf import settings; print(settings.{name})"
    )
    import os

    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
        check=True,
    )
    return result.stdout.strip()


def test_hsts_follows_secure_cookies():
    assert _setting_with_env("SECURE_HSTS_SECONDS", SECURE_COOKIES="true") == "31536000"
    assert _setting_with_env("SECURE_HSTS_SECONDS", SECURE_COOKIES="false") == "0"
    assert (
        _setting_with_env("SECURE_HSTS_SECONDS", SECURE_COOKIES="true", HSTS_SECONDS="600") == "600"
    )


def test_hsts_header_on_https(world, client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("accounts:login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_signed_in_pages_are_not_stored(world, client):
    client.force_login(world.users["regulator"])
    response = client.get(reverse("regions:region_list"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_api_answers_to_a_token_are_not_stored(world, api_client):
    from anjian.accounts.testing import PASSWORD

    key = api_client.post("/api/auth/token/", {"username": "regulator", "password": PASSWORD}).data[
        "token"
    ]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/regions/")["Cache-Control"] == "no-store"


def test_downloads_are_not_stored(world, client):
    client.force_login(world.users["admin"])
    response = client.get(reverse("accounts:organization_import_template"))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store"


def test_anonymous_pages_keep_their_caching(db, client):
    response = client.get(reverse("healthz"))
    assert "no-store" not in response.get("Cache-Control", "")
