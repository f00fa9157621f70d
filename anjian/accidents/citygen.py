"""The synthetic city's accidents (see ``anjian.core.citygen``): rare, as they are.

Per district and year of the last ``YEARS``, about one accident per ``ENTERPRISES_PER_ACCIDENT``
enterprises and at least one (so a small city has a few, and one old enough to have been
evaluated), nearly all 一般 and now and then a 较大. The level and the investigating government
come from the app's own rules (``rules.accident_level`` over the threshold table read once,
``rules.investigating_region``), the investigation's due day from ``rules.investigation_due``;
regions are copied down every row as ``save()`` would. An accident is recorded as escalated
(``escalated_at``) and its enterprise holds the grade the escalation rule gives
(``enterprises.rules.escalated_grade``): the grades the city starts with already count it, and a
later edit of the accident does not escalate it again.

An investigation whose report is approved has the items of the report — criminal liability with
its case filing and bail, administrative penalties of the unit and its principal, a written
self-criticism of the sub-district office, party discipline or a government sanction of an
official — and three to five recommendations assigned to the enterprise, the district bureau
or the sub-district office, each with the progress reported so far. Dates never pass today.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from anjian.core import citygen

YEARS = 3
ENTERPRISES_PER_ACCIDENT = 2500  # a district of 8,000 enterprises: about three a year
LARGER_SHARE = 0.06  # 较大: three deaths or more

KINDS = [
    ("poisoning", "中毒"),
    ("poisoning", "中毒"),
    ("poisoning", "窒息"),
    ("fall", "高处坠落"),
    ("machinery", "机械伤害"),
    ("fire", "火灾"),
    ("electrocution", "触电"),
    ("collapse", "坍塌"),
]
LEVEL_WORDS = {
    "ordinary": "一般",
    "larger": "较大",
    "major": "重大",
    "extraordinary": "特别重大",
}
PLACES = ["污水处理站", "地下污水池", "化粪池", "生产车间", "仓库", "配电房", "储罐区", "雨污管道"]
GIVEN = "建国明华志强伟军海涛永红丽平德胜庆芳永臣国栋立新"
RECOMMENDATIONS = [
    "企业要落实安全生产主体责任，建立健全有限空间作业审批制度，严格执行“先通风、再检测、后作业”。",
    "企业要开展有限空间辨识，建立有限空间管理台账，设置安全警示标识和隔离设施。",
    "企业要加强从业人员安全教育培训，未经培训合格的人员不得进入有限空间作业。",
    "企业要配备气体检测报警仪、通风设备和应急救援装备，定期组织应急演练。",
    "属地街道要加强对辖区企业的日常检查，督促企业落实隐患排查治理。",
    "区应急管理部门要组织开展有限空间作业专项整治，对同类企业开展抽查。",
    "各有关部门要加强安全生产宣传和警示教育，以案为鉴，举一反三。",
]
PROGRESS = [
    "已修订相关制度并组织学习，建立台账，整改完成。",
    "已组织专题培训和考核，参训人员均考核合格。",
    "已购置检测和通风设备，完成应急演练一次。",
    "已开展专项检查，督促整改发现的问题，整改完成。",
]


def _years_ago(today: datetime.date, days: int) -> datetime.date:
    return today - datetime.timedelta(days=days)


def _person_name(rng) -> str:
    from anjian.enterprises.citygen import SURNAMES

    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


@citygen.register_generator("accidents", order=100)
def generate_accidents(city):
    from anjian.accidents import rules
    from anjian.accidents.choices import (
        CriminalStepKind,
        ItemStatus,
        PoliticalStatus,
        SubjectKind,
        Track,
    )
    from anjian.accidents.models import (
        Accident,
        AccidentLevelThreshold,
        AccountabilityItem,
        CriminalStep,
        ImplementationProgress,
        Investigation,
        Recommendation,
        RecommendationAssignment,
    )
    from anjian.accounts.choices import OrganizationKind
    from anjian.enterprises.choices import EscalationCause
    from anjian.enterprises.models import Enterprise
    from anjian.enterprises.rules import escalated_grade
    from anjian.regions.choices import RegionLevel
    from anjian.regions.models import Region

    thresholds = list(AccidentLevelThreshold._base_manager.all())
    if not thresholds or not city.enterprises:
        return
    rng = city.rng
    today = timezone.localdate()
    regions = city.extra["region_objects"]

    def district_of(region):
        while region is not None and region.level != RegionLevel.DISTRICT:
            region = region.parent
        return region

    def subdistrict_of(region):
        while region is not None and region.level != RegionLevel.SUBDISTRICT:
            region = region.parent
        return region

    org_regions = city.extra.get("organization_regions", {})
    bureau_of, office_of = {}, {}
    for pk in city.organizations.get(OrganizationKind.BUREAU, []):
        bureau_of.setdefault(org_regions.get(pk), pk)
    for pk in city.organizations.get(OrganizationKind.SUBDISTRICT_OFFICE, []):
        office_of.setdefault(org_regions.get(pk), pk)

    # Which enterprises have an accident: per district and year, drawn among its enterprises.
    by_district: dict[int, list] = {}
    for enterprise_id, region_id in city.enterprises:
        district = district_of(regions[region_id])
        by_district.setdefault(district.pk, []).append((enterprise_id, region_id))
    picked = []  # (enterprise id, region id, day)
    for district_id in sorted(by_district):
        members = by_district[district_id]
        expected = len(members) / ENTERPRISES_PER_ACCIDENT
        for year in range(YEARS):
            n = max(1, int(expected) + (rng.random() < expected - int(expected)))
            for _ in range(n):
                enterprise_id, region_id = rng.choice(members)
                day = _years_ago(today, year * 365 + rng.randrange(1, 365))
                picked.append((enterprise_id, region_id, day))
    picked.sort(key=lambda p: (p[2], p[0]))
    enterprise_ids = sorted({p[0] for p in picked})
    names = dict(Enterprise._base_manager.filter(pk__in=enterprise_ids).values_list("pk", "name"))
    grades = dict(
        Enterprise._base_manager.filter(pk__in=enterprise_ids).values_list("pk", "risk_grade")
    )
    spaces: dict[int, int] = {}
    for space_id, _region, enterprise_id in city.extra.get("spaces", []):
        if enterprise_id in names:
            spaces.setdefault(enterprise_id, space_id)
    # The investigating government of each (village, level), through the rule.
    governing: dict[tuple, Region | None] = {}

    accidents = []
    for enterprise_id, region_id, day in picked:
        kind, kind_word = rng.choice(KINDS)
        if rng.random() < LARGER_SHARE:
            deaths, serious = rng.randrange(3, 6), rng.randrange(0, 4)
            loss = Decimal(rng.randrange(300, 1500) * 10000)
        else:
            deaths, serious = rng.choice([0, 1, 1, 1, 2]), rng.choice([0, 0, 1, 2])
            loss = Decimal(rng.randrange(20, 400) * 10000)
        level = rules.accident_level(deaths, serious, loss, thresholds)
        key = (region_id, level)
        if key not in governing:
            governing[key] = rules.investigating_region(level, regions[region_id])
        investigating = governing[key]
        occurred = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(rng.randrange(7, 20), rng.randrange(60)))
        )
        short = names[enterprise_id][:3]
        place = rng.choice(PLACES)
        accidents.append(
            Accident(
                name=f"{short}“{day.month}·{day.day}”{LEVEL_WORDS[level]}{kind_word}事故",
                occurred_at=occurred,
                place=place,
                enterprise_id=enterprise_id,
                region_id=region_id,
                space_id=spaces.get(enterprise_id) if kind == "poisoning" else None,
                kind=kind,
                deaths=deaths,
                serious_injuries=serious,
                injuries=rng.randrange(0, 3),
                direct_loss=loss,
                summary=(
                    f"{day.year}年{day.month}月{day.day}日，{names[enterprise_id]}{place}发生"
                    f"{kind_word}事故，造成{deaths}人死亡、{serious}人重伤，"
                    f"直接经济损失{loss / 10000:.0f}万元。"
                ),
                level=level,
                investigating_region_id=investigating.pk if investigating else None,
                escalated_at=occurred,
            )
        )
    accidents = city.bulk(Accident, accidents)

    # The escalation's result on the enterprises (no transition rows, as the city's grades).
    for accident in accidents:
        target = escalated_grade(grades[accident.enterprise_id], EscalationCause.ACCIDENT)
        if target != grades[accident.enterprise_id]:
            grades[accident.enterprise_id] = target
            Enterprise._base_manager.filter(pk=accident.enterprise_id).update(
                risk_grade=target, grade_effective_on=accident.occurred_on
            )

    # Investigations: approved 40–110 days after; late ones extended once, with the reason.
    governments = {r.pk: r for r in governing.values() if r is not None}
    investigations, approved = [], []
    for accident in accidents:
        day = accident.occurred_on
        due = rules.investigation_due(day)
        approved_on = day + datetime.timedelta(days=rng.randrange(40, 111))
        extended = None
        if approved_on > due:
            extended = min(rules.extension_limit(due), approved_on + datetime.timedelta(days=10))
        if approved_on > today:
            approved_on = None
            if due < today and rng.random() < 0.5:
                extended = rules.extension_limit(due)
        published_on = None
        if approved_on is not None:
            published_on = approved_on + datetime.timedelta(days=rng.randrange(3, 20))
            if published_on > today:
                published_on = None
        government = governments.get(accident.investigating_region_id)
        government_name = government.name if government else regions[accident.region_id].name
        year = approved_on.year if approved_on else day.year
        investigations.append(
            Investigation(
                accident_id=accident.pk,
                region_id=accident.region_id,
                due_on=due,
                extended_due_on=extended,
                effective_due_on=extended or due,
                extension_reason="需进行技术鉴定，经批准延期。" if extended else "",
                approved_by=f"{government_name}人民政府" if approved_on else "",
                approved_on=approved_on,
                approval_number=(
                    f"{government_name[:2]}府函〔{year}〕{rng.randrange(10, 300)}号"
                    if approved_on
                    else ""
                ),
                published_on=published_on,
                published_url=(
                    f"https://www.example.gov.cn/yjj/sgdc/{accident.pk}.html"
                    if published_on
                    else ""
                ),
            )
        )
        if approved_on is not None:
            approved.append((accident, approved_on))
    investigations = city.bulk(Investigation, investigations)
    team = []
    for investigation, accident in zip(investigations, accidents, strict=True):
        village = regions[accident.region_id]
        for org in (
            bureau_of.get(district_of(village).pk),
            office_of.get(subdistrict_of(village).pk),
        ):
            if org is not None:
                team.append(
                    Investigation.team.through(
                        investigation_id=investigation.pk, organization_id=org
                    )
                )
    city.bulk(Investigation.team.through, team, label="investigation teams")

    # The report's accountability items and recommendations, for approved investigations.
    items, item_steps = [], []
    recommendations, bodies = [], []
    for accident, approved_on in approved:
        village = regions[accident.region_id]
        district = district_of(village)
        subdistrict = subdistrict_of(village)
        enterprise_name = names[accident.enterprise_id]
        day = accident.occurred_on

        def outcome_day(after=approved_on):
            on = after + datetime.timedelta(days=rng.randrange(20, 200))
            return on if on <= today else None

        principal = _person_name(rng)
        filed = day + datetime.timedelta(days=rng.randrange(2, 30))
        bail = filed + datetime.timedelta(days=rng.randrange(1, 20))
        bail_number = f"{district.name[:2]}公（刑）保字〔{bail.year}〕{rng.randrange(100, 999)}号"
        entries = [
            (
                {
                    "subject_kind": SubjectKind.PERSON,
                    "person_name": principal,
                    "political_status": PoliticalStatus.MASSES,
                    "position": "总经理",
                    "person_organization": enterprise_name,
                    "track": Track.CRIMINAL,
                    "recommended_action": "建议公安机关侦查处理",
                    "executing_body": f"{district.name}公安分局",
                    "outcome": "以重大责任事故案立案侦查，采取取保候审刑事强制措施。",
                    "outcome_on": bail if bail <= today else None,
                    "document_number": bail_number,
                    "status": ItemStatus.PENDING,
                },
                [
                    (CriminalStepKind.CASE_FILED, filed, "", "", "以重大责任事故案立案侦查"),
                    (CriminalStepKind.COMPULSORY_MEASURE, bail, "取保候审", bail_number, ""),
                ],
            )
        ]
        fine_number = rng.randrange(10, 99)
        for subject, amount in (
            (None, Decimal(rng.randrange(20, 100) * 10000)),
            (principal, Decimal(rng.randrange(20, 80) * 1000)),
        ):
            on = outcome_day()
            entries.append(
                (
                    {
                        "subject_kind": SubjectKind.ORGANIZATION
                        if subject is None
                        else SubjectKind.PERSON,
                        "person_name": subject or "",
                        "position": "" if subject is None else "总经理",
                        "person_organization": enterprise_name,
                        "track": Track.ADMINISTRATIVE_PENALTY,
                        "recommended_action": f"依法给予{amount / 10000:g}万元罚款的行政处罚",
                        "executing_body": f"{district.name}应急管理局",
                        "legal_basis": "《中华人民共和国安全生产法》第一百一十四条",
                        "outcome": "已履行行政处罚决定" if on else "",
                        "outcome_on": on,
                        "document_number": f"{district.name[:2]}应急罚〔{approved_on.year}〕"
                        f"{fine_number}号",
                        "amount": amount,
                        "status": ItemStatus.DONE if on else ItemStatus.PENDING,
                    },
                    [],
                )
            )
            fine_number += 1
        office = office_of.get(subdistrict.pk)
        on = outcome_day()
        entries.append(
            (
                {
                    "subject_kind": SubjectKind.ORGANIZATION,
                    "organization_id": office,
                    "person_organization": "" if office else f"{subdistrict.name}办事处",
                    "track": Track.ACCOUNTABILITY_MEASURE,
                    "recommended_action": "责成向区人民政府作出书面检查",
                    "executing_body": f"{district.name}人民政府",
                    "outcome": "已作出书面检查" if on else "",
                    "outcome_on": on,
                    "status": ItemStatus.DONE if on else ItemStatus.PENDING,
                },
                [],
            )
        )
        for _ in range(rng.randrange(1, 3)):
            track = rng.choice([Track.PARTY_DISCIPLINE, Track.GOVERNMENT_SANCTION])
            action = "党内警告处分" if track == Track.PARTY_DISCIPLINE else "政务警告处分"
            on = outcome_day()
            entries.append(
                (
                    {
                        "subject_kind": SubjectKind.PERSON,
                        "person_name": _person_name(rng),
                        "political_status": PoliticalStatus.PARTY_MEMBER,
                        "position": rng.choice(["安监办主任", "分管安全生产副主任", "网格长"]),
                        "person_organization": f"{subdistrict.name}办事处",
                        "track": track,
                        "recommended_action": f"建议给予{action}",
                        "executing_body": f"{district.name}纪委监委",
                        "outcome": f"已给予{action}" if on else "",
                        "outcome_on": on,
                        "document_number": f"{district.name[:2]}纪字〔{approved_on.year}〕"
                        f"{rng.randrange(1, 99)}号"
                        if on
                        else "",
                        "status": ItemStatus.DONE if on else ItemStatus.PENDING,
                    },
                    [],
                )
            )
        for order, (values, steps) in enumerate(entries, start=1):
            items.append(
                AccountabilityItem(
                    accident_id=accident.pk, region_id=accident.region_id, order=order, **values
                )
            )
            item_steps.append(steps)

        count = rng.randrange(3, 6)
        texts = rng.sample(RECOMMENDATIONS, count)
        for number, text in enumerate(texts, start=1):
            recommendations.append(
                Recommendation(
                    accident_id=accident.pk, region_id=accident.region_id, number=number, text=text
                )
            )
            if text.startswith("企业"):
                body = [("enterprise", accident.enterprise_id)]
            elif text.startswith("属地"):
                body = [("organization", office)] if office else []
            else:
                body = [("organization", bureau_of.get(district.pk))]
                if office and rng.random() < 0.5:
                    body.append(("organization", office))
            bodies.append((approved_on, [(k, v) for k, v in body if v is not None]))

    items = city.bulk(AccountabilityItem, items)
    city.bulk(
        CriminalStep,
        [
            CriminalStep(
                item_id=item.pk,
                region_id=item.region_id,
                step=step,
                on=on,
                measure=measure,
                document_number=number,
                body=body,
            )
            for item, steps in zip(items, item_steps, strict=True)
            for step, on, measure, number, body in steps
            if on <= today
        ],
    )
    recommendations = city.bulk(Recommendation, recommendations)
    assignments, reported_from = [], []
    for recommendation, (approved_on, body) in zip(recommendations, bodies, strict=True):
        for kind, pk in body:
            assignments.append(
                RecommendationAssignment(
                    recommendation_id=recommendation.pk,
                    region_id=recommendation.region_id,
                    **{f"{kind}_id": pk},
                )
            )
            reported_from.append(approved_on)
    assignments = city.bulk(RecommendationAssignment, assignments)
    progress = []
    for assignment, approved_on in zip(assignments, reported_from, strict=True):
        reported_on = approved_on + datetime.timedelta(days=rng.randrange(30, 300))
        if reported_on <= today:
            progress.append(
                ImplementationProgress(
                    assignment_id=assignment.pk,
                    region_id=assignment.region_id,
                    text=rng.choice(PROGRESS),
                    reported_on=reported_on,
                )
            )
    city.bulk(ImplementationProgress, progress)
    city.extra["accidents"] = [(a.pk, a.region_id, a.enterprise_id) for a in accidents]
