"""The permits of the demo world, one per state, each moved there by ``services`` (the same rules
as the pages): accepted, completed, in progress under a delegation, suspended by a failing H2S
reading, its start refused, acknowledged for a contractor, filed late, returned, a draft and a
cancelled one. A permit already there is left exactly as it is (its moves happened once)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from anjian.core.workflow import TransitionRefused
from anjian.permits import services
from anjian.permits.choices import (
    BriefingTopic,
    Depth,
    Direction,
    GasTestKind,
    GasUnit,
    ImplementingUnit,
    PermitDuty,
    PermitStatus,
)
from anjian.permits.demo.common import (
    ADMIN,
    CONTRACTOR,
    HENGYIDA,
    HYD_MANAGER,
    OFFICER,
    PDF,
    RUIKE,
    XINCAI,
    YIQUAN,
)
from anjian.permits.models import Permit, PermitPerson

L, E, A, R, G = (
    PermitDuty.LEADER,
    PermitDuty.ENTRANT,
    PermitDuty.ATTENDANT,
    PermitDuty.RESCUER,
    PermitDuty.GAS_TESTER,
)
TOP, MIDDLE, BOTTOM = Depth.TOP, Depth.MIDDLE, Depth.BOTTOM

HYD_PLAN = {
    "ventilation": "防爆轴流风机强制通风 30 分钟以上，作业全程持续通风，送风口置于池底",
    "isolation_points": "关闭进水阀 V-03 并上锁挂牌；停运提升泵并在配电柜断电上锁（LOTO-07）",
    "communication": "防爆对讲机，监护人每 5 分钟与作业人员确认一次",
    "electrical_note": "仅使用 12 V 防爆手电照明，无其他用电设备进入池内",
    "rescue_plan": "《污水处理站有限空间作业现场处置方案》（2026 年修订）：严禁盲目施救，"
    "发现异常立即撤离，由救援人员佩戴正压式空气呼吸器经三脚架实施救援",
    "rescue_team": "公司应急救援小组（3 人），污水处理站值班室待命",
    "rescue_call": "监护人对讲机呼叫值班室；同时拨打 119、120",
}

# Hazards identified per space (the work's own identification, beside the ledger's factors).
HAZARDS = {
    "HYD-YX-01": "池底污泥扰动释放硫化氢，可致急性中毒；池内缺氧；池深 4.5 m，有淹溺和坠落风险",
    "HYD-YX-02": "清淤扰动释放硫化氢；池壁湿滑，有坠落、淹溺风险",
    "HYD-YX-03": "污泥堆积释放硫化氢、氨；缺氧",
    "HYD-YX-04": "井内硫化氢、二氧化碳积聚；井深 5 m，上下困难，有坠落风险",
    "YQ-YX-01": "污水处理工艺产生一氧化碳、硫化氢；隔离门高度不足，无关人员可能跨入",
    "YQ-YX-02": "井内硫化氢积聚，缺氧",
    "RK-YX-01": "酸洗废水可能产生硫化氢；池底残留酸液，有灼伤风险",
    "XC-YX-01": "残留有机溶剂蒸气，遇火源可燃爆；置换后可能缺氧",
}


def _readings(h2s_bottom="0.4", h2s_unit=GasUnit.PPM, co="2", o2="20.9"):
    """One test's readings: oxygen at three depths, flammable gas, H2S at three depths (in ppm,
    so the record shows the conversion), CO, CO2 and NH3 — every active gas, in test order."""
    return [
        {"gas": "O2", "depth": TOP, "value": Decimal(o2), "unit": GasUnit.PCT_VOL},
        {"gas": "O2", "depth": MIDDLE, "value": Decimal(o2), "unit": GasUnit.PCT_VOL},
        {"gas": "O2", "depth": BOTTOM, "value": Decimal("20.6"), "unit": GasUnit.PCT_VOL},
        {"gas": "LEL", "depth": MIDDLE, "value": Decimal("0"), "unit": GasUnit.PCT_LEL},
        {"gas": "H2S", "depth": TOP, "value": Decimal("0"), "unit": GasUnit.PPM},
        {"gas": "H2S", "depth": MIDDLE, "value": Decimal("0.2"), "unit": GasUnit.PPM},
        {"gas": "H2S", "depth": BOTTOM, "value": Decimal(h2s_bottom), "unit": h2s_unit},
        {"gas": "CO", "depth": MIDDLE, "value": Decimal(co), "unit": GasUnit.PPM},
        {"gas": "CO2", "depth": MIDDLE, "value": Decimal("900"), "unit": GasUnit.MG_M3},
        {"gas": "NH3", "depth": MIDDLE, "value": Decimal("1.5"), "unit": GasUnit.MG_M3},
    ]


def load_permits_in_every_state(demo, delegation) -> None:
    """The permits in story order (the in-progress one is approved under ``delegation``)."""
    _accepted(demo)
    _completed(demo)
    _in_progress(demo, delegation)
    _suspended(demo)
    _start_refused(demo)
    _acknowledged(demo)
    _filed_late(demo)
    _returned(demo)
    _draft(demo)
    _cancelled(demo)


def _permit(demo, enterprise_name, code, work_content, start, hours, people, **extra):
    """The permit (found by enterprise, space and work) and whether it is new: a permit already
    there is left as it is. New ones get the plan, the equipment and the people."""
    enterprise = demo.enterprises[enterprise_name]
    space = demo.space(enterprise_name, code)
    lookup = {"enterprise": enterprise, "space": space, "work_content": work_content}
    found = Permit._base_manager.filter(**lookup).first()
    if found is not None:
        demo.w.unchanged[Permit] += 1
        return found, False
    protective = extra.pop("protective", [])
    rescue = extra.pop("rescue", [])
    values = {
        "planned_start": start,
        "planned_end": start + datetime.timedelta(hours=hours),
        "hazards": HAZARDS.get(code, ""),
        "ventilated": True,
        "protective_equipment_confirmed": True,
        "electrical_compliant": True,
        **(HYD_PLAN if enterprise_name == HENGYIDA else _plan_for(enterprise_name)),
        **extra,
    }
    permit = demo.w.ensure(Permit, lookup, values)
    permit.protective_equipment.set([e for e in protective if e is not None])
    permit.rescue_equipment.set([e for e in rescue if e is not None])
    for duty, key in people:
        demo.w.ensure(
            PermitPerson, {"permit": permit, "person": demo.people[key], "duty": duty}, {}
        )
    return permit, True


def _plan_for(enterprise_name) -> dict:
    return {
        "ventilation": "移动式风机机械通风不少于 30 分钟，作业期间持续通风",
        "isolation_points": "关闭进出水阀门并上锁挂牌，相关设备断电上锁",
        "communication": "对讲机，监护人与作业人员每 5 分钟确认一次",
        "electrical_note": "不使用电气设备；照明使用防爆手电",
        "rescue_plan": f"《{enterprise_name}有限空间作业现场处置方案》：严禁盲目施救",
        "rescue_team": "公司应急救援小组",
        "rescue_call": "对讲机呼叫，同时拨打 119、120",
    }


def _hyd_equipment(demo):
    protective = [
        demo.equipment(HENGYIDA, name)
        for name in ("正压式空气呼吸器", "全身式安全带", "防爆轴流风机", "防爆手电", "防爆对讲机")
    ]
    rescue = [demo.equipment(HENGYIDA, name) for name in ("救援三脚架", "正压式空气呼吸器")]
    return {"protective": protective, "rescue": rescue}


def _yq_equipment(demo):
    respirator = demo.equipment(YIQUAN, "长管呼吸器")
    return {"protective": [respirator], "rescue": [respirator]}


HYD_CREW = [
    (L, "hyd_leader"),
    (E, "hyd_entrant"),
    (A, "hyd_attendant"),
    (R, "hyd_tester"),
    (G, "hyd_tester"),
]
YQ_CREW = [(L, "yq_leader"), (E, "yq_entrant"), (A, "yq_attendant"), (G, "yq_leader")]


def _settle(permit, **moments) -> None:
    """Keep the moments past work happened at: moves stamped with the clock at load time are
    set to when they happened in the story (timestamps only; every state came from a service)."""
    differing = {k: v for k, v in moments.items() if getattr(permit, k) != v}
    if differing:
        Permit._base_manager.filter(pk=permit.pk).update(**differing)
        for name, value in differing.items():
            setattr(permit, name, value)


def _file(demo, permit, actor, at):
    services.file_permit(permit, actor=actor, now=at)


def _brief(demo, permit, at, attendees):
    services.acknowledge_permit(
        permit,
        actor=demo.user(OFFICER),
        started_at=at,
        ended_at=at + datetime.timedelta(minutes=40),
        topics=[
            BriefingTopic.SEVEN_PROHIBITIONS,
            BriefingTopic.PROCEDURE,
            BriefingTopic.HAZARDS,
            BriefingTopic.RESCUE,
        ],
        given_by_name=demo.user(OFFICER).full_name,
        attendees=[demo.people[k] for k in attendees],
        location="作业现场",
    )
    _settle(permit, acknowledged_at=at + datetime.timedelta(minutes=40))


def _test(demo, permit, actor, at, tester, detector, kind, **readings):
    return services.record_gas_test(
        permit,
        actor=actor,
        tested_at=at,
        tester=demo.people[tester],
        detector=detector,
        readings=_readings(**readings),
        kind=kind,
    )


def _accepted(demo):
    """调节池, 20 days ago: the whole way, on time, approved by the principal."""
    start = demo.now.replace(hour=8, minute=30) - datetime.timedelta(days=20)
    permit, new = _permit(
        demo,
        HENGYIDA,
        "HYD-YX-02",
        "清理调节池池底污泥，检查池壁防腐层",
        start,
        4,
        HYD_CREW,
        **_hyd_equipment(demo),
    )
    if not new:
        return
    actor = demo.user(HYD_MANAGER)
    detector = demo.equipment(HENGYIDA, "四合一气体检测仪")
    _file(demo, permit, actor, start - datetime.timedelta(days=5))
    _brief(
        demo,
        permit,
        start - datetime.timedelta(days=3, hours=-1),
        ["hyd_leader", "hyd_entrant", "hyd_attendant"],
    )
    services.approve_permit(
        permit,
        actor=actor,
        approver=demo.people["hyd_principal"],
        now=start - datetime.timedelta(minutes=40),
    )
    _test(
        demo,
        permit,
        actor,
        start - datetime.timedelta(minutes=15),
        "hyd_tester",
        detector,
        GasTestKind.PRE_ENTRY,
    )
    services.start_permit(permit, actor=actor, now=start)
    _settle(permit, started_at=start)
    entrant = demo.people["hyd_entrant"]
    services.record_entry(
        permit,
        actor=actor,
        direction=Direction.IN,
        person=entrant,
        at=start + datetime.timedelta(minutes=5),
    )
    services.record_entry(
        permit,
        actor=actor,
        direction=Direction.IN,
        tool="清淤铁铲",
        at=start + datetime.timedelta(minutes=5),
    )
    _test(
        demo,
        permit,
        actor,
        start + datetime.timedelta(minutes=30),
        "hyd_tester",
        detector,
        GasTestKind.PERIODIC,
        h2s_bottom="1.2",
    )
    _test(
        demo,
        permit,
        actor,
        start + datetime.timedelta(minutes=60),
        "hyd_tester",
        detector,
        GasTestKind.PERIODIC,
        h2s_bottom="0.8",
    )
    services.record_entry(
        permit,
        actor=actor,
        direction=Direction.OUT,
        tool="清淤铁铲",
        at=start + datetime.timedelta(hours=3, minutes=20),
    )
    services.record_entry(
        permit,
        actor=actor,
        direction=Direction.OUT,
        person=entrant,
        at=start + datetime.timedelta(hours=3, minutes=20),
    )
    done = start + datetime.timedelta(hours=3, minutes=40)
    services.complete_permit(permit, actor=actor, isolation_restored=True, now=done)
    services.accept_permit(
        permit,
        actor=actor,
        leader=demo.people["hyd_leader"],
        note="池底清理干净，防腐层无脱落；阀门、电源已恢复，现场清点人员工具无遗留。",
        now=done + datetime.timedelta(minutes=20),
    )
    _settle(permit, completed_at=done, accepted_at=done + datetime.timedelta(minutes=20))


def _completed(demo):
    """一诠科技's second-floor sewage station, two days ago: done, awaiting acceptance."""
    start = demo.now.replace(hour=9, minute=0) - datetime.timedelta(days=2)
    permit, new = _permit(
        demo,
        YIQUAN,
        "YQ-YX-01",
        "更换二层污水站调节槽液位计，加高隔离门",
        start,
        3,
        YQ_CREW,
        **_yq_equipment(demo),
    )
    if not new:
        return
    actor = demo.user(ADMIN)
    detector = demo.equipment(YIQUAN, "复合气体检测仪")
    _file(demo, permit, actor, start - datetime.timedelta(days=4))
    _brief(
        demo,
        permit,
        start - datetime.timedelta(days=3),
        ["yq_leader", "yq_entrant", "yq_attendant"],
    )
    services.approve_permit(
        permit,
        actor=actor,
        approver=demo.people["yq_principal"],
        now=start - datetime.timedelta(hours=1),
    )
    _test(
        demo,
        permit,
        actor,
        start - datetime.timedelta(minutes=10),
        "yq_leader",
        detector,
        GasTestKind.PRE_ENTRY,
        co="3",
    )
    services.start_permit(permit, actor=actor, now=start)
    _settle(permit, started_at=start)
    entrant = demo.people["yq_entrant"]
    services.record_entry(
        permit,
        actor=actor,
        direction=Direction.IN,
        person=entrant,
        at=start + datetime.timedelta(minutes=5),
    )
    services.record_entry(
        permit,
        actor=actor,
        direction=Direction.OUT,
        person=entrant,
        at=start + datetime.timedelta(hours=2),
    )
    done = start + datetime.timedelta(hours=2, minutes=15)
    services.complete_permit(permit, actor=actor, isolation_restored=True, now=done)
    _settle(permit, completed_at=done)


