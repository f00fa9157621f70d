"""The demo world's evaluation: the one of 2024-05-21 of 恒亦达's "4·5" accident — its working group
(the seven bodies of the seed and the expert 吴振华), its methods, a verdict on every accountability
item and recommendation, the unannounced check of 一诠科技 recorded by the inspections demo linked
as its spot check with its two hazards as handed-over findings, the finding handed to the
departments, the work suggestions and the conclusion; approved and published.

Runs after the accidents demo (it finds the accident by name); everything through ``services`` and
the workflow; loading twice changes nothing. The texts are ours; the facts are the seed's.
"""

from __future__ import annotations

import datetime

from anjian.evaluations import rules, services
from anjian.evaluations.choices import EvaluationStatus, Verdict
from anjian.evaluations.models import DisclosurePolicy, Evaluation

ACCIDENT = "恒亦达“4·5”一般中毒事故"
EVALUATION_DAY = datetime.date(2024, 5, 21)
YIQUAN = "一诠科技（中国）有限公司"
MEMBERS = [
    "外海街道办事处",
    "江门市公安局江海分局",
    "江海区经济促进局",
    "江海区应急管理局",
    "江门市生态环境局江海分局",
    "江海区总工会",
]
METHODS = [
    {
        "code": "briefings",
        "text": "听取外海街道办事处、区经济促进局、市生态环境局江海分局、区应急管理局、东南村委会和"
        "恒亦达公司的工作情况汇报",
    },
    {"code": "files", "text": "查阅档案台账，审查责任追究和整改落实的相关资料"},
    {"code": "interviews", "text": "与相关部门和单位座谈交流"},
    {"code": "spot_checks", "text": "不打招呼、直奔现场，随机抽查事发同类型单位"},
]
DEPARTMENT_FINDING = (
    "查阅台账资料并深入交流，对相关单位和部门落实整改情况全面审查，发现个别部门整改措施落实不到位，"
    "已形成《江门市恒亦达电子有限公司“4·5”一般中毒事故评估工作组现场检查情况表》，"
    "移交各相关部门落实整改并形成闭环。"
)
PLACES_VISITED = "外海街道"
# One suggestion a heading line (（一）…) and its body below it; the report prints the headings.
WORK_SUGGESTIONS = (
    "（一）坚持以问题为导向，扭转事故多发频发势头。\n"
    "各级各有关部门要把学习贯彻习近平总书记关于安全生产的重要论述作为重要政治任务，紧盯道路交通、"
    "建筑施工、消防安全、工贸、危化品等事故突出的重点行业领域，深入分析事故共性原因，持续加大管控力度；"
    "区安委办牵头抓总，强化督查督办，做好年度责任制考核。\n"
    "（二）深刻汲取事故教训，持续推进有限空间违规作业等隐患整治。\n"
    "深刻吸取江海区“5·26”较大中毒事故和恒亦达“4·5”一般中毒事故教训，调动区直部门与街道、村（社区）"
    "监管力量，全区统一严格落实有限空间作业“七个不准”：摸清有限空间底数、建立“一企一档”，深入整治、"
    "登记建档，严格执法、该停产整顿的坚决停产整顿。\n"
    "（三）加强普法宣传，推动全民提升安全意识。\n"
    "借助微信、网站、报纸、电视等媒体普及有限空间作业安全常识；区应急管理局牵头联合各行业监管部门举办"
    "专项培训，定期开展有针对性的应急演练，防止盲目施救导致伤亡扩大。"
)
CONCLUSION = (
    "经评估，各级各部门已按照事故调查报告提出的处理建议和防范整改措施落实到位，"
    "事故防范各项举措持续有效推进；抽查发现的问题已移交区应急管理局跟进整改。"
)


def load_evaluations(w) -> None:
    from anjian.accidents.models import Accident

    _policies(w)
    committee = w.users.get("awb_li")
    expert = w.users.get("zj_wu")
    accident = (
        Accident._base_manager.filter(name__contains="4·5").select_related("investigation").first()
    )
    if committee is None or accident is None or rules.approval_date(accident) is None:
        return
    evaluation = Evaluation._base_manager.filter(accident=accident).first()
    if evaluation is None:
        members = [w.organizations[name] for name in MEMBERS if name in w.organizations]
        evaluation = services.open_evaluation(
            accident,
            actor=committee,
            members=members,
            experts=[expert] if expert else [],
            started_on=EVALUATION_DAY,
            ended_on=EVALUATION_DAY,
            places_visited=PLACES_VISITED,
            methods=METHODS,
            work_suggestions=WORK_SUGGESTIONS,
            conclusion=CONCLUSION,
        )
    if evaluation.status != EvaluationStatus.PLANNED:
        return
    _verdicts(evaluation, committee)
    _spot_check_and_findings(w, evaluation, committee)
    services.start_evaluation(evaluation, actor=committee)
    services.draft_evaluation(evaluation, actor=committee)
    services.approve_evaluation(evaluation, actor=committee)
    services.publish_evaluation(evaluation, actor=committee)
    # The approval and publication happened in 2024, not today.
    Evaluation._base_manager.filter(pk=evaluation.pk).update(
        approved_on=datetime.date(2024, 6, 28), published_on=datetime.date(2024, 7, 5)
    )


def _policies(w) -> None:
    for field, masked in rules.POLICY_DEFAULTS.items():
        w.ensure(DisclosurePolicy, {"field": field}, {"masked": masked})


def _verdicts(evaluation, actor) -> None:
    accident = evaluation.accident
    for item in accident.accountability_items.all():
        done = getattr(item, "status", "") == "done"
        services.record_verdict(
            evaluation,
            item,
            verdict=Verdict.IMPLEMENTED if done else Verdict.PARTLY,
            comment="已按批复意见落实。" if done else "案件仍在侦办中，待移送审查起诉。",
            actor=actor,
        )
    for recommendation in accident.recommendations.all():
        services.record_verdict(
            evaluation,
            recommendation,
            verdict=Verdict.IMPLEMENTED,
            comment="已按建议落实，措施持续推进。",
            actor=actor,
        )


def _spot_check_and_findings(w, evaluation, actor) -> None:
    from anjian.enterprises.models import Enterprise
    from anjian.inspections.models import Inspection

    enterprise = Enterprise._base_manager.filter(name=YIQUAN).first()
    inspection = None
    if enterprise is not None:
        inspection = (
            Inspection._base_manager.filter(
                enterprise=enterprise, kind__in=services.SPOT_CHECK_KINDS, planned_on=EVALUATION_DAY
            )
            .order_by("pk")
            .first()
        )
    if inspection is not None:
        services.link_spot_check(evaluation, inspection)
        hazards = [
            item.hazard
            for item in inspection.items.filter(hazard__isnull=False).select_related("hazard")
        ]
        for order, hazard in enumerate(hazards, start=1):
            if not evaluation.findings.filter(hazard=hazard).exists():
                services.hand_over_finding(
                    evaluation,
                    actor=actor,
                    problem=hazard.description,
                    enterprise=enterprise,
                    hazard=hazard,
                    deadline=hazard.deadline,
                    order=order,
                )
    bureau = w.organizations.get("江海区应急管理局")
    if (
        bureau is not None
        and not evaluation.findings.filter(handed_to_organization=bureau).exists()
    ):
        services.hand_over_finding(
            evaluation,
            actor=actor,
            problem=DEPARTMENT_FINDING,
            organization=bureau,
            deadline=datetime.date(2024, 7, 31),
            order=0,
        )
