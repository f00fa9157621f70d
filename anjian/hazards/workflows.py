"""The closed loop of a hazard and the handling of a public report, as ``core.workflow`` tables.

Hazard: reported → rectifying (the plan is complete) → submitted (what was done and a photo after
rectification) → one sign-off per verification tier (``verify`` keeps it submitted; ``close`` is the
last tier) → closed; submitted → sent back (reason) → rectifying; closed → rectifying again by a
follow-up check (回头看, reason). The sign-off transitions go through ``services`` (which write the
``HazardVerification`` row); the transition page and API action call the services.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.workflow import Transition, Workflow
from anjian.hazards import rules
from anjian.hazards.choices import HazardStatus as S
from anjian.hazards.choices import PublicReportStatus as P

VERIFY = "hazards.verify_hazard"


def _submitted(obj, context):
    # A plain value (the history row copies it); the status compare-and-set guards concurrency.
    return {"submitted_at": timezone.now(), "verification_round": obj.verification_round + 1}


def _closed(obj, context):
    return {"closed_at": timezone.now()}


def _reopened(obj, context):
    return {"closed_at": None, "submitted_at": None}


HAZARD_WORKFLOW = Workflow(
    "status",
    [
        Transition(
            "start",
            (S.REPORTED,),
            S.RECTIFYING,
            _("Start rectification"),
            guards=(rules.guard_plan,),
        ),
        Transition(
            "submit",
            (S.RECTIFYING, S.SENT_BACK),
            S.SUBMITTED,
            _("Submit the fix for verification"),
            guards=(rules.guard_submission,),
            updates=_submitted,
        ),
        Transition(
            "verify",
            (S.SUBMITTED,),
            S.SUBMITTED,
            _("Sign off this tier"),
            permission=VERIFY,
            guards=(rules.guard_signoff,),
            style="success",
        ),
        Transition(
            "close",
            (S.SUBMITTED,),
            S.CLOSED,
            _("Sign off and close"),
            permission=VERIFY,
            guards=(rules.guard_close,),
            updates=_closed,
            style="success",
        ),
        Transition(
            "send_back",
            (S.SUBMITTED,),
            S.SENT_BACK,
            _("Send back"),
            permission=VERIFY,
            reason_required=True,
            style="warning",
        ),
        Transition(
            "resume",
            (S.SENT_BACK,),
            S.RECTIFYING,
            _("Resume rectification"),
        ),
        Transition(
            "reopen",
            (S.CLOSED,),
            S.RECTIFYING,
            _("Reopen after a follow-up check"),
            permission=VERIFY,
            reason_required=True,
            updates=_reopened,
            style="danger",
        ),
    ],
)

ACCEPT_REPORT = "hazards.handle_publicreport"

PUBLIC_REPORT_WORKFLOW = Workflow(
    "status",
    [
        Transition(
            "accept",
            (P.RECEIVED,),
            P.ACCEPTED,
            _("Verify: record as a hazard"),
            permission=ACCEPT_REPORT,
            style="success",
        ),
        Transition(
            "dismiss",
            (P.RECEIVED,),
            P.DISMISSED,
            _("Dismiss"),
            permission=ACCEPT_REPORT,
            reason_required=True,
            style="warning",
        ),
    ],
)
