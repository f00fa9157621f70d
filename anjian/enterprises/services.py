"""The verbs of graded supervision; pages, the API and later apps call these."""

from __future__ import annotations

from datetime import timedelta

from django.db import connections, router
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.periods import earliest_start
from anjian.core.workflow import TransitionRefused, perform
from anjian.enterprises import rules
from anjian.enterprises.choices import NOT_GRADED, InspectionDue, RiskGrade


def transition_for(grade: str) -> str:
    return f"grade_{grade.lower()}"


def change_grade(
    enterprise, *, grade: str, reason: str, actor, source=None, request=None, effective_on=None
):
    """Set ``enterprise``'s risk grade, with a reason (required), the day it takes effect
    (default today, never in the future) and optionally the record that caused it. Writes the
    transition row, its GradeChange and the audit event; raises TransitionRefused."""
    today = timezone.localdate()
    refusals = rules.check_grade_effective_on(effective_on, today)
    if refusals:
        raise TransitionRefused(refusals)
    effective_on = effective_on or today
    if grade not in RiskGrade.values:
        raise TransitionRefused([_("Unknown risk grade “%(grade)s”.") % {"grade": grade}])
    if enterprise.risk_grade == grade:
        raise TransitionRefused(
            [_("The enterprise already has grade %(grade)s.") % {"grade": grade}]
        )
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from anjian.core.models import TransitionLog
    from anjian.enterprises.models import GradeChange

    with transaction.atomic():
        moved = perform(
            enterprise,
            transition_for(grade),
            actor=actor,
            reason=reason,
            request=request,
            source=source,
            context={"effective_on": effective_on},
        )
        log = (
            TransitionLog.objects.filter(
                content_type=ContentType.objects.get_for_model(type(enterprise)),
                object_id=enterprise.pk,
            )
            .order_by("-id")
            .first()
        )
        GradeChange.objects.create(log=log, enterprise_id=enterprise.pk, effective_on=effective_on)
    return moved


def grade_history(enterprise):
    """The grade timeline in the order grades took effect (then in the order they were written):
    TransitionLog rows with ``effective_on`` (rows written before effective dates existed use
    the day they were written)."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce, TruncDate

    from anjian.core.workflow import timeline
    from anjian.enterprises.models import GradeChange

    effective = GradeChange.objects.filter(log=OuterRef("pk")).values("effective_on")[:1]
    return timeline(enterprise).annotate(
        effective_on=Coalesce(Subquery(effective), TruncDate("at"))
    )


def escalate_grade(
    enterprise,
    *,
    reason: str,
    source,
    actor,
    cause: str | None = None,
    request=None,
    effective_on=None,
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
        enterprise,
        grade=target,
        reason=reason,
        actor=actor,
        source=source,
        request=request,
        effective_on=effective_on,
    )


def grade_intervals() -> dict[str, int]:
    """grade → calendar months between routine inspections, from the administrators' table.

    Read afresh on every call (one query a list page, a file, an API response): a grade's interval
    changed through one gunicorn worker is what every other worker shows on its next page, with no
    shared cache and no stamp to read first (which would be a query of its own). The SQL is
    written once per database instead of compiled by the ORM each time: 0.1 ms of CPU instead of
    0.3 (issue 9, ``docs/performance.md``); the same rows as
    ``GradeFrequency.objects.values_list("grade", "interval_months")``.
    """
    from anjian.enterprises.models import GradeFrequency

    connection = connections[router.db_for_read(GradeFrequency)]
    sql = _GRADE_INTERVALS_SQL.get(connection.vendor)
    if sql is None:
        opts, quote = GradeFrequency._meta, connection.ops.quote_name
        sql = _GRADE_INTERVALS_SQL[connection.vendor] = (
            f"SELECT {quote(opts.get_field('grade').column)}, "
            f"{quote(opts.get_field('interval_months').column)} FROM {quote(opts.db_table)}"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


_GRADE_INTERVALS_SQL: dict[str, str] = {}


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
    """Tenants (厂中厂, or an enterprise in a park that another party runs) that hold no valid
    safety agreement (lease or contracting) with their landlord, or only expired ones
    (regulations.md: a hazard). The landlord is the enterprise's own (an enterprise or an
    organization such as a village committee), else its park's operator (likewise)."""
    from django.db.models import Case, Exists, F, OuterRef, When

    from anjian.enterprises.models import SafetyAgreement

    today = today or timezone.localdate()
    valid = (
        SafetyAgreement.objects.filter(tenant=OuterRef("pk"))
        .filter(
            Q(landlord=OuterRef("lessor_enterprise"))
            | Q(landlord_organization=OuterRef("lessor_organization"))
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    )
    own = Q(landlord__isnull=False) | Q(landlord_organization__isnull=False)
    return (
        queryset.annotate(
            lessor_enterprise=Case(
                When(own, then=F("landlord")), default=F("park__operator_enterprise")
            ),
            lessor_organization=Case(
                When(own, then=F("landlord_organization")),
                default=F("park__operator_organization"),
            ),
        )
        .filter(Q(lessor_enterprise__isnull=False) | Q(lessor_organization__isnull=False))
        # not its own landlord (spelt out: a NULL annotation must not drop the row)
        .filter(
            Q(lessor_enterprise__isnull=True)
            | Q(lessor_enterprise__lt=F("pk"))
            | Q(lessor_enterprise__gt=F("pk"))
        )
        .filter(~Exists(valid))
    )
