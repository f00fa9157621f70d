"""The demo world's confined spaces: 恒亦达's sewage station (好氧池 with H2S, the accident's tank),
一诠科技's second-floor station behind a door too low to stop anyone, one gas detector out of
calibration, drills linked to their spaces; loading twice changes nothing."""

import pytest

from anjian.spaces.models import ConfinedSpace, SafetyEquipment
from anjian.training.models import Drill

pytestmark = pytest.mark.django_db


def test_the_demo_world_holds_the_seed_spaces():
    from anjian.demo import world

    world.load()
    hengyida = ConfinedSpace.objects.filter(enterprise__name="江门市恒亦达电子有限公司")
    assert {"好氧池", "调节池", "污泥池", "集水井"} <= set(hengyida.values_list("name", flat=True))
    tank = hengyida.get(name="好氧池")
    assert tank.has_toxic_risk and tank.toxic_gases == ["H2S"] and tank.risk_level == "red"
    assert tank.responsible_person is not None
    assert Drill.objects.filter(space=tank).exists()
    yiquan = ConfinedSpace.objects.get(name="二层污水站")
    assert yiquan.isolation == "door" and not yiquan.isolation_effective
    assert not yiquan.warning_sign and set(yiquan.toxic_gases) == {"H2S", "CO"}
    detectors = SafetyEquipment.objects.filter(
        enterprise=tank.enterprise, kind="gas_detector"
    ).order_by("name")
    assert [d.in_date() for d in detectors] == [True, False]
    counts = ConfinedSpace.objects.count(), SafetyEquipment.objects.count()
    again = world.load()
    assert (ConfinedSpace.objects.count(), SafetyEquipment.objects.count()) == counts
    assert not again.created.get(ConfinedSpace) and not again.updated.get(ConfinedSpace)
    assert not again.updated.get(SafetyEquipment) and not again.updated.get(Drill)
