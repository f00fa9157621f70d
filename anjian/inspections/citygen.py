"""The synthetic city's inspections (see ``anjian.core.citygen``): cheap on purpose.

About one enterprise in twenty had a routine inspection completed in the last year (every item of
the self-check sheet compliant or not applicable, so no hazard is owed), and one in fifty has one
planned, a third of those already past their day. Regions are copied from the enterprise as
``save()`` would; a completed inspection moves its enterprise's last inspection date forward as
``services.record_last_inspection`` does (never back).
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from anjian.core import citygen
from anjian.inspections.choices import InspectionKind, InspectionStatus, ItemResult
from anjian.inspections.models import ChecklistTemplate, Inspection, InspectionItem

SHARE_COMPLETED = 0.05
SHARE_PLANNED = 0.02


@citygen.register_generator("inspections", order=80)
def generate_inspections(city):
    from anjian.enterprises.models import Enterprise

    rng = city.rng
    today = timezone.localdate()
    template = ChecklistTemplate._base_manager.filter(code="self-check", is_current=True).first()
    if template is None:
        return
    lines = list(template.items.values_list("pk", "order"))
    now = timezone.now()
    rows, last = [], {}
    for enterprise_id, region_id in city.enterprises:
        draw = rng.random()
        if draw < SHARE_COMPLETED:
            day = today - datetime.timedelta(days=rng.randrange(1, 365))
            rows.append(
                Inspection(
                    enterprise_id=enterprise_id,
                    region_id=region_id,
                    template_id=template.pk,
                    kind=InspectionKind.ROUTINE,
                    planned_on=day,
                    inspected_on=day,
                    inspector_names="网格员",
                    status=InspectionStatus.COMPLETED,
                    started_at=now,
                    completed_at=now,
                )
            )
            last.setdefault(day, []).append(enterprise_id)
        elif draw < SHARE_COMPLETED + SHARE_PLANNED:
            rows.append(
                Inspection(
                    enterprise_id=enterprise_id,
                    region_id=region_id,
                    template_id=template.pk,
                    kind=InspectionKind.ROUTINE,
                    planned_on=today + datetime.timedelta(days=rng.randrange(-30, 60)),
                    status=InspectionStatus.PLANNED,
                )
            )
    inspections = city.bulk(Inspection, rows)
    items = []
    for inspection in inspections:
        done = inspection.status == InspectionStatus.COMPLETED
        for pk, order in lines:
            result = ItemResult.PENDING
            if done:
                result = ItemResult.OK if rng.random() < 0.9 else ItemResult.NOT_APPLICABLE
            items.append((inspection.pk, pk, order, result, "", ""))
    city.bulk(
        InspectionItem,
        items,
        fields=["inspection_id", "checklist_item_id", "order", "result", "note", "photo"],
        label=str(InspectionItem._meta.verbose_name_plural),
    )
    for day, ids in last.items():
        for start in range(0, len(ids), 500):
            Enterprise._base_manager.filter(pk__in=ids[start : start + 500]).filter(
                Q(last_inspected_on__isnull=True) | Q(last_inspected_on__lt=day)
            ).update(last_inspected_on=day)
