"""Every list page and API list runs the same small number of queries with 1 row and with 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anjian.accounts.testing import OrganizationFactory, UserFactory, child_region

BUDGET = 6

# (page URL name, API URL, make(world) adding one row in the admin's reach)
LISTS = [
    ("regions:region_list", "/api/regions/", lambda w: child_region(w.regions["village"])),
    (
        "accounts:organization_list",
        "/api/organizations/",
        lambda w: OrganizationFactory(region=w.regions["village"]),
    ),
    (
        "accounts:user_list",
        "/api/users/",
        lambda w: UserFactory(jurisdiction=w.regions["village"], roles=["grid_worker"]),
    ),
    ("core:auditevent_list", None, None),
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("page", "api", "make"), LISTS)
def test_list_query_count_does_not_grow(page, api, make, world, client):
    from anjian.core import audit

    admin = world.users["admin"]
    client.force_login(admin)
    add = make or (lambda w: audit.record("test.event", actor=admin))
    add(world)
    small_page = count_queries(client, reverse(page))
    small_api = count_queries(client, api) if api else 0
    for _ in range(49):
        add(world)
    assert count_queries(client, reverse(page)) == small_page <= BUDGET
    if api:
        assert count_queries(client, api) == small_api <= BUDGET
