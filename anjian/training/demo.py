"""The training side of the demo world (registered with ``anjian.demo.world.register``).

From the seed report: after the “4·5” accident the district emergency management bureau had the
江海区安全生产协会 run the 有限空间作业能力提升培训班 (a certificate for those who pass the
assessment); in the 2023 safety month the 江海区有限空间作业技能比赛 simulated replacing a flow
meter in a sewage plant's flow-meter pit (2.0 m × 3.0 m × 3.0 m); warning education classes and
publicity into enterprises. Drills at several enterprises; workers of 恒亦达 and others, some of
whose certificates have expired. People's names and ID numbers are invented.

Everything is found by a natural key, so loading twice changes nothing; assessments go through
``services.record_assessment`` once (an attendee already assessed is left as it is).
"""

from __future__ import annotations

import datetime
from datetime import date

from anjian.core import identity
from anjian.training import services
from anjian.training.choices import KIND_DEFAULT_DUTIES, ActivityKind, Duty, TrainingKind
from anjian.training.models import (
    Activity,
    Attendance,
    Drill,
    Person,
    TrainingSession,
    TrainingValidity,
)

ASSOCIATION = "江海区安全生产协会"
BUREAU = "区应急管理局"
COMMITTEE = "区安委办"
HENGYIDA = "江门市恒亦达电子有限公司"
YIQUAN = "一诠科技（中国）有限公司"
RUIKE = "江门市锐科五金制品有限公司"
XINCAI = "江门市新彩塑胶制品有限公司"

E, A, L, P, R = Duty.ENTRANT, Duty.ATTENDANT, Duty.WORK_LEADER, Duty.APPROVER, Duty.RESCUER

# (key, name, employer, duties, phone)
PEOPLE = [
    ("hyd1", "罗振华", HENGYIDA, [P, L], "13809611001"),
    ("hyd2", "黄家明", HENGYIDA, [E, A], "13809611002"),
    ("hyd3", "冯志坚", HENGYIDA, [E, R], "13809611003"),
    ("hyd4", "谢永强", HENGYIDA, [A], "13809611004"),
    ("hyd5", "区润生", HENGYIDA, [E], "13809611005"),
    ("yq1", "林晓峰", YIQUAN, [L, A], "13809612001"),
    ("yq2", "何俊杰", YIQUAN, [E, R], "13809612002"),
    ("yq3", "郑丽萍", YIQUAN, [A], "13809612003"),
    ("rk1", "周炳坤", RUIKE, [E, A], "13809613001"),
    ("xc1", "吴锦泉", XINCAI, [E], "13809614001"),
]


# Where the workers' numbers were issued: 江门's districts and the home counties of migrant
# workers, and a Hong Kong residence permit (810000).
_ID_PLACES = ["440704", "440703", "440705", "440781", "440783", "450921", "430524", "810000"]


def demo_id_number(i: int) -> str:
    """A valid ID number, born 1962–2005, issued in one of several places (440704 numbers of
    people born before 1994 included: the code is where the number was issued)."""
    born = datetime.date(1962 + (i * 7) % 44, (i % 12) + 1, (i % 27) + 1)
    return identity.make_id_number(_ID_PLACES[i % len(_ID_PLACES)], born, 100 + i)


# (key, kind, topic, date, hours, organizer (organization short name | enterprise name),
#  provider, trainer, attendees: [(person key, attended, score)] — a pass at 60 or more)
SESSIONS = [
    (
        "class1",
        TrainingKind.CONFINED_SPACE,
        "有限空间作业能力提升培训班（第一期）",
        date(2023, 9, 12),
        16,
        BUREAU,
        ASSOCIATION,
        "特邀安全生产专家",
        [
            ("hyd1", True, 86),
            ("hyd2", True, 78),
            ("hyd3", True, 55),
            ("hyd4", True, 91),
            ("yq1", True, 88),
            ("yq2", True, 72),
            ("rk1", True, 80),
            ("xc1", False, None),
        ],
    ),
    (
        "class2",
        TrainingKind.CONFINED_SPACE,
        "有限空间作业能力提升培训班（第二期）",
        date(2026, 3, 18),
        16,
        BUREAU,
        ASSOCIATION,
        "特邀安全生产专家",
        [
            ("hyd1", True, 90),
            ("hyd2", True, 84),
            ("hyd3", True, 76),
            ("hyd5", True, 48),
            ("yq3", True, 81),
        ],
    ),
    (
        "class3",
        TrainingKind.CONFINED_SPACE,
        "有限空间作业能力提升培训班（第三期）",
        date(2025, 12, 20),
        16,
        BUREAU,
        ASSOCIATION,
        "特邀安全生产专家",
        [("yq1", True, 83), ("yq2", True, 79)],
    ),
    (
        "warning",
        TrainingKind.WARNING_EDUCATION,
        "警示宣传班：有限空间事故案例警示教育",
        date(2023, 6, 28),
        3,
        COMMITTEE,
        "",
        "区应急管理局",
        [],
    ),
    (
        "monthly",
        TrainingKind.LEADERSHIP_MONTHLY,
        "领导干部安全生产“一月一培训”：政策解读",
        date(2024, 3, 8),
        2,
        COMMITTEE,
        "",
        "特邀专家",
        [],
    ),
    (
        "hyd_own",
        TrainingKind.OTHER,
        "恒亦达公司有限空间作业审批与监护制度学习",
        date(2026, 5, 10),
        4,
        HENGYIDA,
        "",
        "罗振华",
        [("hyd4", True, None), ("hyd5", True, None)],
    ),
]

