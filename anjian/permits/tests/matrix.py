"""Confined-space work in the access matrix, with the expectations per role written out by hand.

Records are placed through ``world.enterprise_for(region)``: for the enterprise manager, "inside"
is its own enterprise. The enterprise plans, files, records tests and the log; the sub-district
office acknowledges or returns (and records the briefing) and may suspend; the district and the
other supervising roles read all of their area; experts see nothing; administrators keep the
reference tables (thresholds, attachment kinds), which every reader sees whole.
"""

import datetime
from decimal import Decimal
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from anjian.accounts import roles
from anjian.core.testing.matrix import MatrixCase, register
from anjian.permits.choices import PermitStatus
from anjian.permits.models import (
    AttachmentKind,
    Briefing,
    Delegation,
    EntryLogEntry,
    GasReading,
    GasTest,
    GasThreshold,
    Permit,
    PermitAttachment,
    PermitPerson,
)
from anjian.permits.testing import PDF, PermitFactory, gas_test
from anjian.spaces.testing import ConfinedSpaceFactory, SafetyEquipmentFactory
from anjian.training.testing import PersonFactory, person_in

_seq = count(700)
READ = {"view"}
EDIT = {"view", "add", "change"}
ALL = {"view", "add", "change", "delete"}
RECORD = {"view", "add"}
PAGE = frozenset({"list", "detail", "add", "change"})

_READERS = {
    roles.REGULATOR: READ,
    roles.COMMITTEE: READ,
    roles.DEPARTMENT: READ,
    roles.GRID_WORKER: READ,
    roles.SERVICE_INSPECTOR: READ,
    roles.LEADER: READ,
    roles.AUDITOR: READ,
    roles.EXPERT: set(),
}
# Reference tables: every role that reads them reads them whole.
_REFERENCE_READERS = {role for role, actions in _READERS.items() if actions} | {
    roles.ADMIN,
    roles.SUBDISTRICT_OFFICER,
    roles.ENTERPRISE_MANAGER,
}


def _permit(world, region, status=PermitStatus.DRAFT, **kwargs):
    permit = PermitFactory(enterprise=world.enterprise_for(region), **kwargs)
    if status != PermitStatus.DRAFT:
        Permit._base_manager.filter(pk=permit.pk).update(status=status)
        permit.refresh_from_db()
    return permit


def _set_status(status):
    def prepare(obj):
        Permit._base_manager.filter(pk=obj.pk).update(status=status)
        obj.refresh_from_db()

    return prepare


def _moved_to(status):
    return lambda obj: obj.status == status


# --- permits --------------------------------------------------------------------------------------
def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _new_permit(world, region):
    n = next(_seq)
    enterprise = world.enterprise_for(region)
    space = ConfinedSpaceFactory(enterprise=enterprise)
    start = timezone.now() + datetime.timedelta(days=5)
    return {
        "enterprise": enterprise.pk,
        "space": space.pk,
        "work_content": f"矩阵作业{n}",
        "planned_start": _local(start),
        "planned_end": _local(start + datetime.timedelta(hours=4)),
        "implementing_unit": "self",
    }


def _new_permit_api(world, region):
    data = _new_permit(world, region)
    start = timezone.now() + datetime.timedelta(days=5)
    data["planned_start"] = start.isoformat()
    data["planned_end"] = (start + datetime.timedelta(hours=4)).isoformat()
    return data


def _permit_form(obj):
    return {
        "enterprise": obj.enterprise_id,
        "space": obj.space_id,
        "work_content": obj.work_content,
        "planned_start": _local(obj.planned_start),
        "planned_end": _local(obj.planned_end),
        "implementing_unit": obj.implementing_unit,
        "hazards": "矩阵修改",
    }


PERMIT = register(
    MatrixCase(
        model=Permit,
        make=_permit,
        form_data=_new_permit,
        api_data=_new_permit_api,
        change_data=_permit_form,
        api_change=lambda obj: {"hazards": "矩阵修改"},
        changed=lambda obj: obj.hazards == "矩阵修改",
        created=lambda data: Permit.objects.filter(work_content=data["work_content"]).exists(),
        api_basename="permit",
        unrestricted_roles={roles.ADMIN},
        pages=PAGE | {"transition:cancel", "transition:return", "transition:suspend"},
        transitions={
            "cancel": (_set_status(PermitStatus.DRAFT), _moved_to(PermitStatus.CANCELLED)),
            "return": (_set_status(PermitStatus.FILED), _moved_to(PermitStatus.RETURNED)),
            "suspend": (_set_status(PermitStatus.IN_PROGRESS), _moved_to(PermitStatus.SUSPENDED)),
        },
        expect={
            roles.ADMIN: EDIT | {"cancel", "return", "suspend"},
            roles.SUBDISTRICT_OFFICER: READ | {"return", "suspend"},
            roles.ENTERPRISE_MANAGER: EDIT | {"cancel", "suspend"},
            **_READERS,
        },
    )
)


