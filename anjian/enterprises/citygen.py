"""The synthetic city's enterprises, parks and safety agreements (see ``anjian.core.citygen``),
and the benchmark's enterprise account ``city_enterprise`` (safety manager of the first
enterprise of the first village)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group

from anjian.accounts import roles
from anjian.accounts.choices import OrganizationKind, UserStatus
from anjian.accounts.models import User
from anjian.core import citygen
from anjian.enterprises import rules
from anjian.enterprises.choices import EnterpriseStatus, RiskGrade
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    Industry,
    Park,
    SafetyAgreement,
)
from anjian.regions.choices import RegionLevel

# Name parts: a two-character trade name, a trade word and a company form (e.g. 恒亦五金制品有限公司).
NAME_CHARS = "恒亦达兴华盛鑫源泰昌宏利丰顺祥瑞德安康明新永荣通嘉富隆捷广美佳信诚骏鸿"
TRADE_WORDS = [
    "五金",
    "塑料",
    "化工",
    "电器",
    "家具",
    "纺织",
    "食品",
    "印刷",
    "机械",
    "建材",
    "物流",
    "纸业",
]
COMPANY_FORMS = ["有限公司", "制品有限公司", "实业有限公司", "科技有限公司", "厂"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国"


def _uscc(district_code: str, serial: int) -> str:
    organisation8 = f"{serial:08d}"
    make = getattr(rules, "make_uscc", None)
    if make is not None:
        return make("91", district_code, organisation8)
    from stdnum.cn import uscc  # pragma: no cover - older rules module

    body = f"91{district_code}{organisation8}0"
    return body + uscc.calc_check_digit(body)


_name_pinyin_cache: dict[str, str] = {}
_exceptions: list[str] | None = None


def name_pinyin(name: str) -> tuple[str, str]:
    """``rules.pinyin_of(name)`` (what ``Enterprise.save`` stores) for a generated name, from each
    character's pinyin computed once: pypinyin reads a character by itself unless it is part of a
    phrase in its dictionary that reads it otherwise; the few such phrases made only of the
    generator's characters are found once, and a name containing one goes to ``pinyin_of``."""
    global _exceptions
    if _exceptions is None:
        _exceptions = _phrases_read_otherwise(
            set(NAME_CHARS) | set("".join(TRADE_WORDS)) | set("".join(COMPANY_FORMS))
        )
    if not name or any(phrase in name for phrase in _exceptions):
        return rules.pinyin_of(name)
    cache = _name_pinyin_cache
    try:
        syllables = [cache[c] for c in name]
    except KeyError:
        for c in name:
            if c not in cache:
                full, _initials = rules.pinyin_of(c)
                if not full:
                    return rules.pinyin_of(name)
                cache[c] = full
        syllables = [cache[c] for c in name]
    return "".join(syllables), "".join(s[0] for s in syllables)


def _phrases_read_otherwise(chars: set[str]) -> list[str]:
    from pypinyin.constants import PHRASES_DICT

    single = {c: rules.pinyin_of(c)[0] for c in chars}
    return [
        phrase
        for phrase in PHRASES_DICT
        if all(c in chars for c in phrase)
        and rules.pinyin_of(phrase)[0] != "".join(single[c] for c in phrase)
    ]


def _name(rng) -> str:
    return (
        rng.choice(NAME_CHARS)
        + rng.choice(NAME_CHARS)
        + rng.choice(NAME_CHARS)
        + rng.choice(TRADE_WORDS)
        + rng.choice(COMPANY_FORMS)
    )