# (organizer, date, scenario, place, participants, count, evaluation, lessons)
DRILLS = [
    (
        HENGYIDA,
        date(2023, 5, 20),
        "污水处理站好氧池有限空间中毒窒息应急救援演练",
        "污水处理站好氧池",
        "公司应急救援小组、污水处理站操作人员",
        18,
        "救援人员佩戴正压式空气呼吸器进入，救援流程基本规范；报警后 6 分钟完成救援。",
        "监护人员通讯联络不够及时；需增配一台四合一气体检测仪。",
    ),
    (
        HENGYIDA,
        date(2026, 4, 16),
        "污水处理站调节池有限空间作业应急演练",
        "污水处理站调节池",
        "生产部、设备部、污水处理站",
        22,
        "严格执行先通风、再检测、后作业；严禁盲目施救要求落实到位。",
        "演练脚本需补充夜间作业情形。",
    ),
    (
        YIQUAN,
        date(2025, 10, 23),
        "化学品仓库地下污水井中毒事故应急演练",
        "地下污水井",
        "EHS 部门、仓储部",
        15,
        "响应迅速，分工明确。",
        "三脚架及救援绳索存放点需前移。",
    ),
    (
        RUIKE,
        date(2026, 6, 12),
        "废水收集池有限空间应急演练",
        "废水收集池",
        "车间全体人员",
        9,
        "",
        "",
    ),
]

# (kind, title, date, organizer, participants, materials count, materials, description)
ACTIVITIES = [
    (
        ActivityKind.SKILLS_CONTEST,
        "2023年度江海区有限空间作业技能比赛",
        date(2023, 6, 20),
        COMMITTEE,
        60,
        0,
        "",
        "邀请相关污水处理企业参与比赛和现场观摩，模拟某污水处理厂流量井（2.0 m × 3.0 m × 3.0 m）"
        "实施更换流量计作业，按照作业方案制定、作业审批、作业前准备、安全作业、作业完成的程序进行"
        "模拟实操，特邀安全生产专家现场点评。",
    ),
    (
        ActivityKind.SAFETY_MONTH,
        "2023年安全生产月安全生产咨询日",
        date(2023, 6, 16),
        COMMITTEE,
        300,
        2000,
        "重大事故隐患判定标准、安全生产法宣传资料",
        "利用宣传单张海报、微信工作群、微信公众号开展安全生产知识宣传教育。",
    ),
    (
        ActivityKind.WARNING_EDUCATION,
        "有限空间事故案例警示宣传",
        date(2023, 7, 5),
        BUREAU,
        120,
        500,
        "有限空间事故案例宣传海报",
        "公布有限空间事故案例，组织企业负责人、网格员学习。",
    ),
    (
        ActivityKind.PUBLICITY_VISIT,
        "安全生产宣传进企业：东南工业二区",
        date(2023, 8, 18),
        "外海街道应急办",
        45,
        300,
        "有限空间作业“七个不准”宣传单",
        "逐家企业上门宣讲有限空间作业安全常识。",
    ),
]


def _enterprise(name):
    from anjian.enterprises.models import Enterprise

    return Enterprise._base_manager.filter(name=name).first()


def _organizer(w, name):
    """{"organization": …} or {"enterprise": …} for a short name or an enterprise name."""
    if name in w.organizations:
        return {"organization": w.organizations[name], "enterprise": None}
    enterprise = _enterprise(name)
    if enterprise is None:
        return None
    return {"organization": None, "enterprise": enterprise}


def load_training(w) -> None:
    actor = w.users.get("yjj_wang") or w.users.get("admin")
    for kind in TrainingKind.values:
        w.ensure(
            TrainingValidity,
            {"kind": kind},
            {"qualifies_for": list(KIND_DEFAULT_DUTIES.get(kind, []))},
        )
    people = {}
    for i, (key, name, employer_name, duties, phone) in enumerate(PEOPLE):
        employer = _enterprise(employer_name)
        if employer is None:  # the enterprises demo has not loaded this one
            continue
        people[key] = w.ensure(
            Person,
            {"id_number": demo_id_number(i)},
            {
                "name": name,
                "employer": employer,
                "region": employer.region,
                "duties": duties,
                "phone": phone,
                "contractor_unit": "",
            },
        )
    for _key, kind, topic, held_on, hours, organizer, provider, trainer, attendees in SESSIONS:
        owner = _organizer(w, organizer)
        if owner is None:
            continue
        session = w.ensure(
            TrainingSession,
            {"topic": topic, "held_on": held_on},
            {
                "kind": kind,
                "hours": hours,
                "provider": provider,
                "trainer": trainer,
                "location": "",
                **owner,
            },
        )
        for person_key, attended, score in attendees:
            person = people.get(person_key)
            if person is None:
                continue
            attendance = w.ensure(
                Attendance, {"session": session, "person": person}, {"attended": attended}
            )
            if attendance.passed is None and score is not None:
                services.record_assessment(attendance, score=score, actor=actor)
    for organizer, held_on, scenario, place, participants, count, evaluation, lessons in DRILLS:
        owner = _organizer(w, organizer)
        if owner is None:
            continue
        w.ensure(
            Drill,
            {"scenario": scenario, "held_on": held_on},
            {
                "location": place,
                "participants": participants,
                "participant_count": count,
                "evaluation": evaluation,
                "lessons": lessons,
                **owner,
            },
        )
    for kind, title, held_on, organizer, count, materials_count, materials, text in ACTIVITIES:
        owner = _organizer(w, organizer)
        if owner is None:
            continue
        w.ensure(
            Activity,
            {"title": title, "held_on": held_on},
            {
                "kind": kind,
                "participant_count": count,
                "materials_count": materials_count,
                "materials": materials,
                "description": text,
                **owner,
            },
        )
