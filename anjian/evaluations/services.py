"""What is done to an evaluation, once for the page, the API, the demo and the report: open it,
record verdicts, hand findings over (to an enterprise as a hazard), link spot checks, create the
follow-up campaign, and move it through its workflow."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _g

from anjian.core import audit
from anjian.core.workflow import perform
from anjian.evaluations import rules
from anjian.evaluations.choices import EvaluationStatus


def committee_office_for(accident):
    """The committee office of the government that investigates (and approved the report of)
    ``accident``: the committee organisation of its investigating region."""
    from anjian.accounts.choices import OrganizationKind
    from anjian.accounts.models import Organization

    region = accident.investigating_region or accident.region
    return (
        Organization._base_manager.filter(region=region, kind=OrganizationKind.COMMITTEE)
        .order_by("pk")
        .first()
    )


def open_evaluation(
    accident, *, actor, organizer=None, members=(), experts=(), request=None, **fields
):
    """Plan the evaluation of ``accident`` (status planned) with its working group; the organiser
    defaults to the committee office of the investigating government. Raises ValidationError."""
    from anjian.evaluations.models import Evaluation

    organizer = organizer or committee_office_for(accident)
    if organizer is None:
        raise ValidationError(
            {"organizer": _g("No committee office is recorded for the investigating region.")}
        )
    evaluation = Evaluation(accident=accident, organizer=organizer, **fields)
    with transaction.atomic():
        evaluation.full_clean()
        evaluation.save()
        if members:
            evaluation.members.set(members)
        if experts:
            evaluation.experts.set(experts)
        audit.record("evaluations.evaluation.opened", actor=actor, obj=evaluation, request=request)
    return evaluation


def record_verdict(evaluation, target, *, verdict: str, comment: str = "", actor=None):
    """Record (or change) the verdict on an accountability item or a recommendation."""
    from anjian.accidents.models import AccountabilityItem, Recommendation
    from anjian.evaluations.models import ItemVerdict, RecommendationVerdict

    rules.check_open(rules.stored_evaluation(evaluation))
    if isinstance(target, AccountabilityItem):
        row, _ = ItemVerdict.objects.get_or_create(evaluation=evaluation, item=target)
    elif isinstance(target, Recommendation):
        row, _ = RecommendationVerdict.objects.get_or_create(
            evaluation=evaluation, recommendation=target
        )
    else:
        raise ValidationError(_g("A verdict is on an accountability item or a recommendation."))
    row.verdict = verdict
    row.comment = comment
    row.full_clean()
    row.save()
    return row


def hand_over_finding(
    evaluation,
    *,
    actor,
    problem: str,
    enterprise=None,
    organization=None,
    deadline: datetime.date | None = None,
    hazard=None,
    order: int = 0,
    request=None,
):
    """Record a finding handed to ``enterprise`` or ``organization``. Handed to an enterprise it
    becomes a hazard (``report_hazard(source="evaluation")``) unless ``hazard`` — one already
    recorded, e.g. by the spot check that found it — is given; it closes when that hazard does."""
    from anjian.evaluations.models import Finding
    from anjian.hazards.services import report_hazard

    finding = Finding(
        evaluation=evaluation,
        problem=(problem or "").strip(),
        handed_to_enterprise=enterprise,
        handed_to_organization=organization,
        deadline=deadline,
        order=order,
    )
    with transaction.atomic():
        finding.full_clean()
        if enterprise is not None:
            if hazard is None:
                hazard = report_hazard(
                    enterprise,
                    actor=actor,
                    description=finding.problem,
                    source="evaluation",
                    found_on=evaluation.ended_on or evaluation.started_on or timezone.localdate(),
                    deadline=deadline,
                    request=request,
                )
            elif hazard.enterprise_id != enterprise.pk:
                raise ValidationError({"hazard": _g("The hazard belongs to another enterprise.")})
            finding.hazard = hazard
        finding.save()
        audit.record(
            "evaluations.finding.handed_over", actor=actor, obj=evaluation, request=request
        )
    return finding


def close_finding(finding, *, actor, on: datetime.date | None = None):
    """Close a finding handed to an organisation (its own report); an enterprise's finding closes
    through its hazard only."""
    if finding.handed_to_enterprise_id:
        raise ValidationError(_g("A finding handed to an enterprise closes with its hazard."))
    finding.closed_on = on or timezone.localdate()
    finding.save(update_fields=["closed_on", "updated_at"])
    return finding


# An evaluation spot check, or an unannounced check (不打招呼、直奔现场) the group made and
# recorded as such before linking it.
SPOT_CHECK_KINDS = ("evaluation_spot_check", "unannounced")


def link_spot_check(evaluation, inspection):
    """Link an existing spot check inspection to ``evaluation`` (idempotent)."""
    from anjian.evaluations.models import SpotCheck

    rules.check_open(rules.stored_evaluation(evaluation))
    if inspection.kind not in SPOT_CHECK_KINDS:
        raise ValidationError(
            _g("Only an evaluation spot check or an unannounced check can be linked.")
        )
    link, _ = SpotCheck.objects.get_or_create(
        inspection=inspection, defaults={"evaluation": evaluation}
    )
    if link.evaluation_id != evaluation.pk:
        raise ValidationError(_g("This inspection belongs to another evaluation."))
    return link


def plan_spot_check(evaluation, enterprise, *, actor, template, planned_on, request=None, **fields):
    """Plan a spot check of a similar enterprise through the inspections service and link it."""
    from anjian.inspections.choices import InspectionKind
    from anjian.inspections.services import plan_inspection

    with transaction.atomic():
        inspection = plan_inspection(
            enterprise,
            actor=actor,
            template=template,
            kind=InspectionKind.EVALUATION_SPOT_CHECK,
            planned_on=planned_on,
            request=request,
            **fields,
        )
        return link_spot_check(evaluation, inspection)


def similar_enterprises(evaluation):
    """The open enterprises of the jurisdiction (the investigating region's subtree) in the same
    industry as the accident's enterprise, or with a confined space of the same kind as the
    accident's space (or, without a space, as the enterprise's spaces)."""
    from anjian.enterprises.choices import EnterpriseStatus
    from anjian.enterprises.models import Enterprise
    from anjian.regions.models import Region
    from anjian.spaces.models import ConfinedSpace

    accident = evaluation.accident
    region = accident.investigating_region or accident.region
    subtree = Region.objects.filter(path__startswith=region.path).values("pk")
    enterprise = accident.enterprise
    condition = Q(pk__in=[])
    if enterprise is not None:
        condition |= Q(industry_id=enterprise.industry_id)
    if accident.space_id:
        kinds = [accident.space.kind]
    elif enterprise is not None:
        kinds = list(
            ConfinedSpace._base_manager.filter(enterprise=enterprise)
            .values_list("kind", flat=True)
            .distinct()
        )
    else:
        kinds = []
    if kinds:
        condition |= Exists(
            ConfinedSpace._base_manager.filter(enterprise=OuterRef("pk"), kind__in=kinds)
        )
    qs = Enterprise._base_manager.filter(region__in=subtree).exclude(status=EnterpriseStatus.CLOSED)
    qs = qs.filter(condition)
    if enterprise is not None:
        qs = qs.exclude(pk=enterprise.pk)
    return qs


def create_follow_up_campaign(
    evaluation,
    *,
    actor,
    template=None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    request=None,
):
    """In one step: a campaign (专项行动) of the investigating region with one planned inspection
    per similar enterprise (``similar_enterprises``). Returns the campaign. The campaign lists
    the accident's industry; its tasks are the union of same industry and same space kind, so they
    are planned here through ``inspections.services.plan_inspection`` rather than by the
    campaign's own industry filter."""
    from anjian.inspections.choices import InspectionKind
    from anjian.inspections.models import Campaign, ChecklistTemplate, Inspection
    from anjian.inspections.services import plan_inspection

    accident = evaluation.accident
    starts_on = starts_on or timezone.localdate()
    ends_on = ends_on or starts_on + datetime.timedelta(days=rules.follow_up_campaign_days())
    if template is None:
        template = (
            ChecklistTemplate._base_manager.filter(code="confined-space", is_current=True).first()
            or ChecklistTemplate._base_manager.filter(is_current=True).order_by("pk").first()
        )
    if template is None:
        raise ValidationError(_g("No current checklist to inspect with."))
    region = accident.investigating_region or accident.region
    with transaction.atomic():
        campaign = Campaign(
            name=_g("Follow-up of %(accident)s") % {"accident": accident.name},
            topic=_g("Similar enterprises checked after the evaluation of %(accident)s.")
            % {"accident": accident.name},
            region=region,
            starts_on=starts_on,
            ends_on=ends_on,
            template=template,
            organizer=str(evaluation.organizer),
        )
        campaign.full_clean()
        campaign.save()
        taken = set(
            Inspection._base_manager.filter(campaign=campaign).values_list(
                "enterprise_id", flat=True
            )
        )
        for enterprise in similar_enterprises(evaluation).exclude(pk__in=taken):
            plan_inspection(
                enterprise,
                actor=actor,
                template=template,
                kind=InspectionKind.CAMPAIGN,
                planned_on=starts_on,
                campaign=campaign,
                request=request,
            )
        audit.record(
            "evaluations.evaluation.follow_up_campaign",
            actor=actor,
            obj=evaluation,
            request=request,
            detail={"campaign": campaign.pk},
        )
    return campaign


def start_evaluation(evaluation, *, actor, request=None):
    return perform(evaluation, "start", actor=actor, request=request)


def draft_evaluation(evaluation, *, actor, request=None):
    return perform(evaluation, "draft", actor=actor, request=request)


def send_back_evaluation(evaluation, *, actor, reason, request=None):
    return perform(evaluation, "send_back", actor=actor, reason=reason, request=request)


def approve_evaluation(evaluation, *, actor, request=None):
    return perform(evaluation, "approve", actor=actor, request=request)


def publish_evaluation(evaluation, *, actor, request=None):
    return perform(evaluation, "publish", actor=actor, request=request)


def due_soon(queryset, today: datetime.date | None = None):
    """Open evaluations whose reminders have begun (including the overdue)."""
    today = today or timezone.localdate()
    return queryset.filter(
        status__in=[
            EvaluationStatus.PLANNED,
            EvaluationStatus.IN_PROGRESS,
            EvaluationStatus.DRAFTED,
        ],
        reminder_from__lte=today,
    )


__all__ = ["rules"]
