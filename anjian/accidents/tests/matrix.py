"""Accidents and their parts in the access matrix, the expectations per role written out by hand:
the district bureau and the committee office record everything; leaders and auditors read; a
department reads only the accidents with a recommendation assigned to its organisation (the
accident case is made with one) and sees and reports progress on only what is assigned to it, and
reads and reports on the accountability items its organisation executes (the item case is made
executed by the persona's organisation inside), adding their criminal steps and evidence; an
enterprise reads its accidents and investigations and reports progress on what is assigned to it;
the level thresholds are the administrators'."""

from itertools import count, cycle

from anjian.accidents import testing as t
from anjian.accidents.models import (
    Accident,
    AccidentLevelThreshold,
    AccountabilityEvidence,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Investigation,
    Recommendation,
    RecommendationAssignment,
)
from anjian.accounts import roles
from anjian.core.testing.matrix import MatrixCase, register

_seq = count(900)
READ = {"view"}
REPORT = {"view", "change"}  # the executing organisation: the outcome fields only
EDIT = {"view", "add", "change"}
ALL = {"view", "add", "change", "delete"}
NONE = set()

_OTHERS = {
    roles.SUBDISTRICT_OFFICER: NONE,
    roles.GRID_WORKER: NONE,
    roles.SERVICE_INSPECTOR: NONE,
    roles.EXPERT: NONE,
}
_RECORDERS = {roles.ADMIN: ALL, roles.REGULATOR: ALL, roles.COMMITTEE: ALL}
_READERS = {roles.LEADER: READ, roles.AUDITOR: READ}


def _expect(department=NONE, enterprise=NONE):
    return {
        **_RECORDERS,
        **_READERS,
        **_OTHERS,
        roles.DEPARTMENT: department,
        roles.ENTERPRISE_MANAGER: enterprise,
    }


def _notes_case(model, make, form_data, api_data, basename, expect, fields, **kwargs):
    """A case whose change is its notes (or another text field named in ``kwargs``)."""
    text = kwargs.pop("text_field", "notes")
    unrestricted = kwargs.pop("unrestricted_roles", {roles.ADMIN})

    def change_data(obj):
        data = fields(obj)
        data[text] = "改"
        return data

    return register(
        MatrixCase(
            model=model,
            make=make,
            form_data=form_data,
            api_data=api_data,
            change_data=change_data,
            api_change=lambda obj: {text: "改"},
            changed=lambda obj: getattr(obj, text) == "改",
            created=kwargs.pop("created"),
            api_basename=basename,
            unrestricted_roles=unrestricted,
            expect=expect,
            **kwargs,
        )
    )


# --- accident -------------------------------------------------------------------------------------
def _new_accident(world, region, api=False):
    return {
        "name": f"矩阵事故{next(_seq)}",
        "occurred_at": "2024-03-05T14:45:00+08:00" if api else "2024-03-05T14:45",
        "place": "好氧池",
        "enterprise": world.enterprise_for(region).pk,
        "kind": "poisoning",
        "deaths": 1,
        "serious_injuries": 0,
        "injuries": 1,
        "direct_loss": "2425000",
    }


def _accident_fields(obj):
    return {
        "name": obj.name,
        "occurred_at": obj.occurred_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        "place": obj.place,
        "enterprise": obj.enterprise_id,
        "kind": obj.kind,
        "deaths": obj.deaths,
        "serious_injuries": obj.serious_injuries,
        "injuries": obj.injuries,
        "direct_loss": str(obj.direct_loss),
        "notes": obj.notes,
    }


ACCIDENT = _notes_case(
    Accident,
    t.assigned_accident_in,
    _new_accident,
    lambda world, region: _new_accident(world, region, api=True),
    "accident",
    _expect(department=READ, enterprise=READ),
    _accident_fields,
    created=lambda data: Accident.objects.filter(name=data["name"]).exists(),
)


# --- investigation --------------------------------------------------------------------------------
def _new_investigation(world, region):
    return {"accident": t.bare_accident_in(world, region).pk, "approved_by": "江海区人民政府"}


INVESTIGATION = _notes_case(
    Investigation,
    t.investigation_in,
    _new_investigation,
    _new_investigation,
    "investigation",
    _expect(enterprise=READ),
    lambda obj: {"accident": obj.accident_id, "approved_by": obj.approved_by, "notes": obj.notes},
    created=lambda data: Investigation.objects.filter(accident_id=data["accident"]).exists(),
)


# --- accountability -------------------------------------------------------------------------------
def _new_item(world, region):
    return {
        "accident": t.accident_in(world, region).pk,
        "order": 1,
        "subject_kind": "person",
        "person_name": f"矩阵责任人{next(_seq)}",
        "political_status": "masses",
        "track": "criminal",
        "status": "pending",
    }


ITEM = _notes_case(
    AccountabilityItem,
    t.item_in,
    _new_item,
    _new_item,
    "accountabilityitem",
    _expect(department=REPORT),
    lambda obj: {
        "accident": obj.accident_id,
        "order": obj.order,
        "subject_kind": obj.subject_kind,
        "person_name": obj.person_name,
        "track": obj.track,
        "status": obj.status,
        "notes": obj.notes,
    },
    created=lambda data: AccountabilityItem.objects.filter(
        person_name=data["person_name"]
    ).exists(),
)


def _new_step(world, region):
    return {
        "item": t.item_in(world, region).pk,
        "step": "case_filed",
        "on": "2023-04-06",
        "document_number": f"矩阵文号{next(_seq)}",
    }


