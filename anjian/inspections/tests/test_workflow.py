"""The life of an inspection: every transition allowed and refused with its reasons; a failed item
becomes a hazard in one step (legal basis, idempotent); completing moves the enterprise's last
inspection date forward and the due lists follow; templates are versioned."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from anjian.core.workflow import TransitionRefused
from anjian.enterprises.models import Enterprise
from anjian.enterprises.services import inspection_due_q
from anjian.hazards.models import Hazard
from anjian.inspections import services
from anjian.inspections.models import ChecklistTemplate, Inspection
from anjian.inspections.testing import make_inspection, template

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def enterprise(world):
    enterprise = world.enterprises["inside"]
    enterprise.risk_grade = "B"  # quarterly
    enterprise.last_inspected_on = None
    enterprise.save()
    return enterprise


@pytest.fixture
def inspector(world):
    return world.users["subdistrict_officer"]


def _walk(inspection, actor, result="ok"):
    services.start_inspection(inspection, actor=actor)
    for item in inspection.items.all():
        services.record_item(item, actor=actor, result=result)
    inspection.refresh_from_db()
    return inspection


def test_start_allowed_from_planned_and_sets_the_day(enterprise, inspector):
    inspection = make_inspection(enterprise)
    services.start_inspection(inspection, actor=inspector)
    inspection.refresh_from_db()
    assert inspection.status == "in_progress"
    assert inspection.inspected_on == TODAY and inspection.started_at is not None


def test_start_refused_far_ahead_of_its_day_and_twice(enterprise, inspector, settings):
    settings.LANGUAGE_CODE = "en"
    settings.ANJIAN_INSPECTION_START_DAYS_EARLY = 7
    inspection = make_inspection(enterprise, planned_on=TODAY + datetime.timedelta(days=30))
    with pytest.raises(TransitionRefused) as refused:
        services.start_inspection(inspection, actor=inspector)
    assert "cannot start this early" in str(refused.value)
    inspection.planned_on = TODAY + datetime.timedelta(days=7)
    inspection.save()
    services.start_inspection(inspection, actor=inspector)
    with pytest.raises(TransitionRefused):
        services.start_inspection(inspection, actor=inspector)


def test_complete_refused_with_every_reason(enterprise, inspector, settings):
    settings.LANGUAGE_CODE = "en"
    inspection = make_inspection(enterprise, inspector_names="")
    with pytest.raises(TransitionRefused):  # still planned
        services.complete_inspection(inspection, actor=inspector)
    services.start_inspection(inspection, actor=inspector)
    first = inspection.items.order_by("order").first()
    services.record_item(first, actor=inspector, result="not_ok")
    with pytest.raises(TransitionRefused) as refused:
        services.complete_inspection(inspection, actor=inspector)
    reasons = refused.value.reasons
    assert any("not checked yet" in r for r in reasons)
    assert any("no hazard recorded" in r for r in reasons)
    assert any("Name the inspectors" in r for r in reasons)
    assert Inspection.objects.get(pk=inspection.pk).status == "in_progress"


def test_complete_sets_last_inspected_and_due_list_follows(enterprise, inspector):
    enterprise.last_inspected_on = TODAY - datetime.timedelta(days=200)
    enterprise.save()
    assert Enterprise.objects.filter(inspection_due_q("overdue"), pk=enterprise.pk).exists()
    inspection = _walk(make_inspection(enterprise), inspector)
    services.complete_inspection(inspection, actor=inspector)
    enterprise.refresh_from_db()
    assert enterprise.last_inspected_on == TODAY
    assert not Enterprise.objects.filter(inspection_due_q("overdue"), pk=enterprise.pk).exists()
    assert Enterprise.objects.filter(inspection_due_q("not_due"), pk=enterprise.pk).exists()


def test_an_older_inspection_completed_later_does_not_move_the_date_back(enterprise, inspector):
    recent = _walk(make_inspection(enterprise), inspector)
    services.complete_inspection(recent, actor=inspector)
    older = make_inspection(enterprise, planned_on=TODAY - datetime.timedelta(days=40))
    services.start_inspection(older, actor=inspector)
    Inspection.objects.filter(pk=older.pk).update(inspected_on=TODAY - datetime.timedelta(days=40))
    older.refresh_from_db()
    for item in older.items.all():
        services.record_item(item, actor=inspector, result="na")
    services.complete_inspection(older, actor=inspector)
    enterprise.refresh_from_db()
    assert enterprise.last_inspected_on == TODAY


def test_cancel_needs_a_reason_and_is_refused_once_completed(enterprise, inspector):
    inspection = make_inspection(enterprise)
    with pytest.raises(TransitionRefused):
        services.cancel_inspection(inspection, actor=inspector, reason="  ")
    services.cancel_inspection(inspection, actor=inspector, reason="企业停产")
    assert Inspection.objects.get(pk=inspection.pk).status == "cancelled"
    done = _walk(make_inspection(enterprise), inspector)
    services.complete_inspection(done, actor=inspector)
    with pytest.raises(TransitionRefused):
        services.cancel_inspection(done, actor=inspector, reason="误录")
    enterprise.refresh_from_db()


def test_the_enterprise_may_not_move_its_inspection(world, enterprise):
    inspection = make_inspection(enterprise)
    with pytest.raises(TransitionRefused):
        services.start_inspection(inspection, actor=world.users["enterprise_manager"])


def test_items_are_recorded_only_in_progress(enterprise, inspector):
    inspection = make_inspection(enterprise)
    item = inspection.items.first()
    with pytest.raises(ValidationError):
        services.record_item(item, actor=inspector, result="ok")


def test_failed_item_becomes_a_hazard_with_its_legal_basis_once(enterprise, inspector):
    inspection = make_inspection(enterprise)
    services.start_inspection(inspection, actor=inspector)
    item = inspection.items.get(checklist_item__section="作业监护")
    services.record_item(item, actor=inspector, result="not_ok", note="现场无监护人员")
    raised = services.raise_hazard(item, actor=inspector)
    assert raised.created
    hazard = raised.hazard
    assert hazard.enterprise == enterprise
    assert hazard.source == "inspection" and hazard.description == "现场无监护人员"
    assert "工贸企业有限空间作业安全规定" in hazard.legal_basis and "21" in hazard.legal_basis
    assert "一万元以下" in hazard.legal_basis
    assert hazard.deadline == TODAY + datetime.timedelta(days=30)
    item.refresh_from_db()
    assert item.hazard == hazard
    again = services.raise_hazard(item, actor=inspector)
    assert not again.created and again.hazard == hazard
    assert Hazard.objects.filter(enterprise=enterprise).count() == 1


def test_only_a_failed_item_raises_a_hazard(enterprise, inspector):
    inspection = make_inspection(enterprise)
    services.start_inspection(inspection, actor=inspector)
    item = inspection.items.first()
    services.record_item(item, actor=inspector, result="ok")
    with pytest.raises(ValidationError):
        services.raise_hazard(item, actor=inspector)
    assert not Hazard.objects.exists()


def test_hazard_button_on_the_page_and_api(enterprise, inspector, login, api_client):
    inspection = make_inspection(enterprise)
    services.start_inspection(inspection, actor=inspector)
    items = list(inspection.items.order_by("order"))
    client = login(inspector)
    url = reverse("inspections:inspectionitem_record", args=[items[0].pk])
    assert client.post(url, {"result": "not_ok", "note": "台账缺失"}).status_code == 302
    response = client.post(reverse("inspections:inspectionitem_hazard", args=[items[0].pk]))
    assert response.status_code == 302
    items[0].refresh_from_db()
    assert items[0].hazard is not None
    api_client.force_authenticate(inspector)
    base = reverse("inspectionitem-detail", args=[items[1].pk])
    assert api_client.patch(base, {"result": "not_ok"}, format="json").status_code == 200
    first = api_client.post(f"{base}hazard/")
    second = api_client.post(f"{base}hazard/")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["hazard"] == second.json()["hazard"]


def test_permit_must_belong_to_the_enterprise(world, enterprise):
    inspection = Inspection(
        enterprise=enterprise,
        kind="permit_spot_check",
        template=template("permit-spot-check"),
        planned_on=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        inspection.full_clean()
    assert "permit" in error.value.message_dict


def test_editing_an_unused_template_in_place(world):
    admin = world.users["admin"]
    tpl = template("park")
    lines = [
        {"id": line.pk, "section": line.section, "order": line.order, "text": line.text}
        for line in tpl.items.all()
    ]
    lines[0]["text"] = "园区安委会每季度召开会议"
    saved = services.save_template(tpl, actor=admin, fields={"name": "园区检查表"}, items=lines)
    assert saved.pk == tpl.pk and saved.version == 1
    assert saved.items.filter(text="园区安委会每季度召开会议").exists()


def test_editing_a_walked_template_makes_a_new_version(enterprise, world):
    admin = world.users["admin"]
    tpl = template()
    inspection = make_inspection(enterprise)
    walked = set(inspection.items.values_list("checklist_item__text", flat=True))
    lines = [
        {
            "id": line.pk,
            "section": line.section,
            "order": line.order,
            "text": line.text,
            "legal_basis": line.legal_basis,
            "penalty_text": line.penalty_text,
        }
        for line in tpl.items.all()
    ][1:]
    lines.append({"section": "新增", "order": 999, "text": "新增检查项：作业票公示"})
    new = services.save_template(tpl, actor=admin, fields={}, items=lines)
    assert new.pk != tpl.pk and new.version == 2 and new.is_current
    tpl.refresh_from_db()
    assert not tpl.is_current and tpl.items.count() == len(walked)
    assert new.items.count() == len(walked)
    assert new.items.filter(text__startswith="新增检查项").exists()
    assert set(inspection.items.values_list("checklist_item__text", flat=True)) == walked
    assert ChecklistTemplate.objects.filter(code="confined-space", is_current=True).get() == new
    with pytest.raises(ValidationError):
        services.save_template(tpl, actor=admin, fields={}, items=lines)
    # A new inspection takes the current version only.
    stale = Inspection(enterprise=enterprise, kind="routine", template=tpl, planned_on=TODAY)
    with pytest.raises(ValidationError):
        stale.full_clean()
