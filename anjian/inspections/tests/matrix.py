"""Inspections, their items, campaigns, checklist templates and legal bases in the access matrix,
the expectations per role written out by hand: inspectors (district bureau, sub-district, grid,
service agency) plan and walk inspections in their reach; an enterprise reads its own; campaigns
are the district's to run and reach down to the sub-districts and villages below; reference
tables are whole for every reader and kept by administrators."""

import datetime
from itertools import count

from anjian.accounts import roles
from anjian.core.testing.matrix import MatrixCase, register
from anjian.inspections.models import (
    Campaign,
    ChecklistTemplate,
    Inspection,
    InspectionItem,
    LegalBasis,
)
from anjian.inspections.testing import campaign_in, inspection_in, item_in, template

_seq = count(800)
READ = {"view"}
EDIT = {"view", "add", "change"}
ALL = {"view", "add", "change", "delete"}
TODAY = datetime.date.today().isoformat()
MOVES = {"start", "complete", "cancel"}

_READERS = {roles.COMMITTEE: READ, roles.LEADER: READ, roles.AUDITOR: READ}
_NONE = {roles.DEPARTMENT: set(), roles.EXPERT: set()}


def _status(obj, status, **extra):
    Inspection._base_manager.filter(pk=obj.pk).update(status=status, **extra)
    obj.refresh_from_db()


def _ready_to_complete(obj):
    _status(obj, "in_progress", inspected_on=datetime.date.today())
    obj.items.update(result="ok")


def _new_inspection(world, region):
    return {
        "kind": "routine",
        "enterprise": world.enterprise_for(region).pk,
        "template": template().pk,
        "planned_on": TODAY,
        "inspector_names": f"矩阵检查{next(_seq)}",
    }


def _inspection_change(obj):
    return {
        "kind": obj.kind,
        "planned_on": obj.planned_on.isoformat(),
        "inspector_names": obj.inspector_names,
        "findings": "改",
    }


INSPECTION = register(
    MatrixCase(
        model=Inspection,
        make=inspection_in,
        form_data=_new_inspection,
        api_data=_new_inspection,
        change_data=_inspection_change,
        api_change=lambda obj: {"findings": "改"},
        changed=lambda obj: obj.findings == "改",
        created=lambda data: Inspection.objects.filter(
            inspector_names=data["inspector_names"]
        ).exists(),
        api_basename="inspection",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL | MOVES,
            roles.REGULATOR: EDIT | MOVES,
            roles.SUBDISTRICT_OFFICER: EDIT | MOVES,
            roles.GRID_WORKER: EDIT | MOVES,
            roles.SERVICE_INSPECTOR: EDIT | MOVES,
            roles.ENTERPRISE_MANAGER: READ,
            **_READERS,
            **_NONE,
        },
        transitions={
            "start": (lambda obj: None, lambda obj: obj.status == "in_progress"),
            "complete": (_ready_to_complete, lambda obj: obj.status == "completed"),
        },
    )
)

ITEM = register(
    MatrixCase(
        model=InspectionItem,
        make=lambda world, region: _walking_item(world, region),
        form_data=lambda world, region: {},
        api_data=lambda world, region: {"note": f"矩阵{next(_seq)}"},
        change_data=lambda obj: {},
        api_change=lambda obj: {"note": "改", "result": "ok"},
        changed=lambda obj: obj.note == "改",
        created=lambda data: InspectionItem.objects.filter(note=data.get("note", "-")).exists(),
        api_basename="inspectionitem",
        unrestricted_roles={roles.ADMIN},
        pages=False,
        expect={
            roles.ADMIN: {"view", "change"},
            roles.REGULATOR: {"view", "change"},
            roles.SUBDISTRICT_OFFICER: {"view", "change"},
            roles.GRID_WORKER: {"view", "change"},
            roles.SERVICE_INSPECTOR: {"view", "change"},
            roles.ENTERPRISE_MANAGER: READ,
            **_READERS,
            **_NONE,
        },
    )
)


def _walking_item(world, region):
    item = item_in(world, region)
    _status(item.inspection, "in_progress", inspected_on=datetime.date.today())
    item.refresh_from_db()
    return item


