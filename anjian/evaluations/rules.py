"""The evaluation's rules, once: due dates, transition guards, finding status, the disclosure
policy's fields and name masking. The page, the API and the services call these."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.periods import add_months
from anjian.evaluations.choices import FindingStatus, Method

# The personal fields the public version may mask (DisclosurePolicy.field). ID numbers and phone
# numbers are never in a report at all, so they need no row. Enterprise staff (the persons of the
# criminal and administrative-penalty tracks), public officials (the discipline tracks) and the
# experts of the working group each have their own rows: a staff member's position (恒亦达公司总经理，
# 公司的实际控制人) identifies him as surely as his name.
POLICY_FIELDS = [
    ("staff_name", _("Names of enterprise staff")),
    ("staff_position", _("Positions of enterprise staff")),
    ("official_name", _("Names of public officials")),
    ("position", _("Positions of public officials")),
    ("expert_name", _("Names of experts")),
    ("political_status", _("Political status")),
]
# Seeded defaults (demo and migrations): enterprise staff's names and positions, experts' names and
# political status masked; officials' names and positions published, as the government publishes
# accountability for public office.
POLICY_DEFAULTS = {
    "staff_name": True,
    "staff_position": True,
    "official_name": False,
    "position": False,
    "expert_name": True,
    "political_status": True,
}


def reminder_months() -> int:
    return int(getattr(settings, "ANJIAN_EVALUATION_REMINDER_MONTHS", 10))


def due_months() -> int:
    return int(getattr(settings, "ANJIAN_EVALUATION_DUE_MONTHS", 12))


def follow_up_campaign_days() -> int:
    return int(getattr(settings, "ANJIAN_EVALUATION_FOLLOW_UP_CAMPAIGN_DAYS", 90))


def due_dates(approved_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(due on, reminders from): ``EVALUATION_DUE_MONTHS`` calendar months after the approval
    (12: one calendar year, 29 February → 28 February) and ``EVALUATION_REMINDER_MONTHS`` months
    after it."""
    return add_months(approved_on, due_months()), add_months(approved_on, reminder_months())


def approval_date(accident) -> datetime.date | None:
    investigation = getattr(accident, "investigation", None)
    return getattr(investigation, "approved_on", None) if investigation else None


def fill_dates(evaluation, *, strict: bool = True) -> None:
    approved_on = approval_date(evaluation.accident)
    if approved_on is None:
        if strict:
            raise ValidationError(
                _("The accident's investigation report has no approval date yet.")
            )
        return
    evaluation.due_on, evaluation.reminder_from = due_dates(approved_on)


