"""What changes training records beyond a plain form: assessment (issuing certificates) and the
audited reveal of an ID number. Pages, the API and the demo loader all call these."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import audit
from anjian.training import rules
from anjian.training.choices import Duty
from anjian.training.models import Attendance, Certificate, TrainingSession

# The duties a confined-space certificate covers when the person's own list is empty: everyone
# regulations.md says must be trained (approvers, attendants, entrants, rescuers) plus leaders.
ALL_DUTIES = list(Duty.values)


class AssessmentRefused(Exception):
    def __init__(self, reasons):
        self.reasons = [str(r) for r in reasons]
        super().__init__("; ".join(self.reasons))


def record_assessment(
    attendance: Attendance, *, score, passed: bool, actor, request=None
) -> Certificate | None:
    """Record the assessment of one attendee once; a pass issues a certificate, a fail none.

    The certificate covers the person's duties (all duties when none are listed), is issued on
    the session's date by whoever delivered it, and expires after the validity of the training
    kind. Raises ``AssessmentRefused`` with readable reasons (already assessed; absent but passed).
    """
    with transaction.atomic():
        locked = (
            Attendance._base_manager.select_for_update()
            .select_related("session", "person")
            .get(pk=attendance.pk)
        )
        reasons = rules.assessment_refusals(locked, passed=passed)
        # Whoever sees an attendee through their employer may not certify a session they cannot
        # open (issue 7, point 1): the assessor must see the session.
        sessions = TrainingSession.objects.restrict(actor, "view")
        if not sessions.filter(pk=locked.session_id).exists():
            reasons.append(_("You may assess only the attendees of a session you can open."))
        if reasons:
            raise AssessmentRefused(reasons)
        locked.score = Decimal(str(score)) if score not in (None, "") else None
        locked.passed = bool(passed)
        locked.assessed_at = timezone.now()
        locked._history_user = actor
        locked.save(update_fields=["score", "passed", "assessed_at", "updated_at"])
        certificate = None
        session = locked.session
        if locked.passed:
            certificate = Certificate(
                person=locked.person,
                kind=session.kind,
                duties=list(locked.person.duties or ALL_DUTIES),
                issued_on=session.held_on,
                issuer=session.issuer_name,
                attendance=locked,
            )
            certificate._history_user = actor
            certificate.save()
        audit.record(
            "training.attendance.assessed",
            actor=actor,
            obj=locked,
            request=request,
            detail={
                "score": str(locked.score) if locked.score is not None else "",
                "passed": locked.passed,
                "certificate": certificate.number if certificate else "",
            },
        )
    attendance.refresh_from_db()
    return certificate


def reveal_id_number(person, *, actor, request=None) -> str:
    """The full ID number, for a holder of the reveal permission; every reveal is audited."""
    if not rules.may_reveal(actor):
        raise PermissionError(_("You may not see full ID numbers."))
    audit.record(
        "training.person.id_number_revealed",
        actor=actor,
        obj=person,
        request=request,
        detail={"masked": person.masked_id_number},
    )
    return person.id_number
