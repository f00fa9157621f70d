"""Hazards, their photos and sign-offs, public reports and the reference tables in the access
matrix, the expectations per role written out by hand: an enterprise sees and answers its own
hazards; grid workers, the sub-district and the bureau report and verify in their area; public
reports reach only the village and above (never the enterprise); reference tables are whole."""

import datetime
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.accounts import roles
from anjian.core.testing.matrix import MatrixCase, register
from anjian.hazards.models import (
    Hazard,
    HazardPhoto,
    HazardVerification,
    MajorHazardCriterion,
    PublicReport,
    PublicReportPhoto,
    VerificationTier,
)
from anjian.hazards.testing import PNG, hazard_in, photo_in, public_report_in, verification_in

_seq = count(700)
READ = {"view"}
EDIT = {"view", "add", "change"}
ALL = {"view", "add", "change", "delete"}
TODAY = datetime.date.today().isoformat()
# The moves any user who may change a hazard makes (the enterprise answers its own).
ANSWER = {"start", "submit", "resume"}
# The moves of a verifier (the sign-offs themselves are tested per tier in test_workflow).
VERIFY = {"send_back", "reopen"}

_READERS = {
    roles.COMMITTEE: READ,
    roles.LEADER: READ,
    roles.AUDITOR: READ,
    roles.DEPARTMENT: set(),
    roles.EXPERT: set(),
}
HAZARD_EXPECT = {
    roles.ADMIN: ALL | ANSWER,
    roles.REGULATOR: EDIT | ANSWER | VERIFY,
    roles.SUBDISTRICT_OFFICER: EDIT | ANSWER | VERIFY,
    roles.GRID_WORKER: EDIT | ANSWER | VERIFY,
    roles.SERVICE_INSPECTOR: EDIT | ANSWER,
    roles.ENTERPRISE_MANAGER: EDIT | ANSWER,
    **_READERS,
}


def _status(obj, status, **extra):
    Hazard._base_manager.filter(pk=obj.pk).update(status=status, **extra)
    obj.refresh_from_db()


def _ready_to_submit(obj):
    _status(
        obj,
        "rectifying",
        measures="加装防护",
        responsible_name="李四",
        deadline=datetime.date.today(),
    )
    Hazard._base_manager.filter(pk=obj.pk).update(rectification_note="已整改")
    photo_in(obj, stage="rectification")
    obj.refresh_from_db()


def _new_hazard(world, region):
    return {
        "enterprise": world.enterprise_for(region).pk,
        "description": f"矩阵隐患{next(_seq)}",
        "category": "equipment",
        "source": "self_check",
        "found_on": TODAY,
    }


def _hazard_change(obj):
    return {
        "enterprise": obj.enterprise_id,
        "description": obj.description,
        "category": obj.category,
        "source": obj.source,
        "found_on": obj.found_on.isoformat(),
        "measures": "改",
    }


HAZARD = register(
    MatrixCase(
        model=Hazard,
        make=hazard_in,
        form_data=_new_hazard,
        api_data=_new_hazard,
        change_data=_hazard_change,
        api_change=lambda obj: {"measures": "改"},
        changed=lambda obj: obj.measures == "改",
        created=lambda data: Hazard.objects.filter(description=data["description"]).exists(),
        api_basename="hazard",
        unrestricted_roles={roles.ADMIN},
        expect=HAZARD_EXPECT,
        transitions={
            "start": (
                lambda obj: (
                    Hazard._base_manager.filter(pk=obj.pk).update(
                        measures="加装防护", responsible_name="李四", deadline=datetime.date.today()
                    )
                    or obj.refresh_from_db()
                ),
                lambda obj: obj.status == "rectifying",
            ),
            "submit": (_ready_to_submit, lambda obj: obj.status == "submitted"),
            "resume": (
                lambda obj: _status(obj, "sent_back"),
                lambda obj: obj.status == "rectifying",
            ),
            "send_back": (
                lambda obj: _status(obj, "submitted", verification_round=1),
                lambda obj: obj.status == "sent_back",
            ),
            "reopen": (
                lambda obj: _status(obj, "closed"),
                lambda obj: obj.status == "rectifying",
            ),
        },
    )
)


def _new_photo(world, region):
    return {
        "hazard": hazard_in(world, region).pk,
        "stage": "evidence",
        "caption": f"矩阵照片{next(_seq)}",
        "file": SimpleUploadedFile("photo.png", PNG, content_type="image/png"),
    }


PHOTO = register(
    MatrixCase(
        model=HazardPhoto,
        make=lambda world, region: photo_in(hazard_in(world, region)),
        form_data=_new_photo,
        api_data=_new_photo,
        change_data=lambda obj: {},
        api_change=lambda obj: {"caption": "改"},
        changed=lambda obj: obj.caption == "改",
        created=lambda data: HazardPhoto.objects.filter(caption=data["caption"]).exists(),
        api_basename="hazardphoto",
        unrestricted_roles={roles.ADMIN},
        pages=False,
        api_format="multipart",
        expect={
            roles.ADMIN: ALL,
            roles.REGULATOR: EDIT,
            roles.SUBDISTRICT_OFFICER: EDIT,
            roles.GRID_WORKER: EDIT,
            roles.SERVICE_INSPECTOR: EDIT,
            roles.ENTERPRISE_MANAGER: EDIT,
            **_READERS,
        },
    )
)

_SIGNOFF_READERS = {
    roles.ADMIN: READ,
    roles.REGULATOR: READ,
    roles.SUBDISTRICT_OFFICER: READ,
    roles.GRID_WORKER: READ,
    roles.SERVICE_INSPECTOR: READ,
    roles.ENTERPRISE_MANAGER: READ,
    **_READERS,
}

