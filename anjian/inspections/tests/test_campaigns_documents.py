"""Campaigns plan their tasks once and count their progress; the Word documents hold the record's
facts (opened back with python-docx)."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from anjian.enterprises.testing import EnterpriseFactory
from anjian.hazards.models import Hazard
from anjian.inspections import services
from anjian.inspections.models import Campaign, Inspection
from anjian.inspections.testing import campaign_in, make_inspection
from anjian.spaces.models import ConfinedSpace

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _space(enterprise):
    return ConfinedSpace.objects.create(
        enterprise=enterprise, code=f"YX-{enterprise.pk}", name="污水池", kind="underground"
    )


def test_campaign_creates_its_tasks_once_for_the_enterprises_in_scope(world):
    regulator = world.users["regulator"]
    r = world.regions
    with_space = world.enterprises["inside"]
    _space(with_space)
    also = EnterpriseFactory(name="外海测试机械厂", region=r["subdistrict"])
    _space(also)
    EnterpriseFactory(name="外海无有限空间厂", region=r["village"])  # no space: out of scope
    elsewhere = world.enterprises["other_district"]  # another district: out of scope
    _space(elsewhere)
    campaign = campaign_in(world, r["district"], with_confined_spaces=True)
    assert services.create_tasks(campaign, actor=regulator) == 2
    assert services.create_tasks(campaign, actor=regulator) == 0
    tasks = Inspection.objects.filter(campaign=campaign)
    assert set(tasks.values_list("enterprise_id", flat=True)) == {with_space.pk, also.pk}
    assert all(t.status == "planned" and t.kind == "campaign" for t in tasks)
    assert all(t.items.count() == campaign.template.items.count() for t in tasks)
    # A new enterprise in scope later gets its task on the next click, the others none again.
    late = EnterpriseFactory(name="外海新入驻厂", region=r["village"])
    _space(late)
    assert services.create_tasks(campaign, actor=regulator) == 1


def test_campaign_scope_by_grade_and_industry(world):
    r = world.regions
    a = EnterpriseFactory(name="甲级厂", region=r["village"], risk_grade="A")
    EnterpriseFactory(name="丁级厂", region=r["village"], risk_grade="D")
    campaign = campaign_in(world, r["subdistrict"], grades=["A"])
    assert list(services.campaign_enterprises(campaign)) == [a]
    campaign.industries.set([a.industry])
    campaign.grades = []
    campaign.save()
    assert a in services.campaign_enterprises(campaign)


def test_campaign_progress_counts_inspected_and_hazards(world):
    inspector = world.users["subdistrict_officer"]
    enterprise = world.enterprises["inside"]
    campaign = campaign_in(world, world.regions["district"])
    done = make_inspection(enterprise, kind="campaign", campaign=campaign)
    make_inspection(
        EnterpriseFactory(name="进度测试厂", region=world.regions["village"]),
        kind="campaign",
        campaign=campaign,
    )
    services.start_inspection(done, actor=inspector)
    items = list(done.items.order_by("order"))
    for item in items:
        services.record_item(item, actor=inspector, result="ok")
    services.record_item(items[0], actor=inspector, result="not_ok")
    services.record_item(items[1], actor=inspector, result="not_ok")
    first = services.raise_hazard(items[0], actor=inspector).hazard
    services.raise_hazard(items[1], actor=inspector)
    services.complete_inspection(done, actor=inspector)
    Hazard._base_manager.filter(pk=first.pk).update(status="closed")
    progress = services.campaign_progress(campaign)
    assert (progress.total, progress.completed, progress.planned) == (2, 1, 1)
    assert (progress.hazards_found, progress.hazards_closed) == (2, 1)
    assert progress.percent == 50


def test_campaign_page_and_button(world, login):
    regulator = world.users["regulator"]
    campaign = campaign_in(world, world.regions["district"])
    client = login(regulator)
    page = client.get(reverse("inspections:campaign_detail", args=[campaign.pk]))
    assert page.status_code == 200 and "create-tasks" in page.content.decode()
    response = client.post(reverse("inspections:campaign_tasks", args=[campaign.pk]))
    assert response.status_code == 302
    assert Inspection.objects.filter(campaign=campaign).count() >= 1
    # A sub-district officer sees the district's campaign but may not plan its tasks.
    officer = login(world.users["subdistrict_officer"])
    assert (
        officer.get(reverse("inspections:campaign_detail", args=[campaign.pk])).status_code == 200
    )
    refused = officer.post(reverse("inspections:campaign_tasks", args=[campaign.pk]))
    assert refused.status_code == 403
    assert Campaign.objects.filter(pk=campaign.pk).exists()


@pytest.fixture
def walked(world):
    """An inspection with two failed items recorded as hazards, completed."""
    inspector = world.users["subdistrict_officer"]
    enterprise = world.enterprises["inside"]
    inspection = make_inspection(
        enterprise, kind="unannounced", inspector_names="王明、李强", present_name="张三"
    )
    services.start_inspection(inspection, actor=inspector)
    items = {i.checklist_item.section: i for i in inspection.items.select_related("checklist_item")}
    for item in items.values():
        services.record_item(item, actor=inspector, result="ok")
    services.record_item(
        items["物理隔离"], actor=inspector, result="not_ok", note="隔离门过低，无法阻止人员进入"
    )
    services.record_item(
        items["装备器材"], actor=inspector, result="not_ok", note="救援装备数量不足"
    )
    services.raise_hazard(items["物理隔离"], actor=inspector)
    services.raise_hazard(items["装备器材"], actor=inspector)
    services.complete_inspection(inspection, actor=inspector)
    inspection.refresh_from_db()
    return inspection


def test_record_document_holds_the_facts(world, login, walked):
    client = login(world.users["subdistrict_officer"])
    url = reverse("inspections:inspection_document", args=[walked.pk, "record"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    text = _text(response.content)
    assert walked.enterprise.name in text
    assert "王明、李强" in text and "张三" in text
    assert "隔离门过低，无法阻止人员进入" in text
    assert TODAY.isoformat() in text


def test_order_document_names_failed_items_legal_bases_and_deadlines(world, login, walked):
    client = login(world.users["subdistrict_officer"])
    text = _text(
        client.get(reverse("inspections:inspection_document", args=[walked.pk, "order"])).content
    )
    hazards = Hazard.objects.filter(inspection_items__inspection=walked)
    assert hazards.count() == 2
    for hazard in hazards:
        assert hazard.number in text
        assert hazard.deadline.isoformat() in text
    assert "救援装备数量不足" in text
    assert "工贸企业有限空间作业安全规定" in text and "19" in text
    assert "作业监护" not in text  # a compliant item is not ordered


def test_review_document_shows_each_hazard_state_at_the_follow_up(world, login, walked, settings):
    settings.LANGUAGE_CODE = "en"
    inspector = world.users["subdistrict_officer"]
    hazards = list(Hazard.objects.filter(inspection_items__inspection=walked).order_by("id"))
    Hazard._base_manager.filter(pk=hazards[0].pk).update(status="closed")
    follow_up = make_inspection(
        walked.enterprise, kind="follow_up", follow_up_of=walked, inspector_names="王明"
    )
    text = _text(
        login(inspector)
        .get(reverse("inspections:inspection_document", args=[follow_up.pk, "review"]))
        .content
    )
    for hazard in hazards:
        assert hazard.number in text
    assert "Verified and closed" in text and "Reported" in text
    assert "1 of 2 hazards rectified and verified" in text


def test_documents_out_of_reach_are_404(world, login, walked):
    client = login(world.users["grid_worker"])
    other = make_inspection(world.enterprises["outside"])
    url = reverse("inspections:inspection_document", args=[other.pk, "record"])
    assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse("inspections:inspection_document", args=[walked.pk, "nonsense"])
        ).status_code
        == 404
    )
