"""Verb-named services of inspections: plan, start, record an item, raise a failed item's hazard,
complete, cancel; save a checklist template (a new version once used); a campaign's tasks and
progress. Pages, the API, the demo and the city generator call these."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _g

from anjian.core import audit
from anjian.core.workflow import TransitionRefused, perform
from anjian.inspections import rules
from anjian.inspections.choices import InspectionKind, InspectionStatus, ItemResult

# The enterprises --------------------------------------------------------------------------------


def record_last_inspection(enterprise_id, day) -> int:
    """Move the enterprise's last inspection date to ``day`` unless it is already that day or
    later (an older inspection completed late does not move it back). Returns rows changed."""
    from anjian.enterprises.models import Enterprise

    if day is None:
        return 0
    return (
        Enterprise.objects.filter(pk=enterprise_id)
        .filter(Q(last_inspected_on__isnull=True) | Q(last_inspected_on__lt=day))
        .update(last_inspected_on=day)
    )


# Inspections ------------------------------------------------------------------------------------


def fill_items(inspection) -> int:
    """Give the inspection one item per line of its checklist version (missing ones only)."""
    from anjian.inspections.models import InspectionItem

    have = set(inspection.items.values_list("checklist_item_id", flat=True))
    rows = [
        InspectionItem(inspection=inspection, checklist_item=line, order=line.order)
        for line in inspection.template.items.all()
        if line.pk not in have
    ]
    InspectionItem.objects.bulk_create(rows)
    return len(rows)


def plan_inspection(enterprise, *, actor, template, kind, planned_on, request=None, **fields):
    """Plan an inspection of ``enterprise`` walking ``template`` and return it (status planned),
    its items created. ``fields``: permit, campaign, follow_up_of, inspector_names, rectify_by,
    inspectors (users). Raises ValidationError on bad input."""
    from anjian.inspections.models import Inspection

    inspectors = fields.pop("inspectors", ())
    inspection = Inspection(
        enterprise=enterprise, template=template, kind=kind, planned_on=planned_on, **fields
    )
    with transaction.atomic():
        inspection.full_clean()
        inspection.save()
        if inspectors:
            inspection.inspectors.set(inspectors)
        fill_items(inspection)
        audit.record("inspections.inspection.planned", actor=actor, obj=inspection, request=request)
    return inspection


def start_inspection(inspection, *, actor, request=None):
    return perform(inspection, "start", actor=actor, request=request)


def complete_inspection(inspection, *, actor, request=None):
    """Complete it; the enterprise's last inspection date follows (``workflows._completed``)."""
    return perform(inspection, "complete", actor=actor, request=request)


def cancel_inspection(inspection, *, actor, reason, request=None):
    return perform(inspection, "cancel", actor=actor, reason=reason, request=request)


def record_item(item, *, actor, result=None, note=None, photo=None, request=None):
    """Record one item's result, note and photo while the inspection is in progress."""
    refusal = rules.guard_item_editable(item.inspection)
    if refusal:
        raise ValidationError(refusal)
    if result is not None:
        if result not in ItemResult.values:
            raise ValidationError({"result": _g("Choose a valid result.")})
        item.result = result
    if note is not None:
        item.note = note.strip()
    if photo is not None:
        item.photo = photo
    item.full_clean()
    item.save()
    return item


@dataclass
class RaisedHazard:
    hazard: object
    created: bool


