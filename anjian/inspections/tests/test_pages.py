"""The inspection pages: the list with its filters and Excel export, the permit spot check beside
the permit's readiness, the enterprise file's panel, the enterprise form without the last
inspection date, the template page making a new version, the home counters."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from anjian.inspections import services
from anjian.inspections.models import ChecklistTemplate, Inspection
from anjian.inspections.testing import make_inspection, template

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_list_filters_overdue_and_exports_excel(world, login):
    enterprise = world.enterprises["inside"]
    late = make_inspection(enterprise, planned_on=TODAY - datetime.timedelta(days=3))
    soon = make_inspection(enterprise, planned_on=TODAY + datetime.timedelta(days=3))
    client = login(world.users["subdistrict_officer"])
    page = client.get(reverse("inspections:inspection_list"), {"overdue": "yes"}).content.decode()
    assert reverse("inspections:inspection_detail", args=[late.pk]) in page
    assert reverse("inspections:inspection_detail", args=[soon.pk]) not in page
    response = client.get(reverse("inspections:inspection_list"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert names.count(enterprise.name) == 2


def test_permit_spot_check_shows_the_permits_readiness(world, login):
    from anjian.permits.testing import ready_permit

    permit = ready_permit(world.enterprises["inside"])
    inspection = make_inspection(
        permit.enterprise, kind="permit_spot_check", permit=permit, code="permit-spot-check"
    )
    page = login(world.users["subdistrict_officer"]).get(
        reverse("inspections:inspection_detail", args=[inspection.pk])
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert 'id="readiness"' in body and body.count("data-condition=") == 7


def test_enterprise_file_panel_and_form(world, login):
    enterprise = world.enterprises["inside"]
    inspection = make_inspection(enterprise)
    client = login(world.users["regulator"])
    page = client.get(reverse("enterprises:enterprise_detail", args=[enterprise.pk]))
    assert reverse("inspections:inspection_detail", args=[inspection.pk]) in page.content.decode()
    form = client.get(reverse("enterprises:enterprise_edit", args=[enterprise.pk]))
    assert 'name="last_inspected_on"' not in form.content.decode()


def test_walking_page_offers_buttons_only_in_progress(world, login):
    inspection = make_inspection(world.enterprises["inside"])
    client = login(world.users["grid_worker"])
    url = reverse("inspections:inspection_detail", args=[inspection.pk])
    assert "data-result-button" not in client.get(url).content.decode()
    services.start_inspection(inspection, actor=world.users["grid_worker"])
    assert "data-result-button" in client.get(url).content.decode()
    # The enterprise reads its inspection and cannot record anything.
    manager = login(world.users["enterprise_manager"])
    assert "data-result-button" not in manager.get(url).content.decode()
    item = inspection.items.first()
    refused = manager.post(
        reverse("inspections:inspectionitem_record", args=[item.pk]), {"result": "ok"}
    )
    assert refused.status_code == 403


def test_template_page_edit_of_a_walked_template_makes_a_new_version(world, login):
    tpl = template("park")
    make_inspection(world.enterprises["inside"], code="park")
    lines = list(tpl.items.order_by("order", "id"))
    data = {
        "name": tpl.name,
        "kind": tpl.kind,
        "active": "on",
        "items-TOTAL_FORMS": str(len(lines)),
        "items-INITIAL_FORMS": str(len(lines)),
    }
    for n, line in enumerate(lines):
        data.update(
            {
                f"items-{n}-id": line.pk,
                f"items-{n}-template": tpl.pk,
                f"items-{n}-section": line.section,
                f"items-{n}-order": line.order,
                f"items-{n}-text": line.text if n else "园区安委会每季度至少召开一次会议",
            }
        )
    client = login(world.users["admin"])
    response = client.post(reverse("inspections:checklisttemplate_edit", args=[tpl.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    current = ChecklistTemplate.objects.get(code="park", is_current=True)
    assert current.version == 2
    assert current.items.filter(text="园区安委会每季度至少召开一次会议").exists()
    assert not tpl.items.filter(text="园区安委会每季度至少召开一次会议").exists()


def test_home_counts_planned_and_overdue_inspections(world, login):
    make_inspection(world.enterprises["inside"], planned_on=TODAY - datetime.timedelta(days=1))
    page = login(world.users["subdistrict_officer"]).get(reverse("core:home")).content.decode()
    assert "inspections/?status=planned" in page and "inspections/?overdue=yes" in page
    assert Inspection.objects.count() == 1
