"""The page shell (sidebar and top bar, ``templates/includes/shell.html``) is rendered once per
user, language and active menu item and kept (``core.context_processors.shell_html``, issue 9):
the same HTML as the template rendered every time, its CSRF token and language form's ``next``
those of each request, and a changed name, role or region on the next page."""

import re

import pytest
from django.contrib.auth.models import Group
from django.middleware.csrf import _unmask_cipher_token

from anjian.core import context_processors

pytestmark = pytest.mark.django_db

PERSONAS = ["admin", "regulator", "subdistrict_officer", "grid_worker", "enterprise_manager"]
PATHS = ["/", "/enterprises/", "/regions/", "/enterprises/?q=%22%3Cb%3E&page=2", "/accounts/users/"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _uncached(monkeypatch):
    monkeypatch.setattr(context_processors, "shell_key", lambda context: None)


def _without_tokens(html):
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_kept_shell_is_the_templates_shell(world, client, persona, monkeypatch):
    client.force_login(world.users[persona])
    for language in ("zh-hans", "en"):
        client.cookies["django_language"] = language
        for path in PATHS:
            first = client.get(path)
            if first.status_code != 200:
                continue
            kept = client.get(path).content.decode()  # from the kept shell
            with monkeypatch.context() as patch:
                _uncached(patch)
                rendered = client.get(path).content.decode()
            assert 'class="app-sidebar"' in kept
            assert _without_tokens(kept) == _without_tokens(rendered), (persona, language, path)
            assert _without_tokens(first.content.decode()) == _without_tokens(kept)


def test_each_request_gets_its_own_token_and_path(world, client, django_user_model):
    officer = world.users["subdistrict_officer"]
    client.force_login(officer)
    client.get("/enterprises/")
    for path in ["/enterprises/", "/enterprises/?q=%22%3Cb%3E"]:
        html = client.get(path).content.decode()
        tokens = TOKEN.findall(html)
        assert len(tokens) == 2  # the language form and the sign-out form
        cookie = client.cookies["csrftoken"].value
        assert {_unmask_cipher_token(t) for t in tokens} == {cookie}
        assert "anjianshell" not in html
    assert 'name="next" value="/enterprises/?q=%22%3Cb%3E"' in html
    # another user's page: their own token, none of the first user's shell
    other = django_user_model.objects.get(pk=world.users["grid_worker"].pk)
    from django.test import Client

    second = Client()
    second.force_login(other)
    other_html = second.get("/enterprises/").content.decode()
    assert TOKEN.findall(other_html)[0] not in tokens
    assert officer.username not in other_html


def test_a_changed_name_role_or_region_shows_on_the_next_page(world, client, django_user_model):
    officer = django_user_model.objects.get(pk=world.users["subdistrict_officer"].pk)
    client.force_login(officer)
    before = client.get("/enterprises/").content.decode()
    region = officer.home_region
    assert region.name in before

    officer.full_name = "改名后的<人>"
    officer.save()
    html = client.get("/enterprises/").content.decode()
    assert "改名后的&lt;人&gt;" in html

    region.name = "新的街道名"
    region.save()
    html = client.get("/enterprises/").content.decode()
    assert "<strong>新的街道名</strong>" in html

    role = Group.objects.get(name="subdistrict_officer")
    extra = Group.objects.exclude(pk=role.pk).exclude(name="admin").first()
    extra.user_set.add(officer)
    html = client.get("/enterprises/").content.decode()
    from anjian.accounts import roles

    assert roles.role_label(extra.name) in html


def test_a_signed_out_page_renders_the_shell_as_a_template(client):
    html = client.get("/accounts/login/").content.decode()
    assert "anjianshell" not in html
