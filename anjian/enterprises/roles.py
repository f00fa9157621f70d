"""Who may do what with enterprises (model.md, "Who uses it"), added to the accounts role table."""

from django.utils.translation import gettext_lazy as _

from anjian.accounts import roles
from anjian.accounts.roles import _perms

READ = ["view"]
EDIT = ["view", "add", "change"]
GRADE = "enterprises.grade_enterprise"
OWN_ENTERPRISE = "enterprises.act_for_own_enterprise"
ASSIGNED_ENTERPRISES = "enterprises.act_for_assigned_enterprises"

_REFERENCE_READ = _perms("enterprises.industry", READ) | _perms("enterprises.gradefrequency", READ)
_ALL_READ = (
    _REFERENCE_READ
    | _perms("enterprises.enterprise", READ)
    | _perms("enterprises.park", READ)
    | _perms("enterprises.safetyagreement", READ)
)
_SUPERVISE = (
    _REFERENCE_READ
    | _perms("enterprises.enterprise", EDIT)
    | _perms("enterprises.park", EDIT)
    | _perms("enterprises.safetyagreement", EDIT)
    | _perms("enterprises.enterprisemembership", READ)
    | {GRADE}
)

GRANTS = {
    roles.ADMIN: _perms("enterprises.industry")
    | _perms("enterprises.gradefrequency", ["view", "change"])
    | _perms("enterprises.enterprise")
    | _perms("enterprises.park")
    | _perms("enterprises.safetyagreement")
    | _perms("enterprises.enterprisemembership")
    | {GRADE},
    roles.REGULATOR: _SUPERVISE,
    roles.SUBDISTRICT_OFFICER: _SUPERVISE,
    roles.COMMITTEE: _ALL_READ,
    roles.DEPARTMENT: _ALL_READ,
    roles.GRID_WORKER: _ALL_READ,
    # The enterprises assigned to its agency (the refiner narrows it), and the places of its area.
    roles.SERVICE_INSPECTOR: _ALL_READ | {ASSIGNED_ENTERPRISES},
    roles.LEADER: _ALL_READ,
    roles.AUDITOR: _ALL_READ,
    # Experts reach enterprises through the evaluations they are members of (a later issue).
    roles.EXPERT: set(),
    # Its own enterprise only (the jurisdiction refiner narrows it): reads its file, keeps its
    # contacts and headcount up to date; never grades itself.
    roles.ENTERPRISE_MANAGER: _ALL_READ
    | _perms("enterprises.enterprise", ["change"])
    | {OWN_ENTERPRISE},
}


def grant_all():
    for role, permissions in GRANTS.items():
        roles.grant(role, *permissions)


def register_navigation():
    from anjian.core import navigation
    from anjian.enterprises.models import (
        Enterprise,
        EnterpriseMembership,
        GradeFrequency,
        Industry,
        Park,
        SafetyAgreement,
    )

    item = navigation.register_item
    item(
        "supervision",
        _("Enterprises"),
        "enterprises:enterprise_list",
        model=Enterprise,
        icon="buildings",
    )
    item("supervision", _("Parks"), "enterprises:park_list", model=Park, icon="houses")
    item(
        "supervision",
        _("Safety agreements"),
        "enterprises:safetyagreement_list",
        model=SafetyAgreement,
        icon="file-earmark-text",
    )
    item(
        "supervision",
        _("Tenants without a valid agreement"),
        "enterprises:tenant_gap_list",
        model=Enterprise,
        icon="exclamation-diamond",
    )
    item("system", _("Industries"), "enterprises:industry_list", model=Industry, icon="tags")
    item(
        "system",
        _("Inspection frequencies"),
        "enterprises:gradefrequency_list",
        model=GradeFrequency,
        icon="calendar-check",
    )
    item(
        "system",
        _("Enterprise accounts"),
        "enterprises:enterprisemembership_list",
        model=EnterpriseMembership,
        icon="person-badge",
    )
    navigation.register_counter(
        _("Enterprises"), Enterprise, "enterprises:enterprise_list", icon="buildings"
    )
