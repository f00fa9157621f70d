"""The synthetic city's confined-space work (see ``anjian.core.citygen``): for a share of the
enterprises with confined spaces, one or two permits in varied states — drafts, filings (some
late), acknowledged with a briefing, approved, in progress, suspended, completed, accepted,
returned, cancelled — with a leader, an entrant and an attendant from the enterprise's people and,
once acknowledged, a gas test of every active gas. Rows are written with ``city.bulk`` (no save(),
no signals): every derived field (region, number, late flag, verdicts) is set here."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from anjian.core import citygen
from anjian.permits.choices import BriefingTopic, GasTestKind, PermitDuty, PermitStatus
from anjian.permits.models import (
    Briefing,
    GasReading,
    GasTest,
    GasThreshold,
    Permit,
    PermitPerson,
)
from anjian.spaces.models import SafetyEquipment

S = PermitStatus
# (status, weight): most work of the past is accepted; some is under way or waiting now.
STATES = [
    (S.ACCEPTED, 40),
    (S.COMPLETED, 8),
    (S.DRAFT, 10),
    (S.FILED, 10),
    (S.RETURNED, 3),
    (S.ACKNOWLEDGED, 6),
    (S.APPROVED, 6),
    (S.IN_PROGRESS, 6),
    (S.SUSPENDED, 3),
    (S.CANCELLED, 8),
]
SHARE_OF_SPACES = 0.5  # of the enterprises with spaces, how many have permits
ACKNOWLEDGED_OR_LATER = {
    S.ACKNOWLEDGED,
    S.APPROVED,
    S.IN_PROGRESS,
    S.SUSPENDED,
    S.COMPLETED,
    S.ACCEPTED,
}
WORK = [
    "清理池底污泥",
    "检修进水管道阀门",
    "更换曝气头",
    "清洗储罐内壁",
    "疏通排污管道",
]
# A passing value of each default gas in its limit's unit (the verdict is set by hand).
PASSING = {"O2": Decimal("20.9"), "LEL": Decimal("0"), "CO2": Decimal("0.05")}


def _pick_state(rng):
    total = sum(w for _s, w in STATES)
    n = rng.randrange(total)
    for state, weight in STATES:
        if n < weight:
            return state
        n -= weight
    return STATES[0][0]


@citygen.register_generator("permits", order=60)
def generate_permits(city):
    rng = city.rng
    spaces = city.extra.get("spaces") or []
    if not spaces:
        return
    now = timezone.now()
    year = timezone.localdate().year
    first_space = {}
    for space_id, region_id, enterprise_id in spaces:
        first_space.setdefault(enterprise_id, (space_id, region_id))
    people_of: dict[int, list[int]] = {}
    for person_id, _region, employer in city.people:
        if employer is not None and len(people_of.setdefault(employer, [])) < 4:
            people_of[employer].append(person_id)
    detectors = dict(
        SafetyEquipment._base_manager.filter(kind="gas_detector")
        .order_by("enterprise_id", "id")
        .values_list("enterprise_id", "id")
    )
    thresholds = list(GasThreshold._base_manager.filter(active=True).order_by("order", "code"))

    permits, plans = [], []
    n = 0
    for enterprise_id, (space_id, region_id) in first_space.items():
        if rng.random() >= SHARE_OF_SPACES or len(people_of.get(enterprise_id, [])) < 3:
            continue
        for _k in range(rng.randrange(1, 3)):
            n += 1
            state = _pick_state(rng)
            if state in (S.ACCEPTED, S.COMPLETED, S.CANCELLED):
                start = now - datetime.timedelta(days=rng.randrange(2, 700), hours=rng.randrange(8))
            elif state in (S.IN_PROGRESS, S.SUSPENDED):
                start = now - datetime.timedelta(hours=rng.randrange(1, 4))
            else:
                start = now + datetime.timedelta(days=rng.randrange(1, 20), hours=rng.randrange(8))
            end = start + datetime.timedelta(hours=rng.choice([4, 6, 8]))
            late = state != S.DRAFT and rng.random() < 0.15
            filed = (
                None
                if state == S.DRAFT
                else start
                - datetime.timedelta(days=rng.randrange(1, 3) if late else rng.randrange(3, 10))
            )
            acknowledged = (
                filed + datetime.timedelta(hours=20) if state in ACKNOWLEDGED_OR_LATER else None
            )
            approved = (
                acknowledged + datetime.timedelta(hours=2)
                if state in ACKNOWLEDGED_OR_LATER - {S.ACKNOWLEDGED}
                else None
            )
            started = (
                start if state in (S.IN_PROGRESS, S.SUSPENDED, S.COMPLETED, S.ACCEPTED) else None
            )
            completed = end if state in (S.COMPLETED, S.ACCEPTED) else None
            people = people_of[enterprise_id]
            permits.append(
                Permit(
                    number=f"YX-{year}-C{n:06d}",
                    enterprise_id=enterprise_id,
                    region_id=region_id,
                    space_id=space_id,
                    work_content=rng.choice(WORK),
                    planned_start=start,
                    planned_end=end,
                    hazards="硫化氢中毒、缺氧窒息",
                    ventilation="机械通风不少于30分钟",
                    isolation_points="进水阀上锁挂牌",
                    communication="对讲机",
                    rescue_plan="三脚架与绞盘就位，严禁盲目施救",
                    rescue_team="企业应急救援小组",
                    rescue_call="对讲机呼叫，拨打119",
                    ventilated=started is not None,
                    protective_equipment_confirmed=started is not None,
                    electrical_compliant=started is not None,
                    status=state,
                    filed_at=filed,
                    filed_late=late,
                    acknowledged_at=acknowledged,
                    approver_id=people[0] if approved else None,
                    approved_at=approved,
                    started_at=started,
                    suspended_at=now - datetime.timedelta(minutes=20)
                    if state == S.SUSPENDED
                    else None,
                    completed_at=completed,
                    isolation_restored=completed is not None,
                    accepted_at=completed + datetime.timedelta(hours=1)
                    if state == S.ACCEPTED
                    else None,
                    accepted_by_leader_id=people[0] if state == S.ACCEPTED else None,
                )
            )
            plans.append((people, detectors.get(enterprise_id)))
    permits = city.bulk(Permit, permits)

    duties = (PermitDuty.LEADER, PermitDuty.ENTRANT, PermitDuty.ATTENDANT)
    city.bulk(
        PermitPerson,
        (
            (permit.pk, person_id, duty)
            for permit, (people, _d) in zip(permits, plans, strict=True)
            for person_id, duty in zip(people, duties, strict=False)
        ),
        fields=("permit_id", "person_id", "duty"),
    )
    briefings, tests = [], []
    for permit, (people, detector) in zip(permits, plans, strict=True):
        if permit.acknowledged_at is None:
            continue
        briefings.append(
            Briefing(
                permit_id=permit.pk,
                started_at=permit.acknowledged_at - datetime.timedelta(minutes=45),
                ended_at=permit.acknowledged_at - datetime.timedelta(minutes=10),
                topics=[BriefingTopic.SEVEN_PROHIBITIONS, BriefingTopic.PROCEDURE],
                attendee_names="全体作业人员",
                given_by_name="街道安监办",
            )
        )
        if detector is not None:
            failing = permit.status == S.SUSPENDED
            tested = (permit.started_at or permit.acknowledged_at) - datetime.timedelta(minutes=10)
            tests.append(
                (
                    GasTest(
                        permit_id=permit.pk,
                        kind=GasTestKind.PRE_ENTRY,
                        tested_at=tested,
                        tester_id=people[-1],
                        detector_id=detector,
                        detector_in_date=True,
                        passed=not failing,
                    ),
                    failing,
                )
            )
    city.bulk(Briefing, briefings)
    made = city.bulk(GasTest, [t for t, _f in tests])

    def readings():
        for test, (_t, failing) in zip(made, tests, strict=True):
            for gas in thresholds:
                value = PASSING.get(gas.code, Decimal("0"))
                passed = True
                if failing and gas.code == "H2S":
                    value, passed = Decimal("15"), False
                yield (test.pk, gas.pk, "middle", value, gas.unit, value, "", passed, False)

    city.bulk(
        GasReading,
        readings(),
        fields=(
            "test_id",
            "gas_id",
            "depth",
            "value",
            "unit",
            "converted_value",
            "conversion",
            "passed",
            "warning",
        ),
    )
