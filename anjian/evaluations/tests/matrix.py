"""Evaluations and their parts in the access matrix, the expectations per role written out by
hand: the committee office runs, approves and publishes; the regulator works in the group; sub-district
officers, leaders and auditors read within their jurisdiction; experts and departments read only the
evaluations whose working group names them (``make`` draws the group from the bodies and experts of
the place, so "outside" is an evaluation they are not members of); the disclosure policy is a
reference table kept by administrators."""

import datetime
from itertools import count

from anjian.accounts import roles
from anjian.core.testing.matrix import MatrixCase, register
from anjian.evaluations.models import (
    DisclosurePolicy,
    Evaluation,
    Finding,
    ItemVerdict,
    RecommendationVerdict,
)
from anjian.evaluations.testing import (
    add_item,
    add_recommendation,
    committee_office,
    make_accident,
    make_evaluation,
)

_seq = count(900)
READ = {"view"}
EDIT = {"view", "add", "change"}
ALL = {"view", "add", "change", "delete"}
WORK = {"start", "draft", "send_back"}
MOVES = WORK | {"approve", "publish"}
_READERS = {
    roles.SUBDISTRICT_OFFICER: READ,
    roles.LEADER: READ,
    roles.AUDITOR: READ,
    roles.DEPARTMENT: READ,
    roles.EXPERT: READ,
}
_NONE = {roles.GRID_WORKER: set(), roles.SERVICE_INSPECTOR: set(), roles.ENTERPRISE_MANAGER: set()}


def _group(world, region):
    """The organisations and expert users of ``region`` or above it."""
    orgs = [o for o in world.organizations.values() if region.path.startswith(o.region.path)]
    experts = [
        u
        for u in world.users.values()
        if u.groups.filter(name=roles.EXPERT).exists()
        and u.home_region is not None
        and region.path.startswith(u.home_region.path)
    ]
    return orgs, experts


def evaluation_in(world, region, **kwargs):
    accident = make_accident(world.enterprise_for(region))
    evaluation = make_evaluation(accident, committee_office(accident), **kwargs)
    orgs, experts = _group(world, region)
    evaluation.members.set(orgs)
    evaluation.experts.set(experts)
    return evaluation


def _status(obj, status, **extra):
    Evaluation._base_manager.filter(pk=obj.pk).update(status=status, **extra)
    obj.refresh_from_db()


def _draftable(obj, status="in_progress"):
    _status(
        obj,
        status,
        methods=[{"code": "files", "text": "查阅资料"}],
        started_on=datetime.date.today(),
        ended_on=datetime.date.today(),
        conclusion="已落实。",
    )


def _new_evaluation(world, region):
    accident = make_accident(world.enterprise_for(region))
    return {
        "accident": accident.pk,
        "organizer": committee_office(accident).pk,
        "conclusion": f"矩阵评估{next(_seq)}",
    }


EVALUATION = register(
    MatrixCase(
        model=Evaluation,
        make=evaluation_in,
        form_data=_new_evaluation,
        api_data=_new_evaluation,
        change_data=lambda obj: {
            "accident": obj.accident_id,
            "organizer": obj.organizer_id,
            "conclusion": "改",
        },
        api_change=lambda obj: {"conclusion": "改"},
        changed=lambda obj: obj.conclusion == "改",
        created=lambda data: Evaluation.objects.filter(conclusion=data["conclusion"]).exists(),
        api_basename="evaluation",
        unrestricted_roles={roles.ADMIN},
        expect={
            roles.ADMIN: ALL | MOVES,
            roles.COMMITTEE: ALL | MOVES,
            roles.REGULATOR: EDIT | WORK,
            **_READERS,
            **_NONE,
        },
        transitions={
            "start": (lambda obj: None, lambda obj: obj.status == "in_progress"),
            "draft": (_draftable, lambda obj: obj.status == "drafted"),
            "send_back": (
                lambda obj: _draftable(obj, "drafted"),
                lambda obj: obj.status == "in_progress",
            ),
            "approve": (
                lambda obj: _draftable(obj, "drafted"),
                lambda obj: obj.status == "approved",
            ),
            "publish": (
                lambda obj: _draftable(obj, "approved"),
                lambda obj: obj.status == "published",
            ),
        },
    )
)

_PART = {
    roles.ADMIN: ALL,
    roles.COMMITTEE: ALL,
    roles.REGULATOR: EDIT,
    **_READERS,
    **_NONE,
}


def item_verdict_in(world, region):
    evaluation = evaluation_in(world, region)
    return ItemVerdict.objects.create(
        evaluation=evaluation, item=add_item(evaluation.accident), verdict="partly"
    )


def _new_item_verdict(world, region):
    evaluation = evaluation_in(world, region)
    item = add_item(evaluation.accident)
    return {"evaluation": evaluation.pk, "item": item.pk, "verdict": "implemented", "comment": ""}


ITEM_VERDICT = register(
    MatrixCase(
        model=ItemVerdict,
        make=item_verdict_in,
        form_data=_new_item_verdict,
        api_data=_new_item_verdict,
        change_data=lambda obj: {
            "evaluation": obj.evaluation_id,
            "item": obj.item_id,
            "verdict": "not",
            "comment": "",
        },
        api_change=lambda obj: {"verdict": "not"},
        changed=lambda obj: obj.verdict == "not",
        created=lambda data: ItemVerdict.objects.filter(item_id=data["item"]).exists(),
        api_basename="itemverdict",
        unrestricted_roles={roles.ADMIN},
        expect=_PART,
        pages=frozenset({"add", "change"}),
    )
)


