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


def busy_inspection_in(world, region=None):
    """An inspection with every nested row a list reads: items (one failed, its hazard), two
    inspectors, a campaign."""
    from anjian.hazards.testing import make_hazard

    region = region or world.regions["village"]
    enterprise = world.enterprise_for(region)
    inspection = make_inspection(
        enterprise, kind="campaign", campaign=campaign_in(world, world.regions["district"])
    )
    inspection.inspectors.set([world.users["subdistrict_officer"], world.users["grid_worker"]])
    item = inspection.items.first()
    item.result = "not_ok"
    item.hazard = make_hazard(enterprise)
    item.save()
    return inspection
