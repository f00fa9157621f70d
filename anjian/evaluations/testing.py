"""Factories of accidents (with an approved investigation), evaluations and their parts for
tests; records are placed through the enterprises world's ``world.enterprise_for(region)``."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

_seq = itertools.count(1)


def make_accident(enterprise=None, *, region=None, approved_on=None, **kwargs):
    """An accident (一般 by default) with its investigation approved on ``approved_on``."""
    from anjian.accidents.models import Accident, Investigation

    n = next(_seq)
    approved_on = approved_on or datetime.date(2023, 6, 1)
    occurred = kwargs.pop("occurred_on", approved_on - datetime.timedelta(days=50))
    values = {
        "name": f"测试事故{n}",
        "occurred_at": timezone.make_aware(
            datetime.datetime.combine(occurred, datetime.time(14, 45))
        ),
        "place": "污水处理站",
        "kind": "poisoning",
        "deaths": 1,
        "injuries": 1,
        "direct_loss": 2425000,
        **kwargs,
    }
    accident = Accident(
        enterprise=enterprise, region=region or (enterprise and enterprise.region), **values
    )
    accident.save()
    Investigation.objects.create(accident=accident, approved_on=approved_on, approved_by="区政府")
    return accident


def add_item(accident, **kwargs):
    from anjian.accidents.models import AccountabilityItem

    values = {"subject_kind": "person", "person_name": f"测试人{next(_seq)}", "track": "criminal"}
    return AccountabilityItem.objects.create(accident=accident, **{**values, **kwargs})


def add_recommendation(accident, number=None, **kwargs):
    from anjian.accidents.models import Recommendation

    return Recommendation.objects.create(
        accident=accident, number=number or next(_seq), text="测试建议", **kwargs
    )


def make_evaluation(accident, organizer, **kwargs):
    from anjian.evaluations.models import Evaluation

    evaluation = Evaluation(accident=accident, organizer=organizer, **kwargs)
    evaluation.save()
    return evaluation


def committee_office(accident):
    """The committee office of the government that investigates ``accident`` (the only valid
    organiser), added to its region when the world has none there (another district)."""
    from anjian.accounts.choices import OrganizationKind
    from anjian.accounts.models import Organization
    from anjian.evaluations.services import committee_office_for

    office = committee_office_for(accident)
    if office is None:
        region = accident.investigating_region or accident.region
        office = Organization.objects.create(
            name=f"{region.name}安委办", kind=OrganizationKind.COMMITTEE, region=region
        )
    return office


def evaluation_in(world, region, **kwargs):
    """An evaluation of an accident at the world's enterprise under ``region``, organised by the
    committee office of its investigating government."""
    accident = make_accident(world.enterprise_for(region))
    return make_evaluation(accident, committee_office(accident), **kwargs)


def finding_in(world, region):
    from anjian.evaluations.models import Finding

    evaluation = evaluation_in(world, region)
    return Finding.objects.create(
        evaluation=evaluation,
        problem="测试问题",
        handed_to_organization=world.organizations["bureau"],
    )


def busy_evaluation_in(world, region=None):
    """An evaluation with every nested row a list reads: a member and an expert, a verdict on an
    item and on a recommendation, a finding handed to an enterprise (its hazard) and one to an
    organisation, a spot check."""
    from anjian.evaluations.models import Finding, ItemVerdict, RecommendationVerdict, SpotCheck
    from anjian.hazards.testing import make_hazard
    from anjian.inspections.testing import make_inspection

    region = region or world.regions["village"]
    enterprise = world.enterprise_for(region)
    evaluation = evaluation_in(world, region)
    evaluation.members.set([world.organizations["bureau"]])
    evaluation.experts.set([world.users["expert"]])
    accident = evaluation.accident
    ItemVerdict.objects.create(
        evaluation=evaluation, item=add_item(accident), verdict="implemented"
    )
    RecommendationVerdict.objects.create(
        evaluation=evaluation, recommendation=add_recommendation(accident), verdict="partly"
    )
    Finding.objects.create(
        evaluation=evaluation,
        problem="隐患",
        handed_to_enterprise=enterprise,
        hazard=make_hazard(enterprise, source="evaluation"),
    )
    Finding.objects.create(
        evaluation=evaluation, problem="部门", handed_to_organization=world.organizations["bureau"]
    )
    SpotCheck.objects.create(
        evaluation=evaluation,
        inspection=make_inspection(enterprise, kind="evaluation_spot_check"),
    )
    return evaluation