# --- the people of a permit -----------------------------------------------------------------------
def _permit_person(world, region):
    return PermitPerson.objects.create(
        permit=_permit(world, region), person=person_in(world, region), duty="rescuer"
    )


def _new_permit_person(world, region):
    return {
        "permit": _permit(world, region).pk,
        "person": person_in(world, region).pk,
        "duty": "rescuer",
    }


PERMIT_PERSON = register(
    MatrixCase(
        model=PermitPerson,
        make=_permit_person,
        form_data=_new_permit_person,
        api_data=_new_permit_person,
        change_data=lambda obj: {},
        api_change=lambda obj: {"special_operation": "矩阵作业项"},
        changed=lambda obj: obj.special_operation == "矩阵作业项",
        created=lambda data: PermitPerson.objects.filter(
            permit_id=data["permit"], person_id=data["person"]
        ).exists(),
        api_basename="permitperson",
        unrestricted_roles={roles.ADMIN},
        pages=False,
        expect={
            roles.ADMIN: ALL,
            roles.SUBDISTRICT_OFFICER: READ,
            roles.ENTERPRISE_MANAGER: ALL,
            **_READERS,
        },
    )
)


# --- delegations ----------------------------------------------------------------------------------
def _principal(enterprise):
    # Read again: a world shared between tests keeps the object, not the rolled-back row.
    enterprise.refresh_from_db(fields=["principal_person"])
    if enterprise.principal_person_id is None:
        enterprise.principal_person = PersonFactory(employer=enterprise)
        enterprise.save()
    return enterprise.principal_person


def _delegation(world, region):
    enterprise = world.enterprise_for(region)
    today = timezone.localdate()
    return Delegation.objects.create(
        enterprise=enterprise,
        principal=_principal(enterprise),
        delegate=PersonFactory(employer=enterprise),
        valid_from=today,
        valid_until=today + datetime.timedelta(days=30),
    )


def _new_delegation(world, region):
    n = next(_seq)
    enterprise = world.enterprise_for(region)
    today = timezone.localdate()
    return {
        "enterprise": enterprise.pk,
        "principal": _principal(enterprise).pk,
        "delegate": PersonFactory(employer=enterprise).pk,
        "valid_from": today.isoformat(),
        "valid_until": (today + datetime.timedelta(days=30)).isoformat(),
        "note": f"矩阵委托{n}",
    }


DELEGATION = register(
    MatrixCase(
        model=Delegation,
        make=_delegation,
        form_data=_new_delegation,
        api_data=_new_delegation,
        change_data=lambda obj: {
            "enterprise": obj.enterprise_id,
            "principal": obj.principal_id,
            "delegate": obj.delegate_id,
            "valid_from": obj.valid_from.isoformat(),
            "valid_until": obj.valid_until.isoformat(),
            "note": "矩阵修改",
        },
        api_change=lambda obj: {"note": "矩阵修改"},
        changed=lambda obj: obj.note == "矩阵修改",
        created=lambda data: Delegation.objects.filter(note=data["note"]).exists(),
        api_basename="delegation",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL,
            roles.SUBDISTRICT_OFFICER: READ,
            roles.ENTERPRISE_MANAGER: ALL,
            **_READERS,
        },
    )
)


# --- briefings ------------------------------------------------------------------------------------
def _briefing_data(world, region):
    n = next(_seq)
    end = timezone.now() - datetime.timedelta(minutes=5)
    return {
        "permit": _permit(world, region, PermitStatus.FILED).pk,
        "started_at": (end - datetime.timedelta(minutes=35)).isoformat(),
        "ended_at": end.isoformat(),
        "topics": ["seven_prohibitions", "procedure"],
        "attendee_names": "作业人员",
        "given_by_name": f"矩阵交底人{n}",
    }


