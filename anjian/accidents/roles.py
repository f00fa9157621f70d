"""Who may do what with accidents; menu items, home counters and the enterprise-file panel.

The district bureau records accidents, investigations, accountability items and recommendations;
the committee office too (it runs the investigation and later the evaluation). Leaders and
auditors read. A department user (it lacks ``ALL_RECOMMENDATIONS``) reads only the accidents
with a recommendation assigned to its organisation, an accountability item its organisation
executes, or whose investigation team it sits on (``rules.accident_reach``); it sees, and reports
progress on, only the recommendations assigned to its organisation, and the accountability items
its organisation executes (the outcome, its date, the document number, the status; criminal steps
and evidence files — ``rules.item_fields_open_to``). An enterprise reads its own accidents and reports progress on what is assigned to
it. The level thresholds are the administrators'.
"""

from django.utils.translation import gettext_lazy as _

from anjian.accidents.rules import ALL_RECOMMENDATIONS
from anjian.accounts import roles
from anjian.accounts.roles import _perms

READ = ["view"]
ALL = ["view", "add", "change", "delete"]
WRITE = ["view", "add", "change"]

RECORDS = [
    "accident",
    "investigation",
    "accountabilityitem",
    "criminalstep",
    "accountabilityevidence",
    "recommendation",
    "recommendationassignment",
    "implementationprogress",
]


def _each(models, actions) -> set[str]:
    return set().union(*(_perms(f"accidents.{m}", actions) for m in models))


_THRESHOLDS_READ = _each(["accidentlevelthreshold"], READ)
_READ = _each(RECORDS, READ) | _THRESHOLDS_READ | {ALL_RECOMMENDATIONS}
_WORK = _each(RECORDS, ALL) | _THRESHOLDS_READ | {ALL_RECOMMENDATIONS}
_PROGRESS = (
    _each(["accident", "recommendation", "recommendationassignment"], READ)
    | _each(["implementationprogress"], WRITE)
    | _THRESHOLDS_READ
)

# The executing organisation's share of accountability: read and report on the items it executes
# (change is narrowed to ``rules.PROGRESS_FIELDS``), add criminal steps and evidence to them.
_EXECUTION = _each(["accountabilityitem"], ["view", "change"]) | _each(
    ["criminalstep", "accountabilityevidence"], WRITE
)

GRANTS = {
    roles.ADMIN: _each(RECORDS, ALL)
    | _each(["accidentlevelthreshold"], ALL)
    | {ALL_RECOMMENDATIONS},
    roles.REGULATOR: _WORK,
    roles.COMMITTEE: _WORK,
    roles.LEADER: _READ,
    roles.AUDITOR: _READ,
    roles.DEPARTMENT: _PROGRESS | _EXECUTION,
    roles.ENTERPRISE_MANAGER: _PROGRESS | _each(["investigation"], READ),
    roles.SUBDISTRICT_OFFICER: set(),
    roles.GRID_WORKER: set(),
    roles.SERVICE_INSPECTOR: set(),
    roles.EXPERT: set(),
}


def grant_all():
    for role, permissions in GRANTS.items():
        if permissions:
            roles.grant(role, *permissions)


def register_navigation():
    from anjian.accidents.models import (
        Accident,
        AccidentLevelThreshold,
        AccountabilityItem,
        Recommendation,
    )
    from anjian.core import navigation

    item = navigation.register_item
    item(
        "accidents",
        _("Accidents"),
        "accidents:accident_list",
        model=Accident,
        icon="exclamation-octagon",
    )
    item(
        "accidents",
        _("Recommendations"),
        "accidents:recommendation_list",
        model=Recommendation,
        icon="list-check",
    )
    # A department reads only the items its organisation executes: for it this is "my items".
    item(
        "accidents",
        _("Accountability items"),
        "accidents:accountabilityitem_list",
        model=AccountabilityItem,
        icon="person-exclamation",
    )
    item(
        "system",
        _("Accident level thresholds"),
        "accidents:accidentlevelthreshold_list",
        model=AccidentLevelThreshold,
        icon="sliders",
    )
    from anjian.accidents.filtersets import investigation_overdue_lookups

    navigation.register_counter(
        _("Accident investigations overdue"),
        Accident,
        "accidents:accident_list",
        icon="alarm",
        lookups=investigation_overdue_lookups(),
        query="investigation=overdue",
    )
    navigation.register_counter(
        _("Accountability items pending"),
        AccountabilityItem,
        "accidents:accountabilityitem_list",
        icon="person-exclamation",
        lookups={"status": "pending"},
        query="status=pending",
    )


def register_panels():
    from anjian.accidents import panels

    panels.register_all()
