"""The life of an inspection as a ``core.workflow`` table: planned → in progress (the checklist is
walked) → completed; planned or in progress → cancelled (reason). Completing moves the
enterprise's last inspection date forward in the same transaction, whoever completes it (page, API
or service)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.workflow import Transition, Workflow
from anjian.inspections import rules
from anjian.inspections.choices import InspectionStatus as S


def _started(obj, context):
    return {"started_at": timezone.now(), "inspected_on": obj.inspected_on or timezone.localdate()}


def _completed(obj, context):
    from anjian.inspections.services import record_last_inspection

    record_last_inspection(obj.enterprise_id, obj.inspected_on)
    return {"completed_at": timezone.now()}


INSPECTION_WORKFLOW = Workflow(
    "status",
    [
        Transition(
            "start",
            (S.PLANNED,),
            S.IN_PROGRESS,
            _("Start the inspection"),
            guards=(rules.guard_start,),
            updates=_started,
        ),
        Transition(
            "complete",
            (S.IN_PROGRESS,),
            S.COMPLETED,
            _("Complete the inspection"),
            guards=(rules.guard_complete,),
            updates=_completed,
            style="success",
        ),
        Transition(
            "cancel",
            (S.PLANNED, S.IN_PROGRESS),
            S.CANCELLED,
            _("Cancel the inspection"),
            reason_required=True,
            style="danger",
        ),
    ],
)
