"""The synthetic city's hazards (see ``anjian.core.citygen``): cheap, bulk inserts only.

About one enterprise in four has 1–3 hazards found in the last year, from every source; a share
self-reported, some major (a criterion ticked), in every state of the loop, some overdue. Numbers
are drawn per year as ``save()`` would (YH-<year>-<n>); the region is copied from the enterprise;
nothing is escalated (the generator writes the grades the city starts with).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from anjian.core import citygen
from anjian.hazards.choices import HazardCategory, HazardLevel, HazardSource, HazardStatus
from anjian.hazards.models import Hazard, MajorHazardCriterion

SHARE_WITH_HAZARDS = 0.25
MAJOR_SHARE = 0.05
DESCRIPTIONS = [
    ("有限空间未设置安全警示标志", HazardCategory.CONFINED_SPACE),
    ("有限空间隔离设施不能有效阻止人员进入", HazardCategory.CONFINED_SPACE),
    ("气体检测仪超过检定有效期", HazardCategory.EQUIPMENT),
    ("配电箱未上锁，线路老化", HazardCategory.ELECTRICAL),
    ("消防通道堆放杂物", HazardCategory.FIRE),
    ("危险化学品未分类存放", HazardCategory.CHEMICALS),
    ("车间地面油污未清理", HazardCategory.WORKPLACE),
    ("安全生产责任制未更新", HazardCategory.MANAGEMENT),
]
SOURCES = [
    HazardSource.SELF_CHECK,
    HazardSource.SELF_CHECK,
    HazardSource.INSPECTION,
    HazardSource.INSPECTION,
    HazardSource.SPOT_CHECK,
]
STATES = [
    HazardStatus.REPORTED,
    HazardStatus.RECTIFYING,
    HazardStatus.RECTIFYING,
    HazardStatus.SUBMITTED,
    HazardStatus.SENT_BACK,
    HazardStatus.CLOSED,
    HazardStatus.CLOSED,
    HazardStatus.CLOSED,
]


@citygen.register_generator("hazards", order=60)
def generate_hazards(city):
    rng = city.rng
    today = timezone.localdate()
    now = timezone.now()
    counters: dict[int, int] = {}
    rows, majors = [], []
    for enterprise_id, region_id in city.enterprises:
        if rng.random() >= SHARE_WITH_HAZARDS:
            continue
        for _ in range(rng.randrange(1, 4)):
            found = today - datetime.timedelta(days=rng.randrange(365))
            counters[found.year] = counters.get(found.year, 0) + 1
            description, category = rng.choice(DESCRIPTIONS)
            source = rng.choice(SOURCES)
            status = rng.choice(STATES)
            planned = status != HazardStatus.REPORTED
            deadline = found + datetime.timedelta(days=rng.randrange(7, 60)) if planned else None
            major = rng.random() < MAJOR_SHARE
            rows.append(
                Hazard(
                    number=f"YH-{found.year}-{counters[found.year]:05d}",
                    enterprise_id=enterprise_id,
                    region_id=region_id,
                    description=description,
                    category=category,
                    source=source,
                    found_on=found,
                    found_by_name="企业安全员" if source == HazardSource.SELF_CHECK else "检查人员",
                    self_reported=source == HazardSource.SELF_CHECK,
                    level=HazardLevel.MAJOR if major else HazardLevel.GENERAL,
                    measures="按要求整改" if planned else "",
                    responsible_name="安全主任" if planned else "",
                    deadline=deadline,
                    status=status,
                    submitted_at=now if status in (HazardStatus.SUBMITTED,) else None,
                    closed_at=now if status == HazardStatus.CLOSED else None,
                    verification_round=1 if status in (HazardStatus.SUBMITTED,) else 0,
                )
            )
            majors.append(major)
    rows = city.bulk(Hazard, rows)
    criterion = MajorHazardCriterion._base_manager.filter(code="13-1").first()
    if criterion is not None:
        through = Hazard.criteria.through
        links = [
            through(hazard_id=hazard.pk, majorhazardcriterion_id=criterion.pk)
            for hazard, major in zip(rows, majors, strict=True)
            if major
        ]
        city.bulk(through, links, label="hazard criteria")
