"""Organizations and users in the access matrix."""

from itertools import count

from anjian.accounts import roles
from anjian.accounts.choices import OrganizationKind, UserStatus
from anjian.accounts.models import Organization, User
from anjian.accounts.testing import PASSWORD, OrganizationFactory, UserFactory
from anjian.core.testing.matrix import MatrixCase, register

_seq = count(1)
READ = {"view"}


def _new_org(world, region):
    n = next(_seq)
    return {"name": f"矩阵单位{n}", "kind": OrganizationKind.DEPARTMENT, "region": region.pk}


ORGANIZATION = register(
    MatrixCase(
        model=Organization,
        make=lambda world, region: OrganizationFactory(region=region),
        form_data=_new_org,
        api_data=_new_org,
        change_data=lambda obj: {
            "name": obj.name,
            "short_name": "改",
            "kind": obj.kind,
            "region": obj.region_id,
        },
        api_change=lambda obj: {"short_name": "改"},
        changed=lambda obj: obj.short_name == "改",
        created=lambda data: Organization.objects.filter(name=data["name"]).exists(),
        api_basename="organization",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: {"view", "add", "change", "delete"},
            roles.REGULATOR: READ,
            roles.COMMITTEE: READ,
            roles.DEPARTMENT: READ,
            roles.SUBDISTRICT_OFFICER: {"view", "add", "change"},
            roles.GRID_WORKER: READ,
            roles.SERVICE_INSPECTOR: READ,
            roles.EXPERT: set(),
            roles.LEADER: READ,
            roles.AUDITOR: READ,
            roles.ENTERPRISE_MANAGER: set(),
        },
    )
)


def _new_user(world, region):
    n = next(_seq)
    return {
        "username": f"matrix{n}",
        "full_name": f"矩阵用户{n}",
        "jurisdiction": region.pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }


def _new_api_user(world, region):
    n = next(_seq)
    return {
        "username": f"matrixapi{n}",
        "full_name": f"矩阵用户{n}",
        "jurisdiction": region.pk,
        "password": PASSWORD,
        "roles": [roles.GRID_WORKER],
    }


def _suspended(obj):
    User.objects.filter(pk=obj.pk).update(status=UserStatus.SUSPENDED, is_active=False)


USER = register(
    MatrixCase(
        model=User,
        make=lambda world, region: UserFactory(jurisdiction=region),
        form_data=_new_user,
        api_data=_new_api_user,
        change_data=lambda obj: {
            "username": obj.username,
            "full_name": "已改名",
            "jurisdiction": obj.jurisdiction_id,
        },
        api_change=lambda obj: {"full_name": "已改名"},
        changed=lambda obj: obj.full_name == "已改名",
        created=lambda data: User.objects.filter(username=data["username"]).exists(),
        api_basename="user",
        unrestricted_roles={roles.ADMIN},
        transitions={
            "suspend": (lambda obj: None, lambda obj: obj.status == UserStatus.SUSPENDED),
            "reactivate": (_suspended, lambda obj: obj.status == UserStatus.ACTIVE),
        },
        expect={
            # Accounts are suspended, never deleted (their history keeps their name).
            roles.ADMIN: {"view", "add", "change", "suspend", "reactivate"},
            roles.REGULATOR: READ,
            roles.COMMITTEE: READ,
            roles.DEPARTMENT: set(),
            roles.SUBDISTRICT_OFFICER: READ,
            roles.GRID_WORKER: set(),
            roles.SERVICE_INSPECTOR: set(),
            roles.EXPERT: set(),
            roles.LEADER: READ,
            roles.AUDITOR: READ,
            roles.ENTERPRISE_MANAGER: set(),
        },
    )
)