def _briefing(world, region):
    end = timezone.now() - datetime.timedelta(minutes=5)
    return Briefing.objects.create(
        permit=_permit(world, region, PermitStatus.FILED),
        started_at=end - datetime.timedelta(minutes=35),
        ended_at=end,
        topics=["seven_prohibitions", "procedure"],
        attendee_names="作业人员",
        given_by_name="矩阵交底人",
    )


BRIEFING = register(
    MatrixCase(
        model=Briefing,
        make=_briefing,
        form_data=_briefing_data,
        api_data=_briefing_data,
        change_data=lambda obj: {},
        api_change=lambda obj: {"location": "矩阵现场"},
        changed=lambda obj: obj.location == "矩阵现场",
        created=lambda data: Briefing.objects.filter(given_by_name=data["given_by_name"]).exists(),
        api_basename="briefing",
        unrestricted_roles={roles.ADMIN},
        pages=False,
        expect={
            roles.ADMIN: EDIT,
            roles.SUBDISTRICT_OFFICER: EDIT,
            roles.ENTERPRISE_MANAGER: READ,
            **_READERS,
        },
    )
)


# --- gas tests and readings -----------------------------------------------------------------------
def _approved(world, region):
    return _permit(world, region, PermitStatus.APPROVED)


def _gas_test(world, region):
    return gas_test(_approved(world, region))


def _new_gas_test(world, region):
    permit = _approved(world, region)
    enterprise = permit.enterprise
    return {
        "permit": permit.pk,
        "tested_at": timezone.now().isoformat(),
        "tester": PersonFactory(employer=enterprise).pk,
        "detector": SafetyEquipmentFactory(enterprise=enterprise, kind="gas_detector").pk,
        "readings": [
            {"gas": t.pk, "depth": "middle", "value": "0", "unit": t.unit}
            for t in GasThreshold.objects.exclude(code="O2")
        ]
        + [
            {
                "gas": GasThreshold.objects.get(code="O2").pk,
                "depth": "top",
                "value": "20.9",
                "unit": "pct_vol",
            }
        ],
    }


GAS_TEST = register(
    MatrixCase(
        model=GasTest,
        make=_gas_test,
        form_data=_new_gas_test,
        api_data=_new_gas_test,
        change_data=lambda obj: {},
        api_change=lambda obj: {"note": "矩阵修改"},
        changed=lambda obj: obj.note == "矩阵修改",
        created=lambda data: GasTest.objects.filter(permit_id=data["permit"]).exists(),
        api_basename="gastest",
        unrestricted_roles={roles.ADMIN},
        pages=False,
        expect={
            roles.ADMIN: RECORD,
            roles.SUBDISTRICT_OFFICER: READ,
            roles.ENTERPRISE_MANAGER: RECORD,
            **_READERS,
        },
    )
)


def _reading(world, region):
    return _gas_test(world, region).readings.get()


GAS_READING = register(
    MatrixCase(
        model=GasReading,
        make=_reading,
        form_data=lambda world, region: {},
        api_data=lambda world, region: {
            "test": _gas_test(world, region).pk,
            "gas": GasThreshold.objects.get(code="CO").pk,
            "value": f"{next(_seq)}.5",
            "unit": "mg_m3",
        },
        change_data=lambda obj: {},
        api_change=lambda obj: {"value": "19"},
        changed=lambda obj: obj.value == 19,
        created=lambda data: GasReading.objects.filter(value=Decimal(data["value"])).exists(),
        api_basename="gasreading",
        unrestricted_roles={roles.ADMIN},
        pages=False,
        expect={
            roles.ADMIN: READ,
            roles.SUBDISTRICT_OFFICER: READ,
            roles.ENTERPRISE_MANAGER: READ,
            **_READERS,
        },
    )
)


# --- the entry log --------------------------------------------------------------------------------
def _working(world, region):
    permit = _permit(world, region, PermitStatus.IN_PROGRESS)
    entrant = person_in(world, region)
    PermitPerson.objects.create(permit=permit, person=entrant, duty="entrant")
    return permit, entrant


def _entry(world, region):
    permit, entrant = _working(world, region)
    return EntryLogEntry.objects.create(
        permit=permit, person=entrant, direction="in", at=timezone.now()
    )


def _new_entry(world, region):
    permit, entrant = _working(world, region)
    return {"permit": permit.pk, "person": entrant.pk, "direction": "in"}


