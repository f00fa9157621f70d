"""The accident of the seed report in the demo world (registered after enforcement's loader).

恒亦达"4·5"一般中毒事故: 2023-04-05 14:45 at the 好氧池 of 江门市恒亦达电子有限公司's sewage
station, 1 dead, 1 injured, ¥2,425,000 direct loss — an ordinary accident investigated by the
district. Its investigation (the report names no approval date or number: the dates here are
assumed, within the statutory 60 days, and noted), every accountability item of the seed — the
criminal case (filed 2023-10-23) with bail pending trial for 陈庆芳 and 刘永臣 (2023-11-07, with their
document numbers), the three units' written self-criticisms, the seven persons' sanctions, the
three administrative penalties linked to the enforcement demo's cases — and the six
recommendations with their bodies and the progress they reported (in our words, same facts).

Each item is given to its executing organisation where that body is an organisation of the demo
world (the public security branch, the sub-district office, the bureau, the discipline body for
what 江海区纪委 and its 干部监督室 carried out); the executing body's text stays as the report words
it. The discipline body gets a department user, ``jw_lin``, who reads and reports on its items.

The accident was taken into account by the district's 2024 grading (the enterprises loader sets
those grades), so it is recorded as escalated already, like the enforcement demo's 2023 cases.
Every row is found by its natural key and left alone when it already holds the values, so loading
twice changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from anjian.accidents.choices import (
    AccidentKind,
    CriminalStepKind,
    ItemStatus,
    PoliticalStatus,
    SubjectKind,
    Track,
)
from anjian.accidents.models import (
    Accident,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Investigation,
    Recommendation,
    RecommendationAssignment,
)

HENGYIDA = "江门市恒亦达电子有限公司"
NAME = "江门市恒亦达电子有限公司“4·5”一般中毒事故"
ASSUMED = "演示数据：评估报告未载明批复日期和文号，此处日期为假设（在法定60日内）。"
OCCURRED = datetime.datetime(2023, 4, 5, 14, 45)

SUMMARY = (
    "2023年4月5日14时45分许，位于江门市江海区外海街道高新区21号地（东南工业二区）的江门市恒亦达电子"
    "有限公司污水处理站好氧池发生有限空间作业中毒事故，造成1人死亡、1人受伤，直接经济损失242.5万元。"
)

PARTY, MASSES = PoliticalStatus.PARTY_MEMBER, PoliticalStatus.MASSES
DONE, PENDING = ItemStatus.DONE, ItemStatus.PENDING
GOV = "江海区委、区政府"
# As the outcomes name it (经江海区纪委常委会会议审议…), so the report does not repeat it.
JIWEI = "江海区纪委"
JIWEI_OFFICE = "区纪委干部监督室"
# Executing bodies as the seed words them → the organisation on file (name or short name) that
# executes them; any other text is looked up as it stands (江门市公安局江海分局, 外海街道办事处).
EXECUTORS = {JIWEI: "区纪委", JIWEI_OFFICE: "区纪委"}
# The discipline body's department user (an invented name, like the other demo accounts).
DISCIPLINE_USER = ("jw_lin", "林振东")


def _criminal(name, number):
    return {
        "subject_kind": SubjectKind.PERSON,
        "person_name": name,
        "person_organization": HENGYIDA,
        "track": Track.CRIMINAL,
        "recommended_action": "建议公安机关侦查处理",
        "executing_body": "江门市公安局江海分局",
        "legal_basis": "《中华人民共和国刑事诉讼法》第一百一十二条、第六十七条第一款第（二）项",
        # Where the case stands; its dates are the steps' (filed 10-23, bail 11-07).
        "outcome": "目前案件正在侦办中，待案件被害人伤残鉴定意见作出后，移送检察机关审查起诉。",
        "outcome_on": None,
        "document_number": number,
        "status": PENDING,
        "_steps": [
            (
                CriminalStepKind.CASE_FILED,
                datetime.date(2023, 10, 23),
                "重大责任事故案",
                "",
                "江门市公安局江海分局",
            ),
            (
                CriminalStepKind.COMPULSORY_MEASURE,
                datetime.date(2023, 11, 7),
                "取保候审",
                number,
                "江门市公安局江海分局",
            ),
        ],
    }


def _unit(org, action, body, outcome, on):
    return {
        "subject_kind": SubjectKind.ORGANIZATION,
        "_organization": org,
        "track": Track.ACCOUNTABILITY_MEASURE,
        "recommended_action": action,
        "executing_body": body,
        "outcome": outcome,
        "outcome_on": on,
        "status": DONE,
    }


def _person(name, status, position, track, action, outcome, on=None, basis="", body=JIWEI):
    return {
        "subject_kind": SubjectKind.PERSON,
        "person_name": name,
        "political_status": status,
        "position": position,
        "track": track,
        "recommended_action": action,
        "executing_body": body,
        "legal_basis": basis,
        "outcome": outcome,
        "outcome_on": on,
        "status": DONE,
    }


def _penalty(decision_number, subject, position, basis, amount_text):
    # What was decided; whether it was carried out (已履行) is the enforcement case's fulfilment.
    named = "恒亦达公司" if position is None else subject
    values = {
        "track": Track.ADMINISTRATIVE_PENALTY,
        "recommended_action": "依法给予行政处罚",
        "executing_body": "江海区应急管理局",
        "legal_basis": basis,
        "outcome": f"依法给予{named}{amount_text}罚款的行政处罚",
        "document_number": decision_number,
        "status": DONE,
        "_case": decision_number,
    }
    if position is None:
        values.update(subject_kind=SubjectKind.ORGANIZATION, person_organization=subject)
    else:
        values.update(
            subject_kind=SubjectKind.PERSON,
            person_name=subject,
            position=position,
            person_organization=HENGYIDA,
        )
    return values


def _criticism(name):
    return f"对{name}同志进行批评教育"


ITEMS = [
    _criminal("陈庆芳", "江公江海（刑警）取保字〔2023〕316095号"),
    _criminal("刘永臣", "江公江海（刑警）取保字〔2023〕316096号"),
    _unit(
        "东南村民委员会",
        "责成其向外海街道办事处作出深刻书面检查",
        "外海街道办事处",
        "已向外海街道办事处作出深刻书面检查",
        datetime.date(2023, 8, 22),
    ),
    _unit(
        "外海街道办事处",
        "责成其向江海区委、区政府作出深刻书面检查",
        GOV,
        "已在全区会议上向江海区委、区政府作出深刻检讨",
        datetime.date(2023, 4, 7),
    ),
    _unit(
        "江海区应急管理局",
        "责成其向江海区委、区政府作出深刻书面检查",
        GOV,
        "已向江海区委、区政府作出深刻书面检查",
        datetime.date(2023, 6, 15),
    ),
    _person(
        "陈悦铨",
        MASSES,
        "时任外海街道办事处综合治理服务中心（全科网格服务中心、社会治理服务中心）主任",
        Track.GOVERNMENT_SANCTION,
        "建议给予政务处分",
        "经江海区纪委常委会会议审议，决定给予陈悦铨政务警告处分",
        basis="《中华人民共和国公职人员政务处分法》第三十九条第二项",
    ),
    _person(
        "潘宗文",
        PARTY,
        "外海街道东南村民委员会副主任，分管安全生产工作",
        Track.PARTY_DISCIPLINE,
        "建议给予党纪处分",
        "经江门市江海区纪委常委会会议审议，决定给予潘宗文同志党内警告处分",
        basis="《中国共产党纪律处分条例》第十七条第二项、第三十七条、第一百三十三条",
    ),
    _person(
        "麦炳权",
        PARTY,
        "江门市江海区外海街道办事处副主任，分管应急管理工作",
        Track.ACCOUNTABILITY_MEASURE,
        "建议给予问责处理",
        "经中共江门市江海区纪委常委会会议审议并报区委主要负责同志批准，决定给予麦炳权同志诫勉处理，"
        "自2023年9月19日起生效",
        on=datetime.date(2023, 9, 19),
    ),
    _person(
        "苏锦荣",
        PARTY,
        "外海街道东南村民委员会书记、主任",
        Track.ACCOUNTABILITY_MEASURE,
        "建议给予问责处理",
        _criticism("苏锦荣"),
        on=datetime.date(2023, 10, 19),
        body=JIWEI_OFFICE,
    ),
    _person(
        "许卫平",
        PARTY,
        "江海区外海街道应急管理办公室主任",
        Track.ACCOUNTABILITY_MEASURE,
        "建议给予问责处理",
        _criticism("许卫平"),
        on=datetime.date(2023, 10, 19),
        body=JIWEI_OFFICE,
    ),
    _person(
        "何涛",
        PARTY,
        "时任江门市江海区应急管理局安全基础股临时负责人",
        Track.ACCOUNTABILITY_MEASURE,
        "建议给予问责处理",
        _criticism("何涛"),
        on=datetime.date(2023, 10, 19),
        body=JIWEI_OFFICE,
    ),
    _person(
        "魏定华",
        PARTY,
        "江海区应急管理局副局长，分管安全生产工作",
        Track.ACCOUNTABILITY_MEASURE,
        "建议给予问责处理",
        _criticism("魏定华"),
        on=datetime.date(2023, 10, 19),
        body=JIWEI_OFFICE,
    ),
    _penalty(
        "江海应急罚〔2023〕90号",
        HENGYIDA,
        None,
        "《中华人民共和国安全生产法》第一百一十四条第（一）项、《中华人民共和国行政处罚法》第三十二条第（一）项",
        "人民币40万元",
    ),
    _penalty(
        "江海应急罚〔2023〕91号",
        "陈庆芳",
        "恒亦达公司总经理，公司的实际控制人",
        "《中华人民共和国安全生产法》第九十五条第一项、《中华人民共和国行政处罚法》第三十二条第一项",
        "人民币31200元",
    ),
    _penalty(
        "江海应急罚〔2023〕92号",
        "刘永臣",
        "恒亦达公司副总经理，分管安全生产工作的负责人",
        "《中华人民共和国安全生产法》第九十六条、《中华人民共和国行政处罚法》第三十二条第一项",
        "人民币25200元",
    ),
]

ENTERPRISE = object()  # an assignment to the accident's enterprise
REPORTED = datetime.date(2024, 5, 10)

# (number, text, [(body, progress text)]) — the seed's six recommendations, in our words.
RECOMMENDATIONS = [
    (
        1,
        "区政府及负有安全生产监督管理职责的各街道、各部门要把习近平总书记关于安全生产的重要指示精神落实到"
        "各项工作中，清醒认识全区安全生产形势的复杂性和多变性，深刻吸取“5·26”较大中毒事故和本次事故"
        "教训，依法履行监管职责，时刻绷紧安全生产这根弦。",
        [
            (
                "区安委办",
                "持续推进安全生产教育整顿：领导干部安全教育实行“一月一培训”，落实部门和属地安全教育；"
                "以隐患排查整治为抓手，实施企业分级监督管理，守牢安全基本盘。",
            ),
            (
                "区应急管理局",
                "按区委区政府部署实施全区企业分级监督管理：按行业和经营活动分类，依风险程度由高到低"
                "分为A、B、C、D四级，明确各级检查频次，风险等级动态调整，发生事故、受到行政处罚或"
                "发现重大隐患的企业提级管理。",
            ),
            ("外海街道办事处", "组织辖区企业开展安全教育，落实属地安全教育责任到人。"),
        ],
    ),
    (
        2,
        "恒亦达公司要深刻吸取事故教训，全面开展隐患大排查大整治：立即全面清查厂内有限空间，"
        "隐患登记造册、明确整改措施、期限和责任人，并将整改情况报外海街道办事处；按《有限空间安全事故"
        "安全事故指南》规定的程序编制有限空间作业应急预案并经常演练，落实作业审批和监护制度。",
        [
            (
                ENTERPRISE,
                "严格落实有限空间作业审批和监护制度，制定有限空间作业方案，做到作业前有审批、作业中有监护、"
                "作业后有验收；成立有限空间安全作业职责架构，分工分责落实到人。",
            ),
        ],
    ),
    (
        3,
        "街道、村（居）和园区出租方是安全监管的第一线，要按“党政同责、一岗双责、齐抓共管、失职追责”"
        "压实属地监管责任，把领导干部履行属地监管责任情况纳入年度考核，落实安全生产“一票否决”，"
        "按《广东省党政领导干部安全生产责任制实施细则》第十二条由担任党委委员的副职分管安全生产。",
        [
            (
                "外海街道办事处",
                "树牢安全发展理念，按“属地管理、分级负责”履行监管职责，依据安全生产责任清单和"
                "“三管三必须”督促企业落实主体责任；重新研究发布《关于外海街道班子成员分工调整的通知》，"
                "由街道党工委委员副职林国忠分管安全生产工作、街道副主任麦炳权协管；按《江海区有限空间作业"
                "安全专项检查实施方案》建立有限空间作业报备制度，企业以“两表一方案”报备后由街道派人培训。",
            ),
            ("东南村民委员会", "协助街道对辖区出租厂房承租单位开展统一协调、管理和定期检查。"),
        ],
    ),
    (
        4,
        "全区要结合企业实际分析有限空间作业安全管理的短板，调动区直部门与街道、村（居）监管力量，"
        "统一严格落实有限空间作业“七个不准”，按“三管三必须”摸清有限空间底数。",
        [
            (
                "区安委办",
                "牵头督促各成员单位：结合重大事故隐患专项排查整治2023行动和治本攻坚三年行动，摸清有限空间"
                "重大事故隐患底数、建立台账，做到一企一档；组织整治“回头看”；推动有限空间作业报备和"
                "从业人员培训上岗制度。",
            ),
            (
                "区应急管理局",
                "加大有限空间专项执法检查力度：“4·5”事故后已对16家企业涉及有限空间作业的违法违规行为"
                "立案处罚，处罚金额19万元。",
            ),
        ],
    ),
    (
        5,
        "落实《江海区安全生产专项教育整治方案》，部署“园中园”“厂中厂”隐患大排查大整治专项行动，"
        "排查全覆盖、整改全闭环，制定“一企一清单”“一园区一清单”。",
        [
            (
                "区应急管理局",
                "全面梳理工业园区，摸清园区企业底数，督促园区成立安委会并与相关责任主体签订安全生产协议，"
                "对照自查表定期自查自纠，落实“一线三排”，做到“一园一档、一企一册”。",
            ),
            ("外海街道办事处", "对辖区“厂中厂”“园中园”逐一建立台账，督促出租方签订安全管理协议。"),
        ],
    ),
    (
        6,
        "各级各部门要借助微信、网站、报纸、电视等媒体普及有限空间作业安全常识；区应急管理局牵头"
        "举办专项培训，提升现场负责人、监护人员、作业人员和救援人员的安全意识和技能，定期开展应急演练。",
        [
            (
                "区安委办",
                "安全生产月期间通过多种媒体开展有限空间作业安全宣传；举办2023年度江海区有限空间作业技能"
                "比赛，邀请污水处理企业参赛观摩，模拟污水处理厂流量井（2.0m*3.0m*3.0m）更换流量计作业"
                "并请专家现场点评。",
            ),
            ("区应急管理局", "联合行业监管部门举办有限空间作业专项培训和应急演练。"),
        ],
    ),
]

TEAM = [
    "区应急管理局",
    "市公安局江海分局",
    "区经济促进局",
    "市生态环境局江海分局",
    "区总工会",
    "外海街道办事处",
]


def load_accidents(w) -> None:
    from anjian.enterprises.models import Enterprise

    enterprise = Enterprise._base_manager.filter(name=HENGYIDA).first()
    if enterprise is None:
        return
    _discipline_user(w)
    accident = _accident(w, enterprise)
    _investigation(w, accident)
    _items(w, accident)
    _recommendations(w, accident, enterprise)


def _discipline_user(w) -> None:
    from anjian.accounts import roles
    from anjian.demo.world import DISTRICT

    if "区纪委" in w.organizations:
        username, full_name = DISCIPLINE_USER
        w.ensure_user(
            username, full_name, roles.DEPARTMENT, organization="区纪委", jurisdiction=DISTRICT
        )


def _accident(w, enterprise) -> Accident:
    from anjian.spaces.models import ConfinedSpace

    space = ConfinedSpace._base_manager.filter(enterprise=enterprise, code="HYD-YX-01").first()
    accident = w.ensure(
        Accident,
        {"name": NAME},
        {
            "occurred_at": timezone.make_aware(OCCURRED),
            "place": "江海区外海街道高新区21号地（东南工业二区）恒亦达公司污水处理站好氧池",
            "enterprise": enterprise,
            "space": space,
            "kind": AccidentKind.POISONING,
            "deaths": 1,
            "serious_injuries": 0,
            "injuries": 1,
            "direct_loss": Decimal("2425000"),
            "summary": SUMMARY,
        },
    )
    if accident.escalated_at is None:
        # Taken into account by the 2024 grading already: no second escalation.
        Accident._base_manager.filter(pk=accident.pk).update(escalated_at=accident.created_at)
        accident.escalated_at = accident.created_at
    return accident


def _investigation(w, accident) -> Investigation:
    investigation = w.ensure(
        Investigation,
        {"accident": accident},
        {
            "approved_by": "江海区人民政府",
            "approved_on": datetime.date(2023, 5, 31),
            "published_on": datetime.date(2023, 6, 5),
            "published_url": "https://www.jianghai.gov.cn/",
            "notes": ASSUMED,
        },
    )
    team = [w.organizations[name] for name in TEAM if name in w.organizations]
    if {o.pk for o in investigation.team.all()} != {o.pk for o in team}:
        investigation.team.set(team)
    return investigation


def _items(w, accident) -> None:
    from anjian.enforcement.models import EnforcementCase

    for order, spec in enumerate(ITEMS, start=1):
        values = dict(spec)
        steps = values.pop("_steps", [])
        org = values.pop("_organization", None)
        if org is not None:
            values["organization"] = w.organizations.get(org)
            if values["organization"] is None:
                values["person_organization"] = org
        body = values.get("executing_body", "")
        values["executing_organization"] = w.organizations.get(EXECUTORS.get(body, body))
        case_number = values.pop("_case", None)
        if case_number:
            values["enforcement_case"] = EnforcementCase._base_manager.filter(
                decision_number=case_number
            ).first()
        item = w.ensure(AccountabilityItem, {"accident": accident, "order": order}, values)
        for step, on, measure, number, body in steps:
            w.ensure(
                CriminalStep,
                {"item": item, "step": step, "on": on},
                {
                    "measure": measure,
                    "document_number": number,
                    "body": body or "江门市公安局江海分局",
                },
            )


def _recommendations(w, accident, enterprise) -> None:
    for number, text, bodies in RECOMMENDATIONS:
        recommendation = w.ensure(
            Recommendation, {"accident": accident, "number": number}, {"text": text}
        )
        for body, progress in bodies:
            if body is ENTERPRISE:
                lookup = {"recommendation": recommendation, "enterprise": enterprise}
            else:
                org = w.organizations.get(body)
                if org is None:
                    continue
                lookup = {"recommendation": recommendation, "organization": org}
            assignment = w.ensure(RecommendationAssignment, lookup, {})
            w.ensure(
                ImplementationProgress,
                {"assignment": assignment, "reported_on": REPORTED},
                {"text": progress},
            )
