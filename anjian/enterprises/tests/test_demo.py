"""The demo world holds the seed's enterprises, the park and its agreements."""

from datetime import date

import pytest

from anjian.core.workflow import timeline
from anjian.enterprises import services
from anjian.enterprises.models import Enterprise, EnterpriseMembership, Park, SafetyAgreement
from anjian.enterprises.rules import validate_uscc

pytestmark = pytest.mark.django_db


def test_the_demo_world_holds_the_seed_enterprises():
    from anjian.demo import world

    world.load()
    hengyida = Enterprise.objects.get(name="江门市恒亦达电子有限公司")
    assert hengyida.region.name == "东南村" and hengyida.region.parent.name == "外海街道"
    assert (hengyida.principal_name, hengyida.principal_title) == ("陈庆芳", "总经理")
    assert (hengyida.safety_officer_name, hengyida.safety_officer_title) == ("刘永臣", "副总经理")
    assert hengyida.risk_grade == "A"
    assert [r.to_state for r in timeline(hengyida)] == ["C", "A"]
    # The grade history carries the days grades took effect, in order, in the past.
    history = list(services.grade_history(hengyida).order_by("effective_on", "id"))
    assert [(r.to_state, r.effective_on) for r in history] == [
        ("C", date(2023, 1, 16)),
        ("A", date(2023, 4, 6)),
    ]
    assert hengyida.grade_effective_on == date(2023, 4, 6)
    # 东南村委会 is 恒亦达's lessor, with a lease agreement; the enterprise is 工贸.
    assert hengyida.landlord_organization.short_name == "东南村委会"
    lease = SafetyAgreement.objects.get(tenant=hengyida)
    assert lease.landlord_organization == hengyida.landlord_organization and lease.kind == "lease"
    assert hengyida.sector == "industry_trade" and hengyida.supervising_department is not None
    assert Enterprise.objects.get(name="一诠科技（中国）有限公司").address.endswith("金辉路9号")
    park = Park.objects.get(name="东南工业二区")
    assert hengyida.park == park and park.operator_enterprise is not None
    gaps = services.tenants_without_valid_agreement(Enterprise.objects.filter(park=park))
    assert list(gaps.values_list("name", flat=True)) == ["江门市新彩塑胶制品有限公司"]
    assert Enterprise.objects.count() >= 45
    assert set(Enterprise.objects.values_list("risk_grade", flat=True)) == {"A", "B", "C", "D"}
    assert Enterprise.objects.values("region__parent").distinct().count() == 3
    for code in Enterprise.objects.values_list("uscc", flat=True):
        validate_uscc(code)  # both check digits (GB 11714 and GB 32100)
    manager = EnterpriseMembership.objects.get(enterprise=hengyida).user
    assert list(Enterprise.objects.restrict(manager, "view")) == [hengyida]
