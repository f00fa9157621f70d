"""Who may do what with inspections, campaigns, checklists and legal bases; menu items, home
counters and the enterprise-file panel.

Regulators, sub-district officers, grid workers and service inspectors plan and walk inspections
in their reach (a failed item's hazard is theirs to raise, with the hazards app's add permission);
the district bureau runs campaigns; an enterprise reads the inspections of its own enterprise.
Checklists and legal bases are reference tables kept by administrators.
"""

from django.utils.translation import gettext_lazy as _

from anjian.accounts import roles
from anjian.accounts.roles import _perms

READ = ["view"]
ALL = ["view", "add", "change", "delete"]
WRITE = ["view", "add", "change"]
REFERENCE = ["legalbasis", "checklisttemplate", "checklistitem"]


def _each(models, actions) -> set[str]:
    return set().union(*(_perms(f"inspections.{m}", actions) for m in models))


_READ_ALL = _each([*REFERENCE, "inspection", "inspectionitem", "campaign"], READ)
_INSPECTOR = (
    _each(REFERENCE, READ)
    | _each(["inspection"], WRITE)
    | _each(["inspectionitem"], ["view", "change"])
    | _each(["campaign"], READ)
)

GRANTS = {
    roles.ADMIN: _each([*REFERENCE, "inspection", "campaign"], ALL)
    | _each(["inspectionitem"], ["view", "change"]),
    roles.REGULATOR: _INSPECTOR | _each(["campaign"], WRITE),
    roles.SUBDISTRICT_OFFICER: _INSPECTOR,
    roles.GRID_WORKER: _INSPECTOR,
    roles.SERVICE_INSPECTOR: _INSPECTOR - _each(["campaign"], READ),
    roles.COMMITTEE: _READ_ALL,
    roles.LEADER: _READ_ALL,
    roles.AUDITOR: _READ_ALL,
    roles.DEPARTMENT: set(),
    roles.EXPERT: set(),
    roles.ENTERPRISE_MANAGER: _each(["inspection", "inspectionitem"], READ)
    | _each(REFERENCE, READ),
}


def grant_all():
    for role, permissions in GRANTS.items():
        roles.grant(role, *permissions)


def register_navigation():
    from django.db.models.functions import Now, TruncDate

    from anjian.core import navigation
    from anjian.inspections.choices import InspectionStatus
    from anjian.inspections.models import Campaign, ChecklistTemplate, Inspection, LegalBasis

    item = navigation.register_item
    item(
        "enforcement",
        _("Inspections"),
        "inspections:inspection_list",
        model=Inspection,
        icon="clipboard-check",
    )
    item("enforcement", _("Campaigns"), "inspections:campaign_list", model=Campaign, icon="flag")
    item(
        "system",
        _("Checklist templates"),
        "inspections:checklisttemplate_list",
        model=ChecklistTemplate,
        icon="list-ol",
    )
    item(
        "system",
        _("Legal bases"),
        "inspections:legalbasis_list",
        model=LegalBasis,
        icon="journal-text",
    )
    navigation.register_counter(
        _("Planned inspections"),
        Inspection,
        "inspections:inspection_list",
        icon="clipboard-check",
        lookups={"status": InspectionStatus.PLANNED.value},
        query="status=planned",
    )
    navigation.register_counter(
        _("Overdue inspections"),
        Inspection,
        "inspections:inspection_list",
        icon="alarm",
        lookups={"status": InspectionStatus.PLANNED.value, "planned_on__lt": TruncDate(Now())},
        query="overdue=yes",
    )


def register_panels():
    from anjian.inspections import panels

    panels.register_all()
