"""The accident's record shows its investigation, items (a penalty's amount and payment read from
its enforcement case) and recommendations; the home page counts overdue investigations; the
enterprise file shows the accidents panel; recording through the page escalates once."""

import datetime
from decimal import Decimal

import pytest

from anjian.accidents.models import Accident, AccountabilityItem, CriminalStep
from anjian.accidents.testing import busy_accident_in

pytestmark = pytest.mark.django_db


def test_record_pages(world, client):
    from anjian.enforcement.testing import add_penalty, case_in

    accident = busy_accident_in(world)
    case = case_in(world, world.regions["village"], fulfilled_on=None)
    add_penalty(case, amount=Decimal(400000))
    item = AccountabilityItem.objects.create(
        accident=accident,
        subject_kind="organization",
        person_organization=accident.enterprise.name,
        track="administrative_penalty",
        enforcement_case=case,
    )
    step = CriminalStep.objects.filter(item__accident=accident).first()
    client.force_login(world.users["regulator"])
    page = client.get(f"/accidents/{accident.pk}/").content.decode()
    assert "400,000" in page or "400000" in page
    assert "忙碌建议0" in page and "忙碌人1" in page
    for url in (
        "/accidents/",
        f"/accidents/items/{item.pk}/",
        f"/accidents/criminal-steps/{step.pk}/",
        f"/accidents/investigations/{accident.investigation.pk}/",
        "/accidents/recommendations/",
        "/accidents/levels/",
        "/accidents/add/",
        f"/enterprises/{accident.enterprise_id}/",
        "/",
    ):
        assert client.get(url).status_code == 200, url


def test_recording_through_the_page(world, client):
    client.force_login(world.users["regulator"])
    enterprise = world.enterprises["inside"]
    response = client.post(
        "/accidents/add/",
        {
            "name": "页面登记事故",
            "occurred_at": "2024-02-29T09:30",
            "place": "好氧池",
            "enterprise": enterprise.pk,
            "kind": "poisoning",
            "deaths": 3,
            "serious_injuries": 0,
            "injuries": 0,
            "direct_loss": "100",
        },
    )
    assert response.status_code == 302
    accident = Accident.objects.get(name="页面登记事故")
    assert accident.level == "larger"
    assert accident.investigating_region == world.regions["city"]
    assert accident.investigation.due_on == datetime.date(2024, 4, 29)
    assert accident.escalated_at is not None
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "A"
