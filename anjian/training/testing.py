"""Factories of training records for tests; records are placed through the enterprises world's
``world.enterprise_for(region)`` so that "inside" for an enterprise manager is its own enterprise."""

from __future__ import annotations

import datetime
from itertools import count

import factory

from anjian.core import identity
from anjian.training.choices import Duty, TrainingKind
from anjian.training.models import (
    Activity,
    Attendance,
    Certificate,
    Drill,
    Person,
    SpecialCertificate,
    TrainingSession,
)

_serial = count(1)


# Birth dates across the working ages: the 1960s to the 2000s (a 440704 number issued to someone
# born before 江海区 existed in 1994 is as valid as any: the code is where it was issued).
_BIRTHS = ["19630518", "19691102", "19740228", "19800229", "19871015", "19950307", "20030612"]


def make_id_number(n: int | None = None, *, place: str = "440704", born: str | None = None) -> str:
    """A valid resident ID number (GB 11643): place, birth date, a serial and the check digit."""
    n = next(_serial) if n is None else n
    born = born or _BIRTHS[n % len(_BIRTHS)]
    return identity.make_id_number(place, born, n % 1000)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"测试工人{n}")
    id_number = factory.LazyFunction(make_id_number)
    employer = None
    region = factory.LazyAttribute(lambda o: o.employer.region if o.employer else None)
    duties = factory.LazyFunction(lambda: [Duty.ENTRANT, Duty.ATTENDANT])


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    kind = TrainingKind.CONFINED_SPACE
    topic = factory.Sequence(lambda n: f"有限空间作业培训{n}")
    held_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))
    hours = 8


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    attended = True


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    kind = TrainingKind.CONFINED_SPACE
    duties = factory.LazyFunction(lambda: [Duty.ENTRANT, Duty.ATTENDANT])
    issued_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    issuer = "江海区安全生产协会"


class SpecialCertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecialCertificate

    number = factory.LazyAttribute(lambda o: f"T{o.person.id_number}")
    category = "electrician"
    operation = "低压电工作业"
    authority = "江门市应急管理局"
    issued_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=400))


class DrillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Drill

    held_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))
    scenario = factory.Sequence(lambda n: f"污水池中毒救援演练{n}")
    participant_count = 12


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    kind = "safety_month"
    title = factory.Sequence(lambda n: f"安全生产月宣传{n}")
    held_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=20))
    participant_count = 80


def person_in(world, region, **kwargs) -> Person:
    return PersonFactory(employer=world.enterprise_for(region), **kwargs)


def session_in(world, region, **kwargs) -> TrainingSession:
    return TrainingSessionFactory(enterprise=world.enterprise_for(region), **kwargs)


def attendance_in(world, region, **kwargs) -> Attendance:
    return AttendanceFactory(
        session=session_in(world, region), person=person_in(world, region), **kwargs
    )


def certificate_in(world, region, **kwargs) -> Certificate:
    return CertificateFactory(person=person_in(world, region), **kwargs)
