"""The accident rules, once: the level from the threshold table, the government that investigates,
the investigation's due day, who reaches accidents, recommendations and accountability items (a
department only what is assigned to its organisation or executed by it), and what the executing
organisation of an accountability item may change on it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.accidents.choices import LEVEL_ORDER, AccidentLevel

# Held by the roles that read every recommendation and accountability item (and so every accident)
# of their jurisdiction; a department user lacks it and reaches only what is assigned to its
# organisation or executed by it.
ALL_RECOMMENDATIONS = "accidents.view_all_recommendations"

# What the executing organisation of an accountability item reports on it: the outcome, its date,
# the document, the status and notes. Who is accountable, the track, the recommended action and
# who executes it stay as the recording office (the bureau, the committee office) wrote them.
PROGRESS_FIELDS = frozenset({"outcome", "outcome_on", "document_number", "status", "notes"})
KEPT_BY_RECORDER = _(
    "The executing organisation reports the outcome, its date, the document number, the status "
    "and notes; this field is kept by the office that recorded the item."
)


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


def _region_subtree(lookup: str, jurisdiction) -> Q:
    """Rows whose region (``lookup``) lies in the jurisdiction's subtree, as ``Scope.region_q``
    writes it: a subquery on the region table, read through the row's own region index."""
    from anjian.regions.models import Region

    subtree = Region._base_manager.filter(path__startswith=jurisdiction.region_path).values("pk")
    return Q(**{f"{lookup}__in": subtree})


def organisation_reach(organization: str, *, region: str = "region", enterprise: str | None = None):
    """Scope ``extra`` for rows given to an organisation (``organization``: the lookup of its id):
    the user's organisation's rows; an enterprise user's rows through ``enterprise`` (none without
    it); and for the roles with ``ALL_RECOMMENDATIONS`` everything whose ``region`` lies in their
    jurisdiction. Recommendation assignments and their progress, accountability items and their
    steps and evidence all reach a department this way."""

    def q(jurisdiction, user):
        if jurisdiction.enterprise_ids is not None:
            if enterprise is None:
                return _nothing()
            return Q(**{f"{enterprise}__in": jurisdiction.enterprise_ids})
        reach = _nothing()
        if jurisdiction.organization_id:
            reach = Q(**{organization: jurisdiction.organization_id})
        if jurisdiction.region_path and user.has_perm(ALL_RECOMMENDATIONS):
            reach |= _region_subtree(region, jurisdiction)
        return reach

    return q


def assignment_reach(prefix: str = ""):
    """Scope ``extra`` for assignments (``prefix`` "" ) and the rows hanging from one
    (``prefix`` "assignment__"): the enterprise's own, its organisation's, and for the roles with
    ``ALL_RECOMMENDATIONS`` everything of the accident's region."""
    return organisation_reach(
        f"{prefix}organization_id", region=f"{prefix}region", enterprise=f"{prefix}enterprise"
    )


def item_reach(prefix: str = ""):
    """Scope ``extra`` for accountability items (``prefix`` "") and their criminal steps and
    evidence (``prefix`` "item__"): the items executed by the user's organisation, and for the
    roles with ``ALL_RECOMMENDATIONS`` everything of their region (the Scope's enterprise lookup
    gives an enterprise its own)."""
    return organisation_reach(f"{prefix}executing_organization_id")


def item_fields_open_to(user, item=None) -> frozenset[str] | None:
    """The fields of an accountability item that ``user`` may write: ``None`` (every field) for
    whoever records accountability where the item lies — an unrestricted user, or a holder of
    ``ALL_RECOMMENDATIONS`` whose jurisdiction covers the item's region (a new item: any holder;
    the accident's scope decides where) — else ``PROGRESS_FIELDS``: the executing organisation
    reports on what it executes. Pages and API both ask this (``item_refusals``)."""
    from anjian.core.scoping import jurisdiction_for

    if user is None or not getattr(user, "is_authenticated", False):
        return PROGRESS_FIELDS
    jurisdiction = jurisdiction_for(user)
    if jurisdiction.unrestricted:
        return None
    if user.has_perm(ALL_RECOMMENDATIONS):
        if item is None or item.pk is None or not item.region_id:
            return None
        if jurisdiction.covers_path(item.region.path):
            return None
    return PROGRESS_FIELDS


def item_refusals(user, item, changed) -> dict[str, str]:
    """For each field name in ``changed`` that ``user`` may not write on ``item``, the reason."""
    open_fields = item_fields_open_to(user, item)
    if open_fields is None:
        return {}
    return {name: KEPT_BY_RECORDER for name in changed if name not in open_fields}


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


def organisation_accidents(organization_id) -> Q:
    """The accidents given to an organisation: a recommendation assigned to it, a seat on the
    investigation team, an accountability item it executes."""
    from anjian.accidents.models import AccountabilityItem, Investigation, RecommendationAssignment

    return (
        Q(
            pk__in=RecommendationAssignment.objects.filter(organization_id=organization_id).values(
                "recommendation__accident_id"
            )
        )
        | Q(pk__in=Investigation.objects.filter(team=organization_id).values("accident_id"))
        | Q(
            pk__in=AccountabilityItem.objects.filter(
                executing_organization_id=organization_id
            ).values("accident_id")
        )
    )


def accident_reach(jurisdiction, user):
    """Scope ``extra`` for accidents (the Scope's enterprise lookup gives an enterprise its own): a
    department reaches an accident given to its organisation (``organisation_accidents``); the
    roles with ``ALL_RECOMMENDATIONS`` the whole region's."""
    from anjian.accidents.models import Accident
    from anjian.core.scoping import Scope

    if jurisdiction.enterprise_ids is not None:
        return _nothing()
    reach = _nothing()
    if jurisdiction.organization_id:
        reach = organisation_accidents(jurisdiction.organization_id)
    if jurisdiction.region_path and user.has_perm(ALL_RECOMMENDATIONS):
        # The region test of ``Scope`` itself (a subquery on the region table, read through the
        # accidents' region index).
        reach |= Scope(region="region").region_q(jurisdiction, Accident)
    return reach
