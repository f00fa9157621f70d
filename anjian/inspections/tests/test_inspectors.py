"""Inspector accounts on the inspection page form: picked through the scoped autocomplete of
``accounts.user`` (username and full name, only accounts in the user's view), saved with the form."""

import datetime

import pytest
from django.urls import reverse

from anjian.accounts.testing import UserFactory
from anjian.inspections.models import Inspection
from anjian.inspections.testing import make_inspection, template

pytestmark = pytest.mark.django_db
USERS = reverse("core:autocomplete", args=["accounts.user"])


def _officers(world):
    here = UserFactory(
        username="wanghai", full_name="王海明", jurisdiction=world.regions["subdistrict"]
    )
    there = UserFactory(
        username="wangnan", full_name="王南方", jurisdiction=world.regions["other_subdistrict"]
    )
    return here, there


def test_user_autocomplete_answers_only_accounts_in_view(world, login):
    here, there = _officers(world)
    client = login(world.users["subdistrict_officer"])
    ids = {row["id"] for row in client.get(USERS, {"q": "王"}).json()["results"]}
    assert here.pk in ids and there.pk not in ids
    by_username = client.get(USERS, {"q": "wangnan"}).json()["results"]
    assert by_username == []
    assert [row["id"] for row in client.get(USERS, {"q": "wanghai"}).json()["results"]] == [here.pk]
    # The district regulator sees both sub-districts; a grid worker may not read accounts at all.
    regulator = login(world.users["regulator"])
    ids = {row["id"] for row in regulator.get(USERS, {"q": "王"}).json()["results"]}
    assert {here.pk, there.pk} <= ids
    assert login(world.users["grid_worker"]).get(USERS, {"q": "王"}).status_code == 403


def test_page_form_saves_inspectors_and_refuses_one_out_of_view(world, login):
    here, there = _officers(world)
    officer = world.users["subdistrict_officer"]
    client = login(officer)
    enterprise = world.enterprises["inside"]
    data = {
        "kind": "routine",
        "enterprise": enterprise.pk,
        "template": template("confined-space").pk,
        "planned_on": datetime.date(2024, 2, 29).isoformat(),
        "inspectors": [here.pk, officer.pk],
        "inspector_names": "王海明、张强",
    }
    response = client.post(reverse("inspections:inspection_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    inspection = Inspection.objects.get(enterprise=enterprise, inspector_names="王海明、张强")
    assert set(inspection.inspectors.all()) == {here, officer}

    # The edit page renders only the chosen accounts, fetched through the autocomplete.
    page = client.get(reverse("inspections:inspection_edit", args=[inspection.pk])).content
    body = page.decode()
    assert 'name="inspectors"' in body and USERS in body
    assert "王海明" in body and "王南方" not in body

    refused = client.post(
        reverse("inspections:inspection_edit", args=[inspection.pk]),
        {**data, "inspectors": [there.pk]},
    )
    assert refused.status_code == 200
    assert set(inspection.inspectors.all()) == {here, officer}


def test_editing_keeps_an_inspector_out_of_the_editors_view(world, login):
    _, there = _officers(world)
    inspection = make_inspection(world.enterprises["inside"])
    inspection.inspectors.add(there)
    client = login(world.users["subdistrict_officer"])
    data = {
        "kind": "routine",
        "planned_on": inspection.planned_on.isoformat(),
        "inspectors": [there.pk],
        "inspector_names": "王南方",
    }
    response = client.post(reverse("inspections:inspection_edit", args=[inspection.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(inspection.inspectors.all()) == [there]
