"""Factories of accidents and their parts for tests. Records are placed through the enterprises
world's ``world.enterprise_for(region)``; an assignment made for a district goes to an
organisation of that district (the department persona's own 区总工会 for the home district), below
a district to the enterprise there — so "inside" holds for the department and the enterprise
manager alike (a department reaches an accident only through such an assignment:
``assigned_accident_in``); an item made for a district is executed by that organisation
(``item_in``)."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from anjian.accidents.models import (
    Accident,
    AccountabilityEvidence,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Investigation,
    Recommendation,
    RecommendationAssignment,
)

_seq = itertools.count(1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def at(day: datetime.date, hour=14, minute=45):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def accident_values(**kwargs) -> dict:
    return {
        "name": f"测试事故{next(_seq)}",
        "occurred_at": at(datetime.date(2024, 3, 5)),
        "place": "污水处理站好氧池",
        "kind": "poisoning",
        "deaths": 1,
        "serious_injuries": 0,
        "injuries": 1,
        "direct_loss": Decimal("2425000"),
        **kwargs,
    }


def make_accident(enterprise=None, *, region=None, investigation=True, **kwargs) -> Accident:
    """An accident saved without the service (no escalation), with its investigation."""
    accident = Accident(enterprise=enterprise, region=region, **accident_values(**kwargs))
    accident.save()
    if investigation:
        Investigation.objects.create(accident=accident)
    return accident


def accident_in(world, region, **kwargs) -> Accident:
    return make_accident(world.enterprise_for(region), **kwargs)


def bare_accident_in(world, region) -> Accident:
    return accident_in(world, region, investigation=False)


def investigation_in(world, region) -> Investigation:
    return accident_in(world, region).investigation


def item_in(world, region, **kwargs) -> AccountabilityItem:
    """An item executed by the organisation "in" ``region`` (``body_for``: the department
    persona's own 区总工会 for the home district), none below a district: what a department
    reaches."""
    values = {
        "subject_kind": "person",
        "person_name": f"测试人{next(_seq)}",
        "track": "criminal",
        "executing_organization": body_for(world, region).get("organization"),
    }
    return AccountabilityItem.objects.create(
        accident=accident_in(world, region), **{**values, **kwargs}
    )


def step_in(world, region) -> CriminalStep:
    return CriminalStep.objects.create(
        item=item_in(world, region),
        step="compulsory_measure",
        on=datetime.date(2024, 3, 8),
        measure="取保候审",
        document_number=f"江海公（刑）保字〔2024〕{next(_seq)}号",
    )


def evidence_in(world, region) -> AccountabilityEvidence:
    from django.core.files.base import ContentFile

    evidence = AccountabilityEvidence(item=item_in(world, region), caption="决定书")
    evidence.file.save(f"evidence{next(_seq)}.pdf", ContentFile(PDF), save=False)
    evidence.save()
    return evidence


def body_for(world, region) -> dict:
    """The assignee "in" ``region``: an organisation of a district, else the enterprise there."""
    from anjian.accounts.choices import OrganizationKind
    from anjian.accounts.models import Organization
    from anjian.regions.choices import RegionLevel

    if region.level == RegionLevel.DISTRICT:
        if region == world.regions["district"]:
            return {"organization": world.organizations["union"]}
        org, _ = Organization.objects.get_or_create(
            region=region,
            name=f"{region.name}住房和城乡建设局",
            defaults={"kind": OrganizationKind.DEPARTMENT},
        )
        return {"organization": org}
    return {"enterprise": world.enterprise_for(region)}


def recommendation_in(world, region, **kwargs) -> Recommendation:
    recommendation = Recommendation.objects.create(
        accident=accident_in(world, region), number=next(_seq), text="测试建议", **kwargs
    )
    RecommendationAssignment.objects.create(
        recommendation=recommendation, **body_for(world, region)
    )
    return recommendation


def assigned_accident_in(world, region) -> Accident:
    """An accident with one recommendation assigned to the body "in" ``region`` (``body_for``):
    what a department reaches."""
    return recommendation_in(world, region).accident


def assignment_in(world, region) -> RecommendationAssignment:
    return recommendation_in(world, region).assignments.get()


def progress_in(world, region) -> ImplementationProgress:
    return ImplementationProgress.objects.create(
        assignment=assignment_in(world, region),
        text=f"已完成整改{next(_seq)}",
        reported_on=datetime.date(2024, 5, 1),
    )


def busy_accident_in(world, region=None) -> Accident:
    """An accident with items (criminal steps, evidence), recommendations assigned to the
    department persona's organisation and to the enterprise, and progress: for the query budget."""
    region = region or world.regions["village"]
    accident = accident_in(world, region)
    for n in range(3):
        item = AccountabilityItem.objects.create(
            accident=accident, person_name=f"忙碌人{n}", track="criminal", order=n
        )
        CriminalStep.objects.create(item=item, step="case_filed", on=datetime.date(2024, 3, 8))
        recommendation = Recommendation.objects.create(
            accident=accident, number=100 + n, text=f"忙碌建议{n}"
        )
        for body in (
            {"organization": world.organizations["union"]},
            {"enterprise": accident.enterprise},
        ):
            assignment = RecommendationAssignment.objects.create(
                recommendation=recommendation, **body
            )
            ImplementationProgress.objects.create(
                assignment=assignment, text="进展", reported_on=datetime.date(2024, 5, 1)
            )
    return accident
