"""The synthetic city's evaluations (see ``anjian.core.citygen``), after its accidents.

Every accident whose investigation report was approved long enough ago that reminders have begun
(``rules.due_dates``: due one calendar year after the approval, reminders from
``EVALUATION_REMINDER_MONTHS``) has its evaluation, organised by the committee office of the
investigating government (``services.committee_office_for`` finds it; the city's public bodies
have none, so one is added per investigating region) with the investigation team as its working
group. Its state follows the calendar: not started yet (planned), in progress, drafted, approved
or — nearly always once the dates have passed — published; the dates are those the workflow would
have written, never after today. From the draft on it holds a verdict on every accountability
item (implemented when the item is done, partly while it is pending) and every recommendation
(implemented when each body reported progress); an evaluation under way holds some. Started ones
hand one to three findings to the team's organisations, a part of them closed by now. The region
is copied from the accident as ``save()`` would.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from anjian.core import citygen

PUBLISHED_SHARE = 0.9
FINDINGS = [
    "部分企业有限空间安全警示标识设置不规范",
    "同类企业有限空间作业审批制度执行不到位",
    "街道对辖区企业的日常检查记录不完整",
    "部分企业未按要求配备气体检测报警仪",
    "有限空间作业人员培训档案不齐全",
]
METHODS = [
    {"code": "briefings", "text": "听取事故发生单位和有关部门的整改落实情况汇报"},
    {"code": "files", "text": "查阅责任追究和整改落实的相关资料"},
    {"code": "interviews", "text": "座谈询问有关人员"},
]


@citygen.register_generator("evaluations", order=110)
def generate_evaluations(city):
    from anjian.accidents.choices import ItemStatus
    from anjian.accidents.models import (
        Accident,
        AccountabilityItem,
        Investigation,
        Recommendation,
        RecommendationAssignment,
    )
    from anjian.accounts.choices import OrganizationKind
    from anjian.accounts.models import Organization
    from anjian.evaluations import rules
    from anjian.evaluations.choices import EvaluationStatus as S
    from anjian.evaluations.choices import Verdict
    from anjian.evaluations.models import (
        Evaluation,
        Finding,
        ItemVerdict,
        RecommendationVerdict,
    )
    from anjian.regions.models import Region

    accident_ids = [pk for pk, _region, _enterprise in city.extra.get("accidents", [])]
    if not accident_ids:
        return
    rng = city.rng
    today = timezone.localdate()
    due = []  # (accident id, region id, investigating region id, investigation id, approved on)
    rows = (
        Investigation._base_manager.filter(accident_id__in=accident_ids, approved_on__isnull=False)
        .order_by("accident_id")
        .values_list(
            "accident_id", "region_id", "accident__investigating_region_id", "pk", "approved_on"
        )
    )
    for accident_id, region_id, governing_id, investigation_id, approved_on in rows:
        if rules.due_dates(approved_on)[1] <= today:
            due.append((accident_id, region_id, governing_id, investigation_id, approved_on))
    if not due:
        return

    # The committee office of each investigating government (the organiser).
    governing_ids = sorted({row[2] for row in due})
    offices = {}
    for org_id, region_id in (
        Organization._base_manager.filter(
            region_id__in=governing_ids, kind=OrganizationKind.COMMITTEE
        )
        .order_by("pk")
        .values_list("pk", "region_id")
    ):
        offices.setdefault(region_id, org_id)
    missing = [
        Organization(
            name=f"{region.name}安全生产委员会办公室",
            kind=OrganizationKind.COMMITTEE,
            region_id=region.pk,
        )
        for region in Region._base_manager.filter(pk__in=governing_ids).order_by("code")
        if region.pk not in offices
    ]
    for org in city.bulk(Organization, missing):
        offices[org.region_id] = org.pk

    teams: dict[int, list[int]] = {}
    for investigation_id, org_id in (
        Investigation.team.through._default_manager.filter(
            investigation_id__in=[row[3] for row in due]
        )
        .order_by("investigation_id", "organization_id")
        .values_list("investigation_id", "organization_id")
    ):
        teams.setdefault(investigation_id, []).append(org_id)
    names = dict(
        Accident._base_manager.filter(pk__in=[row[0] for row in due]).values_list("pk", "name")
    )

    evaluations, plans = [], []
    for accident_id, region_id, governing_id, investigation_id, approved_on in due:
        due_on, reminder_from = rules.due_dates(approved_on)
        started = reminder_from + datetime.timedelta(days=rng.randrange(0, 30))
        ended = started + datetime.timedelta(days=rng.randrange(7, 30))
        approved = ended + datetime.timedelta(days=rng.randrange(5, 20))
        published = approved + datetime.timedelta(days=rng.randrange(3, 15))
        if started > today:
            status, started, ended, approved, published = S.PLANNED, None, None, None, None
        elif ended > today:
            status, ended, approved, published = S.IN_PROGRESS, None, None, None
        elif approved > today:
            status, approved, published = S.DRAFTED, None, None
        elif published > today or rng.random() >= PUBLISHED_SHARE:
            status, published = S.APPROVED, None
        else:
            status = S.PUBLISHED
        written = status in (S.DRAFTED, S.APPROVED, S.PUBLISHED)
        name = names[accident_id]
        evaluations.append(
            Evaluation(
                accident_id=accident_id,
                region_id=region_id,
                organizer_id=offices[governing_id],
                due_on=due_on,
                reminder_from=reminder_from,
                started_on=started,
                ended_on=ended,
                methods=list(METHODS) if started else [],
                work_suggestions=(
                    "持续开展有限空间作业专项整治，督促同类企业举一反三、落实整改。"
                    if written
                    else ""
                ),
                conclusion=(
                    f"{name}的责任追究意见和防范整改措施建议基本落实到位。" if written else ""
                ),
                status=status,
                approved_on=approved,
                published_on=published,
            )
        )
        plans.append((investigation_id, status, started, ended))
    evaluations = city.bulk(Evaluation, evaluations)
    through = Evaluation.members.through
    city.bulk(
        through,
        [
            through(evaluation_id=evaluation.pk, organization_id=org_id)
            for evaluation, (investigation_id, *_rest) in zip(evaluations, plans, strict=True)
            for org_id in sorted({evaluation.organizer_id, *teams.get(investigation_id, [])})
        ],
        label="evaluation working groups",
    )

    # Verdicts: every item and recommendation from the draft on, some while under way.
    accident_of = {e.pk: e.accident_id for e in evaluations}
    items: dict[int, list] = {}
    for pk, accident_id, status in (
        AccountabilityItem._base_manager.filter(accident_id__in=accident_of.values())
        .order_by("accident_id", "order", "pk")
        .values_list("pk", "accident_id", "status")
    ):
        items.setdefault(accident_id, []).append((pk, status))
    recommendations: dict[int, list] = {}
    for pk, accident_id in (
        Recommendation._base_manager.filter(accident_id__in=accident_of.values())
        .order_by("accident_id", "number")
        .values_list("pk", "accident_id")
    ):
        recommendations.setdefault(accident_id, []).append(pk)
    unreported = set(
        RecommendationAssignment._base_manager.filter(
            recommendation__accident_id__in=accident_of.values(), progress__isnull=True
        ).values_list("recommendation_id", flat=True)
    )
    item_verdicts, recommendation_verdicts, findings = [], [], []
    for evaluation, (investigation_id, status, started, ended) in zip(
        evaluations, plans, strict=True
    ):
        if status == S.PLANNED:
            continue
        whole = status != S.IN_PROGRESS
        for pk, item_status in items.get(evaluation.accident_id, []):
            if whole or rng.random() < 0.5:
                done = item_status == ItemStatus.DONE
                item_verdicts.append(
                    ItemVerdict(
                        evaluation_id=evaluation.pk,
                        item_id=pk,
                        verdict=Verdict.IMPLEMENTED if done else Verdict.PARTLY,
                        comment="已落实" if done else "正在办理中",
                    )
                )
        for pk in recommendations.get(evaluation.accident_id, []):
            if whole or rng.random() < 0.5:
                reported = pk not in unreported
                recommendation_verdicts.append(
                    RecommendationVerdict(
                        evaluation_id=evaluation.pk,
                        recommendation_id=pk,
                        verdict=Verdict.IMPLEMENTED
                        if reported
                        else rng.choice([Verdict.PARTLY, Verdict.NOT]),
                        comment="整改措施已落实" if reported else "尚未报告整改落实情况",
                    )
                )
        bodies = teams.get(investigation_id) or [evaluation.organizer_id]
        found = ended or started
        for order, problem in enumerate(rng.sample(FINDINGS, rng.randrange(1, 4)), start=1):
            deadline = found + datetime.timedelta(days=rng.randrange(15, 60))
            closed = found + datetime.timedelta(days=rng.randrange(5, 90))
            findings.append(
                Finding(
                    evaluation_id=evaluation.pk,
                    problem=problem,
                    handed_to_organization_id=rng.choice(bodies),
                    deadline=deadline,
                    closed_on=closed if closed <= today and rng.random() < 0.7 else None,
                    order=order,
                )
            )
    city.bulk(ItemVerdict, item_verdicts)
    city.bulk(RecommendationVerdict, recommendation_verdicts)
    city.bulk(Finding, findings)
