"""Training records in the access matrix, with the expectations per role written out by hand.

Records are placed in a region through ``world.enterprise_for(region)`` (enterprises' testing):
for the enterprise manager, "inside" is its own enterprise and "outside" another one.
"""

import datetime
from itertools import count

from anjian.accounts import roles
from anjian.core.testing.matrix import MatrixCase, register
from anjian.training.choices import TrainingKind
from anjian.training.models import (
    Activity,
    Attendance,
    Certificate,
    Drill,
    Person,
    SpecialCertificate,
    TrainingSession,
    TrainingValidity,
)
from anjian.training.testing import (
    ActivityFactory,
    DrillFactory,
    SpecialCertificateFactory,
    attendance_in,
    certificate_in,
    make_id_number,
    person_in,
    session_in,
)

_seq = count(500)
READ = {"view"}
EDIT = {"view", "add", "change"}
ALL = {"view", "add", "change", "delete"}
TODAY = datetime.date.today().isoformat()

# Roles that read every training record of their jurisdiction and change none.
_READERS = {
    roles.COMMITTEE: READ,
    roles.DEPARTMENT: READ,
    roles.GRID_WORKER: READ,
    roles.SERVICE_INSPECTOR: READ,
    roles.LEADER: READ,
    roles.AUDITOR: READ,
    roles.EXPERT: set(),
}


# --- people -------------------------------------------------------------------------------------
def _new_person(world, region):
    n = next(_seq)
    return {
        "name": f"矩阵工人{n}",
        "id_number": make_id_number(n),
        "employer": world.enterprise_for(region).pk,
        "duties": ["entrant"],
    }


PERSON = register(
    MatrixCase(
        model=Person,
        make=person_in,
        form_data=_new_person,
        api_data=_new_person,
        change_data=lambda obj: {
            "name": obj.name,
            "id_number": obj.id_number,
            "phone": "13800000000",
            "employer": obj.employer_id,
            "duties": obj.duties,
        },
        api_change=lambda obj: {"phone": "13800000000"},
        changed=lambda obj: obj.phone == "13800000000",
        created=lambda data: Person.objects.filter(id_number=data["id_number"]).exists(),
        api_basename="person",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL,
            roles.REGULATOR: EDIT,
            roles.SUBDISTRICT_OFFICER: EDIT,
            roles.ENTERPRISE_MANAGER: ALL,
            **_READERS,
        },
    )
)


# --- sessions -----------------------------------------------------------------------------------
def _new_session(world, region):
    return {
        "kind": TrainingKind.CONFINED_SPACE,
        "topic": f"矩阵培训{next(_seq)}",
        "held_on": TODAY,
        "hours": "4",
        "enterprise": world.enterprise_for(region).pk,
    }


SESSION = register(
    MatrixCase(
        model=TrainingSession,
        make=session_in,
        form_data=_new_session,
        api_data=_new_session,
        change_data=lambda obj: {
            "kind": obj.kind,
            "topic": obj.topic,
            "held_on": TODAY,
            "hours": "4",
            "enterprise": obj.enterprise_id,
            "trainer": "改",
        },
        api_change=lambda obj: {"trainer": "改"},
        changed=lambda obj: obj.trainer == "改",
        created=lambda data: TrainingSession.objects.filter(topic=data["topic"]).exists(),
        api_basename="trainingsession",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL,
            roles.REGULATOR: ALL,
            roles.SUBDISTRICT_OFFICER: ALL,
            roles.ENTERPRISE_MANAGER: ALL,
            **_READERS,
        },
    )
)


# --- attendance ---------------------------------------------------------------------------------
def _new_attendance(world, region):
    session = session_in(world, region)
    return {"session": session.pk, "person": person_in(world, region).pk, "attended": True}


ATTENDANCE = register(
    MatrixCase(
        model=Attendance,
        make=attendance_in,
        form_data=_new_attendance,
        api_data=_new_attendance,
        change_data=lambda obj: {"session": obj.session_id, "person": obj.person_id},
        api_change=lambda obj: {"attended": False},
        changed=lambda obj: obj.attended is False,
        created=lambda data: Attendance.objects.filter(
            session=data["session"], person=data["person"]
        ).exists(),
        api_basename="attendance",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL,
            roles.REGULATOR: ALL,
            roles.SUBDISTRICT_OFFICER: ALL,
            roles.ENTERPRISE_MANAGER: ALL,
            **_READERS,
        },
    )
)


# --- certificates -------------------------------------------------------------------------------
def _new_certificate(world, region):
    return {
        "number": f"MX-{next(_seq)}",
        "person": person_in(world, region).pk,
        "kind": TrainingKind.CONFINED_SPACE,
        "duties": ["entrant"],
        "issued_on": TODAY,
        "issuer": "江海区安全生产协会",
    }


