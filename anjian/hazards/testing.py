"""Factories of hazards, photos, sign-offs and public reports for tests; records are placed
through the enterprises world's ``world.enterprise_for(region)`` so that "inside" for an
enterprise manager is its own enterprise."""

from __future__ import annotations

import datetime
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.hazards.demo import demo_png
from anjian.hazards.models import Hazard, HazardPhoto, HazardVerification, PublicReport

PNG = demo_png()
_seq = itertools.count(1)


def png_file(name="photo.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def make_hazard(enterprise, **kwargs) -> Hazard:
    values = {
        "description": f"测试隐患{next(_seq)}",
        "source": "inspection",
        "category": "equipment",
        "found_on": datetime.date.today(),
        **kwargs,
    }
    return Hazard.objects.create(enterprise=enterprise, **values)


def hazard_in(world, region, **kwargs) -> Hazard:
    return make_hazard(world.enterprise_for(region), **kwargs)


def photo_in(hazard, stage="evidence", caption="") -> HazardPhoto:
    return HazardPhoto.objects.create(hazard=hazard, file=png_file(), stage=stage, caption=caption)


def verification_in(world, region) -> HazardVerification:
    hazard = hazard_in(world, region)
    return HazardVerification.objects.create(
        hazard=hazard,
        region_id=hazard.region_id,
        round=1,
        tier_order=1,
        signer_level="village",
        by_name="测试",
    )


def public_report_in(world, region, **kwargs) -> PublicReport:
    from anjian.hazards.rules import village_of

    enterprise = world.enterprise_for(region)
    return PublicReport.objects.create(
        region=village_of(enterprise.region),
        enterprise=enterprise,
        enterprise_name=enterprise.name,
        description=kwargs.pop("description", f"测试举报{next(_seq)}"),
        **kwargs,
    )


def busy_hazard_in(world, region=None):
    """A hazard with a criterion, an evidence photo and a sign-off (the nested rows of a list)."""
    from anjian.hazards.models import MajorHazardCriterion

    hazard = hazard_in(world, region or world.regions["village"])
    hazard.criteria.add(MajorHazardCriterion.objects.get(code="13-1"))
    photo_in(hazard)
    HazardVerification.objects.create(
        hazard=hazard,
        region_id=hazard.region_id,
        round=1,
        tier_order=1,
        signer_level="village",
        by_name="测试",
    )
    return hazard