def raise_hazard(
    item, *, actor, description: str = "", deadline=None, request=None
) -> RaisedHazard:
    """A failed item becomes a hazard of the inspected enterprise in one step, carrying the item's
    legal basis, the permit's confined space and the inspection's deadline; the item keeps it.
    Idempotent: an item that already raised its hazard returns that one (``created`` False)."""
    from anjian.hazards.choices import HazardSource
    from anjian.hazards.services import report_hazard
    from anjian.inspections.models import InspectionItem

    with transaction.atomic():
        item = (
            InspectionItem.objects.select_for_update(of=("self",))
            .select_related(
                "inspection__enterprise",
                "inspection__permit__space",
                "checklist_item__legal_basis",
            )
            .get(pk=item.pk)
        )
        if item.hazard_id:
            return RaisedHazard(item.hazard, False)
        inspection = item.inspection
        if inspection.status != InspectionStatus.IN_PROGRESS:
            raise ValidationError(_g("Hazards are raised while the inspection is in progress."))
        if item.result != ItemResult.NOT_OK:
            raise ValidationError(_g("Only a failed item raises a hazard."))
        line = item.checklist_item
        basis = line.legal_basis
        legal = ""
        if basis is not None:
            legal = f"{basis}：{basis.summary}"
            if line.penalty_text:
                legal += f"（{line.penalty_text}）"
        permit = inspection.permit
        text = (description or "").strip() or (item.note or "").strip() or line.text
        source = (
            HazardSource.SPOT_CHECK
            if inspection.kind
            in (InspectionKind.PERMIT_SPOT_CHECK, InspectionKind.EVALUATION_SPOT_CHECK)
            else HazardSource.INSPECTION
        )
        hazard = report_hazard(
            inspection.enterprise,
            actor=actor,
            description=text,
            source=source,
            found_on=inspection.inspected_on,
            category=line.hazard_category or None,
            space=permit.space if permit is not None else None,
            permit=permit,
            legal_basis=legal,
            deadline=deadline or rules.deadline_for(inspection),
            found_by_name=inspection.inspector_names,
            photos=_photo_copy(item),
            request=request,
        )
        item.hazard = hazard
        item.save(update_fields=["hazard"])
        audit.record(
            "inspections.inspectionitem.hazard_raised",
            actor=actor,
            obj=inspection,
            request=request,
            detail={"item": item.pk, "hazard": hazard.pk},
        )
    return RaisedHazard(hazard, True)


def _photo_copy(item) -> list:
    """The item's photo as the hazard's evidence (a copy: each record owns its file)."""
    import os

    from django.core.files.base import ContentFile

    if not item.photo:
        return []
    with item.photo.open("rb") as handle:
        return [ContentFile(handle.read(), name=os.path.basename(item.photo.name))]


def link_hazard(item, hazard) -> None:
    """Tie an item to a hazard recorded before (the demo world's); same enterprise only."""
    if hazard.enterprise_id != item.inspection.enterprise_id:
        raise ValidationError(_g("The hazard belongs to another enterprise."))
    item.hazard = hazard
    item.result = ItemResult.NOT_OK
    item.save(update_fields=["hazard", "result"])


def item_counts(inspection) -> dict:
    """How many items of each result (one grouped query)."""
    counts = dict.fromkeys(ItemResult.values, 0)
    for row in inspection.items.values("result").annotate(n=Count("id")).order_by():
        counts[row["result"]] = row["n"]
    return counts


# Checklist templates ----------------------------------------------------------------------------


def save_template(template, *, actor, fields: dict, items: list[dict], request=None):
    """Save an edit of a checklist: in place while no inspection walked it, else as the next
    version (the old one stays for its inspections and is no longer current). ``items`` are the
    lines as they should read (dicts of section, order, text, legal_basis, penalty_text,
    hazard_category; an ``id`` names the line edited in place). Returns the template saved."""
    from anjian.inspections.models import ChecklistItem, ChecklistTemplate

    with transaction.atomic():
        locked = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
        if not locked.is_current:
            raise ValidationError(_g("Only the current version of a checklist can be edited."))
        if locked.inspections.exists():
            locked.is_current = False
            locked.save(update_fields=["is_current"])
            target = ChecklistTemplate(
                code=locked.code,
                version=locked.version + 1,
                is_current=True,
                name=locked.name,
                kind=locked.kind,
                description=locked.description,
                active=locked.active,
                notes=locked.notes,
            )
            keep = set()
            audit_code = "inspections.checklisttemplate.new_version"
        else:
            target = locked
            keep = {row["id"] for row in items if row.get("id")}
            audit_code = "inspections.checklisttemplate.edited"
        for name, value in fields.items():
            setattr(target, name, value)
        target.full_clean()
        target.save()
        if target.pk == locked.pk:
            target.items.exclude(pk__in=keep).delete()
        for row in items:
            values = {k: row.get(k) for k in _ITEM_FIELDS if k in row}
            values.setdefault("penalty_text", "")
            values["penalty_text"] = values["penalty_text"] or ""
            values["hazard_category"] = values.get("hazard_category") or ""
            values["section"] = values.get("section") or ""
            if target.pk == locked.pk and row.get("id"):
                ChecklistItem.objects.filter(pk=row["id"], template=target).update(**values)
            else:
                line = ChecklistItem(template=target, **values)
                line.full_clean()
                line.save()
        audit.record(
            audit_code,
            actor=actor,
            obj=target,
            request=request,
            detail={"version": target.version},
        )
    return target


_ITEM_FIELDS = ("section", "order", "text", "legal_basis", "penalty_text", "hazard_category")


# Campaigns --------------------------------------------------------------------------------------


