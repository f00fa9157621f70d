"""Who may do what with enforcement cases; menu items, home counters and the enterprise-file panel.

The district bureau (regulator) opens, investigates and decides cases; sub-district officers open
and investigate cases in their reach but record no decision (the bureau's power); the committee,
leaders and auditors read. An enterprise reads the cases against it and its people. The
working-day calendar is kept by administrators and read by everyone who works with cases.
"""

from django.utils.translation import gettext_lazy as _

from anjian.accounts import roles
from anjian.accounts.roles import _perms

READ = ["view"]
ALL = ["view", "add", "change", "delete"]
WRITE = ["view", "add", "change"]
DECIDE = "enforcement.decide_enforcementcase"


def _each(models, actions) -> set[str]:
    return set().union(*(_perms(f"enforcement.{m}", actions) for m in models))


CASES = ["enforcementcase", "casepenalty"]
_READ = _each(CASES, READ) | _each(["calendarday"], READ)
_WORK = _each(CASES, ALL) | _each(["calendarday"], READ)

GRANTS = {
    roles.ADMIN: _each(CASES, ALL) | _each(["calendarday"], ALL) | {DECIDE},
    roles.REGULATOR: _WORK | {DECIDE},
    roles.SUBDISTRICT_OFFICER: _each(CASES, WRITE) | _each(["calendarday"], READ),
    roles.COMMITTEE: _READ,
    roles.LEADER: _READ,
    roles.AUDITOR: _READ,
    roles.ENTERPRISE_MANAGER: _each(CASES, READ),
    roles.DEPARTMENT: set(),
    roles.GRID_WORKER: set(),
    roles.SERVICE_INSPECTOR: set(),
    roles.EXPERT: set(),
}


def grant_all():
    for role, permissions in GRANTS.items():
        if permissions:
            roles.grant(role, *permissions)


def register_navigation():
    from django.db.models.functions import Now, TruncDate

    from anjian.core import navigation
    from anjian.enforcement.choices import DECIDED_STATUSES
    from anjian.enforcement.models import CalendarDay, EnforcementCase

    item = navigation.register_item
    item(
        "enforcement",
        _("Enforcement cases"),
        "enforcement:enforcementcase_list",
        model=EnforcementCase,
        icon="hammer",
    )
    item(
        "statistics",
        _("Penalty totals"),
        "enforcement:totals",
        model=EnforcementCase,
        icon="bar-chart",
    )
    item(
        "system",
        _("Working-day calendar"),
        "enforcement:calendarday_list",
        model=CalendarDay,
        icon="calendar3",
    )
    decided = tuple(str(s) for s in DECIDED_STATUSES)
    from anjian.enforcement.filtersets import publication_due_soon_lookups

    navigation.register_counter(
        _("Publication due soon"),
        EnforcementCase,
        "enforcement:enforcementcase_list",
        icon="megaphone",
        lookups=publication_due_soon_lookups(),
        query="publication=due_soon",
    )
    navigation.register_counter(
        _("Publication overdue"),
        EnforcementCase,
        "enforcement:enforcementcase_list",
        icon="alarm",
        lookups={
            "status__in": decided,
            "published_on__isnull": True,
            "publication_due__lt": TruncDate(Now()),
        },
        query="publication=overdue",
    )


def register_panels():
    from anjian.enforcement import panels

    panels.register_all()
