"""The roles of the system (model.md) as Django groups with permissions.

``ROLES`` is the single table of who may do what. Later apps add their permissions to roles with
``grant(role, *perms)`` in their AppConfig.ready(); ``sync_roles()`` (run after every migrate and by
``load_demo``) makes the groups match the table exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass
class Role:
    code: str
    label: str
    description: str
    permissions: set[str] = field(default_factory=set)


ADMIN = "admin"
REGULATOR = "regulator"
COMMITTEE = "committee"
DEPARTMENT = "department"
SUBDISTRICT_OFFICER = "subdistrict_officer"
GRID_WORKER = "grid_worker"
SERVICE_INSPECTOR = "service_inspector"
EXPERT = "expert"
ENTERPRISE_MANAGER = "enterprise_manager"
LEADER = "leader"
AUDITOR = "auditor"

# Held by unrestricted roles; read from the permission cache, so no extra query per request.
EVERYWHERE_PERMISSION = "accounts.act_everywhere"

_CRUD = ("view", "add", "change", "delete")


def _perms(model: str, actions=_CRUD) -> set[str]:
    app, name = model.split(".")
    return {f"{app}.{action}_{name}" for action in actions}


_READ_PLACES = _perms("regions.region", ["view"]) | _perms("accounts.organization", ["view"])

ROLES: dict[str, Role] = {
    role.code: role
    for role in [
        Role(
            ADMIN,
            _("System administrator"),
            _("Users, regions, organizations, settings"),
            permissions=_perms("regions.region")
            | _perms("accounts.organization")
            # Accounts are suspended, never deleted: their history keeps their name.
            | _perms("accounts.user", ["view", "add", "change"])
            | _perms("core.auditevent", ["view"])
            | _perms("core.transitionlog", ["view"])
            | {EVERYWHERE_PERMISSION},
        ),
        Role(
            REGULATOR,
            _("District regulator"),
            _("Emergency management bureau, whole district"),
            permissions=_READ_PLACES | _perms("accounts.user", ["view"]),
        ),
        Role(
            COMMITTEE,
            _("Committee office"),
            _("Work-safety committee office, whole district"),
            permissions=_READ_PLACES | _perms("accounts.user", ["view"]),
        ),
        Role(
            DEPARTMENT,
            _("Department user"),
            _("Another bureau, the union, police, discipline"),
            permissions=set(_READ_PLACES),
        ),
        Role(
            SUBDISTRICT_OFFICER,
            _("Sub-district officer"),
            _("Its sub-district: villages, grids and village committees"),
            permissions=_perms("regions.region", ["view", "add", "change"])
            | _perms("accounts.organization", ["view", "add", "change"])
            | _perms("accounts.user", ["view"]),
        ),
        Role(
            GRID_WORKER, _("Village / grid worker"), _("Its village"), permissions=set(_READ_PLACES)
        ),
        Role(
            SERVICE_INSPECTOR,
            _("Service agency inspector"),
            _("The enterprises assigned to its agency"),
            permissions=set(_READ_PLACES),
        ),
        Role(
            EXPERT,
            _("Evaluation expert"),
            _("The evaluations it is a member of"),
            permissions=_perms("regions.region", ["view"]),
        ),
        Role(
            ENTERPRISE_MANAGER,
            _("Enterprise safety manager"),
            _("Its own enterprise only"),
            permissions=set(),
        ),
        Role(
            LEADER,
            _("Leader (read-only)"),
            _("Dashboards and reports of its jurisdiction"),
            permissions=_READ_PLACES | _perms("accounts.user", ["view"]),
        ),
        Role(
            AUDITOR,
            _("Auditor"),
            _("Reads the audit log of its jurisdiction"),
            permissions=_READ_PLACES
            | _perms("accounts.user", ["view"])
            | _perms("core.auditevent", ["view"]),
        ),
    ]
}


def grant(role_code: str, *permissions: str) -> None:
    """Add permissions ("app.codename") to a role; called by later apps in ready()."""
    ROLES[role_code].permissions.update(permissions)


def sync_roles(using: str = "default") -> list[str]:
    """Make each role's group hold exactly the permissions of the table.

    Returns the permission names of the table that do not exist in the database (none after a
    complete migrate; a test checks it).
    """
    from django.contrib.auth.models import Group, Permission

    all_perms = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).select_related("content_type")
    }
    for role in ROLES.values():
        group, _created = Group.objects.using(using).get_or_create(name=role.code)
        wanted = [all_perms[p] for p in sorted(role.permissions) if p in all_perms]
        group.permissions.set(wanted)
    return sorted({p for role in ROLES.values() for p in role.permissions} - set(all_perms))


def sync_roles_after_migrate(sender, using="default", **kwargs):
    """Sync once per migrate, after the last app with models has its permissions created."""
    from django.apps import apps

    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if with_models and sender.name == with_models[-1].name:
        sync_roles(using=using)


def role_label(code: str) -> str:
    role = ROLES.get(code)
    return str(role.label) if role else code
