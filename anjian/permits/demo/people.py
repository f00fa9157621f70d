"""The people the permits need on file: the trained crews (from the training loader), the
principals who approve toxic-risk work, the contractor's workers, a worker holding only a
warning-education certificate, and the principal's written delegation of approval."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from anjian.permits.demo.common import ADMIN, CONTRACTOR, HENGYIDA, PDF, RUIKE, XINCAI, YIQUAN
from anjian.permits.models import Delegation

# The people the loader adds: the principals (so that approvals of toxic-risk work have their
# approver on file), a worker whose only certificate is from a warning-education class, and the
# contractor's two workers. (key, name, employer, contractor unit, duties, phone, ID serial)
PEOPLE = [
    ("hyd_principal", "陈庆芳", HENGYIDA, "", ["approver"], "13809601001", 40),
    ("yq_principal", "黄国平", YIQUAN, "", ["approver"], "13809602001", 41),
    ("hyd_new", "陈国栋", HENGYIDA, "", ["entrant"], "13809611006", 42),
    ("qy_leader", "梁家辉", None, CONTRACTOR, ["work_leader"], "13902801001", 43),
    ("qy_entrant", "蔡志强", None, CONTRACTOR, ["entrant"], "13902801002", 44),
]
# Training people of the training loader, by employer and name.
TRAINED = {
    "hyd_leader": (HENGYIDA, "罗振华"),
    "hyd_attendant": (HENGYIDA, "黄家明"),
    "hyd_entrant": (HENGYIDA, "冯志坚"),
    "hyd_tester": (HENGYIDA, "谢永强"),
    "yq_leader": (YIQUAN, "林晓峰"),
    "yq_entrant": (YIQUAN, "何俊杰"),
    "yq_attendant": (YIQUAN, "郑丽萍"),
    "rk_attendant": (RUIKE, "周炳坤"),
    "xc_entrant": (XINCAI, "吴锦泉"),
}
WARNING_CLASS = "恒亦达公司新员工有限空间事故警示教育"
WARNING_CLASS_DAY = datetime.date(2026, 11, 10)


def load_people(demo) -> bool:
    from anjian.training.demo import demo_id_number
    from anjian.training.models import Person

    for key, (employer_name, name) in TRAINED.items():
        person = Person._base_manager.filter(
            employer=demo.enterprises[employer_name], name=name
        ).first()
        if person is None:
            return False
        demo.people[key] = person
    ruike = demo.enterprises[RUIKE]
    for key, name, employer_name, unit, duties, phone, serial in PEOPLE:
        employer = demo.enterprises[employer_name] if employer_name else None
        demo.people[key] = demo.w.ensure(
            Person,
            {"id_number": demo_id_number(serial)},
            {
                "name": name,
                "employer": employer,
                "contractor_unit": unit,
                "region": employer.region if employer else ruike.region,
                "duties": duties,
                "phone": phone,
            },
        )
    return True


def load_principals(demo) -> None:
    """The principal of each enterprise as a person on file (approvals of toxic-risk work)."""
    from anjian.enterprises.models import Enterprise

    for name, key in ((HENGYIDA, "hyd_principal"), (YIQUAN, "yq_principal")):
        enterprise = demo.enterprises[name]
        demo.enterprises[name] = demo.w.ensure(
            Enterprise, {"pk": enterprise.pk}, {"principal_person": demo.people[key]}
        )


def load_warning_certificate(demo) -> None:
    """陈国栋 joined 恒亦达 and attended only the warning-education class: his certificate says he
    was there, and qualifies him for no duty."""
    from anjian.training import services as training_services
    from anjian.training.choices import TrainingKind
    from anjian.training.models import Attendance, TrainingSession

    session = demo.w.ensure(
        TrainingSession,
        {"topic": WARNING_CLASS, "held_on": WARNING_CLASS_DAY},
        {
            "kind": TrainingKind.WARNING_EDUCATION,
            "hours": 2,
            "organization": demo.w.organizations.get("外海街道应急办"),
            "enterprise": None,
            "provider": "",
            "trainer": "外海街道应急办",
            "location": "恒亦达公司会议室",
        },
    )
    attendance = demo.w.ensure(
        Attendance, {"session": session, "person": demo.people["hyd_new"]}, {"attended": True}
    )
    if attendance.passed is None:
        training_services.record_assessment(attendance, score=85, actor=demo.user(ADMIN))


def load_delegation(demo):
    """陈庆芳's written delegation of approval to 罗振华 (deputy), for the year."""
    enterprise = demo.enterprises[HENGYIDA]
    valid_from = datetime.date(demo.now.year, 1, 1)
    lookup = {
        "enterprise": enterprise,
        "delegate": demo.people["hyd_leader"],
        "valid_from": valid_from,
    }
    found = Delegation._base_manager.filter(**lookup).first()
    if found is not None:
        demo.w.unchanged[Delegation] += 1
        return found
    delegation = Delegation(
        **lookup,
        principal=demo.people["hyd_principal"],
        valid_until=datetime.date(demo.now.year, 12, 31),
        note="有限空间作业审批（含好氧池、调节池、污泥池、集水井），总经理外出期间",
        document=ContentFile(PDF, name="授权委托书.pdf"),
    )
    delegation.full_clean()
    delegation.save()
    demo.w.created[Delegation] += 1
    return delegation
