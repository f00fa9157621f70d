"""The life of an evaluation: planned → in progress → drafted → approved → published; a draft may
be sent back to work (reason). Every refusal lists every reason (guards in ``rules``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.workflow import Transition, Workflow
from anjian.evaluations import rules
from anjian.evaluations.choices import EvaluationStatus as S


def _started(obj, context):
    return {"started_on": obj.started_on or timezone.localdate()}


def _approved(obj, context):
    return {"approved_on": timezone.localdate()}


def _published(obj, context):
    return {"published_on": timezone.localdate()}


EVALUATION_WORKFLOW = Workflow(
    "status",
    [
        Transition(
            "start",
            (S.PLANNED,),
            S.IN_PROGRESS,
            _("Start the evaluation"),
            guards=(rules.guard_start,),
            updates=_started,
        ),
        Transition(
            "draft",
            (S.IN_PROGRESS,),
            S.DRAFTED,
            _("Submit the draft"),
            guards=(rules.guard_draft,),
        ),
        Transition(
            "send_back",
            (S.DRAFTED,),
            S.IN_PROGRESS,
            _("Send back to the working group"),
            reason_required=True,
            style="warning",
        ),
        Transition(
            "approve",
            (S.DRAFTED,),
            S.APPROVED,
            _("Approve the evaluation"),
            permission="evaluations.approve_evaluation",
            guards=(rules.guard_draft, rules.guard_approve),
            updates=_approved,
            style="success",
        ),
        Transition(
            "publish",
            (S.APPROVED,),
            S.PUBLISHED,
            _("Publish"),
            permission="evaluations.approve_evaluation",
            updates=_published,
            style="success",
        ),
    ],
)
