"""Factories and the named personas every app's tests use.

``build_world()`` makes two districts: 江海区 (with 外海街道 → 东南村 → a grid, and 江南街道 → 江南社区)
and 蓬江区 (with 环市街道), and one user per role, each in a different place. Tests speak of the
personas by name: ``world.users["subdistrict_officer"]`` works in 外海街道 and must never reach
江南街道's records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import factory
from django.contrib.auth.models import Group

from anjian.accounts import roles
from anjian.accounts.choices import OrganizationKind
from anjian.accounts.models import Organization, User
from anjian.regions.choices import CHILD_LEVEL, RegionLevel
from anjian.regions.models import Region

PASSWORD = "persona-pass-2026"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"测试区域{n}")
    level = RegionLevel.DISTRICT
    parent = None


def child_region(parent: Region, **kwargs) -> Region:
    """A new region directly under ``parent`` (a grid's "child" is a sibling grid)."""
    if parent.level == RegionLevel.GRID:
        parent = parent.parent
    return RegionFactory(parent=parent, level=CHILD_LEVEL[RegionLevel(parent.level)], **kwargs)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = OrganizationKind.DEPARTMENT
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


@dataclass
class World:
    regions: dict[str, Region] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def home(self, persona: str) -> Region:
        """The region a persona works in (the district for the unrestricted administrator)."""
        user = self.users[persona]
        return user.home_region or self.regions["district"]

    def outside(self, persona: str) -> Region:
        """A region outside the persona's jurisdiction, as near as possible to it."""
        home = self.home(persona)
        if home.level == RegionLevel.DISTRICT:
            return self.regions["other_district"]
        return self.regions["other_subdistrict"]


# persona → (role, organization key, region key). One persona per role, in different places.
# A later app's testing module adds its personas here (and creates them in extend_world).
PERSONAS = {
    "admin": (roles.ADMIN, "bureau", None),
    "regulator": (roles.REGULATOR, "bureau", "district"),
    "committee": (roles.COMMITTEE, "committee", "district"),
    "department": (roles.DEPARTMENT, "union", "district"),
    "subdistrict_officer": (roles.SUBDISTRICT_OFFICER, "subdistrict_office", "subdistrict"),
    "grid_worker": (roles.GRID_WORKER, "village_committee", "village"),
    "service_inspector": (roles.SERVICE_INSPECTOR, "agency", "district"),
    "expert": (roles.EXPERT, None, "district"),
    "leader": (roles.LEADER, "subdistrict_office", "subdistrict"),
    "auditor": (roles.AUDITOR, "committee", "district"),
}
_BASE_PERSONAS = dict(PERSONAS)


def _app_testing_modules():
    """``anjian.<app>.testing`` modules of later apps, which may add personas and records."""
    from importlib import import_module, util

    from django.apps import apps

    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.testing"
        if config.name.startswith("anjian.") and name != __name__ and util.find_spec(name):
            modules.append(import_module(name))
    return modules


def personas() -> dict:
    """Every persona, including those later apps add (e.g. the enterprise safety manager)."""
    _app_testing_modules()
    return PERSONAS


def build_world() -> World:
    """The base world, then each later app's ``extend_world(world)`` in app order."""
    world = _build_base_world()
    for module in _app_testing_modules():
        extend = getattr(module, "extend_world", None)
        if extend is not None:
            extend(world)
    return world


def _build_base_world() -> World:
    roles.sync_roles()
    world = World()
    r = world.regions
    # 江门市 above both districts: a 较大 accident goes to the city (organizations below).
    r["city"] = RegionFactory(code="440700", name="江门市", level=RegionLevel.CITY)
    r["district"] = RegionFactory(code="440704", name="江海区", parent=r["city"])
    r["subdistrict"] = RegionFactory(
        code="440704003", name="外海街道", parent=r["district"], level=RegionLevel.SUBDISTRICT
    )
    r["village"] = RegionFactory(
        code="440704003001", name="东南村", parent=r["subdistrict"], level=RegionLevel.VILLAGE
    )
    r["grid"] = RegionFactory(
        code="440704003001-01", name="东南村第一网格", parent=r["village"], level=RegionLevel.GRID
    )
    r["other_subdistrict"] = RegionFactory(
        code="440704001", name="江南街道", parent=r["district"], level=RegionLevel.SUBDISTRICT
    )
    r["other_village"] = RegionFactory(
        code="440704001001",
        name="江南社区",
        parent=r["other_subdistrict"],
        level=RegionLevel.VILLAGE,
    )
    r["other_district"] = RegionFactory(code="440703", name="蓬江区", parent=r["city"])
    r["other_district_subdistrict"] = RegionFactory(
        code="440703001", name="环市街道", parent=r["other_district"], level=RegionLevel.SUBDISTRICT
    )
    o = world.organizations
    o["committee"] = OrganizationFactory(
        name="区安委办", kind=OrganizationKind.COMMITTEE, region=r["district"]
    )
    o["bureau"] = OrganizationFactory(
        name="区应急管理局", kind=OrganizationKind.BUREAU, region=r["district"]
    )
    o["union"] = OrganizationFactory(
        name="区总工会", kind=OrganizationKind.DEPARTMENT, region=r["district"]
    )
    o["agency"] = OrganizationFactory(
        name="安信安全技术服务公司", kind=OrganizationKind.SERVICE_AGENCY, region=r["district"]
    )
    o["subdistrict_office"] = OrganizationFactory(
        name="外海街道办事处", kind=OrganizationKind.SUBDISTRICT_OFFICE, region=r["subdistrict"]
    )
    o["village_committee"] = OrganizationFactory(
        name="东南村委会", kind=OrganizationKind.VILLAGE_COMMITTEE, region=r["village"]
    )
    o["city_bureau"] = OrganizationFactory(
        name="市应急管理局", kind=OrganizationKind.BUREAU, region=r["city"]
    )
    o["city_committee"] = OrganizationFactory(
        name="市安委办", kind=OrganizationKind.COMMITTEE, region=r["city"]
    )
    o["other_subdistrict_office"] = OrganizationFactory(
        name="江南街道办事处",
        kind=OrganizationKind.SUBDISTRICT_OFFICE,
        region=r["other_subdistrict"],
    )
    for persona, (role, org_key, region_key) in _BASE_PERSONAS.items():
        world.users[persona] = UserFactory(
            username=persona,
            organization=o[org_key] if org_key else None,
            jurisdiction=r[region_key] if region_key else None,
            roles=[role],
        )
    return world
