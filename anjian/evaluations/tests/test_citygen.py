"""The synthetic city's evaluations: one for every accident whose approved investigation is old
enough that reminders have begun and none for the others, organised by the committee office of
the investigating government, in the state its dates give, with verdicts on every item and
recommendation from the draft on and findings handed to the working group; the region copied
from the accident; the same seed gives the same rows."""

import hashlib

import pytest
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from anjian.accidents.models import Accident
from anjian.core import citygen
from anjian.evaluations import rules, services
from anjian.evaluations.models import Evaluation, Finding, ItemVerdict, RecommendationVerdict

SCALE = 0.004


@pytest.fixture
def city(db):
    return citygen.generate(scale=SCALE, seed=3, out=None, batch_size=300)


def test_evaluations_of_the_accidents_due_for_one(city):
    today = timezone.localdate()
    evaluations = Evaluation.objects.select_related("accident__investigation", "organizer")
    assert evaluations.exists() and "evaluations" in [g.name for g in citygen.generators()]
    for accident in Accident.objects.select_related("investigation"):
        approved_on = accident.investigation.approved_on
        owed = approved_on is not None and rules.due_dates(approved_on)[1] <= today
        assert accident.evaluations.exists() == owed, accident
    assert not evaluations.exclude(region=F("accident__region")).exists()
    assert {"published"} <= set(evaluations.values_list("status", flat=True))
    for evaluation in evaluations:
        evaluation.full_clean()
        approved_on = evaluation.accident.investigation.approved_on
        assert (evaluation.due_on, evaluation.reminder_from) == rules.due_dates(approved_on)
        assert evaluation.organizer == services.committee_office_for(evaluation.accident)
        assert evaluation.organizer.kind == "committee"
        assert evaluation.members.filter(pk=evaluation.organizer_id).exists()
        for day in ("started_on", "ended_on", "approved_on", "published_on"):
            assert getattr(evaluation, day) is None or getattr(evaluation, day) <= today
        if evaluation.status in ("drafted", "approved", "published"):
            # Everything judged: the draft's own guard has nothing to say.
            assert rules.guard_draft(evaluation, None, {}) == []
        if evaluation.status == "planned":
            assert not evaluation.item_verdicts.exists() and not evaluation.findings.exists()
    for verdict in [*ItemVerdict.objects.all(), *RecommendationVerdict.objects.all()]:
        verdict.full_clean()
    findings = Finding.objects.select_related("evaluation")
    assert findings.exists()
    assert findings.filter(closed_on__isnull=False).exists()
    for finding in findings:
        finding.full_clean()
        assert finding.evaluation.members.filter(pk=finding.handed_to_organization_id).exists()


def digest() -> str:
    tables = [
        Evaluation.objects.order_by("accident__occurred_at").values_list(
            "accident__name",
            "organizer__name",
            "due_on",
            "reminder_from",
            "started_on",
            "ended_on",
            "methods",
            "work_suggestions",
            "conclusion",
            "status",
            "approved_on",
            "published_on",
            "region__code",
        ),
        ItemVerdict.objects.order_by(
            "evaluation__accident__occurred_at", "item__order"
        ).values_list("item__accident__name", "item__order", "verdict", "comment"),
        RecommendationVerdict.objects.order_by(
            "evaluation__accident__occurred_at", "recommendation__number"
        ).values_list("recommendation__accident__name", "recommendation__number", "verdict"),
        Finding.objects.order_by("evaluation__accident__occurred_at", "order").values_list(
            "problem", "handed_to_organization__name", "deadline", "closed_on", "order"
        ),
    ]
    text = repr([list(rows) for rows in tables])
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.django_db
def test_same_seed_same_evaluations():
    def snapshot(seed):
        with transaction.atomic():
            citygen.generate(scale=SCALE, seed=seed, out=None)
            assert Evaluation.objects.exists()
            value = digest()
            transaction.set_rollback(True)
        return value

    assert snapshot(5) == snapshot(5)
    assert snapshot(5) != snapshot(6)
