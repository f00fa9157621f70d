"""Enterprises, parks, agreements, reference tables and enterprise accounts in the access matrix.

For the enterprise manager "inside" is its own enterprise and "outside" another one: records are
placed through ``world.enterprise_for(region)`` (see ``enterprises.testing``).
"""

from datetime import date
from itertools import count

from anjian.accounts import roles
from anjian.accounts.testing import UserFactory
from anjian.core.testing.matrix import MatrixCase, register
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    GradeFrequency,
    Industry,
    Park,
    SafetyAgreement,
)
from anjian.enterprises.testing import (
    EnterpriseFactory,
    IndustryFactory,
    ParkFactory,
    SafetyAgreementFactory,
    make_uscc,
)

_seq = count(1)
READ = {"view"}
NONE: set[str] = set()
GRADES = {"grade_a", "grade_d"}
EVERY_ROLE = set(roles.ROLES)

# Who reads everything about enterprises in their reach, and who supervises (edits and grades).
READERS = {
    roles.COMMITTEE,
    roles.DEPARTMENT,
    roles.GRID_WORKER,
    roles.SERVICE_INSPECTOR,
    roles.LEADER,
    roles.AUDITOR,
}


def _village(world, region):
    return world.enterprise_for(region).region


def _new_enterprise(world, region):
    n = next(_seq)
    return {
        "name": f"矩阵企业{n}有限公司",
        "uscc": make_uscc(900000 + n),
        "region": _village(world, region).pk,
        "industry": IndustryFactory().pk,
        "status": "operating",
    }


def _enterprise_change(obj):
    return {
        "name": obj.name,
        "uscc": obj.uscc,
        "region": obj.region_id,
        "industry": obj.industry_id,
        "status": obj.status,
        "employee_count": 77,
    }


def _set_grade(grade):
    def prepare(obj):
        Enterprise.objects.filter(pk=obj.pk).update(risk_grade=grade)

    return prepare


ENTERPRISE = register(
    MatrixCase(
        model=Enterprise,
        make=lambda world, region: world.enterprise_for(region),
        form_data=_new_enterprise,
        api_data=_new_enterprise,
        change_data=_enterprise_change,
        api_change=lambda obj: {"employee_count": 77},
        changed=lambda obj: obj.employee_count == 77,
        created=lambda data: Enterprise.objects.filter(name=data["name"]).exists(),
        api_basename="enterprise",
        unrestricted_roles={roles.ADMIN},
        transitions={
            "grade_a": (_set_grade("B"), lambda obj: obj.risk_grade == "A"),
            "grade_d": (_set_grade("A"), lambda obj: obj.risk_grade == "D"),
        },
        expect={
            roles.ADMIN: {"view", "add", "change", "delete", *GRADES},
            roles.REGULATOR: {"view", "add", "change", *GRADES},
            roles.SUBDISTRICT_OFFICER: {"view", "add", "change", *GRADES},
            **{role: READ for role in READERS},
            roles.EXPERT: NONE,
            roles.ENTERPRISE_MANAGER: {"view", "change"},
        },
    )
)


def _new_park(world, region):
    n = next(_seq)
    return {
        "name": f"矩阵园区{n}",
        "region": region.pk,
        "operator_enterprise": world.enterprise_for(region).pk,
    }


PARK = register(
    MatrixCase(
        model=Park,
        make=lambda world, region: ParkFactory(
            region=region, operator_enterprise=world.enterprise_for(region)
        ),
        form_data=_new_park,
        api_data=_new_park,
        change_data=lambda obj: {
            "name": obj.name,
            "region": obj.region_id,
            "address": "改",
            "operator_enterprise": obj.operator_enterprise_id,
        },
        api_change=lambda obj: {"address": "改"},
        changed=lambda obj: obj.address == "改",
        created=lambda data: Park.objects.filter(name=data["name"]).exists(),
        api_basename="park",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: {"view", "add", "change", "delete"},
            roles.REGULATOR: {"view", "add", "change"},
            roles.SUBDISTRICT_OFFICER: {"view", "add", "change"},
            **{role: READ for role in READERS},
            roles.EXPERT: NONE,
            roles.ENTERPRISE_MANAGER: READ,
        },
    )
)


def _new_agreement(world, region):
    tenant = world.enterprise_for(region)
    landlord = EnterpriseFactory(region=tenant.region)
    return {"landlord": landlord.pk, "tenant": tenant.pk, "signed_on": "2025-03-01"}


