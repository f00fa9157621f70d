"""The region tree in the access matrix."""

from itertools import count

from anjian.accounts import roles
from anjian.accounts.testing import child_region
from anjian.core.testing.matrix import MatrixCase, register
from anjian.regions.choices import CHILD_LEVEL, RegionLevel
from anjian.regions.models import Region

_seq = count(1)
READ = {"view"}


def _new(world, region):
    n = next(_seq)
    parent = region.parent if region.level == RegionLevel.GRID else region
    return {
        "code": f"M{n:05d}",
        "name": f"矩阵区域{n}",
        "level": CHILD_LEVEL[RegionLevel(parent.level)],
        "parent": parent.pk,
    }


CASE = register(
    MatrixCase(
        model=Region,
        make=lambda world, region: child_region(region),
        form_data=_new,
        api_data=_new,
        change_data=lambda obj: {
            "code": obj.code,
            "name": f"{obj.name}改",
            "level": obj.level,
            "parent": obj.parent_id,
        },
        api_change=lambda obj: {"name": f"{obj.name}改"},
        changed=lambda obj: obj.name.endswith("改"),
        created=lambda data: Region.objects.filter(code=data["code"]).exists(),
        api_basename="region",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: {"view", "add", "change", "delete"},
            roles.REGULATOR: READ,
            roles.COMMITTEE: READ,
            roles.DEPARTMENT: READ,
            roles.SUBDISTRICT_OFFICER: {"view", "add", "change"},
            roles.GRID_WORKER: READ,
            roles.SERVICE_INSPECTOR: READ,
            roles.EXPERT: READ,
            roles.LEADER: READ,
            roles.AUDITOR: READ,
            roles.ENTERPRISE_MANAGER: set(),
        },
    )
)