ENTRY = register(
    MatrixCase(
        model=EntryLogEntry,
        make=_entry,
        form_data=_new_entry,
        api_data=_new_entry,
        change_data=lambda obj: {},
        api_change=lambda obj: {"direction": "out"},
        changed=lambda obj: obj.direction == "out",
        created=lambda data: EntryLogEntry.objects.filter(
            permit_id=data["permit"], person_id=data["person"]
        ).exists(),
        api_basename="entrylogentry",
        unrestricted_roles={roles.ADMIN},
        pages=False,
        expect={
            roles.ADMIN: RECORD,
            roles.SUBDISTRICT_OFFICER: READ,
            roles.ENTERPRISE_MANAGER: RECORD,
            **_READERS,
        },
    )
)


# --- attachments ----------------------------------------------------------------------------------
def _upload_kind():
    kind, _created = AttachmentKind.objects.get_or_create(
        code="site_photos", defaults={"name": "现场照片"}
    )
    return kind


def _attachment(world, region):
    return PermitAttachment.objects.create(
        permit=_permit(world, region),
        kind=_upload_kind(),
        file=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
    )


def _new_attachment(world, region):
    return {
        "permit": _permit(world, region).pk,
        "kind": _upload_kind().pk,
        "file": SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
        "note": f"矩阵附件{next(_seq)}",
    }


ATTACHMENT = register(
    MatrixCase(
        model=PermitAttachment,
        make=_attachment,
        form_data=_new_attachment,
        api_data=_new_attachment,
        change_data=lambda obj: {},
        api_change=lambda obj: {"note": "矩阵修改"},
        changed=lambda obj: obj.note == "矩阵修改",
        created=lambda data: PermitAttachment.objects.filter(note=data["note"]).exists(),
        api_basename="permitattachment",
        unrestricted_roles={roles.ADMIN},
        pages=False,
        api_format="multipart",
        expect={
            roles.ADMIN: ALL,
            roles.SUBDISTRICT_OFFICER: READ,
            roles.ENTERPRISE_MANAGER: ALL,
            **_READERS,
        },
    )
)


# --- reference tables -----------------------------------------------------------------------------
def _threshold(world, region):
    n = next(_seq)
    return GasThreshold.objects.create(
        code=f"G{n}", name=f"矩阵气体{n}", unit="ppm", maximum=5, order=900
    )


def _new_threshold(world, region):
    n = next(_seq)
    return {
        "code": f"N{n}",
        "name": f"矩阵新气体{n}",
        "unit": "ppm",
        "maximum": "5",
        "maximum_inclusive": True,
        "order": 900,
        "active": True,
    }


THRESHOLD = register(
    MatrixCase(
        model=GasThreshold,
        make=_threshold,
        form_data=_new_threshold,
        api_data=_new_threshold,
        change_data=lambda obj: {
            "code": obj.code,
            "name": obj.name,
            "unit": obj.unit,
            "maximum": "6",
            "maximum_inclusive": "on",
            "order": obj.order,
            "active": "on",
        },
        api_change=lambda obj: {"maximum": "6"},
        changed=lambda obj: obj.maximum == 6,
        created=lambda data: GasThreshold.objects.filter(code=data["code"]).exists(),
        api_basename="gasthreshold",
        unrestricted_roles=_REFERENCE_READERS,
        pages=PAGE,
        expect={
            roles.ADMIN: EDIT,
            roles.SUBDISTRICT_OFFICER: READ,
            roles.ENTERPRISE_MANAGER: READ,
            **_READERS,
        },
    )
)


def _kind(world, region):
    n = next(_seq)
    return AttachmentKind.objects.create(code=f"k{n}", name=f"矩阵附件类别{n}", order=900)


def _new_kind(world, region):
    n = next(_seq)
    return {"code": f"n{n}", "name": f"矩阵新类别{n}", "order": 900, "active": True}


ATTACHMENT_KIND = register(
    MatrixCase(
        model=AttachmentKind,
        make=_kind,
        form_data=_new_kind,
        api_data=_new_kind,
        change_data=lambda obj: {
            "code": obj.code,
            "name": "矩阵修改",
            "order": obj.order,
            "active": "on",
        },
        api_change=lambda obj: {"name": "矩阵修改"},
        changed=lambda obj: obj.name == "矩阵修改",
        created=lambda data: AttachmentKind.objects.filter(code=data["code"]).exists(),
        api_basename="attachmentkind",
        unrestricted_roles=_REFERENCE_READERS,
        expect={
            roles.ADMIN: ALL,
            roles.SUBDISTRICT_OFFICER: READ,
            roles.ENTERPRISE_MANAGER: READ,
            **_READERS,
        },
    )
)
