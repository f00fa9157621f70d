"""The demo world's inspections: the two 2023 campaigns (有限空间专项整治 and
重大事故隐患专项排查整治2023行动) with their tasks, most walked and completed; the unannounced check
of 一诠科技 on 2024-05-21 with its two failed items — the isolation door to the second-floor sewage
station too low to stop entry and without a warning sign; protective and rescue equipment short in
number and placement — tied to the hazards the hazards app's demo recorded for them (matched by
enterprise and description; else recorded here through ``report_hazard``); and routine
inspections in every state (one planned and overdue, one in progress, one completed).

Everything goes through ``services`` and the workflow; loading twice changes nothing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from anjian.enterprises.models import Enterprise
from anjian.inspections import services
from anjian.inspections.models import Campaign, ChecklistTemplate, Inspection

YIQUAN = "一诠科技（中国）有限公司"
HENGYIDA = "江门市恒亦达电子有限公司"
SPOT_CHECK_DAY = datetime.date(2024, 5, 21)

# (name, topic, starts, ends, template code, only with confined spaces, organizer)
CAMPAIGNS = [
    (
        "有限空间专项整治",
        "工贸企业有限空间作业安全专项整治：辨识建档、警示标志、物理隔离、作业审批、"
        "先通风再检测后作业、监护、培训演练和装备配备逐项检查。",
        datetime.date(2023, 4, 1),
        datetime.date(2023, 11, 30),
        "confined-space",
        True,
        "区安委办、区应急管理局",
    ),
    (
        "重大事故隐患专项排查整治2023行动",
        "按《工贸企业重大事故隐患判定标准》开展重大事故隐患专项排查整治，企业自查自改、"
        "部门精准执法、回头看。",
        datetime.date(2023, 5, 15),
        datetime.date(2023, 12, 31),
        "self-check",
        False,
        "区安全生产委员会",
    ),
]

# The two findings of the unannounced check: (checklist section, the start of the hazards demo's
# description, the note as recorded on the item).
YIQUAN_FINDINGS = [
    (
        "物理隔离",
        "污水站1层通往2层的楼梯口已设置隔离门并上锁",
        "二层污水站隔离门高度不足，不能防止人员未经审批跨越进入，且未张贴安全警示标志",
    ),
    (
        "装备器材",
        "二层污水站有限空间作业安全防护设备设施及应急救援设备设施",
        "安全防护设备设施及应急救援设备设施配置数量及配置点不符合实际作业及应急要求",
    ),
]


def _template(code):
    return ChecklistTemplate._base_manager.filter(code=code, is_current=True).first()


def _walk(inspection, actor, day, failed=()):
    """Start (on ``day``), record every item compliant except ``failed`` sections."""
    if inspection.status == "planned":
        Inspection._base_manager.filter(pk=inspection.pk).update(inspected_on=day)
        inspection.refresh_from_db()
        services.start_inspection(inspection, actor=actor)
    for item in inspection.items.select_related("checklist_item"):
        if item.result != "pending":
            continue
        result = "not_ok" if item.checklist_item.section in failed else "ok"
        services.record_item(item, actor=actor, result=result)


def load_inspections(w) -> None:
    users = w.users
    regulator = users.get("yjj_wang")
    officer = users.get("wh_huang")
    grid = users.get("dn_liang")
    if regulator is None or officer is None:
        return
    _campaigns(w, regulator, officer)
    _yiquan(regulator)
    _routine(officer, grid or officer)


def _campaigns(w, regulator, officer) -> None:
    from anjian.regions.models import Region

    district = Region._base_manager.filter(code="440704").first()
    if district is None:
        return
    for name, topic, starts, ends, code, with_spaces, organizer in CAMPAIGNS:
        template = _template(code)
        if template is None:
            continue
        campaign = Campaign._base_manager.filter(name=name).first()
        if campaign is None:
            campaign = Campaign(
                name=name,
                topic=topic,
                region=district,
                starts_on=starts,
                ends_on=ends,
                template=template,
                with_confined_spaces=with_spaces,
                organizer=organizer,
            )
            campaign.full_clean()
            campaign.save()
            services.create_tasks(campaign, actor=regulator, planned_on=ends)
        # Walk most tasks in the campaign's period: every third one stays planned (not reached).
        tasks = list(
            campaign.inspections.filter(status="planned").order_by("enterprise__name", "id")
        )
        for number, task in enumerate(tasks):
            if number % 3 == 2:
                continue
            day = min(starts + datetime.timedelta(days=7 * (number + 1)), ends)
            Inspection._base_manager.filter(pk=task.pk).update(
                inspector_names="黄志伟、梁伟强", present_name="企业安全管理人员"
            )
            task.refresh_from_db()
            _walk(task, officer, day)
            services.complete_inspection(task, actor=officer)


def _yiquan(regulator) -> None:
    from anjian.hazards.choices import HazardSource
    from anjian.hazards.models import Hazard
    from anjian.hazards.services import report_hazard

    enterprise = Enterprise._base_manager.filter(name=YIQUAN).first()
    template = _template("confined-space")
    if enterprise is None or template is None:
        return
    inspection = Inspection._base_manager.filter(
        enterprise=enterprise, kind="unannounced", inspected_on=SPOT_CHECK_DAY
    ).first()
    if inspection is None:
        inspection = services.plan_inspection(
            enterprise,
            actor=regulator,
            template=template,
            kind="unannounced",
            planned_on=SPOT_CHECK_DAY,
            inspector_names="王建华、何嘉俊",
            present_name="陈志明",
            inspectors=[regulator],
            findings="暗查暗访发现有限空间安全管理问题2项，已责令限期整改。",
        )
    if inspection.status == "completed":
        return
    failed = {section for section, _, _ in YIQUAN_FINDINGS}
    _walk(inspection, regulator, SPOT_CHECK_DAY, failed=failed)
    items = {i.checklist_item.section: i for i in inspection.items.select_related("checklist_item")}
    for section, description_start, note in YIQUAN_FINDINGS:
        item = items[section]
        if item.hazard_id:
            continue
        item.note = note
        item.save(update_fields=["note"])
        hazard = Hazard._base_manager.filter(
            enterprise=enterprise, description__startswith=description_start
        ).first()
        if hazard is not None:
            services.link_hazard(item, hazard)
        else:
            hazard = report_hazard(
                enterprise,
                actor=regulator,
                description=note,
                source=HazardSource.INSPECTION,
                found_on=SPOT_CHECK_DAY,
                legal_basis=str(item.checklist_item.legal_basis or ""),
                deadline=SPOT_CHECK_DAY + datetime.timedelta(days=30),
            )
            services.link_hazard(item, hazard)
    services.complete_inspection(inspection, actor=regulator)


def _routine(officer, grid) -> None:
    today = timezone.localdate()
    template = _template("self-check")
    if template is None:
        return
    names = list(
        Enterprise._base_manager.filter(region__path__contains="/440704003")
        .exclude(name__in=[YIQUAN])
        .order_by("name")
        .values_list("name", flat=True)[:3]
    )
    plans = [
        # (enterprise, planned days from today, state wanted)
        (names[0] if names else HENGYIDA, -10, "planned"),
        (names[1] if len(names) > 1 else HENGYIDA, 0, "in_progress"),
        (names[2] if len(names) > 2 else HENGYIDA, -3, "completed"),
    ]
    for name, days, state in plans:
        enterprise = Enterprise._base_manager.filter(name=name).first()
        if enterprise is None:
            continue
        planned_on = today + datetime.timedelta(days=days)
        if Inspection._base_manager.filter(
            enterprise=enterprise, kind="routine", planned_on=planned_on
        ).exists():
            continue
        inspection = services.plan_inspection(
            enterprise,
            actor=officer,
            template=template,
            kind="routine",
            planned_on=planned_on,
            inspector_names="黄志伟、梁伟强",
            inspectors=[officer, grid],
        )
        if state == "planned":
            continue
        if state == "in_progress":
            Inspection._base_manager.filter(pk=inspection.pk).update(inspected_on=today)
            inspection.refresh_from_db()
            services.start_inspection(inspection, actor=officer)
            continue
        _walk(inspection, officer, planned_on)
        services.complete_inspection(inspection, actor=officer)
