"""Factories of confined-space work for tests, and ``ready_permit``: a permit that passes the gate.

Records are placed through the enterprises world's ``world.enterprise_for(region)``, so "inside"
for an enterprise manager is its own enterprise (``permit_in(world, region)``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from anjian.enterprises.testing import EnterpriseFactory
from anjian.permits.choices import BriefingTopic, GasTestKind, PermitDuty, PermitStatus
from anjian.permits.models import (
    Briefing,
    Delegation,
    EntryLogEntry,
    GasReading,
    GasTest,
    GasThreshold,
    Permit,
    PermitPerson,
)
from anjian.spaces.testing import ConfinedSpaceFactory, SafetyEquipmentFactory
from anjian.training.choices import Duty
from anjian.training.testing import CertificateFactory, PersonFactory

PDF = b"%PDF-1.4\n%test\n"


def pdf_file(name="delegation.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class PermitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Permit

    enterprise = None  # pass one
    space = factory.LazyAttribute(lambda o: ConfinedSpaceFactory(enterprise=o.enterprise))
    work_content = "清理好氧池污泥"
    planned_start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=5))
    planned_end = factory.LazyAttribute(lambda o: o.planned_start + datetime.timedelta(hours=6))
    hazards = "硫化氢中毒、缺氧窒息、淹溺"
    ventilation = "轴流风机机械通风不少于30分钟"
    isolation_points = "进水阀上锁挂牌，切断搅拌机电源"
    communication = "对讲机，每5分钟联络一次"
    electrical_note = "使用12V安全电压照明"
    rescue_plan = "三脚架与绞盘就位，严禁盲目施救"
    rescue_team = "企业应急救援小组"
    rescue_call = "监护人对讲机呼叫，拨打119"


def _with_status(permit, status, **fields):
    """Put a permit in a state directly (tests of single moves); the services are tested apart."""
    Permit._base_manager.filter(pk=permit.pk).update(status=status, **fields)
    permit.refresh_from_db()
    return permit


def permit_in(world, region, **kwargs) -> Permit:
    return PermitFactory(enterprise=world.enterprise_for(region), **kwargs)


def trained_person(enterprise, duties=(Duty.ENTRANT, Duty.ATTENDANT, Duty.WORK_LEADER), **kwargs):
    person = PersonFactory(employer=enterprise, **kwargs)
    CertificateFactory(person=person, duties=list(duties))
    return person


def add_person(permit, duty, person=None, **kwargs) -> PermitPerson:
    person = person or trained_person(permit.enterprise)
    return PermitPerson.objects.create(permit=permit, person=person, duty=duty, **kwargs)


def detector_for(enterprise, **kwargs):
    return SafetyEquipmentFactory(enterprise=enterprise, kind="gas_detector", **kwargs)


def passing_readings():
    """Readings that pass every default threshold, at three depths for the toxic gases."""
    return [
        {"gas": "O2", "depth": "top", "value": Decimal("20.9"), "unit": "pct_vol"},
        {"gas": "LEL", "depth": "top", "value": Decimal("0"), "unit": "pct_lel"},
        {"gas": "H2S", "depth": "bottom", "value": Decimal("1"), "unit": "ppm"},
        {"gas": "CO", "depth": "middle", "value": Decimal("2"), "unit": "mg_m3"},
        {"gas": "CO2", "depth": "middle", "value": Decimal("0.1"), "unit": "pct_vol"},
        {"gas": "NH3", "depth": "middle", "value": Decimal("0"), "unit": "ppm"},
    ]


def gas_test(
    permit, *, at=None, passed=True, detector=None, tester=None, kind=GasTestKind.PRE_ENTRY
):
    """A gas test written directly (bypassing the service), with one O2 reading."""
    detector = detector or detector_for(permit.enterprise)
    tester = tester or PersonFactory(employer=permit.enterprise)
    test = GasTest.objects.create(
        permit=permit,
        kind=kind,
        tested_at=at or timezone.now(),
        tester=tester,
        detector=detector,
        detector_in_date=detector.in_date(timezone.localdate(at or timezone.now())),
        passed=passed,
    )
    GasReading.objects.create(
        test=test,
        gas=GasThreshold.objects.get(code="O2"),
        depth="top",
        value=Decimal("20.9") if passed else Decimal("18"),
        unit="pct_vol",
        converted_value=Decimal("20.9") if passed else Decimal("18"),
        passed=passed,
    )
    return test


def ready_permit(enterprise=None, *, entrants=1, attendants=1, region=None, toxic=True, now=None):
    """An approved permit on which every one of the seven conditions holds at ``now``: hazards,
    ventilated with a passing test a minute old, protective equipment in date and confirmed,
    an attendant, electrical equipment compliant, approved by the principal, and a trained leader,
    entrants and attendants."""
    now = now or timezone.now()
    if enterprise is None:
        enterprise = EnterpriseFactory(region=region)
    principal = PersonFactory(employer=enterprise, name="恒亦达负责人")
    enterprise.principal_person = principal
    enterprise.save()
    space = ConfinedSpaceFactory(enterprise=enterprise, toxic_gases=["H2S"] if toxic else [])
    permit = PermitFactory(enterprise=enterprise, space=space)
    harness = SafetyEquipmentFactory(enterprise=enterprise, kind="harness", name="全身式安全带")
    permit.protective_equipment.add(harness)
    permit.rescue_equipment.add(
        SafetyEquipmentFactory(enterprise=enterprise, kind="tripod_winch", name="三脚架")
    )
    add_person(permit, PermitDuty.LEADER)
    for _n in range(entrants):
        add_person(permit, PermitDuty.ENTRANT)
    for _n in range(attendants):
        add_person(permit, PermitDuty.ATTENDANT)
    Briefing.objects.create(
        permit=permit,
        started_at=now - datetime.timedelta(days=1, minutes=40),
        ended_at=now - datetime.timedelta(days=1),
        topics=[BriefingTopic.SEVEN_PROHIBITIONS, BriefingTopic.PROCEDURE],
        attendee_names="全体作业人员",
        given_by_name="外海街道安监办",
    )
    Permit._base_manager.filter(pk=permit.pk).update(
        status=PermitStatus.APPROVED,
        ventilated=True,
        protective_equipment_confirmed=True,
        electrical_compliant=True,
        filed_at=now - datetime.timedelta(days=4),
        acknowledged_at=now - datetime.timedelta(days=1),
        approver=principal,
        approved_at=now - datetime.timedelta(hours=1),
    )
    permit.refresh_from_db()
    gas_test(permit, at=now - datetime.timedelta(minutes=1))
    return permit


def delegation_for(enterprise, delegate, *, valid_from, valid_until) -> Delegation:
    return Delegation.objects.create(
        enterprise=enterprise,
        principal=enterprise.principal_person,
        delegate=delegate,
        document=pdf_file(),
        valid_from=valid_from,
        valid_until=valid_until,
    )


def entry(permit, direction, *, person=None, tool="", at=None) -> EntryLogEntry:
    return EntryLogEntry.objects.create(
        permit=permit, person=person, tool=tool, direction=direction, at=at or timezone.now()
    )


def busy_permit_in(world, region) -> Permit:
    """A permit in progress with one row of every kind that belongs to a permit: two people, a
    briefing with an attendee on file, a gas test with a reading, an entry-log line inside, an
    attachment — what the lists' query budget adds 50 of."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from anjian.permits.models import AttachmentKind, PermitAttachment

    permit = permit_in(world, region)
    entrant = add_person(permit, PermitDuty.ENTRANT).person
    add_person(permit, PermitDuty.ATTENDANT)
    now = timezone.now()
    briefing = Briefing.objects.create(
        permit=permit,
        started_at=now - datetime.timedelta(days=1, minutes=40),
        ended_at=now - datetime.timedelta(days=1),
        topics=[BriefingTopic.SEVEN_PROHIBITIONS, BriefingTopic.PROCEDURE],
        given_by_name="外海街道安监办",
    )
    briefing.attendees.add(entrant)
    kind, _created = AttachmentKind.objects.get_or_create(
        code="site_photos", defaults={"name": "现场照片"}
    )
    PermitAttachment.objects.create(
        permit=permit,
        kind=kind,
        file=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
    )
    Permit._base_manager.filter(pk=permit.pk).update(
        status=PermitStatus.IN_PROGRESS, started_at=now - datetime.timedelta(hours=1)
    )
    permit.refresh_from_db()
    gas_test(permit, at=now - datetime.timedelta(minutes=40))
    entry(permit, "in", person=entrant)
    return permit