def recommendation_verdict_in(world, region):
    evaluation = evaluation_in(world, region)
    return RecommendationVerdict.objects.create(
        evaluation=evaluation,
        recommendation=add_recommendation(evaluation.accident),
        verdict="partly",
    )


def _new_recommendation_verdict(world, region):
    evaluation = evaluation_in(world, region)
    recommendation = add_recommendation(evaluation.accident)
    return {
        "evaluation": evaluation.pk,
        "recommendation": recommendation.pk,
        "verdict": "implemented",
        "comment": "",
    }


RECOMMENDATION_VERDICT = register(
    MatrixCase(
        model=RecommendationVerdict,
        make=recommendation_verdict_in,
        form_data=_new_recommendation_verdict,
        api_data=_new_recommendation_verdict,
        change_data=lambda obj: {
            "evaluation": obj.evaluation_id,
            "recommendation": obj.recommendation_id,
            "verdict": "not",
            "comment": "",
        },
        api_change=lambda obj: {"verdict": "not"},
        changed=lambda obj: obj.verdict == "not",
        created=lambda data: RecommendationVerdict.objects.filter(
            recommendation_id=data["recommendation"]
        ).exists(),
        api_basename="recommendationverdict",
        unrestricted_roles={roles.ADMIN},
        expect=_PART,
        pages=frozenset({"add", "change"}),
    )
)


def finding_in(world, region):
    return Finding.objects.create(
        evaluation=evaluation_in(world, region),
        problem=f"矩阵问题{next(_seq)}",
        handed_to_organization=world.organizations["bureau"],
    )


def _new_finding(world, region):
    return {
        "evaluation": evaluation_in(world, region).pk,
        "problem": f"矩阵问题{next(_seq)}",
        "handed_to_organization": world.organizations["bureau"].pk,
        "order": 0,
    }


FINDING = register(
    MatrixCase(
        model=Finding,
        make=finding_in,
        form_data=_new_finding,
        api_data=_new_finding,
        change_data=lambda obj: {
            "evaluation": obj.evaluation_id,
            "problem": "改",
            "handed_to_organization": obj.handed_to_organization_id,
            "order": 0,
        },
        api_change=lambda obj: {"problem": "改"},
        changed=lambda obj: obj.problem == "改",
        created=lambda data: Finding.objects.filter(problem=data["problem"]).exists(),
        api_basename="finding",
        unrestricted_roles={roles.ADMIN},
        expect=_PART,
    )
)


def _free_policy(data):
    """The four fields are seeded; free one so that an add can succeed."""
    DisclosurePolicy.objects.filter(field=data["field"]).delete()
    return data


def policy_in(world, region):
    return DisclosurePolicy.objects.get_or_create(field="position")[0]


DISCLOSURE_POLICY = register(
    MatrixCase(
        model=DisclosurePolicy,
        make=policy_in,
        form_data=lambda world, region: _free_policy(
            {"field": "position", "masked": "on", "note": "矩阵"}
        ),
        api_data=lambda world, region: _free_policy(
            {"field": "position", "masked": True, "note": "矩阵"}
        ),
        change_data=lambda obj: {"field": obj.field, "masked": "on", "note": "改"},
        api_change=lambda obj: {"note": "改"},
        changed=lambda obj: obj.note == "改",
        created=lambda data: DisclosurePolicy.objects.filter(note="矩阵").exists(),
        api_basename="disclosurepolicy",
        unrestricted_roles=set(roles.ROLES),
        expect={roles.ADMIN: ALL, roles.COMMITTEE: READ},
        pages=frozenset({"list", "detail", "change"}),
    )
)


def spot_check_in(world, region):
    from anjian.evaluations.models import SpotCheck

    return SpotCheck.objects.create(
        evaluation=evaluation_in(world, region), inspection=_spot_inspection(world, region)
    )


def _spot_inspection(world, region):
    from anjian.inspections.testing import make_inspection

    return make_inspection(world.enterprise_for(region), kind="evaluation_spot_check")


def _new_spot_check(world, region):
    return {
        "evaluation": evaluation_in(world, region).pk,
        "inspection": _spot_inspection(world, region).pk,
    }


def _spot_check_case():
    from anjian.evaluations.models import SpotCheck

    return MatrixCase(
        model=SpotCheck,
        make=spot_check_in,
        form_data=_new_spot_check,
        api_data=_new_spot_check,
        change_data=lambda obj: {},
        api_change=lambda obj: {"inspection": _spot_inspection_like(obj).pk},
        changed=lambda obj: obj.inspection.inspector_names == "改",
        created=lambda data: SpotCheck.objects.filter(inspection_id=data["inspection"]).exists(),
        api_basename="spotcheck",
        unrestricted_roles={roles.ADMIN},
        expect=_PART,
        pages=False,
    )


def _spot_inspection_like(obj):
    from anjian.inspections.testing import make_inspection

    return make_inspection(
        obj.inspection.enterprise, kind="evaluation_spot_check", inspector_names="改"
    )


SPOT_CHECK = register(_spot_check_case())
