"""The confined spaces of the demo world (registered with ``anjian.demo.world.register``).

From the seed report: 恒亦达's sewage station, whose 好氧池 (aerobic tank) was the place of the
“4·5” 2023 poisoning (H2S; one dead, one injured), with its 调节池, 污泥池 and 集水井; and 一诠科技's
second-floor sewage station, found by the evaluation team with an isolation door too low to stop
anyone stepping over it and no warning sign, producing CO and H2S. Spaces of other demo
enterprises, LEC assessments, and each enterprise's safety equipment — one gas detector out of
calibration.

Everything is found by a natural key (enterprise + code; enterprise + name + serial number), so
loading twice changes nothing. The responsible people and the drills come from the training
loader, which runs later: a second loader, appended while loading, links them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from anjian.enterprises.models import Enterprise
from anjian.spaces.choices import (
    EquipmentKind,
    EquipmentStatus,
    Isolation,
    PerformedBy,
    RiskMethod,
    SpaceKind,
)
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment

HENGYIDA = "江门市恒亦达电子有限公司"
YIQUAN = "一诠科技（中国）有限公司"
RUIKE = "江门市锐科五金制品有限公司"
XINCAI = "江门市新彩塑胶制品有限公司"

U, A, C = SpaceKind.UNDERGROUND, SpaceKind.ABOVE_GROUND, SpaceKind.CLOSED_EQUIPMENT
STATION = "污水处理站"

# (enterprise, code, name, kind, location, size, hazard factors, accident types, toxic gases,
#  oxygen deficiency, explosion, warning sign, notice board, isolation, effective, usual work,
#  frequency, performed by, identified on, (L, E, C, controls) or None, responsible person name)
SPACES = [
    (HENGYIDA, "HYD-YX-01", "好氧池", U, f"{STATION}东侧", "8 m × 6 m，深 4.5 m",
     "污泥发酵分解产生硫化氢；池内通风不良；池底积泥",
     "中毒、窒息、淹溺", ["H2S"], True, False, True, True, Isolation.LOCK, True,
     "清淤、曝气管检修", "每季度一次", PerformedBy.CONTRACTED, datetime.date(2023, 4, 20),
     (6, 3, 40, "作业前审批并向街道报备；先通风、再检测、后作业；专人监护；配备正压式空气呼吸器、"
      "三脚架和安全绳；严禁盲目施救。"), "罗振华"),
    (HENGYIDA, "HYD-YX-02", "调节池", U, f"{STATION}北侧", "10 m × 5 m，深 4 m",
     "废水中有机物厌氧分解产生硫化氢", "中毒、窒息、淹溺", ["H2S"], True, False, True, True,
     Isolation.LOCK, True, "清淤、水泵检修", "每半年一次", PerformedBy.CONTRACTED,
     datetime.date(2023, 4, 20), (3, 2, 40, "水泵检修尽量在池外完成；进入作业执行审批和报备。"),
     "罗振华"),
    (HENGYIDA, "HYD-YX-03", "污泥池", U, f"{STATION}西侧", "4 m × 3 m，深 3.5 m",
     "污泥堆积产生硫化氢、氨", "中毒、窒息、淹溺", ["H2S", "NH3"], True, False, True, False,
     Isolation.MESH, True, "清淤", "每季度一次", PerformedBy.CONTRACTED, datetime.date(2023, 4, 20),
     (3, 3, 15, "污泥外运采用吸污车，不进入池内作业；张贴风险告知牌。"), "谢永强"),
    (HENGYIDA, "HYD-YX-04", "集水井", U, f"{STATION}入口", "直径 1.5 m，深 5 m",
     "污水汇集，硫化氢积聚；井深，上下困难", "中毒、窒息、高处坠落", ["H2S", "CO2"], True, False,
     True, True, Isolation.LOCK, True, "格栅清理", "每月一次", PerformedBy.SELF,
     datetime.date(2023, 4, 20), (1, 6, 40, "格栅清理使用长柄工具在井口作业；必须下井时执行审批。"),
     "谢永强"),
    (YIQUAN, "YQ-YX-01", "二层污水站", A, "污水站 2 层（1 层楼梯口上）", "约 120 m²",
     "污水处理工艺产生一氧化碳、硫化氢；隔离门高度不足，人员可跨越进入",
     "中毒、窒息", ["H2S", "CO"], True, False, False, False, Isolation.DOOR, False,
     "设备巡检、加药、检修", "每周巡检", PerformedBy.SELF, datetime.date(2025, 6, 10),
     (6, 6, 15, "加高隔离门至不能跨越并上锁；张贴有限空间安全警示标志；按实际作业配置防护和救援设备。"),
     "林晓峰"),
    (YIQUAN, "YQ-YX-02", "地下污水井", U, "化学品仓库北侧", "直径 1 m，深 3 m",
     "污水井内硫化氢积聚", "中毒、窒息", ["H2S"], True, False, True, True, Isolation.LOCK, True,
     "疏通", "每年一次", PerformedBy.CONTRACTED, datetime.date(2025, 6, 10), None, "林晓峰"),
    (RUIKE, "RK-YX-01", "酸洗废水池", U, "3 号厂房南侧", "3 m × 2 m，深 2 m",
     "酸洗废水，可能产生硫化氢", "中毒、窒息", ["H2S"], True, False, True, False, Isolation.BARRIER,
     True, "清淤", "每年一次", PerformedBy.CONTRACTED, datetime.date(2025, 3, 5),
     (1, 3, 15, "委托有资质单位清淤，签订安全管理协议。"), "周炳坤"),
    (XINCAI, "XC-YX-01", "原料储罐", C, "原料仓库", "直径 2.5 m，高 4 m",
     "残留有机溶剂蒸气，可燃；氧含量不足", "火灾、爆炸、窒息", [], True, True, True, True,
     Isolation.LOCK, True, "清洗", "每年一次", PerformedBy.CONTRACTED, datetime.date(2025, 8, 1),
     (1, 2, 40, "清洗前置换、检测可燃气体；使用防爆工具和照明。"), "吴锦泉"),
]  # fmt: skip

# (enterprise, kind, name, model, serial, quantity, kept at, calibrated days ago, valid days,
#  explosion proof) — validity relative to the day the demo is loaded.
EQUIPMENT = [
    (HENGYIDA, EquipmentKind.GAS_DETECTOR, "四合一气体检测仪", "GasAlertMax XT II", "MA216-0032",
     1, "污水站值班室", 90, 365, True),
    # Out of calibration: its validity ended 20 days ago (the gate refuses tests taken with it).
    (HENGYIDA, EquipmentKind.GAS_DETECTOR, "四合一气体检测仪（旧）", "GasAlertQuattro",
     "QT-2019-0117", 1, "污水站值班室", 385, 365, True),
    (HENGYIDA, EquipmentKind.VENTILATOR, "防爆轴流风机", "CBF-300", "", 2, "污水站设备间",
     None, None, True),
    (HENGYIDA, EquipmentKind.RESPIRATOR, "正压式空气呼吸器", "RHZKF6.8/30", "", 2,
     "污水站应急柜", 150, 365, False),
    (HENGYIDA, EquipmentKind.HARNESS, "全身式安全带", "", "", 4, "污水站应急柜", None, None, False),
    (HENGYIDA, EquipmentKind.TRIPOD_WINCH, "救援三脚架", "SJJ-3", "", 1, "污水站设备间", 200, 365,
     False),
    (HENGYIDA, EquipmentKind.EXPLOSION_PROOF_LIGHTING, "防爆手电", "", "", 3, "污水站应急柜",
     None, None, True),
    (HENGYIDA, EquipmentKind.COMMUNICATION, "防爆对讲机", "", "", 2, "污水站值班室", None, None,
     True),
    (YIQUAN, EquipmentKind.GAS_DETECTOR, "复合气体检测仪", "MX4", "YQ-MX4-08", 1, "EHS 办公室",
     340, 365, True),
    (YIQUAN, EquipmentKind.RESPIRATOR, "长管呼吸器", "", "", 1, "一层仓库", None, None, False),
    (RUIKE, EquipmentKind.GAS_DETECTOR, "硫化氢检测仪", "PGM-1100", "RK-H2S-01", 1, "安全办公室",
     60, 365, False),
]  # fmt: skip


def _enterprise(name):
    return Enterprise._base_manager.filter(name=name).first()


def load_spaces(w) -> None:
    from anjian.demo import world

    today = timezone.localdate()
    for row in SPACES:
        (enterprise_name, code, name, kind, location, size, hazards, accidents, gases, oxygen,
         explosion, sign, board, isolation, effective, work, frequency, performed, identified,
         risk, _person) = row  # fmt: skip
        enterprise = _enterprise(enterprise_name)
        if enterprise is None:
            continue
        space = w.ensure(
            ConfinedSpace,
            {"enterprise": enterprise, "code": code},
            {
                "name": name,
                "kind": kind,
                "location": location,
                "size": size,
                "hazard_factors": hazards,
                "accident_types": accidents,
                "toxic_gases": gases,
                "oxygen_deficiency_risk": oxygen,
                "explosion_risk": explosion,
                "warning_sign": sign,
                "risk_notice_board": board,
                "isolation": isolation,
                "isolation_effective": effective,
                "usual_work": work,
                "work_frequency": frequency,
                "performed_by": performed,
                "identified_on": identified,
                "reviewed_on": datetime.date(2026, 3, 1),
            },
        )
        if risk is not None:
            likelihood, exposure, consequence, controls = risk
            w.ensure(
                SpaceRiskAssessment,
                {"space": space, "assessed_on": datetime.date(2026, 3, 1)},
                {
                    "method": RiskMethod.LEC,
                    "likelihood": Decimal(likelihood),
                    "exposure": Decimal(exposure),
                    "consequence": Decimal(consequence),
                    "controls": controls,
                    "assessor": "安全主任",
                },
            )
    for row in EQUIPMENT:
        (enterprise_name, kind, name, model, serial, quantity, kept_at, calibrated_ago, valid_days,
         explosion_proof) = row  # fmt: skip
        enterprise = _enterprise(enterprise_name)
        if enterprise is None:
            continue
        calibrated = valid = None
        if calibrated_ago is not None:
            calibrated = today - datetime.timedelta(days=calibrated_ago)
            valid = calibrated + datetime.timedelta(days=valid_days - 1)
        w.ensure(
            SafetyEquipment,
            {"enterprise": enterprise, "name": name, "serial_number": serial},
            {
                "kind": kind,
                "model_number": model,
                "quantity": quantity,
                "location": kept_at,
                "calibrated_on": calibrated,
                "valid_until": valid,
                "explosion_proof": explosion_proof,
                "status": EquipmentStatus.IN_SERVICE,
            },
        )
    # The people and drills come from the training loader, which runs after this one.
    world.register(link_training)


def link_training(w) -> None:
    """Each demo space's responsible person and the drills held in a demo space."""
    from anjian.training.models import Drill, Person

    for row in SPACES:
        enterprise_name, code, name, person_name = row[0], row[1], row[2], row[-1]
        enterprise = _enterprise(enterprise_name)
        if enterprise is None:
            continue
        space = ConfinedSpace._base_manager.filter(enterprise=enterprise, code=code).first()
        person = Person._base_manager.filter(employer=enterprise, name=person_name).first()
        if space is None:
            continue
        if person is not None:
            w.ensure(ConfinedSpace, {"pk": space.pk}, {"responsible_person": person})
        for drill in Drill._base_manager.filter(enterprise=enterprise, space__isnull=True):
            if drill.location and drill.location.endswith(name):
                w.ensure(Drill, {"pk": drill.pk}, {"space": space})
