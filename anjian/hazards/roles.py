"""Who may do what with hazards and public reports; menu items, home counters and the
enterprise-file panel.

An enterprise reports its own hazards and answers them (plan, fix, submit): the enterprises app's
refiner narrows its safety manager to its enterprise. Grid workers, sub-district officers, service
inspectors and the bureau report hazards in their reach and sign the verification tiers of their
level (``hazards.verify_hazard``). Public reports are read and handled by the village and above,
never by the enterprise. Reference tables (criteria, tiers) are kept by administrators.
"""

from django.utils.translation import gettext_lazy as _

from anjian.accounts import roles
from anjian.accounts.roles import _perms

READ = ["view"]
ALL = ["view", "add", "change", "delete"]
WRITE = ["view", "add", "change"]
HAZARD_MODELS = ["hazard", "hazardphoto", "hazardverification"]
REFERENCE = ["majorhazardcriterion", "verificationtier"]
PUBLIC = ["publicreport", "publicreportphoto"]
VERIFY = "hazards.verify_hazard"
HANDLE_REPORTS = "hazards.handle_publicreport"


def _each(models, actions) -> set[str]:
    return set().union(*(_perms(f"hazards.{m}", actions) for m in models))


_READ_ALL = _each(HAZARD_MODELS, READ) | _each(REFERENCE, READ) | _each(PUBLIC, READ)
_WORK = (
    _each(["hazard", "hazardphoto"], WRITE)
    | _each(["hazardverification"], READ)
    | _each(REFERENCE, READ)
    | _each(PUBLIC, READ)
    | {VERIFY, HANDLE_REPORTS}
)

GRANTS = {
    # Sign-offs are written only by the services (a tier signed), never by hand.
    roles.ADMIN: _each(["hazard", "hazardphoto"], ALL)
    | _each(["hazardverification"], READ)
    | _each(REFERENCE, ALL)
    | _each(PUBLIC, READ),
    roles.REGULATOR: _WORK,
    roles.SUBDISTRICT_OFFICER: _WORK,
    roles.GRID_WORKER: _WORK,
    # Service inspectors find and report hazards in their assigned enterprises; verification is
    # the government's (no verify permission), public reports are the villages'.
    roles.SERVICE_INSPECTOR: _each(["hazard", "hazardphoto"], WRITE)
    | _each(["hazardverification"], READ)
    | _each(REFERENCE, READ),
    roles.COMMITTEE: _READ_ALL,
    roles.DEPARTMENT: set(),
    roles.LEADER: _READ_ALL,
    roles.AUDITOR: _READ_ALL,
    roles.EXPERT: set(),
    roles.ENTERPRISE_MANAGER: _each(["hazard", "hazardphoto"], WRITE)
    | _each(["hazardverification"], READ)
    | _each(REFERENCE, READ),
}


def grant_all():
    for role, permissions in GRANTS.items():
        roles.grant(role, *permissions)


def register_navigation():
    from django.db.models.functions import Now, TruncDate

    from anjian.core import navigation
    from anjian.hazards.choices import OPEN_STATUSES, HazardLevel
    from anjian.hazards.models import (
        Hazard,
        MajorHazardCriterion,
        PublicReport,
        VerificationTier,
    )

    item = navigation.register_item
    item("hazards", _("Hazards"), "hazards:hazard_list", model=Hazard, icon="exclamation-triangle")
    item(
        "hazards",
        _("Few self-reported hazards"),
        "hazards:self_reporting",
        permission=VERIFY,
        icon="clipboard-x",
    )
    item(
        "hazards",
        _("Public reports"),
        "hazards:publicreport_list",
        model=PublicReport,
        icon="megaphone",
    )
    item(
        "system",
        _("Major-hazard criteria"),
        "hazards:majorhazardcriterion_list",
        model=MajorHazardCriterion,
        icon="list-check",
    )
    item(
        "system",
        _("Verification tiers"),
        "hazards:verificationtier_list",
        model=VerificationTier,
        icon="check2-all",
    )
    open_states = tuple(str(s) for s in OPEN_STATUSES)
    navigation.register_counter(
        _("Open hazards"),
        Hazard,
        "hazards:hazard_list",
        icon="exclamation-triangle",
        lookups={"status__in": open_states},
        query="status=open",
    )
    navigation.register_counter(
        _("Overdue hazards"),
        Hazard,
        "hazards:hazard_list",
        icon="alarm",
        # today, as the database reads it when the counter runs (not when it was registered)
        lookups={"status__in": open_states, "deadline__lt": TruncDate(Now())},
        query="overdue=yes",
    )
    navigation.register_counter(
        _("Open major hazards"),
        Hazard,
        "hazards:hazard_list",
        icon="exclamation-octagon",
        lookups={"status__in": open_states, "level": HazardLevel.MAJOR.value},
        query="status=open&level=major",
    )


def register_panels():
    from anjian.hazards import panels

    panels.register_all()
