"""Factories of inspections, items and campaigns for tests; records are placed through the
enterprises world's ``world.enterprise_for(region)``."""

from __future__ import annotations

import datetime
import itertools

from anjian.inspections import services
from anjian.inspections.models import Campaign, ChecklistTemplate, Inspection

_seq = itertools.count(1)


def template(code="confined-space") -> ChecklistTemplate:
    return ChecklistTemplate.objects.get(code=code, is_current=True)


def make_inspection(enterprise, **kwargs) -> Inspection:
    values = {
        "kind": "routine",
        "template": template(kwargs.pop("code", "confined-space")),
        "planned_on": datetime.date.today(),
        "inspector_names": f"检查员{next(_seq)}",
        **kwargs,
    }
    inspection = Inspection.objects.create(enterprise=enterprise, **values)
    services.fill_items(inspection)
    return inspection


def inspection_in(world, region, **kwargs) -> Inspection:
    return make_inspection(world.enterprise_for(region), **kwargs)


def item_in(world, region):
    return inspection_in(world, region).items.first()


def campaign_in(world, region, **kwargs) -> Campaign:
    today = datetime.date.today()
    values = {
        "name": f"测试专项行动{next(_seq)}",
        "starts_on": today,
        "ends_on": today + datetime.timedelta(days=60),
        "template": template(),
        **kwargs,
    }
    return Campaign.objects.create(region=region, **values)
