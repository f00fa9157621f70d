"""The synthetic city's confined spaces and safety equipment (see ``anjian.core.citygen``).

About one enterprise in five keeps 1–4 confined spaces (a sewage pit, a tank, a well …) and then a
few items of safety equipment, one gas detector in ten out of calibration. Regions are copied from
the enterprise as ``save()`` would; every space gets its random label token.
"""

from __future__ import annotations

import datetime
import decimal

from django.utils import timezone

from anjian.core import citygen
from anjian.spaces import rules
from anjian.spaces.choices import EquipmentKind, Isolation, RiskMethod, SpaceKind
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment

SHARE_WITH_SPACES = 0.2
# (name, kind, toxic gases, oxygen deficiency, explosion)
TEMPLATES = [
    ("污水池", SpaceKind.UNDERGROUND, ["H2S"], True, False),
    ("集水井", SpaceKind.UNDERGROUND, ["H2S", "CO2"], True, False),
    ("化粪池", SpaceKind.UNDERGROUND, ["H2S", "NH3"], True, True),
    ("污泥池", SpaceKind.UNDERGROUND, ["H2S"], True, False),
    ("储罐", SpaceKind.CLOSED_EQUIPMENT, [], True, True),
    ("反应釜", SpaceKind.CLOSED_EQUIPMENT, ["CO"], True, True),
    ("地下管沟", SpaceKind.UNDERGROUND, [], True, False),
    ("料仓", SpaceKind.ABOVE_GROUND, ["CO2"], True, False),
]
EQUIPMENT = [
    (EquipmentKind.GAS_DETECTOR, "四合一气体检测仪"),
    (EquipmentKind.VENTILATOR, "防爆轴流风机"),
    (EquipmentKind.RESPIRATOR, "正压式空气呼吸器"),
    (EquipmentKind.HARNESS, "全身式安全带"),
    (EquipmentKind.TRIPOD_WINCH, "救援三脚架"),
]
LEC = [(3, 6, 15), (1, 6, 15), (6, 6, 15), (3, 3, 7), (1, 3, 40), (0.5, 6, 40)]


@citygen.register_generator("spaces", order=45)
def generate_spaces(city):
    rng = city.rng
    today = timezone.localdate()
    spaces, equipment = [], []
    for enterprise_id, region_id in city.enterprises:
        if rng.random() >= SHARE_WITH_SPACES:
            continue
        for n, template in enumerate(rng.sample(TEMPLATES, rng.randrange(1, 5)), start=1):
            name, kind, gases, oxygen, explosion = template
            isolation = rng.choice([Isolation.LOCK, Isolation.DOOR, Isolation.MESH, Isolation.NONE])
            spaces.append(
                ConfinedSpace(
                    enterprise_id=enterprise_id,
                    region_id=region_id,
                    code=f"YX-{n:02d}",
                    name=name,
                    kind=kind,
                    location="厂区",
                    toxic_gases=list(gases),
                    oxygen_deficiency_risk=oxygen,
                    explosion_risk=explosion,
                    warning_sign=rng.random() < 0.7,
                    risk_notice_board=rng.random() < 0.5,
                    isolation=isolation,
                    isolation_effective=isolation != Isolation.NONE and rng.random() < 0.8,
                    usual_work="清淤、检修",
                    work_frequency=rng.choice(["每月一次", "每季度一次", "每年一次"]),
                    identified_on=today - datetime.timedelta(days=rng.randrange(900)),
                    label_token=rules.new_label_token(),
                )
            )
        for kind, name in rng.sample(EQUIPMENT, rng.randrange(1, len(EQUIPMENT) + 1)):
            calibrated = today - datetime.timedelta(days=rng.randrange(60, 500))
            valid = calibrated + datetime.timedelta(days=365)
            equipment.append(
                SafetyEquipment(
                    enterprise_id=enterprise_id,
                    region_id=region_id,
                    kind=kind,
                    name=name,
                    quantity=rng.randrange(1, 4),
                    location="安全物资柜",
                    calibrated_on=calibrated,
                    valid_until=valid,
                    explosion_proof=kind == EquipmentKind.GAS_DETECTOR,
                )
            )
    spaces = city.bulk(ConfinedSpace, spaces)
    city.bulk(SafetyEquipment, equipment)
    city.extra["spaces"] = [(s.pk, s.region_id, s.enterprise_id) for s in spaces]

    # Half of the spaces assessed (LEC); the level copied onto the space as save() would.
    assessments, levels = [], {}
    for space in spaces:
        if rng.random() >= 0.5:
            continue
        likelihood, exposure, consequence = (decimal.Decimal(str(v)) for v in rng.choice(LEC))
        score, level = rules.assess(RiskMethod.LEC, likelihood, exposure, consequence)
        assessments.append(
            SpaceRiskAssessment(
                space_id=space.pk,
                region_id=space.region_id,
                method=RiskMethod.LEC,
                likelihood=likelihood,
                exposure=exposure,
                consequence=consequence,
                score=score,
                level=level,
                controls="先通风、再检测、后作业；专人监护；配备救援器材。",
                assessed_on=today - datetime.timedelta(days=rng.randrange(300)),
                assessor="安全管理员",
            )
        )
        levels.setdefault(level, []).append(space.pk)
    city.bulk(SpaceRiskAssessment, assessments)
    for level, ids in levels.items():
        for start in range(0, len(ids), 500):
            ConfinedSpace._base_manager.filter(pk__in=ids[start : start + 500]).update(
                risk_level=level
            )
