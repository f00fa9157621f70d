"""The enforcement cases of the demo world (registered with ``anjian.demo.world.register``).

From the seed report: after the "4·5" accident the district bureau opened and decided penalty
cases against **16 enterprises** for confined-space violations in 2023, **¥190,000** in all; and
the accident's own penalties — 恒亦达 ¥400,000 (安全生产法 Art. 114(1)), its general manager 陈庆芳
¥31,200 (Art. 95(1)), its deputy general manager for safety 刘永臣 ¥25,200 (Art. 96), all
fulfilled. The report gives no decision dates: those here are assumed (noted on each case). The
2023 cases were taken into account by the district's 2024 grading (the enterprises loader sets
those grades), so they are recorded as escalated already and raise no grade again; the cases of
this year go through the services like any other (a decision raises the grade). Among them one
decided and not yet published past its due day (the home counter) and cases still open and under
investigation. A case already there (same decision number, or same facts and party) is left as it
is, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from anjian.enforcement import services
from anjian.enforcement.choices import PartyKind, PenaltyKind
from anjian.enforcement.models import CasePenalty, EnforcementCase
from anjian.enterprises.models import Enterprise

HENGYIDA = "江门市恒亦达电子有限公司"
AQF = "安全生产法"
YXKJ = "工贸企业有限空间作业安全规定"
ASSUMED = "演示数据：评估报告未载明决定日期，此处日期为假设。"

# (legal basis (law, article, clause), amount, facts) — sixteen, ¥190,000 in all.
CONFINED_SPACE_2023 = [
    ((YXKJ, "21", "(2)"), 15000, "有限空间作业未执行“先通风、再检测、后作业”要求"),
    ((YXKJ, "21", "(1)"), 10000, "未建立有限空间管理台账"),
    ((YXKJ, "19", "(1)"), 8000, "有限空间作业场所未设置明显的安全警示标志"),
    ((YXKJ, "21", "(3)"), 15000, "有限空间作业现场未设置专人监护"),
    ((YXKJ, "20", "(1)"), 12000, "未对有限空间作业人员进行专项安全培训"),
    ((YXKJ, "19", "(2)"), 10000, "未按规定配备检测、通风、呼吸防护和应急救援装备"),
    ((YXKJ, "21", "(2)"), 15000, "有限空间作业前未进行气体检测"),
    ((YXKJ, "20", "(2)"), 10000, "未制定有限空间作业现场处置方案并组织演练"),
    ((YXKJ, "21", "(1)"), 12000, "有限空间作业未经审批"),
    ((YXKJ, "19", "(1)"), 8000, "污水池入口未设置警示标志和隔离设施"),
    ((YXKJ, "21", "(3)"), 15000, "清淤作业现场监护人员离开作业现场"),
    ((YXKJ, "20", "(1)"), 10000, "作业人员未经培训上岗"),
    ((YXKJ, "21", "(2)"), 15000, "未对有限空间作业进行连续通风和气体监测"),
    ((YXKJ, "19", "(2)"), 10000, "应急救援装备数量不足、放置位置不当"),
    ((YXKJ, "21", "(1)"), 13000, "外包作业未签订安全管理协议且未经审批进入有限空间"),
    ((YXKJ, "20", "(2)"), 12000, "未组织有限空间事故应急演练"),
]

# The legal bases of the penalties, seeded by the inspections migrations (0002, and 0003 for
# 安全生产法 Art. 96): the demo reads them and never writes its own.
ART_96 = (AQF, "96", "")


def _basis(key):
    """The seeded legal basis ``(law, article, clause)``; missing means the seed migrations did
    not run (or an administrator deleted it), and the demo stops rather than record a penalty
    without its basis."""
    from anjian.inspections.models import LegalBasis

    law, article, clause = key
    basis = LegalBasis._base_manager.filter(law=law, article=article, clause=clause).first()
    if basis is None:
        raise LegalBasis.DoesNotExist(
            f"The legal basis {law} Art. {article}{clause} is not on file: the demo needs the "
            "bases the inspections migrations seed (manage.py migrate)."
        )
    return basis


def _case(actor, *, decision_number, moves, penalties, escalated=False, **fields):
    """One case, opened and moved through the services; skipped when its decision number (or,
    without one, its facts and party) is already there."""
    existing = EnforcementCase._base_manager.filter(
        **(
            {"decision_number": decision_number}
            if decision_number
            else {"facts": fields["facts"], "enterprise": fields.get("enterprise")}
        )
    )
    if existing.exists():
        return existing.first()
    case = services.open_case(actor=actor, **fields)
    for basis, kind, amount in penalties:
        if basis is None:
            continue
        penalty = CasePenalty(case=case, legal_basis=basis, kind=kind, amount=amount)
        penalty.full_clean()
        penalty.save()
    if decision_number:
        case.decision_number = decision_number
        case.save(update_fields=["decision_number"])
    if escalated:
        # Taken into account by the later grading (see the module's docstring).
        EnforcementCase._base_manager.filter(pk=case.pk).update(escalated_at=timezone.now())
        case.escalated_at = timezone.now()
    for name in moves:
        services.transition(case, name, actor=actor)
        case.refresh_from_db()
    return case


def _enterprises_for_2023():
    """Sixteen demo enterprises, those with confined spaces first (恒亦达 aside: its penalties
    are the accident's)."""
    from django.db.models import Count

    rows = (
        Enterprise._base_manager.exclude(name=HENGYIDA)
        .annotate(spaces=Count("spaces_confinedspaces"))
        .order_by("-spaces", "uscc")
    )
    return list(rows[:16])


def load_enforcement(w) -> None:
    actor = w.users.get("yjj_wang") or w.users.get("admin")
    if actor is None:
        return
    fine = PenaltyKind.FINE
    for i, (enterprise, (key, amount, facts)) in enumerate(
        zip(_enterprises_for_2023(), CONFINED_SPACE_2023, strict=False), start=1
    ):
        opened = datetime.date(2023, 4, 20) + datetime.timedelta(days=i * 13)
        decided = opened + datetime.timedelta(days=21)
        _case(
            actor,
            decision_number=f"江海应急罚〔2023〕{100 + i}号",
            party_kind=PartyKind.ENTERPRISE,
            enterprise=enterprise,
            opened_on=opened,
            facts=facts,
            decision_date=decided,
            fulfilled_on=decided + datetime.timedelta(days=10),
            published_on=decided + datetime.timedelta(days=3),
            publication_place="江海区人民政府门户网站",
            notes=ASSUMED,
            penalties=[(_basis(key), fine, Decimal(amount))],
            escalated=True,
            moves=["investigate", "decide", "execute", "close"],
        )
    _accident_penalties(actor)
    _this_year(actor)


def _accident_penalties(actor):
    hengyida = Enterprise._base_manager.filter(name=HENGYIDA).first()
    if hengyida is None:
        return
    decided = datetime.date(2023, 9, 15)
    common = {
        "opened_on": datetime.date(2023, 6, 1),
        "decision_date": decided,
        "fulfilled_on": datetime.date(2023, 10, 10),
        "published_on": datetime.date(2023, 9, 20),
        "publication_place": "江海区人民政府门户网站",
        "notes": ASSUMED,
        "moves": ["investigate", "decide", "execute", "close"],
        "escalated": True,
    }
    facts = "2023年4月5日污水处理站好氧池发生有限空间作业中毒事故，造成1人死亡、1人受伤，直接经济损失242.5万元，对事故发生负有责任。"
    _case(
        actor,
        decision_number="江海应急罚〔2023〕90号",
        party_kind=PartyKind.ENTERPRISE,
        enterprise=hengyida,
        facts=facts,
        penalties=[(_basis((AQF, "114", "(1)")), PenaltyKind.FINE, Decimal(400000))],
        **common,
    )
    _case(
        actor,
        decision_number="江海应急罚〔2023〕91号",
        party_kind=PartyKind.PERSON,
        enterprise=hengyida,
        person_name="陈庆芳",
        person_position="总经理（实际控制人）",
        person_organization=HENGYIDA,
        facts="作为公司主要负责人未履行安全生产管理职责，导致“4·5”一般中毒事故发生。",
        penalties=[(_basis((AQF, "95", "(1)")), PenaltyKind.FINE, Decimal(31200))],
        **common,
    )
    _case(
        actor,
        decision_number="江海应急罚〔2023〕92号",
        party_kind=PartyKind.PERSON,
        enterprise=hengyida,
        person_name="刘永臣",
        person_position="副总经理（分管安全生产）",
        person_organization=HENGYIDA,
        facts="作为分管安全生产工作的负责人未履行安全生产管理职责，导致“4·5”一般中毒事故发生。",
        penalties=[(_basis(ART_96), PenaltyKind.FINE, Decimal(25200))],
        **common,
    )


def _this_year(actor):
    """Cases of this year in the states still open: one decided and unpublished past its due day,
    one under investigation, one just opened."""
    today = timezone.localdate()
    rows = list(Enterprise._base_manager.exclude(name=HENGYIDA).order_by("-uscc")[:3])
    if len(rows) < 3:
        return
    overdue, investigating, opened = rows
    decided = today - datetime.timedelta(days=20)
    _case(
        actor,
        decision_number=f"江海应急罚〔{today.year}〕7号",
        party_kind=PartyKind.ENTERPRISE,
        enterprise=overdue,
        opened_on=decided - datetime.timedelta(days=15),
        facts="有限空间作业现场未设置监护人员，作业人员未佩戴呼吸防护用品进入污水井",
        decision_date=decided,
        penalties=[(_basis((YXKJ, "21", "(3)")), PenaltyKind.FINE, Decimal(20000))],
        moves=["investigate", "decide"],
    )
    _case(
        actor,
        decision_number="",
        party_kind=PartyKind.ENTERPRISE,
        enterprise=investigating,
        opened_on=today - datetime.timedelta(days=10),
        facts="有限空间未建立管理台账，未设置安全警示标志",
        penalties=[(_basis((YXKJ, "19", "(1)")), PenaltyKind.WARNING, None)],
        moves=["investigate"],
    )
    _case(
        actor,
        decision_number="",
        party_kind=PartyKind.PERSON,
        enterprise=opened,
        person_name="罗国强",
        person_position="外包清淤班组长",
        person_organization="江门市某清淤服务部",
        opened_on=today - datetime.timedelta(days=2),
        facts="未经审批组织人员进入化粪池清淤",
        penalties=[],
        moves=[],
    )
