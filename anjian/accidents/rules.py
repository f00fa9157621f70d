"""The accident rules, once: the level from the threshold table, the government that investigates,
the investigation's due day, and who reaches accidents and recommendations (a department only what
is assigned to its organisation)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.accidents.choices import LEVEL_ORDER, AccidentLevel

# Held by the roles that read every recommendation of their jurisdiction; a department user
# lacks it and reaches only what is assigned to its organisation.
ALL_RECOMMENDATIONS = "accidents.view_all_recommendations"


def accident_level(deaths: int, serious_injuries: int, direct_loss, thresholds=None) -> str:
    """The highest level that any one measure reaches (生产安全事故报告和调查处理条例 Art. 3), read
    from the administrator-editable ``AccidentLevelThreshold`` table unless ``thresholds`` (an
    iterable of rows with ``level``, ``min_deaths``, ``min_serious_injuries``,
    ``min_direct_loss``) is given."""
    if thresholds is None:
        from anjian.accidents.models import AccidentLevelThreshold

        thresholds = list(AccidentLevelThreshold.objects.all())
    by_level = {t.level: t for t in thresholds}
    loss = Decimal(direct_loss or 0)
    for level in reversed(LEVEL_ORDER):
        t = by_level.get(level)
        if t is None:
            continue
        reached = (
            (t.min_deaths and (deaths or 0) >= t.min_deaths)
            or (t.min_serious_injuries and (serious_injuries or 0) >= t.min_serious_injuries)
            or (t.min_direct_loss and loss >= t.min_direct_loss)
        )
        if reached:
            return level
    return AccidentLevel.ORDINARY


def investigating_region(level: str, region):
    """The region whose government investigates: the district for an ordinary accident, the city
    for a larger one. Major and extraordinary accidents are investigated by the province and the
    State Council, which lie outside the system: the city is kept as the nearest body on file."""
    if region is None:
        return None
    from anjian.regions.choices import RegionLevel

    if level == AccidentLevel.ORDINARY:
        if region.level == RegionLevel.CITY:
            return region
        if region.level == RegionLevel.DISTRICT:
            return region
        return region.ancestors().filter(level=RegionLevel.DISTRICT).first() or region
    return region.city() or region


def investigated_outside(level: str) -> bool:
    """Major and extraordinary accidents are investigated above the city (province, State
    Council): outside the system."""
    return LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(AccidentLevel.MAJOR)


def investigation_due(occurred_on: datetime.date) -> datetime.date:
    """The investigation report is due ``ACCIDENT_INVESTIGATION_DAYS`` (60) days after the
    accident (Art. 29)."""
    return occurred_on + datetime.timedelta(days=settings.ANJIAN_ACCIDENT_INVESTIGATION_DAYS)


def extension_limit(due_on: datetime.date) -> datetime.date:
    """An extension adds at most ``ACCIDENT_INVESTIGATION_EXTENSION_DAYS`` (60) days, once."""
    return due_on + datetime.timedelta(days=settings.ANJIAN_ACCIDENT_INVESTIGATION_EXTENSION_DAYS)


def extension_errors(investigation) -> dict:
    errors = {}
    if investigation.extended_due_on:
        if not investigation.extension_reason.strip():
            errors["extension_reason"] = _("An extension needs its reason.")
        if investigation.due_on and investigation.extended_due_on <= investigation.due_on:
            errors["extended_due_on"] = _("The extended due date is after the original one.")
        elif investigation.due_on and investigation.extended_due_on > extension_limit(
            investigation.due_on
        ):
            errors["extended_due_on"] = _(
                "The investigation can be extended by at most %(days)s days."
            ) % {"days": settings.ANJIAN_ACCIDENT_INVESTIGATION_EXTENSION_DAYS}
    elif investigation.extension_reason.strip():
        errors["extended_due_on"] = _("Give the extended due date with the reason.")
    return errors


def _nothing():
    return Q(pk__in=[])


def assignment_reach(prefix: str = ""):
    """Scope ``extra`` for assignments (``prefix`` "" ) and the rows hanging from one
    (``prefix`` "assignment__"): the enterprise's own, its organisation's, and for the roles with
    ``ALL_RECOMMENDATIONS`` everything of the accident's region."""

    def q(jurisdiction, user):
        if jurisdiction.enterprise_ids is not None:
            return Q(**{f"{prefix}enterprise__in": jurisdiction.enterprise_ids})
        reach = _nothing()
        if jurisdiction.organization_id:
            reach = Q(**{f"{prefix}organization_id": jurisdiction.organization_id})
        if jurisdiction.region_path and user.has_perm(ALL_RECOMMENDATIONS):
            reach |= Q(**{f"{prefix}region__path__startswith": jurisdiction.region_path})
        return reach

    return q


def recommendation_reach(jurisdiction, user):
    """A recommendation is reached through one of its assignments, or the whole region's for the
    roles with ``ALL_RECOMMENDATIONS``."""
    from anjian.accidents.models import RecommendationAssignment

    if jurisdiction.enterprise_ids is not None:
        return Q(
            pk__in=RecommendationAssignment.objects.filter(
                enterprise__in=jurisdiction.enterprise_ids
            ).values("recommendation_id")
        )
    reach = _nothing()
    if jurisdiction.organization_id:
        reach = Q(
            pk__in=RecommendationAssignment.objects.filter(
                organization_id=jurisdiction.organization_id
            ).values("recommendation_id")
        )
    if jurisdiction.region_path and user.has_perm(ALL_RECOMMENDATIONS):
        reach |= Q(region__path__startswith=jurisdiction.region_path)
    return reach


def accident_reach(jurisdiction, user):
    """Scope ``extra`` for accidents (the Scope's enterprise lookup gives an enterprise its own): a
    department reaches an accident through a recommendation assigned to its organisation or a seat
    on the investigation team; the roles with ``ALL_RECOMMENDATIONS`` the whole region's."""
    from anjian.accidents.models import Accident, Investigation, RecommendationAssignment
    from anjian.core.scoping import Scope

    if jurisdiction.enterprise_ids is not None:
        return _nothing()
    reach = _nothing()
    if jurisdiction.organization_id:
        reach = Q(
            pk__in=RecommendationAssignment.objects.filter(
                organization_id=jurisdiction.organization_id
            ).values("recommendation__accident_id")
        ) | Q(
            pk__in=Investigation.objects.filter(team=jurisdiction.organization_id).values(
                "accident_id"
            )
        )
    if jurisdiction.region_path and user.has_perm(ALL_RECOMMENDATIONS):
        # The region test of ``Scope`` itself (a subquery on the region table, read through the
        # accidents' region index).
        reach |= Scope(region="region").region_q(jurisdiction, Accident)
    return reach