def _in_progress(demo, delegation):
    """好氧池, now: approved under the written delegation, a passing test 20 minutes ago."""
    start = demo.now - datetime.timedelta(minutes=5)
    permit, new = _permit(
        demo,
        HENGYIDA,
        "HYD-YX-01",
        "检修好氧池曝气管及曝气头，更换破损曝气头",
        start,
        6,
        HYD_CREW,
        **_hyd_equipment(demo),
    )
    if not new:
        return
    actor = demo.user(HYD_MANAGER)
    detector = demo.equipment(HENGYIDA, "四合一气体检测仪")
    _file(demo, permit, actor, start - datetime.timedelta(days=4))
    _brief(
        demo,
        permit,
        start - datetime.timedelta(days=2),
        ["hyd_leader", "hyd_entrant", "hyd_attendant", "hyd_tester"],
    )
    services.approve_permit(
        permit,
        actor=actor,
        approver=demo.people["hyd_leader"],
        delegation=delegation,
        reason="总经理外出，依书面授权审批",
        now=start - datetime.timedelta(hours=1),
    )
    _test(
        demo,
        permit,
        actor,
        demo.now - datetime.timedelta(minutes=20),
        "hyd_tester",
        detector,
        GasTestKind.PRE_ENTRY,
        h2s_bottom="0.6",
    )
    services.start_permit(permit, actor=actor)
    services.record_entry(
        permit, actor=actor, direction=Direction.IN, person=demo.people["hyd_entrant"]
    )
    services.record_entry(permit, actor=actor, direction=Direction.IN, tool="曝气头（备件）")


