"""The demo world's confined-space work: permits in every state, moved there by the services —
among them a late filing, one suspended by a failing H2S reading, one whose start the gate refuses
over a warning-education certificate, and one in progress now — and loading twice changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from anjian.core.models import AuditEvent, TransitionLog
from anjian.permits import documents, rules
from anjian.permits.choices import ConditionCode, PermitStatus
from anjian.permits.models import (
    Briefing,
    Delegation,
    EntryLogEntry,
    GasReading,
    GasTest,
    Permit,
    PermitPerson,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    from anjian.demo import world

    return world.load()


def counts():
    """What this loader writes (other apps' loaders answer for their own moves and events)."""
    from django.contrib.contenttypes.models import ContentType

    permit_type = ContentType.objects.get_for_model(Permit)
    return {
        model.__name__: model._base_manager.count()
        for model in (
            Permit,
            PermitPerson,
            Delegation,
            Briefing,
            GasTest,
            GasReading,
            EntryLogEntry,
        )
    } | {
        "permit moves": TransitionLog.objects.filter(content_type=permit_type).count(),
        "permit events": AuditEvent.objects.filter(action__startswith="permits.").count(),
        "permit history": Permit.history.count(),
    }


def permit(space_name, work):
    return Permit.objects.select_related("space").get(
        space__name=space_name, work_content__startswith=work
    )


def test_the_demo_tells_the_story(loaded):
    """One load for all (a load takes most of a minute): every state, the four permits the issue
    names, and past work in the order it happened."""
    every_state_is_shown()
    the_four_permits_of_the_story()
    past_work_keeps_its_moments()


def every_state_is_shown():
    states = set(Permit.objects.values_list("status", flat=True))
    assert states == set(PermitStatus.values)


def the_four_permits_of_the_story():
    now = timezone.now()

    late = Permit.objects.get(filed_late=True)
    assert late.status == PermitStatus.FILED
    assert late.planned_start - late.filed_at < datetime.timedelta(days=rules.lead_days())
    # Only the late one is flagged: the others were filed in time.
    assert Permit.objects.filter(filed_late=True).count() == 1

    suspended = permit("污泥池", "疏通污泥池排泥管")
    assert suspended.status == PermitStatus.SUSPENDED
    failing = suspended.gas_tests.get(passed=False)
    h2s = failing.readings.get(gas__code="H2S", depth="bottom")
    assert not h2s.passed and h2s.unit == "ppm" and h2s.converted_value > 10
    move = TransitionLog.objects.filter(object_id=suspended.pk, transition="suspend").get()
    assert "H2S" in move.reason and move.source_repr
    assert rules.people_inside(suspended) == []

    refused = permit("集水井", "更换集水井潜水泵")
    assert refused.status == PermitStatus.APPROVED
    conditions = {c.code: c for c in rules.readiness(refused)}
    training = conditions[ConditionCode.TRAINING]
    assert not training.ok
    assert any("陈国栋" in reason for reason in training.reasons)
    # Everything else holds: the certificate alone keeps the work from starting.
    assert [c.code for c in conditions.values() if not c.ok] == [ConditionCode.TRAINING]
    certificate = refused.people.get(person__name="陈国栋").person.certificates.get()
    assert certificate.kind == "warning_education"
    # The permit's documents name the certificate that is not enough.
    facts = documents.permit_facts(refused, None)
    row = next(p for p in facts.people if p.name == "陈国栋")
    assert row.certified is False and certificate.number in row.certificate
    assert AuditEvent.objects.filter(
        action="permits.permit.transition_refused", object_id=str(refused.pk)
    ).exists()

    live = permit("好氧池", "检修好氧池曝气管")
    assert live.status == PermitStatus.IN_PROGRESS
    assert live.planned_start <= now <= live.planned_end
    assert now - live.started_at < datetime.timedelta(minutes=10)
    assert [p.name for p in rules.people_inside(live)] == ["冯志坚"]
    # Approved by a delegate holding the principal's written delegation (toxic space: H2S).
    assert live.space.has_toxic_risk and live.delegation is not None
    assert live.approver == live.delegation.delegate
    assert not live.enterprise.is_principal(live.approver)
    assert live.delegation.document.name.endswith(".pdf")


def past_work_keeps_its_moments():
    accepted = Permit.objects.get(status=PermitStatus.ACCEPTED)
    assert accepted.filed_at < accepted.acknowledged_at < accepted.approved_at
    assert accepted.approved_at < accepted.started_at < accepted.completed_at
    assert accepted.completed_at < accepted.accepted_at < timezone.now()
    assert accepted.isolation_restored and accepted.accepted_by_leader.name == "罗振华"


def test_loading_twice_changes_nothing(loaded):
    from anjian.demo import world
    from anjian.enterprises.models import Enterprise

    first = counts()
    stamps = sorted(Permit.objects.values_list("number", "status", "updated_at"))
    # The enterprises whose principal this loader puts on file (other loaders touch others).
    principals = Enterprise.objects.filter(principal_person__isnull=False)
    principal_stamps = sorted(principals.values_list("pk", "principal_person", "updated_at"))
    assert len(principal_stamps) >= 2
    again = world.load()
    assert counts() == first
    assert sorted(Permit.objects.values_list("number", "status", "updated_at")) == stamps
    assert sorted(principals.values_list("pk", "principal_person", "updated_at")) == (
        principal_stamps
    )
    # The models this loader writes (others' loaders answer for theirs).
    from anjian.training.models import Attendance, Certificate, Person, TrainingSession

    mine = {
        str(model._meta.verbose_name_plural)
        for model in (
            Permit,
            PermitPerson,
            Delegation,
            Person,
            TrainingSession,
            Attendance,
            Certificate,
        )
    }
    touched = {name: (c, u) for name, c, u, _n in again.summary() if (c or u) and name in mine}
    assert touched == {}
