"""The verbs of graded supervision; pages, the API and later apps call these."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.periods import earliest_start
from anjian.core.workflow import TransitionRefused, perform
from anjian.enterprises import rules
from anjian.enterprises.choices import NOT_GRADED, InspectionDue, RiskGrade


def transition_for(grade: str) -> str:
    return f"grade_{grade.lower()}"


def change_grade(enterprise, *, grade: str, reason: str, actor, source=None, request=None):
    """Set ``enterprise``'s risk grade, with a reason (required) and optionally the record that
    caused it. Writes the transition row and the audit event; raises TransitionRefused."""
    if grade not in RiskGrade.values:
        raise TransitionRefused([_("Unknown risk grade “%(grade)s”.") % {"grade": grade}])
    if enterprise.risk_grade == grade:
        raise TransitionRefused(
            [_("The enterprise already has grade %(grade)s.") % {"grade": grade}]
        )
    return perform(
        enterprise,
        transition_for(grade),
        actor=actor,
        reason=reason,
        request=request,
        source=source,
    )


def escalate_grade(
    enterprise, *, reason: str, source, actor, cause: str | None = None, request=None
):
    """Raise the grade by the escalation rules (accident → A; major hazard or penalty → up one).

    ``source`` is the accident, major hazard or penalty. Its kind comes from ``cause`` or, when
    omitted, from the source's ``escalation_cause`` attribute (later apps declare it on their
    models, e.g. ``Accident.escalation_cause = EscalationCause.ACCIDENT``). An enterprise already at
    the resulting grade (A stays A) is left as it is and nothing is written.
    """
    cause = cause or getattr(source, "escalation_cause", None)
    if cause is None:
        raise ValueError("escalate_grade needs a cause or a source with escalation_cause")
    target = rules.escalated_grade(enterprise.risk_grade, cause)
    if target == enterprise.risk_grade:
        return enterprise
    return change_grade(
        enterprise, grade=target, reason=reason, actor=actor, source=source, request=request
    )


def grade_intervals() -> dict[str, int]:
    """grade → calendar months between routine inspections, from the administrators' table."""
    from anjian.enterprises.models import GradeFrequency

    return dict(GradeFrequency.objects.values_list("grade", "interval_months"))


def next_inspection_due(enterprise, *, intervals=None, today=None):
    today = today or timezone.localdate()
    intervals = grade_intervals() if intervals is None else intervals
    return rules.next_inspection_due(
        enterprise.risk_grade, enterprise.last_inspected_on, intervals, today
    )


def inspection_due_status(enterprise, *, intervals=None, today=None):
    today = today or timezone.localdate()
    due = next_inspection_due(enterprise, intervals=intervals, today=today)
    return rules.inspection_due_status(due, today)


def inspection_due_q(status: str, *, intervals=None, today=None) -> Q:
    """Enterprises whose routine inspection is overdue / due / not due, as one filter.

    Per grade: next due = last inspected + interval in calendar months (``periods.add_months``,
    the rule of the list column and the file), so "overdue" is ``last < earliest_start(today)``
    (or never inspected, which is due today). Works on any database without date arithmetic.
    """
    today = today or timezone.localdate()
    intervals = grade_intervals() if intervals is None else intervals
    q = Q(pk__in=[])
    after_soon = today + timedelta(days=rules.DUE_SOON_DAYS + 1)
    for grade, months in intervals.items():
        overdue_before = earliest_start(today, months)  # due before today
        soon_before = earliest_start(after_soon, months)  # due on or before today + 14 days
        graded = Q(risk_grade=grade)
        if status == InspectionDue.OVERDUE:
            q |= graded & Q(last_inspected_on__lt=overdue_before)
        elif status == InspectionDue.DUE_SOON:
            q |= graded & (
                Q(last_inspected_on__isnull=True)
                | Q(last_inspected_on__gte=overdue_before, last_inspected_on__lt=soon_before)
            )
        elif status == InspectionDue.NOT_DUE:
            q |= graded & Q(last_inspected_on__gte=soon_before)
    return q & ~Q(risk_grade=NOT_GRADED)


def tenants_without_valid_agreement(queryset, *, today=None):
    """Tenants (厂中厂, or an enterprise in a park that another enterprise runs) that hold no
    safety agreement with their landlord, or only expired ones (regulations.md: a hazard)."""
    from django.db.models import Exists, F, OuterRef
    from django.db.models.functions import Coalesce

    from anjian.enterprises.models import SafetyAgreement

    today = today or timezone.localdate()
    valid = SafetyAgreement.objects.filter(
        tenant=OuterRef("pk"), landlord=OuterRef("effective_landlord")
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    return (
        queryset.annotate(effective_landlord=Coalesce("landlord", "park__operator_enterprise"))
        .filter(effective_landlord__isnull=False)
        .exclude(effective_landlord=F("pk"))
        .filter(~Exists(valid))
    )