def _suspended(demo):
    """污泥池, this morning: H2S at the bottom failed a periodic test; the work stopped at once."""
    start = demo.now - datetime.timedelta(hours=3)
    permit, new = _permit(
        demo,
        HENGYIDA,
        "HYD-YX-03",
        "疏通污泥池排泥管",
        start,
        4,
        HYD_CREW,
        **_hyd_equipment(demo),
    )
    if not new:
        return
    actor = demo.user(HYD_MANAGER)
    detector = demo.equipment(HENGYIDA, "四合一气体检测仪")
    _file(demo, permit, actor, start - datetime.timedelta(days=6))
    _brief(
        demo,
        permit,
        start - datetime.timedelta(days=4),
        ["hyd_leader", "hyd_entrant", "hyd_attendant"],
    )
    services.approve_permit(
        permit,
        actor=actor,
        approver=demo.people["hyd_principal"],
        now=start - datetime.timedelta(minutes=45),
    )
    _test(
        demo,
        permit,
        actor,
        start - datetime.timedelta(minutes=15),
        "hyd_tester",
        detector,
        GasTestKind.PRE_ENTRY,
    )
    services.start_permit(permit, actor=actor, now=start)
    _settle(permit, started_at=start)
    entrant = demo.people["hyd_entrant"]
    services.record_entry(
        permit,
        actor=actor,
        direction=Direction.IN,
        person=entrant,
        at=start + datetime.timedelta(minutes=10),
    )
    failed_at = start + datetime.timedelta(minutes=40)
    # 15 ppm H2S at the bottom = 21.3 mg/m³, above the 10 mg/m³ ceiling: the test fails and the
    # service suspends the permit by itself.
    _test(
        demo,
        permit,
        actor,
        failed_at,
        "hyd_tester",
        detector,
        GasTestKind.PERIODIC,
        h2s_bottom="15",
    )
    permit.refresh_from_db()
    _settle(permit, suspended_at=failed_at)
    services.record_entry(
        permit,
        actor=actor,
        direction=Direction.OUT,
        person=entrant,
        at=failed_at + datetime.timedelta(minutes=2),
    )