def _new_campaign(world, region):
    return {
        "name": f"矩阵专项{next(_seq)}",
        "region": region.pk,
        "starts_on": TODAY,
        "ends_on": TODAY,
        "template": template().pk,
    }


CAMPAIGN = register(
    MatrixCase(
        model=Campaign,
        make=campaign_in,
        form_data=_new_campaign,
        api_data=_new_campaign,
        change_data=lambda obj: {
            "name": obj.name,
            "region": obj.region_id,
            "starts_on": obj.starts_on.isoformat(),
            "ends_on": obj.ends_on.isoformat(),
            "template": obj.template_id,
            "topic": "改",
        },
        api_change=lambda obj: {"topic": "改"},
        changed=lambda obj: obj.topic == "改",
        created=lambda data: Campaign.objects.filter(name=data["name"]).exists(),
        api_basename="campaign",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL,
            roles.REGULATOR: EDIT,
            roles.SUBDISTRICT_OFFICER: READ,
            roles.GRID_WORKER: READ,
            roles.SERVICE_INSPECTOR: set(),
            roles.ENTERPRISE_MANAGER: set(),
            **_READERS,
            **_NONE,
        },
    )
)

_REFERENCE_READERS = {
    roles.REGULATOR: READ,
    roles.SUBDISTRICT_OFFICER: READ,
    roles.GRID_WORKER: READ,
    roles.SERVICE_INSPECTOR: READ,
    roles.ENTERPRISE_MANAGER: READ,
    **_READERS,
    **_NONE,
}
_EVERYONE = {
    roles.ADMIN,
    roles.REGULATOR,
    roles.SUBDISTRICT_OFFICER,
    roles.GRID_WORKER,
    roles.SERVICE_INSPECTOR,
    roles.ENTERPRISE_MANAGER,
    roles.COMMITTEE,
    roles.LEADER,
    roles.AUDITOR,
    roles.DEPARTMENT,
    roles.EXPERT,
}


def _new_basis(world, region):
    return {
        "law": "矩阵法",
        "article": str(next(_seq)),
        "clause": "",
        "summary": "矩阵条款",
        "party": "enterprise",
        "order": 0,
    }


BASIS = register(
    MatrixCase(
        model=LegalBasis,
        make=lambda world, region: LegalBasis.objects.create(
            law="矩阵法", article=str(next(_seq)), summary="矩阵条款"
        ),
        form_data=_new_basis,
        api_data=_new_basis,
        change_data=lambda obj: {
            "law": obj.law,
            "article": obj.article,
            "clause": obj.clause,
            "summary": "改",
            "party": obj.party,
            "order": obj.order,
        },
        api_change=lambda obj: {"summary": "改"},
        changed=lambda obj: obj.summary == "改",
        created=lambda data: LegalBasis.objects.filter(
            law=data["law"], article=data["article"]
        ).exists(),
        api_basename="legalbasis",
        unrestricted_roles=_EVERYONE,
        expect={roles.ADMIN: ALL, **_REFERENCE_READERS},
    )
)


def _new_template(world, region):
    return {
        "code": f"matrix-{next(_seq)}",
        "name": "矩阵检查表",
        "kind": "other",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-text": "矩阵检查项",
        "items-0-order": "1",
    }


TEMPLATE = register(
    MatrixCase(
        model=ChecklistTemplate,
        make=lambda world, region: ChecklistTemplate.objects.create(
            code=f"matrix-{next(_seq)}", name="矩阵检查表"
        ),
        form_data=_new_template,
        api_data=_new_template,
        change_data=lambda obj: {
            "name": "改",
            "kind": obj.kind,
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
        api_change=lambda obj: {"name": "改"},
        changed=lambda obj: obj.name == "改",
        created=lambda data: ChecklistTemplate.objects.filter(code=data["code"]).exists(),
        api_basename="checklisttemplate",
        unrestricted_roles=_EVERYONE,
        expect={roles.ADMIN: ALL, **_REFERENCE_READERS},
    )
)
