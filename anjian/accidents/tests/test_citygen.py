"""The synthetic city's accidents: a few per district and year, nearly all 一般, each with the
level and investigating government the app's own rules give, regions copied down every row as
save() would, the enterprise escalated once; approved investigations hold accountability items on
several tracks and recommendations with progress; the same seed gives the same rows."""

import hashlib

import pytest
from django.db import transaction
from django.db.models import F

from anjian.accidents import rules
from anjian.accidents.citygen import LEVEL_WORDS, YEARS
from anjian.accidents.models import (
    Accident,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Investigation,
    Recommendation,
    RecommendationAssignment,
)
from anjian.core import citygen
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region

SCALE = 0.004  # one district, 200 enterprises


@pytest.fixture
def city(db):
    return citygen.generate(scale=SCALE, seed=3, out=None, batch_size=300)


def test_a_few_accidents_per_district_and_year_with_the_rules_level(city):
    accidents = Accident.objects.select_related("region")
    districts = Region.objects.filter(
        code__startswith=citygen.CITY_CODE, level=RegionLevel.DISTRICT
    ).count()
    assert districts * YEARS <= accidents.count() <= districts * YEARS * 5
    assert "accidents" in [g.name for g in citygen.generators()]
    for accident in accidents:
        assert accident.level == rules.accident_level(
            accident.deaths, accident.serious_injuries, accident.direct_loss
        )
        governing = rules.investigating_region(accident.level, accident.region)
        assert accident.investigating_region_id == governing.pk
        assert accident.escalated_at is not None
        assert accident.enterprise.risk_grade == "A"
        assert LEVEL_WORDS[accident.level] in accident.name
        accident.full_clean()
    assert accidents.filter(level="ordinary").count() >= accidents.count() * 0.7
    assert not accidents.exclude(region=F("enterprise__region")).exists()


def test_investigations_items_and_recommendations_pass_the_models_rules(city):
    investigations = Investigation.objects.select_related("accident")
    assert investigations.count() == Accident.objects.count()
    assert not investigations.exclude(region=F("accident__region")).exists()
    approved = investigations.filter(approved_on__isnull=False)
    assert approved.exists()
    for investigation in investigations:
        assert investigation.due_on == rules.investigation_due(investigation.accident.occurred_on)
        assert investigation.team.exists()
        investigation.full_clean()
    items = AccountabilityItem.objects.all()
    assert not items.exclude(region=F("accident__region")).exists()
    assert not items.exclude(accident__investigation__approved_on__isnull=False).exists()
    assert {"criminal", "administrative_penalty", "accountability_measure"} <= set(
        items.values_list("track", flat=True)
    )
    for item in items:
        item.full_clean()
    steps = CriminalStep.objects.all()
    assert steps.filter(step="compulsory_measure", measure="取保候审").exists()
    assert not steps.exclude(region=F("item__region")).exists()
    for step in steps:
        step.full_clean()
    recommendations = Recommendation.objects.all()
    assert recommendations.exists()
    assert not recommendations.exclude(region=F("accident__region")).exists()
    assignments = RecommendationAssignment.objects.all()
    assert assignments.filter(enterprise=F("recommendation__accident__enterprise")).exists()
    assert assignments.filter(organization__isnull=False).exists()
    assert not assignments.exclude(region=F("recommendation__region")).exists()
    for assignment in assignments:
        assignment.full_clean()
    progress = ImplementationProgress.objects.all()
    assert progress.exists()
    assert not progress.exclude(region=F("assignment__region")).exists()
    assert not progress.filter(
        reported_on__lt=F("assignment__recommendation__accident__investigation__approved_on")
    ).exists()
    for report in progress:
        report.full_clean()


def digest() -> str:
    """Every generated column of the accidents, related rows by natural keys."""
    tables = [
        Accident.objects.order_by("occurred_at", "enterprise__uscc").values_list(
            "name",
            "occurred_at",
            "place",
            "enterprise__uscc",
            "region__code",
            "space__code",
            "kind",
            "deaths",
            "serious_injuries",
            "injuries",
            "direct_loss",
            "summary",
            "level",
            "investigating_region__code",
            "escalated_at",
        ),
        Investigation.objects.order_by(
            "accident__occurred_at", "accident__enterprise__uscc"
        ).values_list(
            "accident__name",
            "due_on",
            "extended_due_on",
            "extension_reason",
            "approved_by",
            "approved_on",
            "approval_number",
            "published_on",
            "team__name",
        ),
        AccountabilityItem.objects.order_by("accident__occurred_at", "order").values_list(
            "accident__name",
            "order",
            "subject_kind",
            "organization__name",
            "person_name",
            "political_status",
            "position",
            "person_organization",
            "track",
            "recommended_action",
            "outcome_on",
            "document_number",
            "amount",
            "status",
        ),
        CriminalStep.objects.order_by(
            "item__accident__occurred_at", "item__order", "on"
        ).values_list("item__person_name", "step", "on", "measure", "document_number"),
        RecommendationAssignment.objects.order_by(
            "recommendation__accident__occurred_at",
            "recommendation__number",
            "organization__name",
            "enterprise__uscc",
        ).values_list(
            "recommendation__accident__name",
            "recommendation__number",
            "recommendation__text",
            "organization__name",
            "enterprise__uscc",
            "progress__text",
            "progress__reported_on",
        ),
    ]
    text = repr([list(rows) for rows in tables])
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.django_db
def test_same_seed_same_accidents():
    def snapshot(seed):
        with transaction.atomic():
            citygen.generate(scale=SCALE, seed=seed, out=None)
            assert Accident.objects.exists()
            value = digest()
            transaction.set_rollback(True)
        return value

    assert snapshot(5) == snapshot(5)
    assert snapshot(5) != snapshot(6)