def _start_refused(demo):
    """集水井, approved, a passing test: the start is refused — 陈国栋's only certificate is
    from a warning-education class, which qualifies for no duty."""
    start = demo.now + datetime.timedelta(minutes=5)
    people = [*HYD_CREW, (E, "hyd_new")]
    permit, new = _permit(
        demo,
        HENGYIDA,
        "HYD-YX-04",
        "更换集水井潜水泵，清理格栅",
        start,
        3,
        people,
        **_hyd_equipment(demo),
    )
    if not new:
        return
    actor = demo.user(HYD_MANAGER)
    detector = demo.equipment(HENGYIDA, "四合一气体检测仪")
    _file(demo, permit, actor, start - datetime.timedelta(days=5))
    _brief(
        demo,
        permit,
        start - datetime.timedelta(days=3),
        ["hyd_leader", "hyd_entrant", "hyd_new", "hyd_attendant"],
    )
    services.approve_permit(
        permit,
        actor=actor,
        approver=demo.people["hyd_principal"],
        now=demo.now - datetime.timedelta(minutes=30),
    )
    _test(
        demo,
        permit,
        actor,
        demo.now - datetime.timedelta(minutes=10),
        "hyd_tester",
        detector,
        GasTestKind.PRE_ENTRY,
    )
    try:
        services.start_permit(permit, actor=actor)
    except TransitionRefused:
        pass  # the point of this permit: the gate holds (the refusal is in the audit log)


