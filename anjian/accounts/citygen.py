"""The synthetic city's public bodies and one account per scope for the benchmarks (see
``anjian.core.citygen``): a bureau per district, an office per sub-district, a committee per
village, a service agency per district; users ``city_district``, ``city_subdistrict`` and
``city_village`` (the demo password) reach the first district, sub-district and village."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from anjian.accounts import roles
from anjian.accounts.choices import OrganizationKind, UserStatus
from anjian.accounts.models import Organization, User
from anjian.core import citygen
from anjian.regions.choices import RegionLevel

BENCH_USERS = [
    # username, full name, role, region level, organization kind
    ("city_district", "区监管员", roles.REGULATOR, RegionLevel.DISTRICT, OrganizationKind.BUREAU),
    (
        "city_subdistrict",
        "街道安监员",
        roles.SUBDISTRICT_OFFICER,
        RegionLevel.SUBDISTRICT,
        OrganizationKind.SUBDISTRICT_OFFICE,
    ),
    (
        "city_village",
        "村网格员",
        roles.GRID_WORKER,
        RegionLevel.VILLAGE,
        OrganizationKind.VILLAGE_COMMITTEE,
    ),
]


@citygen.register_generator("organizations", order=20)
def generate_organizations(city):
    regions = city.extra["region_objects"]
    rows = []
    for pk in city.regions_by_level[RegionLevel.DISTRICT]:
        region = regions[pk]
        rows.append(
            Organization(
                name=f"{region.name}应急管理局", kind=OrganizationKind.BUREAU, region=region
            )
        )
        rows.append(
            Organization(
                name=f"{region.name}安全技术服务中心",
                kind=OrganizationKind.SERVICE_AGENCY,
                region=region,
            )
        )
    for pk in city.regions_by_level[RegionLevel.SUBDISTRICT]:
        region = regions[pk]
        rows.append(
            Organization(
                name=f"{region.name}办事处",
                kind=OrganizationKind.SUBDISTRICT_OFFICE,
                region=region,
            )
        )
    for pk in city.regions_by_level[RegionLevel.VILLAGE]:
        region = regions[pk]
        rows.append(
            Organization(
                name=f"{region.name}委员会", kind=OrganizationKind.VILLAGE_COMMITTEE, region=region
            )
        )
    made = city.bulk(Organization, rows)
    by_kind: dict[str, list] = {}
    for org in made:
        by_kind.setdefault(org.kind, []).append(org)
    city.organizations = {kind: [o.pk for o in orgs] for kind, orgs in by_kind.items()}
    city.extra["organization_regions"] = {o.pk: o.region_id for o in made}

    from anjian.demo.world import demo_password

    roles.sync_roles()

    password = make_password(demo_password())
    first_org = {}
    for org in made:
        first_org.setdefault(org.kind, org)
    for username, full_name, role, _level, kind in BENCH_USERS:
        org = first_org[kind]
        user = User.objects.create(
            username=username,
            full_name=full_name,
            organization=org,
            password=password,
            status=UserStatus.ACTIVE,
            is_active=True,
        )
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        city.users[username] = user
