"""Factories and the enterprise side of the persona world.

``extend_world(world)`` (run by ``accounts.testing.build_world``) adds three enterprises — one in
东南村 (inside the 外海街道 officer's reach), one in 江南社区 (another sub-district), one in 蓬江区
(another district) — and the ``enterprise_manager`` persona, who belongs to the first.

For an enterprise user, "inside" means its own enterprise and "outside" another one. The matrix
harness picks a region with ``world.home(persona)`` / ``world.outside(persona)``; the manager's
home is its enterprise's village, and ``world.enterprise_for(region)`` gives the enterprise that
records placed in a region belong to — for the village, the manager's own enterprise. Cases of
enterprise-owned records build on it: ``make=lambda w, region: Factory(enterprise=
w.enterprise_for(region))``.
"""

from __future__ import annotations

from itertools import count
from types import MethodType

import factory

from anjian.accounts import roles
from anjian.accounts.testing import PERSONAS, RegionFactory, UserFactory
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    Industry,
    Park,
    SafetyAgreement,
)
from anjian.enterprises.rules import make_uscc as rules_make_uscc
from anjian.regions.choices import RegionLevel

PERSONAS["enterprise_manager"] = (roles.ENTERPRISE_MANAGER, None, "village")

_uscc_seq = count(1)


def make_uscc(n: int | None = None) -> str:
    """A valid USCC (both check digits, GB 11714 and GB 32100): 91 (enterprise), 440704 (江海区),
    an organisation code from a serial."""
    n = next(_uscc_seq) if n is None else n
    return rules_make_uscc("91", "440704", f"MA{n:06d}")


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("code",)

    code = "C39"
    name = "计算机、通信和其他电子设备制造业"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    uscc = factory.LazyFunction(make_uscc)
    region = None  # a village: pass one
    industry = factory.SubFactory(IndustryFactory)
    principal_name = "张三"


class ParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Park

    name = factory.Sequence(lambda n: f"测试工业园{n}")
    region = None


class SafetyAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyAgreement

    signed_on = factory.Faker("date_between", start_date="-2y", end_date="-1d")


def member(user, enterprise, position="安全主任"):
    return EnterpriseMembership.objects.create(user=user, enterprise=enterprise, position=position)


def _enterprise_for(world, region):
    """The enterprise whose records "lie in" ``region`` for the matrix: the first of the world's
    enterprises at or under it (东南村's for the district, 外海街道 and 东南村)."""
    for enterprise in world.enterprises.values():
        if enterprise.region.path.startswith(region.path):
            return enterprise
    raise LookupError(f"no test enterprise under {region}")


def extend_world(world):
    r = world.regions
    r["other_district_village"] = RegionFactory(
        code="440703001001",
        name="环市社区",
        parent=r["other_district_subdistrict"],
        level=RegionLevel.VILLAGE,
    )
    world.enterprises = {
        "inside": EnterpriseFactory(name="江门市恒亦达电子有限公司", region=r["village"]),
        "outside": EnterpriseFactory(name="江南测试五金有限公司", region=r["other_village"]),
        "other_district": EnterpriseFactory(
            name="蓬江测试塑料有限公司", region=r["other_district_village"]
        ),
    }
    world.enterprise_for = MethodType(_enterprise_for, world)
    # The service inspector's agency serves the inside enterprise only.
    world.enterprises["inside"].service_agency = world.organizations["agency"]
    world.enterprises["inside"].save()
    manager = UserFactory(
        username="enterprise_manager",
        jurisdiction=r["village"],
        roles=[roles.ENTERPRISE_MANAGER],
    )
    member(manager, world.enterprises["inside"])
    world.users["enterprise_manager"] = manager
    return world
