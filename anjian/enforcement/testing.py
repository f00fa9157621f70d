"""Factories of enforcement cases and penalties for tests; a case is placed through the
enterprises world's ``world.enterprise_for(region)`` so that "inside" for an enterprise manager is
its own enterprise. ``legal_basis()`` finds or makes a basis with a known range (the seeded rows
may have been flushed by a transactional test)."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from anjian.enforcement.models import CasePenalty, EnforcementCase

_seq = itertools.count(1)


def legal_basis(
    article="21", clause="(2)", low=None, high=Decimal(50000), person_high=Decimal(10000)
):
    from anjian.inspections.models import LegalBasis

    basis, _ = LegalBasis._base_manager.get_or_create(
        law="工贸企业有限空间作业安全规定",
        article=article,
        clause=clause,
        defaults={
            "party": "both",
            "summary": "未执行“先通风、再检测、后作业”要求",
            "fine_min": low,
            "fine_max": high,
            "person_fine_max": person_high,
        },
    )
    return basis


def make_case(enterprise=None, **kwargs) -> EnforcementCase:
    values = {
        "party_kind": "enterprise",
        "facts": f"测试违法事实{next(_seq)}",
        "opened_on": datetime.date.today() - datetime.timedelta(days=30),
        **kwargs,
    }
    return EnforcementCase.objects.create(enterprise=enterprise, **values)


def case_in(world, region, **kwargs) -> EnforcementCase:
    return make_case(world.enterprise_for(region), **kwargs)


def penalty_in(world, region, **kwargs) -> CasePenalty:
    case = case_in(world, region)
    return add_penalty(case, **kwargs)


def add_penalty(case, amount=Decimal(20000), kind="fine", **kwargs) -> CasePenalty:
    penalty = CasePenalty(
        case=case, legal_basis=kwargs.pop("basis", None) or legal_basis(), kind=kind, amount=amount
    )
    for key, value in kwargs.items():
        setattr(penalty, key, value)
    penalty.save()
    return penalty


def decidable(case, *, decision_date=None, amount=Decimal(20000)) -> EnforcementCase:
    """Put ``case`` in the investigated state with everything a decision needs."""
    add_penalty(case, amount=amount)
    EnforcementCase._base_manager.filter(pk=case.pk).update(
        status="investigated",
        decision_number=f"测罚〔2026〕{case.pk}号",
        decision_date=decision_date or datetime.date.today() - datetime.timedelta(days=1),
    )
    case.refresh_from_db()
    return case


_days = itertools.count(1)


def calendar_day(**kwargs):
    """A holiday on a new day (after the seeded years)."""
    from anjian.enforcement.models import CalendarDay

    day = datetime.date(2028, 1, 1) + datetime.timedelta(days=next(_days))
    return CalendarDay.objects.create(date=day, kind="holiday", name="测试假日", **kwargs)
