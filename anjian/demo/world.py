"""The demo world: 江海区 (under 江门市) with its sub-districts, villages and grids, the public
bodies of the seed report (and the city's), and one account per role, all sharing one password.

``load()`` runs every loader in ``LOADERS`` in order, inside one transaction, after
``sync_roles()``. Each loader takes the ``DemoWorld`` and adds its records through
``world.ensure()`` (or ``world.ensure_user()``), which find a row by its natural key, create it when
missing, change only the fields that differ, and leave an unchanged row untouched — no save, no
history row, no new ``updated_at``. Loading twice therefore changes nothing.

Later apps add their records by registering a loader, e.g. in their AppConfig.ready()::

    from anjian.demo import world

    def load_enterprises(w):
        village = w.regions["440704003201"]          # 东南村
        ...
        w.ensure_user("qy_chen", "…", roles.ENTERPRISE_MANAGER, enterprise=…)

    world.register(load_enterprises)

A loader finds what earlier loaders made in ``w.regions`` (by code), ``w.organizations`` (by name
and by short name) and ``w.users`` (by username).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import models, transaction

from anjian.accounts import roles
from anjian.accounts.choices import OrganizationKind, UserStatus
from anjian.accounts.models import Organization
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region

# Shared by every demo account; DEMO_PASSWORD overrides it. It passes Django's validators.
DEFAULT_PASSWORD = "anquan-2026"
CHANGE_REASON = "load_demo"

CITY = "440700"  # 江门市
DISTRICT = "440704"  # 江海区
WAIHAI = "440704003"  # 外海街道
JIANGNAN = "440704001"  # 江南街道
LILE = "440704002"  # 礼乐街道
DONGNAN = "440704003201"  # 东南村


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


@dataclass
class DemoWorld:
    """What the loaders share: the password, the records made so far, and a tally of changes."""

    password: str
    regions: dict[str, Region] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    users: dict[str, models.Model] = field(default_factory=dict)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    _password_hash: str | None = None
    _verified_hashes: set[str] = field(default_factory=set)

    # --- generic ---------------------------------------------------------------------------
    def ensure(self, model: type[models.Model], lookup: dict, values: dict) -> models.Model:
        """The row of ``model`` found by ``lookup`` (its natural key), holding ``values``.

        Like ``update_or_create``, but a row that already holds the values is not saved again, so
        a second load writes nothing. New and changed rows are validated with ``full_clean()``
        (the model's own rules) before they are saved.
        """
        obj = model._base_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            changed = True
            self.created[model] += 1
        else:
            differing = [name for name, value in values.items() if _differs(obj, name, value)]
            for name in differing:
                setattr(obj, name, values[name])
            changed = bool(differing)
            (self.updated if changed else self.unchanged)[model] += 1
        if changed:
            non_editable = [f.name for f in model._meta.concrete_fields if not f.editable]
            obj.full_clean(exclude=non_editable)
            obj._change_reason = CHANGE_REASON
            obj.save()
        return obj

    # --- places ----------------------------------------------------------------------------
    def ensure_region(self, code: str, name: str, level: str, parent_code: str | None = None):
        parent = self.regions[parent_code] if parent_code else None
        region = self.ensure(
            Region, {"code": code}, {"name": name, "level": level, "parent": parent}
        )
        self.regions[code] = region
        return region

    def ensure_organization(
        self,
        name: str,
        short_name: str,
        kind: str,
        region_code: str,
        parent: str | None = None,
    ) -> Organization:
        region = self.regions[region_code]
        organization = self.ensure(
            Organization,
            {"region": region, "name": name},
            {
                "short_name": short_name,
                "kind": kind,
                "parent": self.organizations[parent] if parent else None,
            },
        )
        self.organizations[name] = organization
        if short_name:
            self.organizations[short_name] = organization
        return organization

    # --- people ----------------------------------------------------------------------------
    def ensure_user(
        self,
        username: str,
        full_name: str,
        role: str,
        *,
        organization: str | None = None,
        jurisdiction: str | None = None,
        **extra,
    ):
        """A demo account holding exactly ``role``, active, with the shared password.

        ``organization`` is a name or short name already loaded, ``jurisdiction`` a region code;
        ``extra`` sets further fields (e.g. the enterprise of an enterprise manager).
        """
        user_model = get_user_model()
        values = {
            "full_name": full_name,
            "organization": self.organizations[organization] if organization else None,
            "jurisdiction": self.regions[jurisdiction] if jurisdiction else None,
            "status": UserStatus.ACTIVE,
            "is_active": True,
            **extra,
        }
        existing = user_model._base_manager.filter(username=username).first()
        if existing is None or not self._password_ok(existing.password):
            candidate = existing or user_model(username=username, **values)
            validate_password(self.password, candidate)
            values["password"] = self.password_hash()
        user = self.ensure(user_model, {"username": username}, values)
        group = Group.objects.get(name=role)
        if list(user.groups.all()) != [group]:
            user.groups.set([group])
        self.users[username] = user
        return user

    def password_hash(self) -> str:
        """One hash of the shared password, reused for every account: a hash costs ~0.3 s."""
        if self._password_hash is None:
            self._password_hash = make_password(self.password)
            self._verified_hashes.add(self._password_hash)
        return self._password_hash

    def _password_ok(self, encoded: str) -> bool:
        if encoded in self._verified_hashes:
            return True
        try:
            current = not identify_hasher(encoded).must_update(encoded)
        except ValueError:  # unusable or unknown hash
            return False
        if current and check_password(self.password, encoded):
            self._verified_hashes.add(encoded)
            return True
        return False

    # --- report ----------------------------------------------------------------------------
    def summary(self) -> list[tuple[str, int, int, int]]:
        """(model's plural name, created, updated, unchanged) per model touched, in load order."""
        seen = list(dict.fromkeys([*self.created, *self.updated, *self.unchanged]))
        return [
            (
                str(model._meta.verbose_name_plural),
                self.created[model],
                self.updated[model],
                self.unchanged[model],
            )
            for model in seen
        ]


def _differs(obj, name: str, value) -> bool:
    model_field = obj._meta.get_field(name)
    if isinstance(model_field, models.ForeignKey):
        current = getattr(obj, model_field.attname)
        return current != (value.pk if value is not None else None)
    return getattr(obj, name) != value


# --- the content ----------------------------------------------------------------------------

# (code, name, level, parent code). Villages: sub-district code + 3 digits (0xx residents'
# communities, 2xx villages, as in the statistical division codes); grids: village code + 2 digits.
REGIONS = [
    (CITY, "江门市", RegionLevel.CITY, None),
    (DISTRICT, "江海区", RegionLevel.DISTRICT, CITY),
    (JIANGNAN, "江南街道", RegionLevel.SUBDISTRICT, DISTRICT),
    (LILE, "礼乐街道", RegionLevel.SUBDISTRICT, DISTRICT),
    (WAIHAI, "外海街道", RegionLevel.SUBDISTRICT, DISTRICT),
    (DONGNAN, "东南村", RegionLevel.VILLAGE, WAIHAI),
    ("440704003202", "南庚村", RegionLevel.VILLAGE, WAIHAI),
    ("440704003203", "直冲村", RegionLevel.VILLAGE, WAIHAI),
    ("440704003204", "麻三村", RegionLevel.VILLAGE, WAIHAI),
    ("440704001001", "江南社区", RegionLevel.VILLAGE, JIANGNAN),
    ("440704001002", "篁庄社区", RegionLevel.VILLAGE, JIANGNAN),
    ("440704001003", "东海社区", RegionLevel.VILLAGE, JIANGNAN),
    ("440704002201", "乌纱村", RegionLevel.VILLAGE, LILE),
    ("440704002202", "威东村", RegionLevel.VILLAGE, LILE),
    ("440704002203", "新民村", RegionLevel.VILLAGE, LILE),
    (f"{DONGNAN}01", "东南村第一网格", RegionLevel.GRID, DONGNAN),
    (f"{DONGNAN}02", "东南村第二网格", RegionLevel.GRID, DONGNAN),
    (f"{DONGNAN}03", "东南村第三网格", RegionLevel.GRID, DONGNAN),
    ("44070400220101", "乌纱村第一网格", RegionLevel.GRID, "440704002201"),
]

# (name, short name, kind, region code, parent organization). Parents come before their units.
ORGANIZATIONS = [
    # The city's bodies: a 较大 accident is investigated and evaluated by the city.
    ("江门市应急管理局", "市应急管理局", OrganizationKind.BUREAU, CITY, None),
    ("江门市安全生产委员会办公室", "市安委办", OrganizationKind.COMMITTEE, CITY, None),
    ("江海区安全生产委员会办公室", "区安委办", OrganizationKind.COMMITTEE, DISTRICT, None),
    ("江海区应急管理局", "区应急管理局", OrganizationKind.BUREAU, DISTRICT, None),
    ("江海区经济促进局", "区经济促进局", OrganizationKind.BUREAU, DISTRICT, None),
    (
        "江门市生态环境局江海分局",
        "市生态环境局江海分局",
        OrganizationKind.DEPARTMENT,
        DISTRICT,
        None,
    ),
    ("江门市公安局江海分局", "市公安局江海分局", OrganizationKind.DEPARTMENT, DISTRICT, None),
    ("江海区总工会", "区总工会", OrganizationKind.DEPARTMENT, DISTRICT, None),
    ("江海区人民政府", "区政府", OrganizationKind.GOVERNMENT, DISTRICT, None),
    (
        "中共江门市江海区纪律检查委员会",
        "区纪委",
        OrganizationKind.DISCIPLINE_BODY,
        DISTRICT,
        None,
    ),
    ("外海街道办事处", "外海街道办", OrganizationKind.SUBDISTRICT_OFFICE, WAIHAI, None),
    (
        "外海街道应急管理办公室",
        "外海街道应急办",
        OrganizationKind.SUBDISTRICT_OFFICE,
        WAIHAI,
        "外海街道办事处",
    ),
    ("江南街道办事处", "江南街道办", OrganizationKind.SUBDISTRICT_OFFICE, JIANGNAN, None),
    ("礼乐街道办事处", "礼乐街道办", OrganizationKind.SUBDISTRICT_OFFICE, LILE, None),
    ("东南村民委员会", "东南村委会", OrganizationKind.VILLAGE_COMMITTEE, DONGNAN, None),
    (
        "江门市安信安全技术服务有限公司",
        "安信公司",
        OrganizationKind.SERVICE_AGENCY,
        DISTRICT,
        None,
    ),
]

# (username, full name, role, organization, jurisdiction). One per role, in different places; two
# sub-district officers so that "outside your jurisdiction" can be shown. The names are invented.
# The enterprise manager (roles.ENTERPRISE_MANAGER) is added by the enterprises app's loader,
# since it belongs to an enterprise.
USERS = [
    ("admin", "赵明轩", roles.ADMIN, "区应急管理局", DISTRICT),
    ("yjj_wang", "王建华", roles.REGULATOR, "区应急管理局", DISTRICT),
    ("awb_li", "李晓燕", roles.COMMITTEE, "区安委办", DISTRICT),
    ("zgh_zhang", "张国栋", roles.DEPARTMENT, "区总工会", DISTRICT),
    ("wh_huang", "黄志伟", roles.SUBDISTRICT_OFFICER, "外海街道应急办", WAIHAI),
    ("jn_zhou", "周丽娟", roles.SUBDISTRICT_OFFICER, "江南街道办", JIANGNAN),
    ("dn_liang", "梁伟强", roles.GRID_WORKER, "东南村委会", DONGNAN),
    ("ax_he", "何嘉俊", roles.SERVICE_INSPECTOR, "安信公司", DISTRICT),
    ("zj_wu", "吴振华", roles.EXPERT, None, DISTRICT),
    ("wh_zheng", "郑文博", roles.LEADER, "外海街道办", WAIHAI),
    ("awb_sun", "孙雅琴", roles.AUDITOR, "区安委办", DISTRICT),
]


def load_regions(world: DemoWorld) -> None:
    for code, name, level, parent_code in REGIONS:
        world.ensure_region(code, name, level, parent_code)


def load_organizations(world: DemoWorld) -> None:
    for name, short_name, kind, region_code, parent in ORGANIZATIONS:
        world.ensure_organization(name, short_name, kind, region_code, parent)


def load_users(world: DemoWorld) -> None:
    for username, full_name, role, organization, jurisdiction in USERS:
        world.ensure_user(
            username, full_name, role, organization=organization, jurisdiction=jurisdiction
        )


Loader = Callable[[DemoWorld], None]

LOADERS: list[Loader] = [load_regions, load_organizations, load_users]


def register(loader: Loader) -> Loader:
    """Append a later app's loader (runs after those already listed); usable as a decorator."""
    if loader not in LOADERS:
        LOADERS.append(loader)
    return loader


def load(password: str | None = None) -> DemoWorld:
    """Build or refresh the demo world in one transaction; returns what was loaded."""
    world = DemoWorld(password=password or demo_password())
    with transaction.atomic():
        roles.sync_roles()
        for loader in LOADERS:
            loader(world)
    return world