def _acknowledged(demo):
    """锐科's acid-wash pit, by a contractor not on file (named by its USCC, agreement uploaded):
    briefed and acknowledged, awaiting the enterprise's approval."""
    from anjian.enterprises.rules import make_uscc

    start = (demo.now + datetime.timedelta(days=2)).replace(hour=9, minute=0)
    permit, new = _permit(
        demo,
        RUIKE,
        "RK-YX-01",
        "清理酸洗废水池池底沉渣（委托清源环保）",
        start,
        5,
        [(L, "qy_leader"), (E, "qy_entrant"), (A, "rk_attendant"), (G, "qy_leader")],
        protective=[demo.equipment(RUIKE, "硫化氢检测仪")],
        rescue=[demo.equipment(RUIKE, "硫化氢检测仪")],
        implementing_unit=ImplementingUnit.CONTRACTOR,
        contractor_uscc=make_uscc("91", "440704", "MA5R2Q8K"),
        contractor_name=CONTRACTOR,
        agreement_document=ContentFile(PDF, name="清源环保安全管理协议.pdf"),
        rescue_team="清源环保现场救援组（2 人）",
    )
    if not new:
        return
    _file(demo, permit, demo.user(ADMIN), demo.now - datetime.timedelta(days=3))
    _brief(
        demo,
        permit,
        demo.now - datetime.timedelta(days=1),
        ["qy_leader", "qy_entrant", "rk_attendant"],
    )