CERTIFICATE = register(
    MatrixCase(
        model=Certificate,
        make=certificate_in,
        form_data=_new_certificate,
        api_data=_new_certificate,
        change_data=lambda obj: {
            "number": obj.number,
            "person": obj.person_id,
            "kind": obj.kind,
            "duties": obj.duties,
            "issued_on": obj.issued_on.isoformat(),
            "expires_on": obj.expires_on.isoformat(),
            "issuer": "改",
        },
        api_change=lambda obj: {"issuer": "改"},
        changed=lambda obj: obj.issuer == "改",
        created=lambda data: Certificate.objects.filter(number=data["number"]).exists(),
        api_basename="certificate",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL,
            roles.REGULATOR: EDIT,
            roles.SUBDISTRICT_OFFICER: EDIT,
            roles.ENTERPRISE_MANAGER: READ,
            **_READERS,
        },
    )
)


# --- special operation certificates --------------------------------------------------------------
def _new_special(world, region):
    person = person_in(world, region)
    return {
        "person": person.pk,
        "number": f"T{person.id_number}",
        "category": "electrician",
        "operation": "低压电工作业",
        "authority": "江门市应急管理局",
        "issued_on": TODAY,
        "review_interval_years": 3,
    }


SPECIAL_CERTIFICATE = register(
    MatrixCase(
        model=SpecialCertificate,
        make=lambda world, region: SpecialCertificateFactory(person=person_in(world, region)),
        form_data=_new_special,
        api_data=_new_special,
        change_data=lambda obj: {
            "person": obj.person_id,
            "number": obj.number,
            "category": obj.category,
            "operation": obj.operation,
            "authority": "改",
            "issued_on": obj.issued_on.isoformat(),
            "expires_on": obj.expires_on.isoformat(),
            "review_interval_years": 3,
        },
        api_change=lambda obj: {"authority": "改"},
        changed=lambda obj: obj.authority == "改",
        created=lambda data: SpecialCertificate.objects.filter(number=data["number"]).exists(),
        api_basename="specialcertificate",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL,
            roles.REGULATOR: EDIT,
            roles.SUBDISTRICT_OFFICER: EDIT,
            roles.ENTERPRISE_MANAGER: ALL,
            **_READERS,
        },
    )
)


# --- drills -------------------------------------------------------------------------------------
def _new_drill(world, region):
    return {
        "held_on": TODAY,
        "scenario": f"矩阵演练{next(_seq)}",
        "enterprise": world.enterprise_for(region).pk,
        "participant_count": 5,
    }


DRILL = register(
    MatrixCase(
        model=Drill,
        make=lambda world, region: DrillFactory(enterprise=world.enterprise_for(region)),
        form_data=_new_drill,
        api_data=_new_drill,
        change_data=lambda obj: {
            "held_on": TODAY,
            "scenario": obj.scenario,
            "enterprise": obj.enterprise_id,
            "participant_count": 5,
            "evaluation": "改",
        },
        api_change=lambda obj: {"evaluation": "改"},
        changed=lambda obj: obj.evaluation == "改",
        created=lambda data: Drill.objects.filter(scenario=data["scenario"]).exists(),
        api_basename="drill",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL,
            roles.REGULATOR: EDIT,
            roles.SUBDISTRICT_OFFICER: EDIT,
            roles.ENTERPRISE_MANAGER: ALL,
            **_READERS,
        },
    )
)


# --- activities ---------------------------------------------------------------------------------
def _new_activity(world, region):
    return {
        "kind": "safety_month",
        "title": f"矩阵活动{next(_seq)}",
        "held_on": TODAY,
        "enterprise": world.enterprise_for(region).pk,
        "participant_count": 30,
        "materials_count": 100,
    }


ACTIVITY = register(
    MatrixCase(
        model=Activity,
        make=lambda world, region: ActivityFactory(enterprise=world.enterprise_for(region)),
        form_data=_new_activity,
        api_data=_new_activity,
        change_data=lambda obj: {
            "kind": obj.kind,
            "title": obj.title,
            "held_on": TODAY,
            "enterprise": obj.enterprise_id,
            "participant_count": 31,
            "materials_count": 0,
        },
        api_change=lambda obj: {"participant_count": 31},
        changed=lambda obj: obj.participant_count == 31,
        created=lambda data: Activity.objects.filter(title=data["title"]).exists(),
        api_basename="activity",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL,
            roles.REGULATOR: ALL,
            roles.SUBDISTRICT_OFFICER: ALL,
            roles.ENTERPRISE_MANAGER: EDIT,
            **_READERS,
            roles.COMMITTEE: ALL,
        },
    )
)


# --- configuration ------------------------------------------------------------------------------
def _new_validity(world, region):
    return {"kind": TrainingKind.OTHER, "validity_months": 23}


VALIDITY = register(
    MatrixCase(
        model=TrainingValidity,
        # Seeded by a migration, one row per kind; administrators change them, nobody adds or deletes.
        make=lambda world, region: TrainingValidity.objects.get(kind=TrainingKind.CONFINED_SPACE),
        form_data=_new_validity,
        api_data=_new_validity,
        change_data=lambda obj: {
            "kind": obj.kind,
            "qualifies_for": obj.qualifies_for,
            "validity_months": 24,
        },
        api_change=lambda obj: {"validity_months": 24},
        changed=lambda obj: obj.validity_months == 24,
        created=lambda data: TrainingValidity.objects.filter(validity_months=23).exists(),
        api_basename="trainingvalidity",
        unrestricted_roles={roles.ADMIN},
        expect={roles.ADMIN: {"view", "change"}},
    )
)
