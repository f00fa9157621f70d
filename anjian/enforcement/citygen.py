"""Enforcement cases of the synthetic city (``manage.py generate_city``): a few decided and
closed cases per hundred enterprises, bulk-inserted with every derived field set by hand (number,
region, total fine, publication due day on the plain working week — the city's calendar is the
seeded one, its holidays are not walked per row). Cheap: one case per ~40 enterprises."""

from __future__ import annotations

import datetime
from decimal import Decimal

from anjian.core.citygen import register_generator

EVERY = 40


def generate_cases(city) -> None:
    from anjian.enforcement.choices import CaseStatus, PartyKind, PenaltyKind
    from anjian.enforcement.models import CasePenalty, EnforcementCase
    from anjian.inspections.models import LegalBasis

    basis = LegalBasis._base_manager.filter(fine_max__isnull=False).order_by("id").first()
    if basis is None:
        return
    rng = city.rng
    enterprises = city.enterprises[::EVERY]
    start = datetime.date(2024, 1, 1)
    cases = []
    amounts = []
    for i, (enterprise_id, region_id) in enumerate(enterprises, start=1):
        decided = start + datetime.timedelta(days=rng.randrange(0, 700))
        amount = Decimal(rng.randrange(5, 50) * 1000)
        due = decided
        for _ in range(7):
            due += datetime.timedelta(days=1)
            while due.weekday() >= 5:
                due += datetime.timedelta(days=1)
        cases.append(
            EnforcementCase(
                number=f"ZF-{decided.year}-C{i:05d}",
                party_kind=PartyKind.ENTERPRISE,
                enterprise_id=enterprise_id,
                region_id=region_id,
                opened_on=decided - datetime.timedelta(days=20),
                facts="有限空间作业违法违规",
                decision_number=f"城罚〔{decided.year}〕{i}号",
                decision_date=decided,
                fulfilled_on=decided + datetime.timedelta(days=10),
                publication_due=due,
                published_on=due,
                publication_place="门户网站",
                total_fine=amount,
                status=CaseStatus.CLOSED,
            )
        )
        amounts.append((region_id, amount))
    saved = city.bulk(EnforcementCase, cases)
    city.bulk(
        CasePenalty,
        [
            CasePenalty(
                case_id=case.pk,
                region_id=region_id,
                legal_basis_id=basis.pk,
                kind=PenaltyKind.FINE,
                amount=amount,
            )
            for case, (region_id, amount) in zip(saved, amounts, strict=False)
        ],
    )


register_generator("enforcement", generate_cases, order=90)
