"""The menu of the page shell is built in Python and cached per permissions, language and active
items (``core.context_processors``): the markup of the template loop it replaced, the items a
user may open and no other, and a role revoked leaves the menu at once."""

import re

import pytest
from django.contrib.auth.models import Group
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from anjian.accounts.models import User
from anjian.core import context_processors, navigation

pytestmark = pytest.mark.django_db

# The loop templates/base.html held before the menu was built in Python.
TEMPLATE_LOOP = """{% for group_label, entries in nav_menu %}
  <div class="app-nav-group" role="group" aria-label="{{ group_label }}">
    <div class="app-nav-group-label" aria-hidden="true">{{ group_label }}</div>
    {% for item, url, active, badge_url in entries %}
      <a class="app-nav-link{% if active %} active{% endif %}" href="{{ url }}"{% if active %} aria-current="page"{% endif %}><i class="bi bi-{{ item.icon }}" aria-hidden="true"></i>{{ item.label }}{% if badge_url %}<span class="nav-badge" hx-get="{{ badge_url }}" hx-trigger="load" hx-swap="outerHTML"></span>{% endif %}</a>
    {% endfor %}
  </div>
{% endfor %}"""


def same(html):
    return re.sub(r"\s+", " ", str(html)).strip().replace("> <", "><")


def _shell(user, path):
    request = RequestFactory().get(path)
    request.user = user
    return context_processors.shell(request)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "persona", ["admin", "regulator", "subdistrict_officer", "grid_worker", "enterprise_manager"]
)
def test_the_menu_is_the_template_loops_menu(world, persona, language):
    user = User.objects.get(pk=world.users[persona].pk)
    loop = engines["django"].from_string(TEMPLATE_LOOP)
    with translation.override(language):
        for path in ["/", "/enterprises/", "/enterprises/parks/", "/regions/1/", "/training/"]:
            shell = _shell(user, path)
            assert shell["nav_menu"] == navigation.menu_for(user, path)
            expected = loop.render({"nav_menu": navigation.menu_for(user, path)})
            assert same(shell["nav_menu_html"]) == same(expected), (persona, path)
            assert same(_shell(user, path)["nav_menu_html"]) == same(expected)  # from the cache


def test_a_revoked_role_leaves_the_menu_at_once(world):
    officer = world.users["subdistrict_officer"]
    before = _shell(User.objects.get(pk=officer.pk), "/")["nav_menu_html"]
    assert "/regions/" in before
    Group.objects.get(name="subdistrict_officer").user_set.remove(officer)
    after = _shell(User.objects.get(pk=officer.pk), "/")["nav_menu_html"]
    assert "/regions/" not in after


def test_the_menu_is_in_the_page(world, client):
    client.force_login(world.users["subdistrict_officer"])
    html = client.get("/regions/").content.decode()
    assert 'class="app-nav-link active" href="/regions/" aria-current="page"' in html
