"""The enterprises of the demo world (registered with ``anjian.demo.world.register``).

The seed's enterprises — 江门市恒亦达电子有限公司 in 东南村 (东南工业二区), graded A after its
“4·5” poisoning accident, and 一诠科技（中国）有限公司 at 金辉路9号 — the 东南工业二区 park with
its landlord and agreements (one tenant has none), and 40 invented enterprises spread over the
villages of the three sub-districts, across grades and industries. Every USCC is valid (both check
digits, GB 11714 and GB 32100) and made up. Loading twice changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from importlib import import_module

from anjian.accounts import roles
from anjian.enterprises import services
from anjian.enterprises.choices import (
    DEFAULT_INTERVAL_MONTHS,
    AgreementKind,
    EscalationCause,
    Sector,
)
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    GradeFrequency,
    Industry,
    Park,
    SafetyAgreement,
)
from anjian.enterprises.rules import make_uscc

DONGNAN = "440704003201"
VILLAGES = [
    "440704003201",
    "440704003202",
    "440704003203",
    "440704003204",  # 外海街道
    "440704001001",
    "440704001002",
    "440704001003",  # 江南街道
    "440704002201",
    "440704002202",
    "440704002203",  # 礼乐街道
]
AGENCY = "江门市安信安全技术服务有限公司"
GRADING_REASON = "2024年度安全生产分类分级评定"
# The days grades took effect (not the day the demo was loaded): the 2023 grading, the “4·5”
# accident's escalation, the 2024 grading.
GRADED_2023 = date(2023, 1, 16)
ACCIDENT_ESCALATION = date(2023, 4, 6)
GRADED_2024 = date(2024, 1, 15)
VILLAGE_COMMITTEE = "东南村委会"
BUREAU = "区应急管理局"
# GB/T 4754 divisions supervised as hazardous chemicals (危化); manufacturing is 工贸; the rest
# (real estate, water, trade, catering …) other.
HAZARDOUS_CHEMICAL_INDUSTRIES = {"C26"}


def sector_of(industry: str) -> str:
    if industry in HAZARDOUS_CHEMICAL_INDUSTRIES:
        return Sector.HAZARDOUS_CHEMICALS
    return Sector.INDUSTRY_TRADE if industry.startswith("C") else Sector.OTHER


def demo_uscc(n: int) -> str:
    """91 (market regulation, enterprise), 江海区, an invented organisation code; both checks."""
    return make_uscc("91", "440704", f"MA4{n:05d}")


# (key, name, uscc serial, industry, village, address, principal, title, phone, safety officer,
#  title, phone, employees)
SEED = [
    (
        "hengyida",
        "江门市恒亦达电子有限公司",
        1,
        "C39",
        DONGNAN,
        "江门市江海区外海街道高新区21号地（东南工业二区）",
        "陈庆芳",
        "总经理",
        "13809601001",
        "刘永臣",
        "副总经理",
        "13809601002",
        120,
    ),
    (
        "yiquan",
        "一诠科技（中国）有限公司",
        2,
        "C39",
        "440704003203",
        "江门市江海区高新技术产业开发区金辉路9号",
        "黄国平",
        "总经理",
        "13809602001",
        "陈志明",
        "安全主任",
        "13809602002",
        860,
    ),
    (
        "dongnan_landlord",
        "江门市东南实业投资有限公司",
        3,
        "K70",
        DONGNAN,
        "江门市江海区外海街道东南工业二区",
        "梁永康",
        "董事长",
        "13809603001",
        "梁志华",
        "安全主任",
        "13809603002",
        25,
    ),
    (
        "park_tenant_ok",
        "江门市锐科五金制品有限公司",
        4,
        "C33",
        DONGNAN,
        "江门市江海区外海街道东南工业二区3号厂房",
        "李文辉",
        "总经理",
        "13809604001",
        "周建明",
        "生产主管",
        "13809604002",
        48,
    ),
    (
        "park_tenant_missing",
        "江门市新彩塑胶制品有限公司",
        5,
        "C29",
        DONGNAN,
        "江门市江海区外海街道东南工业二区5号厂房",
        "吴伟雄",
        "总经理",
        "13809605001",
        "吴家豪",
        "安全员",
        "13809605002",
        36,
    ),
]

STEMS = [
    "华锐",
    "宏达",
    "骏豪",
    "联兴",
    "金鹏",
    "德信",
    "永利",
    "冠华",
    "新亿",
    "科隆",
    "海川",
    "利源",
    "富达",
    "恒通",
    "建兴",
    "明辉",
    "荣达",
    "泰丰",
    "顺景",
    "万宝",
    "鑫源",
    "雅图",
    "众成",
    "美科",
    "康宏",
    "锦程",
    "嘉豪",
    "天宇",
    "立信",
    "中兴泰",
    "粤海",
    "百盛",
    "长隆",
    "瑞丰",
    "汇丰源",
    "南星",
    "大洋",
    "远东",
    "佳美",
    "盈科",
]
TRADES = [
    ("C39", "电子"),
    ("C33", "五金制品"),
    ("C29", "塑料制品"),
    ("C38", "电器"),
    ("C22", "纸品包装"),
    ("C13", "食品"),
    ("C26", "化工"),
    ("C17", "纺织"),
    ("C34", "机械"),
    ("C21", "家具"),
    ("D46", "水务"),
    ("C24", "文体用品"),
]
SURNAMES = "陈李黄张梁林吴何周罗郑谢冯区邓许"
GIVEN = [
    "志强",
    "文杰",
    "国华",
    "建平",
    "晓东",
    "伟明",
    "家辉",
    "永红",
    "丽萍",
    "海燕",
    "俊杰",
    "少芳",
    "锦泉",
    "炳坤",
    "润生",
    "惠玲",
]
GRADE_CYCLE = ["D", "C", "C", "B", "D", "C", "B", "A", "D", "C"]
ROADS = ["金辉路", "高新路", "五邑路", "龙溪路", "东海路", "滘头路", "礼东路", "胜利路"]


def _person(i: int, shift: int) -> str:
    return SURNAMES[(i + shift) % len(SURNAMES)] + GIVEN[(i * 3 + shift) % len(GIVEN)]


def more_enterprises():
    """The 40 invented enterprises: (name, uscc serial, industry, village, address, principal,
    safety officer, employees, grade, last inspected on, grid suffix or "")."""
    rows = []
    for i, stem in enumerate(STEMS):
        code, trade = TRADES[i % len(TRADES)]
        village = VILLAGES[i % len(VILLAGES)]
        rows.append(
            (
                f"江门市{stem}{trade}有限公司",
                100 + i,
                code,
                village,
                f"{ROADS[i % len(ROADS)]}{(i * 7) % 90 + 1}号",
                _person(i, 0),
                _person(i, 5),
                20 + (i * 37) % 480,
                GRADE_CYCLE[i % len(GRADE_CYCLE)],
                date(2025, 11, 1) + timedelta(days=(i * 23) % 380),
                f"0{i % 3 + 1}" if village == DONGNAN else "",
            )
        )
    return rows


def _enterprise(
    w,
    *,
    name,
    serial,
    industry,
    village,
    address,
    principal=("", "", ""),
    officer=("", "", ""),
    employees=None,
    grid="",
    last_inspected_on=None,
    agency=False,
    park=None,
):
    values = {"park": park} if park is not None else {}
    enterprise = w.ensure(
        Enterprise,
        {"uscc": demo_uscc(serial)},
        {
            **values,
            "name": name,
            "industry": Industry.objects.get(code=industry),
            "region": w.regions[village],
            "grid": w.regions[f"{village}{grid}"] if grid else None,
            "address": address,
            "principal_name": principal[0],
            "principal_title": principal[1],
            "principal_phone": principal[2],
            "safety_officer_name": officer[0],
            "safety_officer_title": officer[1],
            "safety_officer_phone": officer[2],
            "employee_count": employees,
            "service_agency": w.organizations[AGENCY] if agency else None,
            "sector": sector_of(industry),
            "supervising_department": (
                w.organizations[BUREAU] if sector_of(industry) != Sector.OTHER else None
            ),
        },
    )
    # The last inspection date follows inspections and never moves back (issue 11): the demo's
    # date of an inspection before the system is kept unless a later one is already recorded.
    if last_inspected_on and (
        enterprise.last_inspected_on is None or enterprise.last_inspected_on < last_inspected_on
    ):
        Enterprise.objects.filter(pk=enterprise.pk).update(last_inspected_on=last_inspected_on)
        enterprise.last_inspected_on = last_inspected_on
    return enterprise


def _grade(enterprise, grade, reason, actor, effective_on=GRADED_2024):
    if enterprise.risk_grade != grade:
        services.change_grade(
            enterprise, grade=grade, reason=reason, actor=actor, effective_on=effective_on
        )


def ensure_reference_tables() -> None:
    """The industries and inspection intervals the migrations seed, put back when missing.

    ``manage.py flush`` (and a test that flushes the database) empties them; the demo world is
    then still loadable. Existing rows, and an administrator's changes to them, are kept.
    """
    seeded = import_module("anjian.enterprises.migrations.0002_seed_industries_and_frequencies")
    for code, name in seeded.INDUSTRIES:
        Industry.objects.get_or_create(code=code, defaults={"name": name})
    for grade, months in DEFAULT_INTERVAL_MONTHS.items():
        GradeFrequency.objects.get_or_create(grade=grade, defaults={"interval_months": months})


def load_enterprises(w) -> None:
    ensure_reference_tables()
    actor = w.users.get("yjj_wang") or w.users.get("admin")
    seed = {}
    for key, name, serial, industry, village, address, *people, employees in SEED:
        seed[key] = _enterprise(
            w,
            name=name,
            serial=serial,
            industry=industry,
            village=village,
            address=address,
            principal=tuple(people[:3]),
            officer=tuple(people[3:]),
            employees=employees,
            grid="01" if village == DONGNAN else "",
            agency=True,
            last_inspected_on=date(2026, 9, 18),
        )

    park = w.ensure(
        Park,
        {"region": w.regions[DONGNAN], "name": "东南工业二区"},
        {
            "address": "江门市江海区外海街道高新区21号地",
            "operator_enterprise": seed["dongnan_landlord"],
            "operator_organization": None,
            "safety_committee_formed_on": date(2023, 6, 30),
        },
    )
    for key in ("dongnan_landlord", "hengyida", "park_tenant_ok", "park_tenant_missing"):
        seed[key] = w.ensure(Enterprise, {"pk": seed[key].pk}, {"park": park})
    # 恒亦达's site is leased from the village committee (东南村委会), which the seed report held
    # responsible for not coordinating its tenant; after the accident they signed an agreement.
    village_committee = w.organizations[VILLAGE_COMMITTEE]
    seed["hengyida"] = w.ensure(
        Enterprise, {"pk": seed["hengyida"].pk}, {"landlord_organization": village_committee}
    )
    SafetyAgreement.objects.filter(
        landlord=seed["dongnan_landlord"], tenant=seed["hengyida"]
    ).delete()  # an earlier demo named the park's operator as 恒亦达's landlord
    w.ensure(
        SafetyAgreement,
        {"landlord_organization": village_committee, "tenant": seed["hengyida"]},
        {
            "kind": AgreementKind.LEASE,
            "park": park,
            "signed_on": date(2024, 7, 10),
            "expires_on": date(2027, 7, 9),
        },
    )
    # The park operator's agreement with its tenant; 新彩塑胶 has none (a hazard to follow up).
    signed = date(2025, 3, 1)
    w.ensure(
        SafetyAgreement,
        {"landlord": seed["dongnan_landlord"], "tenant": seed["park_tenant_ok"]},
        {
            "kind": AgreementKind.LEASE,
            "park": park,
            "signed_on": signed,
            "expires_on": signed.replace(year=signed.year + 3),
        },
    )

    # 恒亦达: graded C in the 2023 grading, raised to A by the “4·5” accident the day after.
    hengyida = seed["hengyida"]
    if hengyida.risk_grade == "":
        _grade(hengyida, "C", "2023年度安全生产分类分级评定", actor, effective_on=GRADED_2023)
    if hengyida.risk_grade != "A":
        services.escalate_grade(
            hengyida,
            cause=EscalationCause.ACCIDENT,
            source=None,
            reason="2023年4月5日有限空间作业中毒事故（1死1伤），依规提级为A级管理",
            actor=actor,
            effective_on=ACCIDENT_ESCALATION,
        )
    _grade(seed["yiquan"], "B", GRADING_REASON, actor)
    _grade(seed["dongnan_landlord"], "D", GRADING_REASON, actor)
    _grade(seed["park_tenant_ok"], "C", GRADING_REASON, actor)
    _grade(seed["park_tenant_missing"], "B", GRADING_REASON, actor)

    rows = more_enterprises()
    made = []
    for i, (
        name,
        serial,
        code,
        village,
        address,
        principal,
        officer,
        employees,
        grade,
        inspected,
        grid,
    ) in enumerate(rows):
        enterprise = _enterprise(
            w,
            name=name,
            serial=serial,
            industry=code,
            village=village,
            address=address,
            principal=(principal, "总经理", f"1390750{serial:04d}"),
            officer=(officer, "安全主任", f"1390751{serial:04d}"),
            employees=employees,
            grid=grid,
            last_inspected_on=inspected,
            agency=i % 3 == 0,
        )
        _grade(enterprise, grade, GRADING_REASON, actor)
        made.append(enterprise)
    # One 厂中厂 outside any park: a small workshop on another enterprise's premises, agreement
    # signed.
    workshop, host = made[10], made[0]
    workshop = w.ensure(Enterprise, {"pk": workshop.pk}, {"landlord": host})
    w.ensure(
        SafetyAgreement,
        {"landlord": host, "tenant": workshop},
        {
            "kind": AgreementKind.LEASE,
            "park": None,
            "signed_on": date(2025, 2, 20),
            "expires_on": date(2028, 2, 19),
        },
    )

    manager = w.ensure_user("hyd_luo", "罗永健", roles.ENTERPRISE_MANAGER, jurisdiction=DONGNAN)
    w.ensure(
        EnterpriseMembership, {"user": manager}, {"enterprise": hengyida, "position": "安全主任"}
    )
