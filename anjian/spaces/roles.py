"""Who may do what with the confined-space ledger, risk assessments and safety equipment;
menu items, home counters and enterprise-file panels.

An enterprise keeps its own ledger, assessments and equipment (the enterprises app's refiner
narrows its safety manager to its enterprise); regulators, sub-district officers and the other
public roles read what lies in their jurisdiction; nobody outside it sees anything.
"""

from django.utils.translation import gettext_lazy as _

from anjian.accounts import roles
from anjian.accounts.roles import _perms

READ = ["view"]
ALL = ["view", "add", "change", "delete"]
_MODELS = ["confinedspace", "spaceriskassessment", "safetyequipment"]


def _each(actions) -> set[str]:
    return set().union(*(_perms(f"spaces.{m}", actions) for m in _MODELS))


GRANTS = {
    roles.ADMIN: _each(ALL),
    roles.REGULATOR: _each(READ),
    roles.SUBDISTRICT_OFFICER: _each(READ),
    roles.COMMITTEE: _each(READ),
    roles.DEPARTMENT: _each(READ),
    roles.GRID_WORKER: _each(READ),
    roles.SERVICE_INSPECTOR: _each(READ),
    roles.LEADER: _each(READ),
    roles.AUDITOR: _each(READ),
    roles.EXPERT: set(),
    roles.ENTERPRISE_MANAGER: _each(ALL),
}


def grant_all():
    for role, permissions in GRANTS.items():
        roles.grant(role, *permissions)


def register_navigation():
    from anjian.core import navigation
    from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment

    item = navigation.register_item
    item(
        "spaces",
        _("Confined-space ledger"),
        "spaces:confinedspace_list",
        model=ConfinedSpace,
        icon="box-arrow-in-down",
    )
    item(
        "spaces",
        _("Safety equipment"),
        "spaces:safetyequipment_list",
        model=SafetyEquipment,
        icon="tools",
    )
    item(
        "spaces",
        _("Risk assessments"),
        "spaces:spaceriskassessment_list",
        model=SpaceRiskAssessment,
        icon="clipboard-data",
    )
    navigation.register_counter(
        _("Confined spaces"), ConfinedSpace, "spaces:confinedspace_list", icon="box-arrow-in-down"
    )


def register_panels():
    from anjian.spaces import panels

    panels.register_all()
