"""Lists at city scale: no uncapped COUNT anywhere, every row reachable past the count's cap (HTML
and API), the home counters capped, and the scope read through a subquery on the region tree."""

import re

import pytest
from django.core.paginator import EmptyPage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from anjian.core.api.routers import router
from anjian.core.pagination import GAP, CappedPaginator
from anjian.enterprises.models import Enterprise
from anjian.enterprises.testing import EnterpriseFactory

CAP = 3


def list_urls():
    """Every page named ``…_list`` without arguments in the URL conf, and every API list route."""
    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name and p.name.endswith("_list"):
                if not p.pattern.regex.groupindex:
                    found.append(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "")
    pages = [reverse(name) for name in sorted(set(found))]
    api = sorted({reverse(f"{basename}-list") for _, _, basename in router.registry})
    return pages, api


def test_the_url_conf_has_the_lists_we_expect():
    pages, api = list_urls()
    assert reverse("enterprises:enterprise_list") in pages
    assert "/api/enterprises/" in api
    assert len(pages) >= 10 and len(api) >= 10


@pytest.fixture
def capped(settings):
    settings.ANJIAN_COUNT_CAP = CAP


def uncapped_counts(queries):
    return [
        q["sql"]
        for q in queries
        if "COUNT(" in q["sql"].upper() and "LIMIT" not in q["sql"].upper()
    ]


@pytest.mark.parametrize("persona", ["admin", "subdistrict_officer"])
def test_no_uncapped_count_on_any_list_page_api_list_or_home(persona, world, client, capped):
    for _ in range(CAP + 2):
        EnterpriseFactory(region=world.regions["village"])
    client.force_login(world.users[persona])
    pages, api = list_urls()
    checked = 0
    for url in ["/", *pages, *api]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code in (403, 404):
            continue
        assert response.status_code == 200, url
        assert uncapped_counts(queries.captured_queries) == [], url
        checked += 1
    assert checked >= 10


def test_every_row_reachable_through_the_api_past_the_cap(world, client, capped):
    for _ in range(11):
        EnterpriseFactory(region=world.regions["village"])
    user = world.users["admin"]
    client.force_login(user)
    expected = set(Enterprise.objects.restrict(user).values_list("pk", flat=True))
    assert len(expected) > CAP * 3
    seen, url, pages = [], "/api/enterprises/?page_size=2", 0
    while url:
        body = client.get(url).json()
        assert body["count"] == CAP and body["count_capped"] is True
        seen.extend(row["id"] for row in body["results"])
        url, pages = body["next"], pages + 1
    assert len(seen) == len(set(seen)) and set(seen) == expected
    assert pages == (len(expected) + 1) // 2
    # Beyond the last row: 404, as before.
    assert client.get(f"/api/enterprises/?page_size=2&page={pages + 1}").status_code == 404


def test_every_row_reachable_through_the_html_pager_past_the_cap(world, client, capped):
    for _ in range(11):
        EnterpriseFactory(region=world.regions["village"])
    user = world.users["admin"]
    client.force_login(user)
    expected = set(Enterprise.objects.restrict(user).values_list("pk", flat=True))
    last_page = (len(expected) + 1) // 2
    seen, url = [], reverse("enterprises:enterprise_list") + "?per_page=2"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.context["table"].page
        assert page.paginator.count_capped
        seen.extend(row.record.pk for row in page.object_list)
        html = response.content.decode()
        # Never a link to the last page: the pager does not know it.
        if page.number + 1 < last_page:
            assert f"page={last_page}" not in html
        match = re.search(r'rel="next" href="([^"]+)"', html)
        url = (
            reverse("enterprises:enterprise_list") + match.group(1).replace("&amp;", "&")
            if match
            else None
        )
    assert len(seen) == len(set(seen)) and set(seen) == expected


def test_capped_paginator_pages(db):
    rows = list(range(1, 12))  # a list, not a queryset: counted with len()
    paginator = CappedPaginator(rows, 2, cap=CAP)
    assert paginator.count == CAP and paginator.count_capped
    page = paginator.page(5)
    assert list(page.object_list) == [9, 10] and page.has_next() and page.has_previous()
    assert page.links == [1, GAP, 3, 4, 5, 6, GAP]
    last = paginator.page(6)
    assert list(last.object_list) == [11] and not last.has_next()
    assert last.end_index() == 11
    with pytest.raises(EmptyPage):
        paginator.page(7)
    small = CappedPaginator(rows[:5], 2, cap=10)
    assert small.count == 5 and not small.count_capped and small.num_pages == 3
    assert small.page(1).links == [1, 2, 3]


def test_home_counters_stop_at_the_cap(world, client, capped):
    for _ in range(CAP + 2):
        EnterpriseFactory(region=world.regions["village"])
    client.force_login(world.users["admin"])
    counters = client.get("/").context["counters"]
    enterprises = next(c for c in counters if c[0].model is Enterprise)
    assert enterprises[1] == CAP and enterprises[1].capped


def test_scope_reads_the_region_tree_through_a_subquery(world):
    user = world.users["subdistrict_officer"]
    inside = EnterpriseFactory(region=world.regions["village"])
    outside = EnterpriseFactory(region=world.outside("subdistrict_officer"))
    qs = Enterprise.objects.restrict(user)
    sql = str(qs.query)
    assert re.search(r'"region_id" IN \(SELECT', sql), sql
    assert "JOIN" not in sql.upper()  # the big table is not joined to the regions
    assert inside in qs and outside not in qs
