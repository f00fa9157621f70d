"""The synthetic city's people, training sessions and certificates (see ``anjian.core.citygen``).

ID numbers are valid (GB 11643 check digit, real birth places, birth dates 1960–1999 including
29 February) and unique; certificate numbers follow the house format ``PX<year>-<8 characters>``.
"""

from __future__ import annotations

import datetime
import decimal

from stdnum.cn import ric

from anjian.accounts.choices import OrganizationKind
from anjian.core import citygen
from anjian.training.choices import Duty, TrainingKind
from anjian.training.models import Certificate, Person, TrainingSession, TrainingValidity

# Codes that existed over the whole 1960–1999 span (stdnum checks the place at the birth date).
BIRTH_PLACES = ["110101", "110102", "110105", "110108", "310101", "310104", "310110", "120101"]
FIRST_BIRTHDAY = datetime.date(1960, 1, 1)
BIRTH_DAYS = (datetime.date(2000, 1, 1) - FIRST_BIRTHDAY).days
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁宋郑谢韩唐冯于董萧程曹"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰辉"
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def id_number(i: int) -> str:
    """The i-th synthetic ID number: unique for i below 87 million."""
    born = FIRST_BIRTHDAY + datetime.timedelta(days=i % BIRTH_DAYS)
    place = BIRTH_PLACES[(i // BIRTH_DAYS) % len(BIRTH_PLACES)]
    serial = i // (BIRTH_DAYS * len(BIRTH_PLACES))
    body = f"{place}{born:%Y%m%d}{serial:03d}"
    return body + ric.calc_check_digit(body + "0")


def certificate_number(i: int, year: int) -> str:
    tail = []
    n = i * 7919 + 104729  # spread consecutive numbers over the alphabet
    for _ in range(8):
        n, r = divmod(n, len(NUMBER_ALPHABET))
        tail.append(NUMBER_ALPHABET[r])
    return f"PX{year}-{''.join(tail)}"


def _kind_rule(kind):
    """(duties the kind qualifies for, issued → expires) from ``TrainingValidity``."""
    rule = TrainingValidity.for_kind(kind) if hasattr(TrainingValidity, "for_kind") else None
    if rule is not None and hasattr(rule, "qualifies_for"):
        qualifies = list(rule.qualifies_for or [])
    else:
        qualifies = [d.value for d in Duty]
    months = getattr(rule, "validity_months", None)
    if months:
        from anjian.core.periods import add_months

        return qualifies, lambda issued: add_months(issued, months)
    days = getattr(rule, "validity_days", None) or 365
    return qualifies, lambda issued: issued + datetime.timedelta(days=days)


@citygen.register_generator("training", order=40)
def generate_training(city):
    rng = city.rng
    duties = [d.value for d in Duty]
    kinds = [k.value for k in TrainingKind]
    enterprises = city.enterprises
    per_enterprise = max(1, round(citygen.FULL_SIZE["people"] / citygen.FULL_SIZE["enterprises"]))

    choice, randrange, sample = rng.choice, rng.randrange, rng.sample

    def people():
        n = 0
        for enterprise_id, region_id in enterprises:
            for _ in range(per_enterprise):
                yield (
                    choice(SURNAMES) + choice(GIVEN) + choice(GIVEN),
                    id_number(n),
                    f"13{n % 1000000000:09d}",
                    enterprise_id,
                    region_id,
                    sample(duties, randrange(1, 3)),
                )
                n += 1

    fields = ("name", "id_number", "phone", "employer_id", "region_id", "duties")
    ids = city.bulk(Person, people(), fields=fields)
    city.people = [
        (pk, region_id, enterprise_id)
        for pk, (enterprise_id, region_id) in zip(
            ids,
            (e for e in enterprises for _ in range(per_enterprise)),
            strict=True,
        )
    ]

    offices = city.organizations.get(OrganizationKind.SUBDISTRICT_OFFICE, [])
    office_regions = dict(city.extra.get("organization_regions", {}))
    start = datetime.date(2024, 1, 1)

    def sessions():
        for i in range(city.count("sessions")):
            held = start + datetime.timedelta(days=rng.randrange(1065))
            if i % 3 == 0 and offices:
                office = offices[i % len(offices)]
                organizer = {"organization_id": office, "region_id": office_regions[office]}
            else:
                enterprise_id, region_id = enterprises[rng.randrange(len(enterprises))]
                organizer = {"enterprise_id": enterprise_id, "region_id": region_id}
            yield TrainingSession(
                kind=rng.choice(kinds),
                topic=f"有限空间作业安全培训第{i + 1}期",
                held_on=held,
                hours=decimal.Decimal(rng.choice([2, 4, 8, 16])),
                trainer=rng.choice(SURNAMES) + "老师",
                **organizer,
            )

    city.bulk(TrainingSession, sessions())

    per_person = citygen.FULL_SIZE["certificates"] / citygen.FULL_SIZE["people"]
    # Each kind's rule (the administrators' table): which duties it qualifies for, how long it lasts.
    rules_of = {kind: _kind_rule(kind) for kind in kinds}

    def certificates():
        n = 0
        owed = 0.0
        for person_id, region_id, _employer in city.people:
            owed += per_person
            while owed >= 1:
                owed -= 1
                issued = start + datetime.timedelta(days=randrange(1065))
                kind = choice(kinds)
                qualifies, expires = rules_of[kind]
                yield (
                    certificate_number(n, issued.year),
                    person_id,
                    kind,
                    sample(qualifies, min(len(qualifies), randrange(1, 3))),
                    issued,
                    expires(issued),
                    "安全生产协会",
                    region_id,
                )
                n += 1

    fields = ("number", "person_id", "kind", "duties", "issued_on", "expires_on", "issuer")
    city.bulk(Certificate, certificates(), fields=(*fields, "region_id"))
