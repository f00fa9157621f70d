"""What happens beyond an accident's own row: recording it (the investigation opened with its due
date, the enterprise's grade escalated once), extending the investigation once, and reporting
implementation progress. Pages, the API and the demo call these."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accidents.models import Accident, ImplementationProgress, Investigation


def after_recording(accident: Accident, *, actor, request=None) -> Accident:
    """Once an accident is saved: its investigation exists (due 60 days after), and an accident at
    an enterprise raises its grade (``escalate_grade``), once per accident — marked first on the
    row, so a second save or a concurrent one never escalates again. The escalation is the rule's
    consequence: recorded with the recorder as actor when they may set grades, else as a system
    move whose reason names them."""
    with transaction.atomic():
        Investigation.objects.get_or_create(accident=accident)
        if not accident.enterprise_id or accident.escalated_at is not None:
            return accident
        now = timezone.now()
        marked = Accident._base_manager.filter(pk=accident.pk, escalated_at__isnull=True).update(
            escalated_at=now
        )
        if not marked:
            return accident
        accident.escalated_at = now
        from anjian.enterprises.models import GRADE_PERMISSION, Enterprise
        from anjian.enterprises.services import escalate_grade

        enterprise = Enterprise._base_manager.get(pk=accident.enterprise_id)
        mover = actor if actor is not None and actor.has_perm(GRADE_PERMISSION) else None
        by = (actor.get_full_name() or actor.get_username()) if getattr(actor, "pk", None) else ""
        escalate_grade(
            enterprise,
            reason=_("Accident: %(name)s (%(by)s)")
            % {"name": accident.name, "by": by or _("system")},
            source=accident,
            actor=mover,
            request=request,
            effective_on=min(accident.occurred_on, timezone.localdate()),
        )
    return accident


def record_accident(*, actor, request=None, **fields) -> Accident:
    """A new accident (demo, tests, import): validated, saved, then ``after_recording``."""
    accident = Accident(**fields)
    accident.full_clean()
    accident.save()
    return after_recording(accident, actor=actor, request=request)


def extend_investigation(investigation: Investigation, *, until, reason: str) -> Investigation:
    """The one extension of an investigation (the model refuses a second one)."""
    investigation.extended_due_on = until
    investigation.extension_reason = reason
    investigation.full_clean()
    investigation.save()
    return investigation


def report_progress(assignment, *, actor, text: str, reported_on, file=None):
    progress = ImplementationProgress(
        assignment=assignment, text=text, reported_on=reported_on, file=file or ""
    )
    progress.reported_by = actor if getattr(actor, "pk", None) else None
    progress.full_clean()
    progress.save()
    return progress
