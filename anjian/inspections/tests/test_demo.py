"""The demo world's inspections: the two 2023 campaigns with their tasks and progress, the
unannounced check of 一诠科技 tied to the hazards of its two findings, routine inspections in
every state; loading twice changes nothing."""

import datetime

import pytest

from anjian.inspections import services
from anjian.inspections.models import Campaign, Inspection, InspectionItem

pytestmark = pytest.mark.django_db


def test_demo_inspections():
    from anjian.demo import world

    world.load()
    names = set(Campaign.objects.values_list("name", flat=True))
    assert {"有限空间专项整治", "重大事故隐患专项排查整治2023行动"} <= names
    for campaign in Campaign.objects.all():
        progress = services.campaign_progress(campaign)
        assert progress.total > 0 and 0 < progress.completed < progress.total
    yiquan = Inspection.objects.get(enterprise__name="一诠科技（中国）有限公司", kind="unannounced")
    assert yiquan.status == "completed"
    assert yiquan.inspected_on == datetime.date(2024, 5, 21)
    failed = InspectionItem.objects.filter(inspection=yiquan, result="not_ok")
    assert failed.count() == 2
    hazards = [item.hazard for item in failed]
    assert all(h is not None and h.enterprise_id == yiquan.enterprise_id for h in hazards)
    assert any("隔离门" in h.description for h in hazards)
    assert any("应急救援" in h.description for h in hazards)
    assert {h.status for h in hazards} == {"rectifying"}
    yiquan.enterprise.refresh_from_db()
    assert yiquan.enterprise.last_inspected_on >= datetime.date(2024, 5, 21)
    states = set(Inspection.objects.filter(kind="routine").values_list("status", flat=True))
    assert states == {"planned", "in_progress", "completed"}
    before = (Inspection.objects.count(), InspectionItem.objects.count(), Campaign.objects.count())
    world.load()
    after = (Inspection.objects.count(), InspectionItem.objects.count(), Campaign.objects.count())
    assert before == after