def _filed_late(demo):
    """一诠科技's underground sewage well: filed the day before the work — allowed, flagged late."""
    start = (demo.now + datetime.timedelta(days=1)).replace(hour=14, minute=0)
    permit, new = _permit(
        demo,
        YIQUAN,
        "YQ-YX-02",
        "疏通化学品仓库北侧地下污水井",
        start,
        3,
        YQ_CREW,
        **_yq_equipment(demo),
    )
    if not new:
        return
    _file(demo, permit, demo.user(ADMIN), demo.now)


def _returned(demo):
    """调节池 pump replacement: returned by the sub-district — the rescue readiness is vague."""
    start = (demo.now + datetime.timedelta(days=6)).replace(hour=9, minute=0)
    permit, new = _permit(
        demo,
        HENGYIDA,
        "HYD-YX-02",
        "更换调节池提升泵",
        start,
        4,
        HYD_CREW,
        **_hyd_equipment(demo),
        rescue_team="现场人员",
        rescue_call="电话",
    )
    if not new:
        return
    _file(demo, permit, demo.user(HYD_MANAGER), demo.now - datetime.timedelta(days=1))
    services.return_permit(
        permit,
        actor=demo.user(OFFICER),
        reason="救援准备不具体：请写明救援小组成员、呼叫方式和正压式空气呼吸器的存放位置后重新报备。",
    )


def _draft(demo):
    """新彩's raw-material tank (explosion risk): a draft still being written."""
    start = (demo.now + datetime.timedelta(days=12)).replace(hour=8, minute=30)
    _permit(
        demo,
        XINCAI,
        "XC-YX-01",
        "清洗原料储罐内壁残留物",
        start,
        6,
        [(E, "xc_entrant")],
        explosion_proof_measures="",
        ventilated=False,
        protective_equipment_confirmed=False,
        electrical_compliant=False,
    )


def _cancelled(demo):
    """污泥池 manual clearing: cancelled — a suction truck clears it from outside, no entry."""
    start = (demo.now + datetime.timedelta(days=8)).replace(hour=9, minute=0)
    permit, new = _permit(
        demo,
        HENGYIDA,
        "HYD-YX-03",
        "人工清理污泥池积泥",
        start,
        4,
        HYD_CREW,
        **_hyd_equipment(demo),
    )
    if not new or permit.status != PermitStatus.DRAFT:
        return
    services.cancel_permit(
        permit,
        actor=demo.user(HYD_MANAGER),
        reason="改用吸污车在池外抽吸，无需人员进入有限空间。",
    )
