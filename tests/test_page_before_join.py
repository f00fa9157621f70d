"""A big list's page is ordered and cut on its own table before the related rows are joined
(``core.views.page_before_join``; issue 9: a village user's certificate list joined every one of
the village's 500 certificates to its holder before the top-N sort at scale 1.0)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anjian.core.views import PAGE_SLICE_MAX, page_before_join
from anjian.training.models import Certificate, Person
from anjian.training.testing import CertificateFactory, person_in

NAMES = ["王芳", "李娜", "张伟", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "王芳"]


@pytest.fixture
def people(world):
    village = world.regions["village"]
    made = [person_in(world, village, name=name) for name in NAMES]
    for n, person in enumerate(made):
        # 29 February and a holiday week among the dates; two certificates on the same day.
        issued = [datetime.date(2024, 2, 29), datetime.date(2025, 10, 1)][n % 2]
        CertificateFactory(person=person, issued_on=issued)
    return made


@pytest.mark.parametrize(
    "ordering", [("name", "id"), ("-name", "-id"), ("employer__name", "id"), ("-id",)]
)
def test_a_page_holds_the_same_rows_in_the_same_order(world, people, ordering):
    user = world.users["admin"]
    queryset = Person.objects.restrict(user).select_related("employer", "region")
    queryset = queryset.order_by(*ordering)
    paged = page_before_join(queryset)
    for bottom, top in [(0, 4), (3, 7), (8, 12), (20, 30)]:
        assert [p.pk for p in paged[bottom:top]] == [p.pk for p in queryset[bottom:top]]
    # The related rows still come with the page (no query per row).
    with CaptureQueriesContext(connection) as queries:
        rows = list(paged[0:5])
        employers = [p.employer.name for p in rows if p.employer_id]
    assert len(queries) == 1 and len(employers) == 5
    assert paged.count() == queryset.count() == len(NAMES)


def test_the_cut_happens_before_the_join(world, people):
    queryset = Certificate.objects.restrict(world.users["admin"]).select_related("person")
    paged = page_before_join(queryset.order_by("-issued_on", "-id"))
    sql = str(paged[0:3].query)
    # The outer query joins the holder and reads the page's ids from an inner query that alone
    # carries the ORDER BY … LIMIT and no join to the holder.
    inner = re.search(r"IN \((SELECT .*LIMIT 3)\)", sql)
    assert inner, sql
    assert "training_person" not in inner.group(1)
    assert "training_person" in sql.split("IN (SELECT")[0]
    assert not re.search(r"LIMIT \d+\s*$", sql)
    # Slices that are not a page (the capped count, an export's batch) are left alone.
    assert paged[: PAGE_SLICE_MAX + 1].query.is_sliced
    assert not paged[0:3].query.is_sliced


def test_the_certificate_and_people_pages_walk_every_row(world, people, client):
    user = world.users["subdistrict_officer"]
    client.force_login(user)
    for url, model in [
        (reverse("training:certificate_list"), Certificate),
        (reverse("training:person_list"), Person),
    ]:
        expected = list(model.objects.restrict(user).values_list("pk", flat=True))
        assert len(expected) >= len(NAMES)
        seen, page = [], 1
        while True:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, {"per_page": 2, "page": page})
            assert response.status_code == 200
            rows = response.context["table"].page.object_list
            seen.extend(row.record.pk for row in rows)
            cut = r'"id" IN \(SELECT .* LIMIT \d+( OFFSET \d+)?\)\) ORDER BY [^()]*$'
            page_sql = [q["sql"] for q in queries if re.search(cut, q["sql"])]
            assert len(page_sql) == 1, f"{url}: the page was not cut before the join"
            if not response.context["table"].page.has_next():
                break
            page += 1
        assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