def campaign_enterprises(campaign):
    """The enterprises a campaign covers: open ones in its region, of its industries and grades,
    with a confined space on the ledger when it says so."""
    from anjian.enterprises.choices import EnterpriseStatus
    from anjian.enterprises.models import Enterprise
    from anjian.regions.models import Region

    subtree = Region.objects.filter(path__startswith=campaign.region.path).values("pk")
    qs = Enterprise.objects.filter(region__in=subtree)
    qs = qs.exclude(status=EnterpriseStatus.CLOSED)
    industry_ids = list(campaign.industries.values_list("pk", flat=True))
    if industry_ids:
        qs = qs.filter(industry_id__in=industry_ids)
    if campaign.grades:
        qs = qs.filter(risk_grade__in=campaign.grades)
    if campaign.with_confined_spaces:
        from anjian.spaces.models import ConfinedSpace

        qs = qs.filter(Exists(ConfinedSpace.objects.filter(enterprise=OuterRef("pk"))))
    return qs


def create_tasks(campaign, *, actor, planned_on: datetime.date | None = None, request=None) -> int:
    """Plan one campaign inspection per enterprise in scope that has none yet; returns how many
    were created (0 the second time). One bulk insert of inspections and one of their items."""
    from anjian.inspections.models import Inspection, InspectionItem

    planned_on = planned_on or max(campaign.starts_on, timezone.localdate())
    planned_on = min(planned_on, campaign.ends_on)
    lines = list(campaign.template.items.all())
    if not lines:
        raise ValidationError(_g("The campaign's checklist has no items."))
    if not campaign.template.is_current:
        raise ValidationError(_g("The campaign's checklist has a newer version; choose it first."))
    with transaction.atomic():
        taken = Inspection.objects.filter(campaign=campaign).values("enterprise_id")
        targets = list(
            campaign_enterprises(campaign).exclude(pk__in=taken).values_list("pk", "region_id")
        )
        rows = [
            Inspection(
                enterprise_id=pk,
                region_id=region_id,
                template=campaign.template,
                kind=InspectionKind.CAMPAIGN,
                campaign=campaign,
                planned_on=planned_on,
                status=InspectionStatus.PLANNED,
            )
            for pk, region_id in targets
        ]
        try:
            created = Inspection.objects.bulk_create(rows)
        except IntegrityError as error:  # a second click at the same moment
            raise ValidationError(_g("The tasks are being created already.")) from error
        if created and created[0].pk is None:
            created = list(
                Inspection.objects.filter(
                    campaign=campaign, enterprise_id__in=[pk for pk, _ in targets]
                )
            )
        InspectionItem.objects.bulk_create(
            InspectionItem(inspection=inspection, checklist_item=line, order=line.order)
            for inspection in created
            for line in lines
        )
        audit.record(
            "inspections.campaign.tasks_created",
            actor=actor,
            obj=campaign,
            request=request,
            detail={"created": len(created)},
        )
    return len(created)


@dataclass
class Progress:
    total: int
    completed: int
    in_progress: int
    planned: int
    hazards_found: int
    hazards_closed: int

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


def campaign_progress(campaign) -> Progress:
    """Inspected of total and hazards found and fixed, for one campaign: two grouped queries over
    its own inspections (indexed by campaign), never a count of a whole table."""
    from anjian.hazards.choices import HazardStatus
    from anjian.inspections.models import InspectionItem

    by_status = dict(
        campaign.inspections.exclude(status=InspectionStatus.CANCELLED)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    hazards = dict(
        InspectionItem.objects.filter(inspection__campaign=campaign, hazard__isnull=False)
        .values_list("hazard__status")
        .annotate(n=Count("hazard_id", distinct=True))
        .order_by()
    )
    return Progress(
        total=sum(by_status.values()),
        completed=by_status.get(InspectionStatus.COMPLETED, 0),
        in_progress=by_status.get(InspectionStatus.IN_PROGRESS, 0),
        planned=by_status.get(InspectionStatus.PLANNED, 0),
        hazards_found=sum(hazards.values()),
        hazards_closed=hazards.get(HazardStatus.CLOSED, 0),
    )


__all__ = [
    "TransitionRefused",
    "campaign_enterprises",
    "campaign_progress",
    "cancel_inspection",
    "complete_inspection",
    "create_tasks",
    "item_counts",
    "link_hazard",
    "plan_inspection",
    "raise_hazard",
    "record_item",
    "record_last_inspection",
    "save_template",
    "start_inspection",
]