AGREEMENT = register(
    MatrixCase(
        model=SafetyAgreement,
        make=lambda world, region: SafetyAgreementFactory(
            tenant=world.enterprise_for(region),
            landlord=EnterpriseFactory(region=world.enterprise_for(region).region),
        ),
        form_data=_new_agreement,
        api_data=_new_agreement,
        change_data=lambda obj: {
            "landlord": obj.landlord_id,
            "tenant": obj.tenant_id,
            "signed_on": obj.signed_on.isoformat(),
            "expires_on": "2030-01-01",
        },
        api_change=lambda obj: {"expires_on": "2030-01-01"},
        changed=lambda obj: obj.expires_on == date(2030, 1, 1),
        created=lambda data: SafetyAgreement.objects.filter(landlord_id=data["landlord"]).exists(),
        api_basename="safetyagreement",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: {"view", "add", "change", "delete"},
            roles.REGULATOR: {"view", "add", "change"},
            roles.SUBDISTRICT_OFFICER: {"view", "add", "change"},
            **{role: READ for role in READERS},
            roles.EXPERT: NONE,
            roles.ENTERPRISE_MANAGER: READ,
        },
    )
)


def _new_industry(world, region):
    n = next(_seq)
    return {"code": f"Z{n:03d}", "name": f"矩阵行业{n}"}


# Reference tables belong to no place: every holder of the view permission reads every row.
INDUSTRY = register(
    MatrixCase(
        model=Industry,
        # "A…" sorts before the seeded divisions, so the new row is on the list's first page.
        make=lambda world, region: IndustryFactory(code=f"A{next(_seq):03d}", name="测试行业"),
        form_data=_new_industry,
        api_data=_new_industry,
        change_data=lambda obj: {"code": obj.code, "name": "改名行业"},
        api_change=lambda obj: {"name": "改名行业"},
        changed=lambda obj: obj.name == "改名行业",
        created=lambda data: Industry.objects.filter(code=data["code"]).exists(),
        api_basename="industry",
        unrestricted_roles=EVERY_ROLE,
        expect={
            roles.ADMIN: {"view", "add", "change", "delete"},
            roles.REGULATOR: READ,
            roles.SUBDISTRICT_OFFICER: READ,
            **{role: READ for role in READERS},
            roles.EXPERT: NONE,
            roles.ENTERPRISE_MANAGER: READ,
        },
    )
)

# Four seeded rows, one per grade: administrators change the intervals; nobody adds or deletes.
FREQUENCY = register(
    MatrixCase(
        model=GradeFrequency,
        make=lambda world, region: GradeFrequency.objects.get(grade="B"),
        form_data=lambda world, region: {"grade": "B", "interval_months": 11},
        api_data=lambda world, region: {"grade": "B", "interval_months": 11},
        change_data=lambda obj: {"grade": obj.grade, "interval_months": 45},
        api_change=lambda obj: {"interval_months": 45},
        changed=lambda obj: obj.interval_months == 45,
        created=lambda data: GradeFrequency.objects.filter(interval_months=11).exists(),
        api_basename="gradefrequency",
        unrestricted_roles=EVERY_ROLE,
        expect={
            roles.ADMIN: {"view", "change"},
            roles.REGULATOR: READ,
            roles.SUBDISTRICT_OFFICER: READ,
            **{role: READ for role in READERS},
            roles.EXPERT: NONE,
            roles.ENTERPRISE_MANAGER: READ,
        },
    )
)


def _new_membership(world, region):
    return {
        "user": UserFactory().pk,
        "enterprise": world.enterprise_for(region).pk,
        "position": "安全员",
    }


MEMBERSHIP = register(
    MatrixCase(
        model=EnterpriseMembership,
        make=lambda world, region: EnterpriseMembership.objects.create(
            user=UserFactory(), enterprise=world.enterprise_for(region)
        ),
        form_data=_new_membership,
        api_data=_new_membership,
        change_data=lambda obj: {
            "user": obj.user_id,
            "enterprise": obj.enterprise_id,
            "position": "改",
        },
        api_change=lambda obj: {"position": "改"},
        changed=lambda obj: obj.position == "改",
        created=lambda data: EnterpriseMembership.objects.filter(user_id=data["user"]).exists(),
        api_basename="enterprisemembership",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: {"view", "add", "change", "delete"},
            roles.REGULATOR: READ,
            roles.SUBDISTRICT_OFFICER: READ,
            **{role: NONE for role in READERS},
            roles.EXPERT: NONE,
            roles.ENTERPRISE_MANAGER: NONE,
        },
    )
)
