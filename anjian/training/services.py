"""What changes training records beyond a plain form: assessment (issuing certificates) and the
audited reveal of an ID number. Pages, the API and the demo loader all call these."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import audit
from anjian.core.workflow import perform
from anjian.training import rules
from anjian.training.choices import AttendanceStatus, Duty, IssuerKind
from anjian.training.models import Attendance, Certificate, TrainingSession, TrainingValidity

# The duties a confined-space certificate covers when the person's own list is empty: everyone
# regulations.md says must be trained (approvers, attendants, entrants, rescuers) plus leaders.
ALL_DUTIES = list(Duty.values)


class AssessmentRefused(Exception):
    def __init__(self, reasons):
        self.reasons = [str(r) for r in reasons]
        super().__init__("; ".join(self.reasons))


def _decimal(score):
    return Decimal(str(score)) if score not in (None, "") else None


def record_assessment(
    attendance: Attendance, *, score, passed: bool | None = None, actor, request=None
) -> Certificate | None:
    """Record the assessment of one attendee once; a pass issues a certificate, a fail none.

    The score (0–100) decides: at or above ``ANJIAN_TRAINING_PASS_MARK`` passes (``passed``, when
    given, must agree). The certificate covers the person's duties as far as the training kind
    qualifies for them (every duty the kind qualifies for when the person lists none: none for
    warning education), is issued on the session's date by whoever delivered it — the
    enterprise's own training when an enterprise organized it, else the commissioned provider —
    and expires after the kind's validity in calendar months. Raises ``AssessmentRefused`` with
    readable reasons (already assessed; no score; score out of range; absent but passed).
    """
    score = _decimal(score)
    with transaction.atomic():
        locked = (
            Attendance._base_manager.select_for_update()
            .select_related("session", "person")
            .get(pk=attendance.pk)
        )
        reasons = rules.assessment_refusals(locked, score=score, passed=passed)
        # Whoever sees an attendee through their employer may not certify a session they cannot
        # open (issue 7, point 1): the assessor must see the session.
        sessions = TrainingSession.objects.restrict(actor, "view")
        if not sessions.filter(pk=locked.session_id).exists():
            reasons.append(_("You may assess only the attendees of a session you can open."))
        if reasons:
            raise AssessmentRefused(reasons)
        locked.score = score
        locked.passed = bool(locked.attended and rules.passes(score))
        locked.assessed_at = timezone.now()
        locked.status = AttendanceStatus.ASSESSED
        locked._history_user = actor
        locked.save(update_fields=["score", "passed", "assessed_at", "status", "updated_at"])
        certificate = None
        session = locked.session
        if locked.passed:
            kind_rule = TrainingValidity.for_kind(session.kind)
            qualifying = list(kind_rule.qualifies_for or [])
            wanted = locked.person.duties or qualifying
            certificate = Certificate(
                person=locked.person,
                kind=session.kind,
                duties=[d for d in wanted if d in qualifying],
                issued_on=session.held_on,
                issuer=session.issuer_name,
                issuer_kind=IssuerKind.ENTERPRISE if session.enterprise_id else IssuerKind.PROVIDER,
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


def correct_assessment(attendance: Attendance, *, actor, reason: str, request=None):
    """Undo a wrong assessment (never edited): the attendee is back to "not assessed", the
    certificate it issued is void from today with the reason. Audited as a transition and as
    ``training.certificate.voided``; the attendee is then assessed again."""
    with transaction.atomic():
        certificate = (
            Certificate._base_manager.select_for_update().filter(attendance=attendance).first()
        )
        perform(attendance, "correct_assessment", actor=actor, reason=reason, request=request)
        if certificate is not None:
            certificate.voided_on = timezone.localdate()
            certificate.void_reason = reason
            certificate.attendance = None  # the attendee may pass again and get a new one
            certificate._history_user = actor
            certificate.save(update_fields=["voided_on", "void_reason", "attendance", "updated_at"])
            audit.record(
                "training.certificate.voided",
                actor=actor,
                obj=certificate,
                request=request,
                detail={"reason": reason, "attendance": attendance.pk},
            )
    attendance.refresh_from_db()
    return certificate


def add_attendees(session, people, *, actor, attended: bool = True) -> list[Attendance]:
    """Register many people at one session at once (people already there are skipped)."""
    added = []
    with transaction.atomic():
        present = set(session.attendances.values_list("person_id", flat=True))
        for person in people:
            if person.pk in present:
                continue
            attendance = Attendance(session=session, person=person, attended=attended)
            attendance._history_user = actor
            attendance.save()
            present.add(person.pk)
            added.append(attendance)
    return added


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