@citygen.register_generator("enterprises", order=30)
def generate_enterprises(city):
    rng = city.rng
    regions = city.extra["region_objects"]
    villages = city.regions_by_level[RegionLevel.VILLAGE]
    committees = city.organizations.get(OrganizationKind.VILLAGE_COMMITTEE, [])
    agencies = city.organizations.get(OrganizationKind.SERVICE_AGENCY, [])
    industries = list(Industry._base_manager.order_by("code").values_list("pk", flat=True))
    if not industries:
        industries = [Industry._base_manager.create(code="C33", name="金属制品业").pk]

    # One park every other village, run by the village committee.
    parks = city.bulk(
        Park,
        [
            Park(
                name=f"{regions[pk].name}工业园",
                region_id=pk,
                operator_organization_id=committees[i] if i < len(committees) else None,
                safety_committee_formed_on=datetime.date(2020, 1, 1)
                + datetime.timedelta(days=rng.randrange(2000)),
            )
            for i, pk in enumerate(villages)
            if i % 2 == 0
        ],
    )
    park_of_village = {p.region_id: p.pk for p in parks}
    district_of = {}
    for pk in villages:
        district_of[pk] = regions[pk].path.strip("/").split("/")[-3]
    agency_of_district = {}
    for agency_pk, district_pk in zip(
        agencies, city.regions_by_level[RegionLevel.DISTRICT], strict=False
    ):
        agency_of_district[regions[district_pk].code] = agency_pk

    grades = ["", RiskGrade.A, RiskGrade.B, RiskGrade.B, RiskGrade.C, RiskGrade.C, RiskGrade.D]
    statuses = [EnterpriseStatus.OPERATING] * 18 + [
        EnterpriseStatus.SUSPENDED,
        EnterpriseStatus.CLOSED,
    ]
    today = datetime.date(2026, 12, 1)

    n = city.count("enterprises")
    fields = (
        "name",
        "name_pinyin",
        "name_initials",
        "uscc",
        "address",
        "region_id",
        "industry_id",
        "principal_name",
        "safety_officer_name",
        "employee_count",
        "status",
        "park_id",
        "service_agency_id",
        "risk_grade",
        "last_inspected_on",
    )
    regions_of = [villages[i % len(villages)] for i in range(n)]
    village_names = {pk: regions[pk].name for pk in villages}
    choice, randrange, random = rng.choice, rng.randrange, rng.random
    n_industries = len(industries)
    grades = [str(g) for g in grades]
    statuses = [str(s) for s in statuses]

    def rows():
        for i, village in enumerate(regions_of):
            name = _name(rng)
            pinyin, initials = name_pinyin(name)
            district_code = district_of[village]
            yield (
                name,
                pinyin,
                initials,
                _uscc(district_code, i + 1),
                f"{village_names[village]}工业路{i % 300 + 1}号",
                village,
                industries[randrange(n_industries)],
                choice(SURNAMES) + choice(GIVEN) + choice(GIVEN),
                choice(SURNAMES) + choice(GIVEN),
                randrange(3, 400),
                choice(statuses),
                park_of_village.get(village) if random() < 0.2 else None,
                agency_of_district.get(district_code) if random() < 0.1 else None,
                choice(grades),
                today - datetime.timedelta(days=randrange(30, 700)) if random() < 0.8 else None,
            )

    ids = city.bulk(Enterprise, rows(), fields=fields)
    city.enterprises = list(zip(ids, regions_of, strict=True))

    # Safety agreements: one tenant in twenty rents from the enterprise before it in its village.
    by_village: dict[int, list[int]] = {}
    for pk, village in city.enterprises:
        by_village.setdefault(village, []).append(pk)
    agreements = []
    for village, ids in by_village.items():
        for landlord, tenant in zip(ids[::20], ids[1::20], strict=False):
            signed = today - datetime.timedelta(days=rng.randrange(1, 1000))
            agreements.append(
                SafetyAgreement(
                    landlord_id=landlord,
                    tenant_id=tenant,
                    park_id=park_of_village.get(village),
                    signed_on=signed,
                    expires_on=signed + datetime.timedelta(days=3 * 365),
                )
            )
    city.bulk(SafetyAgreement, agreements)

    # The benchmark's enterprise account.
    first = city.enterprises[0][0]
    user = User.objects.create(
        username="city_enterprise",
        full_name="企业安全主任",
        password=city.users["city_district"].password,
        status=UserStatus.ACTIVE,
        is_active=True,
    )
    user.groups.set([Group.objects.get_or_create(name=roles.ENTERPRISE_MANAGER)[0]])
    EnterpriseMembership._base_manager.create(user=user, enterprise_id=first, position="安全主任")
    city.users["city_enterprise"] = user