VERIFICATION = register(
    MatrixCase(
        model=HazardVerification,
        make=verification_in,
        form_data=lambda world, region: {},
        api_data=lambda world, region: {
            "hazard": hazard_in(world, region).pk,
            "round": 1,
            "tier_order": 1,
            "signer_level": "village",
            "note": f"矩阵签认{next(_seq)}",
        },
        change_data=lambda obj: {},
        api_change=lambda obj: {"note": "改"},
        changed=lambda obj: obj.note == "改",
        created=lambda data: HazardVerification.objects.filter(note=data.get("note", "-")).exists(),
        api_basename="hazardverification",
        unrestricted_roles={roles.ADMIN},
        pages=False,
        expect=_SIGNOFF_READERS,
    )
)

# Public reports: the village and above; never the enterprise, nor the service agency.
_REPORT_EXPECT = {
    roles.ADMIN: READ,
    roles.REGULATOR: READ | {"dismiss"},
    roles.SUBDISTRICT_OFFICER: READ | {"dismiss"},
    roles.GRID_WORKER: READ | {"dismiss"},
    roles.SERVICE_INSPECTOR: set(),
    roles.ENTERPRISE_MANAGER: set(),
    **_READERS,
}

PUBLIC_REPORT = register(
    MatrixCase(
        model=PublicReport,
        make=public_report_in,
        form_data=lambda world, region: {},
        api_data=lambda world, region: {
            "region": region.pk,
            "description": f"矩阵举报{next(_seq)}",
        },
        change_data=lambda obj: {},
        api_change=lambda obj: {"contact": "改"},
        changed=lambda obj: obj.contact == "改",
        created=lambda data: PublicReport.objects.filter(
            description=data.get("description", "-")
        ).exists(),
        api_basename="publicreport",
        unrestricted_roles={roles.ADMIN},
        pages=frozenset({"list", "detail", "transition:dismiss"}),
        expect=_REPORT_EXPECT,
        transitions={
            "dismiss": (
                lambda obj: None,
                lambda obj: obj.status == "dismissed",
            ),
        },
    )
)

REPORT_PHOTO = register(
    MatrixCase(
        model=PublicReportPhoto,
        make=lambda world, region: PublicReportPhoto.objects.create(
            report=public_report_in(world, region),
            file=SimpleUploadedFile("p.png", PNG, content_type="image/png"),
        ),
        form_data=lambda world, region: {},
        api_data=lambda world, region: {"report": public_report_in(world, region).pk},
        change_data=lambda obj: {},
        api_change=lambda obj: {},
        changed=lambda obj: False,
        created=lambda data: PublicReportPhoto.objects.filter(report_id=data["report"]).exists(),
        api_basename="publicreportphoto",
        unrestricted_roles={roles.ADMIN},
        pages=False,
        expect={k: (READ if v else set()) for k, v in _REPORT_EXPECT.items()},
    )
)

# --- reference tables ---------------------------------------------------------------------------
_REFERENCE_READERS = {
    roles.ADMIN,
    roles.REGULATOR,
    roles.SUBDISTRICT_OFFICER,
    roles.GRID_WORKER,
    roles.SERVICE_INSPECTOR,
    roles.ENTERPRISE_MANAGER,
    roles.COMMITTEE,
    roles.LEADER,
    roles.AUDITOR,
}
_REFERENCE_EXPECT = {
    roles.ADMIN: ALL,
    **{role: READ for role in _REFERENCE_READERS - {roles.ADMIN}},
    roles.DEPARTMENT: set(),
    roles.EXPERT: set(),
}


def _criterion(world, region):
    n = next(_seq)
    return MajorHazardCriterion.objects.create(code=f"M-{n}", text=f"矩阵判定标准{n}", order=900)


def _new_criterion(world, region):
    n = next(_seq)
    return {
        "code": f"N-{n}",
        "group": "other",
        "text": f"矩阵新标准{n}",
        "order": 900,
        "active": True,
    }


CRITERION = register(
    MatrixCase(
        model=MajorHazardCriterion,
        make=_criterion,
        form_data=_new_criterion,
        api_data=_new_criterion,
        change_data=lambda obj: {
            "code": obj.code,
            "group": obj.group,
            "text": obj.text,
            "legal_basis": "改",
            "active": "on",
            "order": obj.order,
        },
        api_change=lambda obj: {"legal_basis": "改"},
        changed=lambda obj: obj.legal_basis == "改",
        created=lambda data: MajorHazardCriterion.objects.filter(code=data["code"]).exists(),
        api_basename="majorhazardcriterion",
        unrestricted_roles=_REFERENCE_READERS,
        expect=_REFERENCE_EXPECT,
    )
)


def _tier(world, region):
    n = next(_seq)
    return VerificationTier.objects.create(
        level="general", order=100 + n, signer_level="district", label=f"矩阵层级{n}"
    )


def _new_tier(world, region):
    n = next(_seq)
    return {
        "level": "major",
        "order": 100 + n,
        "signer_level": "district",
        "label": f"矩阵新层级{n}",
    }


TIER = register(
    MatrixCase(
        model=VerificationTier,
        make=_tier,
        form_data=_new_tier,
        api_data=_new_tier,
        change_data=lambda obj: {
            "level": obj.level,
            "order": obj.order,
            "signer_level": obj.signer_level,
            "label": "改",
        },
        api_change=lambda obj: {"label": "改"},
        changed=lambda obj: obj.label == "改",
        created=lambda data: VerificationTier.objects.filter(label=data["label"]).exists(),
        api_basename="verificationtier",
        unrestricted_roles=_REFERENCE_READERS,
        expect=_REFERENCE_EXPECT,
    )
)
