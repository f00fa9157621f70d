"""Factories of confined spaces, risk assessments and safety equipment for tests; records are
placed through the enterprises world's ``world.enterprise_for(region)`` so that "inside" for an
enterprise manager is its own enterprise."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from anjian.spaces.choices import EquipmentKind, Isolation, RiskMethod, SpaceKind
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment


class ConfinedSpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConfinedSpace

    code = factory.Sequence(lambda n: f"YX-{n:04d}")
    name = factory.Sequence(lambda n: f"污水池{n}")
    kind = SpaceKind.UNDERGROUND
    location = "污水处理站"
    hazard_factors = "硫化氢积聚"
    accident_types = "中毒、窒息"
    toxic_gases = factory.LazyFunction(lambda: ["H2S"])
    oxygen_deficiency_risk = True
    warning_sign = True
    isolation = Isolation.LOCK
    isolation_effective = True


class SpaceRiskAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpaceRiskAssessment

    method = RiskMethod.LEC
    likelihood = Decimal("3")
    exposure = Decimal("6")
    consequence = Decimal("15")
    assessed_on = factory.LazyFunction(datetime.date.today)
    assessor = "安全主任"


class SafetyEquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyEquipment

    kind = EquipmentKind.GAS_DETECTOR
    name = factory.Sequence(lambda n: f"四合一气体检测仪{n}")
    serial_number = factory.Sequence(lambda n: f"SN-{n:05d}")
    quantity = 1
    calibrated_on = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=30)
    )
    valid_until = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=335))


def space_in(world, region, **kwargs) -> ConfinedSpace:
    return ConfinedSpaceFactory(enterprise=world.enterprise_for(region), **kwargs)


def assessment_in(world, region, **kwargs) -> SpaceRiskAssessment:
    return SpaceRiskAssessmentFactory(space=space_in(world, region), **kwargs)


def equipment_in(world, region, **kwargs) -> SafetyEquipment:
    return SafetyEquipmentFactory(enterprise=world.enterprise_for(region), **kwargs)
