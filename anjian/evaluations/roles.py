"""Who may do what with evaluations; menu and counters.

The committee office organises, approves and publishes; the regulator's staff work in the group;
experts read the evaluations whose group names them (their advice is recorded by the office),
departments those that name their organisation (both hold ``evaluations.member_only``); leaders, auditors and
sub-district officers read within their jurisdiction. Enterprises and grid workers see none.
"""

from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from anjian.accounts import roles
from anjian.accounts.roles import _perms

READ = ["view"]
EDIT = ["view", "add", "change"]
ALL = ["view", "add", "change", "delete"]
APPROVE = "evaluations.approve_evaluation"
MEMBER_ONLY = "evaluations.member_only"

_RECORDS = ["evaluation", "itemverdict", "recommendationverdict", "finding", "spotcheck"]


def _each(actions, models=_RECORDS) -> set[str]:
    return set().union(*(_perms(f"evaluations.{m}", actions) for m in models))


GRANTS = {
    roles.ADMIN: _each(ALL) | _perms("evaluations.disclosurepolicy", ALL) | {APPROVE},
    roles.COMMITTEE: _each(ALL) | _perms("evaluations.disclosurepolicy", READ) | {APPROVE},
    roles.REGULATOR: _each(EDIT),
    roles.SUBDISTRICT_OFFICER: _each(READ),
    roles.LEADER: _each(READ),
    roles.AUDITOR: _each(READ),
    roles.DEPARTMENT: _each(READ) | {MEMBER_ONLY},
    roles.EXPERT: _each(READ) | {MEMBER_ONLY},
    roles.GRID_WORKER: set(),
    roles.SERVICE_INSPECTOR: set(),
    roles.ENTERPRISE_MANAGER: set(),
}


def grant_all():
    for role, permissions in GRANTS.items():
        if permissions:
            roles.grant(role, *permissions)


OPEN = ("planned", "in_progress", "drafted")


def register_navigation():
    from anjian.core import navigation
    from anjian.evaluations.models import DisclosurePolicy, Evaluation

    navigation.register_item(
        "accidents",
        _("Evaluations"),
        "evaluations:evaluation_list",
        model=Evaluation,
        icon="clipboard-check",
    )
    navigation.register_item(
        "system",
        _("Disclosure policy"),
        "evaluations:disclosurepolicy_list",
        model=DisclosurePolicy,
        icon="eye-slash",
    )
    navigation.register_counter(
        _("Evaluations due soon or overdue"),
        Evaluation,
        "evaluations:evaluation_list",
        icon="clipboard-check",
        lookups={"status__in": OPEN, "reminder_from__lte": Now()},
        query="due=soon",
    )