STEP = _notes_case(
    CriminalStep,
    t.step_in,
    _new_step,
    _new_step,
    "criminalstep",
    _expect(department=EDIT),
    lambda obj: {
        "item": obj.item_id,
        "step": obj.step,
        "on": obj.on.isoformat(),
        "measure": obj.measure,
        "document_number": obj.document_number,
        "body": obj.body,
    },
    text_field="body",
    created=lambda data: CriminalStep.objects.filter(
        document_number=data["document_number"]
    ).exists(),
)


def _new_evidence(world, region):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        "item": t.item_in(world, region).pk,
        "caption": f"矩阵证据{next(_seq)}",
        "file": SimpleUploadedFile("evidence.pdf", t.PDF, content_type="application/pdf"),
    }


EVIDENCE = _notes_case(
    AccountabilityEvidence,
    t.evidence_in,
    _new_evidence,
    _new_evidence,
    "accountabilityevidence",
    _expect(department=EDIT),
    lambda obj: {"item": obj.item_id, "caption": obj.caption},
    text_field="caption",
    api_format="multipart",
    created=lambda data: AccountabilityEvidence.objects.filter(caption=data["caption"]).exists(),
)


# --- recommendations ------------------------------------------------------------------------------
def _new_recommendation(world, region):
    return {
        "accident": t.accident_in(world, region).pk,
        "number": next(_seq),
        "text": f"矩阵建议{next(_seq)}",
    }


RECOMMENDATION = _notes_case(
    Recommendation,
    t.recommendation_in,
    _new_recommendation,
    _new_recommendation,
    "recommendation",
    _expect(department=READ, enterprise=READ),
    lambda obj: {"accident": obj.accident_id, "number": obj.number, "text": obj.text},
    text_field="text",
    created=lambda data: Recommendation.objects.filter(text=data["text"]).exists(),
)


def _new_assignment(world, region):
    recommendation = Recommendation.objects.create(
        accident=t.accident_in(world, region), number=next(_seq), text="矩阵建议"
    )
    return {
        "recommendation": recommendation.pk,
        **{k: v.pk for k, v in t.body_for(world, region).items()},
    }


def _assignment_fields(obj):
    data = {"recommendation": obj.recommendation_id}
    if obj.organization_id:
        data["organization"] = obj.organization_id
    if obj.enterprise_id:
        data["enterprise"] = obj.enterprise_id
    return data


ASSIGNMENT = register(
    MatrixCase(
        model=RecommendationAssignment,
        make=t.assignment_in,
        form_data=_new_assignment,
        api_data=_new_assignment,
        # The change moves the assignment to another recommendation of the same accident.
        change_data=lambda obj: {**_assignment_fields(obj), "recommendation": _sibling(obj).pk},
        api_change=lambda obj: {"recommendation": _sibling(obj).pk},
        changed=lambda obj: obj.recommendation.text == "矩阵改",
        created=lambda data: RecommendationAssignment.objects.filter(
            recommendation_id=data["recommendation"]
        ).exists(),
        api_basename="recommendationassignment",
        unrestricted_roles={roles.ADMIN},
        expect=_expect(department=READ, enterprise=READ),
    )
)


def _sibling(obj):
    recommendation, _ = Recommendation.objects.get_or_create(
        accident_id=obj.recommendation.accident_id,
        text="矩阵改",
        defaults={"number": next(_seq)},
    )
    return recommendation


def _new_progress(world, region):
    return {
        "assignment": t.assignment_in(world, region).pk,
        "text": f"矩阵进展{next(_seq)}",
        "reported_on": "2024-05-01",
    }


PROGRESS = _notes_case(
    ImplementationProgress,
    t.progress_in,
    _new_progress,
    _new_progress,
    "implementationprogress",
    _expect(department=EDIT, enterprise=EDIT),
    lambda obj: {
        "assignment": obj.assignment_id,
        "text": obj.text,
        "reported_on": obj.reported_on.isoformat(),
    },
    text_field="text",
    created=lambda data: ImplementationProgress.objects.filter(text=data["text"]).exists(),
)


# --- thresholds -----------------------------------------------------------------------------------
_THRESHOLD_READERS = {
    roles.REGULATOR,
    roles.COMMITTEE,
    roles.LEADER,
    roles.AUDITOR,
    roles.DEPARTMENT,
    roles.ENTERPRISE_MANAGER,
}
_levels = cycle(["major", "extraordinary", "larger", "ordinary"])


def _threshold(world, region):
    level = next(_levels)
    AccidentLevelThreshold.objects.filter(level=level).delete()
    return AccidentLevelThreshold.objects.create(level=level, min_deaths=3)


def _new_threshold(world, region):
    level = next(_levels)
    AccidentLevelThreshold.objects.filter(level=level).delete()
    return {
        "level": level,
        "min_deaths": 3,
        "min_serious_injuries": 10,
        "min_direct_loss": str(10_000_000 + next(_seq)),
    }


THRESHOLD = _notes_case(
    AccidentLevelThreshold,
    _threshold,
    _new_threshold,
    _new_threshold,
    "accidentlevelthreshold",
    {
        roles.ADMIN: ALL,
        **{role: READ for role in _THRESHOLD_READERS},
        **_OTHERS,
    },
    lambda obj: {
        "level": obj.level,
        "min_deaths": obj.min_deaths,
        "min_serious_injuries": obj.min_serious_injuries,
        "min_direct_loss": str(obj.min_direct_loss),
        "notes": obj.notes,
    },
    unrestricted_roles=_THRESHOLD_READERS | {roles.ADMIN},
    created=lambda data: AccidentLevelThreshold.objects.filter(
        min_direct_loss=data["min_direct_loss"]
    ).exists(),
)
