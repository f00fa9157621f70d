"""The demo world's enforcement: the seed's 16 confined-space cases of 2023 totalling ¥190,000, the
accident's penalties on 恒亦达 and its two managers, this year's open cases (one publication
overdue), and nothing changes when loaded twice."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum

from anjian.enforcement.models import EnforcementCase

pytestmark = pytest.mark.django_db


def test_demo_cases():
    from anjian.demo import world

    world.load()
    confined = EnforcementCase.objects.filter(
        decision_date__year=2023, decision_number__regex=r"〔2023〕1[0-9]{2}号"
    )
    assert confined.count() == 16
    assert confined.values("enterprise").distinct().count() == 16
    assert confined.aggregate(s=Sum("total_fine"))["s"] == Decimal(190000)
    assert set(confined.values_list("status", flat=True)) == {"closed"}
    hengyida = EnforcementCase.objects.filter(enterprise__name="江门市恒亦达电子有限公司")
    assert dict(hengyida.values_list("decision_number", "total_fine")) == {
        "江海应急罚〔2023〕90号": Decimal(400000),
        "江海应急罚〔2023〕91号": Decimal(31200),
        "江海应急罚〔2023〕92号": Decimal(25200),
    }
    assert set(hengyida.filter(party_kind="person").values_list("person_name", flat=True)) == {
        "陈庆芳",
        "刘永臣",
    }
    statuses = set(EnforcementCase.objects.values_list("status", flat=True))
    assert {"opened", "investigated", "decided", "closed"} <= statuses
    overdue = EnforcementCase.objects.get(status="decided")
    assert overdue.publication_overdue and overdue.escalated_at is not None
    assert overdue.publication_due > overdue.decision_date + datetime.timedelta(days=7)
    before = EnforcementCase.objects.count()
    world.load()
    assert EnforcementCase.objects.count() == before


def test_demo_reads_the_seeded_article_96_and_writes_no_basis():
    """Art. 96 is seeded by inspections.0003: the demo uses that row (not one of its own) and
    stops loudly when a basis it needs is missing."""
    from anjian.demo import world
    from anjian.enforcement import demo
    from anjian.inspections.models import LegalBasis

    seeded = LegalBasis.objects.get(law="安全生产法", article="96", clause="")
    assert demo._basis(demo.ART_96) == seeded
    before = LegalBasis.objects.count()
    world.load()
    assert LegalBasis.objects.count() == before
    case = EnforcementCase.objects.get(decision_number="江海应急罚〔2023〕92号")
    assert case.penalties.get().legal_basis == seeded
    LegalBasis.objects.filter(pk=seeded.pk).update(clause="(9)")  # as if never seeded
    with pytest.raises(LegalBasis.DoesNotExist, match=r"Art\. 96"):
        demo._basis(demo.ART_96)
