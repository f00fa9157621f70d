"""The course of an enforcement case, as a ``core.workflow`` table.

opened → investigated (the facts are written) → decided (decision number and date, at least one
legal basis with its penalty, every fine within its range or with a confirmed reason) → executed
(the fulfilled date) → closed (the publication recorded). The moves go through
``services.transition``: a decided penalty on an enterprise raises its grade once per case and
sets the repeat-offender flag.
"""

from django.utils.translation import gettext_lazy as _

from anjian.core.workflow import Transition, Workflow
from anjian.enforcement import rules
from anjian.enforcement.choices import CaseStatus as S

CASE_WORKFLOW = Workflow(
    "status",
    [
        Transition(
            "investigate",
            (S.OPENED,),
            S.INVESTIGATED,
            _("Finish the investigation"),
            guards=(rules.guard_investigated,),
        ),
        Transition(
            "decide",
            (S.INVESTIGATED,),
            S.DECIDED,
            _("Record the penalty decision"),
            permission="enforcement.decide_enforcementcase",
            guards=(rules.guard_decision,),
            style="success",
        ),
        Transition(
            "execute",
            (S.DECIDED,),
            S.EXECUTED,
            _("Record the penalty as fulfilled"),
            guards=(rules.guard_executed,),
        ),
        Transition(
            "close",
            (S.EXECUTED,),
            S.CLOSED,
            _("Close the case"),
            guards=(rules.guard_closed,),
            style="success",
        ),
        Transition(
            "reopen_investigation",
            (S.INVESTIGATED,),
            S.OPENED,
            _("Back to investigation"),
            reason_required=True,
            style="warning",
        ),
    ],
)
