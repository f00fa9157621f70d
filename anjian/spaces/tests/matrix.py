"""The confined-space ledger, risk assessments and safety equipment in the access matrix, with the
expectations per role written out by hand: the enterprise keeps its own; the regulators, the
sub-district and the other public roles read their area; nobody outside sees anything."""

import datetime
from itertools import count

from anjian.accounts import roles
from anjian.core.testing.matrix import MatrixCase, register
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment
from anjian.spaces.testing import assessment_in, equipment_in, space_in

_seq = count(700)
READ = {"view"}
ALL = {"view", "add", "change", "delete"}
TODAY = datetime.date.today().isoformat()

_READERS = {
    roles.REGULATOR: READ,
    roles.SUBDISTRICT_OFFICER: READ,
    roles.COMMITTEE: READ,
    roles.DEPARTMENT: READ,
    roles.GRID_WORKER: READ,
    roles.SERVICE_INSPECTOR: READ,
    roles.LEADER: READ,
    roles.AUDITOR: READ,
    roles.EXPERT: set(),
}
EXPECT = {roles.ADMIN: ALL, roles.ENTERPRISE_MANAGER: ALL, **_READERS}


def _new_space(world, region):
    n = next(_seq)
    return {
        "enterprise": world.enterprise_for(region).pk,
        "code": f"M-{n}",
        "name": f"矩阵污水池{n}",
        "kind": "underground",
        "toxic_gases": ["H2S"],
        "isolation": "lock",
        "isolation_effective": True,
        "performed_by": "self",
        "status": "in_use",
    }


def _space_change(obj):
    return {
        "enterprise": obj.enterprise_id,
        "code": obj.code,
        "name": obj.name,
        "kind": obj.kind,
        "toxic_gases": obj.toxic_gases,
        "isolation": obj.isolation,
        "isolation_effective": "on" if obj.isolation_effective else "",
        "performed_by": obj.performed_by,
        "status": obj.status,
        "usual_work": "改",
    }


SPACE = register(
    MatrixCase(
        model=ConfinedSpace,
        make=space_in,
        form_data=_new_space,
        api_data=_new_space,
        change_data=_space_change,
        api_change=lambda obj: {"usual_work": "改"},
        changed=lambda obj: obj.usual_work == "改",
        created=lambda data: ConfinedSpace.objects.filter(name=data["name"]).exists(),
        api_basename="confinedspace",
        unrestricted_roles={roles.ADMIN},
        expect=EXPECT,
    )
)


def _new_assessment(world, region):
    return {
        "space": space_in(world, region).pk,
        "method": "lec",
        "likelihood": "3",
        "exposure": "6",
        "consequence": "15",
        "assessed_on": TODAY,
        "assessor": f"矩阵评估人{next(_seq)}",
    }


ASSESSMENT = register(
    MatrixCase(
        model=SpaceRiskAssessment,
        make=assessment_in,
        form_data=_new_assessment,
        api_data=_new_assessment,
        change_data=lambda obj: {
            "space": obj.space_id,
            "method": obj.method,
            "likelihood": str(obj.likelihood),
            "exposure": str(obj.exposure),
            "consequence": str(obj.consequence),
            "assessed_on": TODAY,
            "assessor": obj.assessor,
            "controls": "改",
        },
        api_change=lambda obj: {"controls": "改"},
        changed=lambda obj: obj.controls == "改",
        created=lambda data: SpaceRiskAssessment.objects.filter(assessor=data["assessor"]).exists(),
        api_basename="spaceriskassessment",
        unrestricted_roles={roles.ADMIN},
        expect=EXPECT,
    )
)


def _new_equipment(world, region):
    return {
        "enterprise": world.enterprise_for(region).pk,
        "kind": "harness",
        "name": f"矩阵安全带{next(_seq)}",
        "quantity": 2,
        "status": "in_service",
    }


EQUIPMENT = register(
    MatrixCase(
        model=SafetyEquipment,
        make=equipment_in,
        form_data=_new_equipment,
        api_data=_new_equipment,
        change_data=lambda obj: {
            "enterprise": obj.enterprise_id,
            "kind": obj.kind,
            "name": obj.name,
            "quantity": obj.quantity,
            "status": obj.status,
            "location": "改",
        },
        api_change=lambda obj: {"location": "改"},
        changed=lambda obj: obj.location == "改",
        created=lambda data: SafetyEquipment.objects.filter(name=data["name"]).exists(),
        api_basename="safetyequipment",
        unrestricted_roles={roles.ADMIN},
        expect=EXPECT,
    )
)