def is_due_soon(evaluation, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return evaluation.is_open and evaluation.reminder_from <= today <= evaluation.due_on


def is_overdue(evaluation, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return evaluation.is_open and evaluation.due_on < today


CLOSED_STATUSES = ("approved", "published")


def closed_reason(evaluation) -> str:
    """Why ``evaluation`` can no longer be changed, or "" while it is open. Approved or published,
    the report is what the government signed: its verdicts, findings and spot checks stay as they
    were (only the workflow moves it on, and a finding handed to an organisation is still closed)."""
    if evaluation is None or evaluation.status not in CLOSED_STATUSES:
        return ""
    return str(
        _(
            "The evaluation is %(status)s: an approved or published evaluation is read-only, "
            "its verdicts, findings and spot checks included."
        )
        % {"status": evaluation.get_status_display()}
    )


def check_open(evaluation, row=None, *, may_change=()) -> None:
    """Raise ValidationError (with the reason) when ``evaluation`` is approved or published and
    ``row`` — the evaluation itself, or a verdict, finding or spot check of it — is new or differs
    from the stored row in anything but ``may_change`` (a finding's ``closed_on``). A stored row
    checked unchanged passes: it is valid, nothing is being changed."""
    reason = closed_reason(evaluation)
    if not reason:
        return
    if row is not None and row.pk and unchanged(row, may_change):
        return
    raise ValidationError(reason)


def unchanged(row, may_change=()) -> bool:
    """Whether ``row`` holds what is stored for it (apart from ``may_change`` and timestamps)."""
    stored = type(row)._base_manager.filter(pk=row.pk).first()
    if stored is None:
        return False
    return all(
        getattr(stored, f.attname) == getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if f.name not in may_change
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    )


def stored_evaluation(evaluation):
    """The evaluation as stored (its status there decides), or the one given when new."""
    if evaluation is None or not evaluation.pk:
        return evaluation
    from anjian.evaluations.models import Evaluation

    return Evaluation._base_manager.filter(pk=evaluation.pk).first() or evaluation


def check_methods(methods) -> None:
    if not isinstance(methods, list):
        raise ValidationError({"methods": _("Methods must be a list.")})
    codes = set(Method.values)
    for entry in methods:
        if not isinstance(entry, dict) or entry.get("code") not in codes:
            raise ValidationError(
                {
                    "methods": _("Each method needs a code among: %(codes)s.")
                    % {"codes": ", ".join(Method.values)}
                }
            )


def check_organizer(evaluation) -> None:
    """The organiser is the committee office (安委办) of the government that investigated the
    accident and approved its report: a committee organisation of the investigating region."""
    from anjian.accounts.choices import OrganizationKind

    organizer = evaluation.organizer if evaluation.organizer_id else None
    if organizer is None or not evaluation.accident_id:
        return
    region_id = evaluation.accident.investigating_region_id or evaluation.accident.region_id
    if organizer.kind != OrganizationKind.COMMITTEE or organizer.region_id != region_id:
        raise ValidationError(
            {
                "organizer": _(
                    "The organiser is the committee office of the government that "
                    "investigated the accident."
                )
            }
        )


def check_same_accident(verdict, target) -> None:
    if verdict.evaluation_id and target is not None and verdict.evaluation_id:
        if target.accident_id != verdict.evaluation.accident_id:
            raise ValidationError(_("This belongs to another accident."))


def check_finding(finding) -> None:
    if finding.handed_to_enterprise_id and finding.handed_to_organization_id:
        raise ValidationError(_("Hand a finding to an enterprise or an organisation, not both."))
    if not finding.handed_to_enterprise_id and not finding.handed_to_organization_id:
        raise ValidationError(_("Say to whom the finding is handed."))
    if finding.closed_on and finding.handed_to_enterprise_id:
        raise ValidationError(
            {"closed_on": _("A finding handed to an enterprise closes with its hazard.")}
        )


def finding_status(finding) -> str:
    from anjian.hazards.choices import HazardStatus

    if finding.handed_to_enterprise_id:
        hazard = finding.hazard
        closed = hazard is not None and hazard.status == HazardStatus.CLOSED
    else:
        closed = finding.closed_on is not None
    return FindingStatus.CLOSED if closed else FindingStatus.OPEN


# Guards of the workflow -----------------------------------------------------------------------


def guard_start(evaluation, actor, context):
    reasons = []
    if not evaluation.members.exists() and not evaluation.experts.exists():
        reasons.append(_("The working group has no member."))
    return reasons


def guard_draft(evaluation, actor, context):
    reasons = []
    accident = evaluation.accident
    judged = set(evaluation.item_verdicts.exclude(verdict="").values_list("item_id", flat=True))
    for item in accident.accountability_items.all():
        if item.pk not in judged:
            reasons.append(
                _("No verdict yet on the accountability item “%(item)s”.") % {"item": item}
            )
    judged = set(
        evaluation.recommendation_verdicts.exclude(verdict="").values_list(
            "recommendation_id", flat=True
        )
    )
    for recommendation in accident.recommendations.all():
        if recommendation.pk not in judged:
            reasons.append(
                _("No verdict yet on recommendation %(number)s.")
                % {"number": recommendation.number}
            )
    if not evaluation.methods:
        reasons.append(_("Record the methods of the evaluation."))
    if not evaluation.started_on:
        reasons.append(_("Record when the evaluation started."))
    if not evaluation.conclusion.strip():
        reasons.append(_("Write the conclusion."))
    return reasons


def guard_approve(evaluation, actor, context):
    reasons = []
    if not evaluation.ended_on:
        reasons.append(_("Record when the evaluation ended."))
    return reasons


# Masking of the public version ------------------------------------------------------------------


def mask_name(name: str) -> str:
    """The one masking of a person's name in the public version: the surname kept, every other
    character 某 — 陈庆芳 → 陈某某, 何涛 → 何某; empty stays empty."""
    name = str(name or "").strip()
    if not name:
        return ""
    return name[0] + "某" * max(len(name) - 1, 1)


def masked_fields() -> set[str]:
    """The policy fields masked in the public version (the table, else the seeded defaults)."""
    from anjian.evaluations.models import DisclosurePolicy

    rows = dict(DisclosurePolicy._base_manager.values_list("field", "masked"))
    merged = {**POLICY_DEFAULTS, **rows}
    return {field for field, masked in merged.items() if masked}
