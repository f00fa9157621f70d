"""The rules of inspections, stated once: what a legal basis reads as, what a campaign reaches,
what an inspection must hold, when it may start and complete, and the deadline a failed item
gets. Pages, the API and the services call these."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from anjian.inspections.choices import InspectionKind, ItemResult


def citation(law: str, article: str, clause: str = "") -> str:
    """《安全生产法》第114条第（1）项 → "安全生产法 第114条(1)" in the user's language."""
    text = _g("%(law)s Art. %(article)s") % {"law": law, "article": article}
    return f"{text}{clause}" if clause else text


def _yuan(value: Decimal) -> str:
    value = Decimal(value)
    if value >= 10000 and value % 10000 == 0:
        return _g("%(n)s ten-thousand yuan") % {"n": f"{value / 10000:,.0f}"}
    return _g("%(n)s yuan") % {"n": f"{value:,.0f}"}


def _range(low, high) -> str:
    if low is None and high is None:
        return ""
    if low is None or low == 0:
        return _g("up to %(max)s") % {"max": _yuan(high)}
    if high is None:
        return _g("at least %(min)s") % {"min": _yuan(low)}
    return f"{_yuan(low)}–{_yuan(high)}"


def fine_range_text(basis) -> str:
    """The fine range of a legal basis in words, for the enterprise and for persons."""
    if basis.penalty_text:
        return basis.penalty_text
    parts = []
    enterprise = _range(basis.fine_min, basis.fine_max)
    person = _range(basis.person_fine_min, basis.person_fine_max)
    if enterprise:
        parts.append(_g("enterprise: %(range)s") % {"range": enterprise})
    if person:
        parts.append(_g("persons responsible: %(range)s") % {"range": person})
    return _g("; ").join(parts)


def validate_grades(value) -> None:
    from anjian.enterprises.choices import RiskGrade

    if not isinstance(value, list) or any(g not in RiskGrade.values for g in value):
        raise ValidationError(
            _("Choose grades among %(grades)s."), params={"grades": ", ".join(RiskGrade.values)}
        )


def campaigns_above(jurisdiction, user) -> Q:
    """A campaign of a district reaches the sub-districts and villages below it: a user also sees
    the campaigns of every region above their own."""
    path = jurisdiction.region_path
    if not path or jurisdiction.enterprise_ids is not None:
        return Q(pk__in=[])
    parts = [p for p in path.split("/") if p]
    ancestors = ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]
    return Q(region__path__in=ancestors) if ancestors else Q(pk__in=[])


def inspection_errors(inspection) -> dict:
    """Field errors of an inspection: the permit and the follow-up belong to its enterprise; a
    permit spot check names its permit; a campaign inspection its campaign."""
    errors = {}
    if inspection.enterprise_id is None:
        return errors
    if inspection.permit_id and inspection.permit.enterprise_id != inspection.enterprise_id:
        errors["permit"] = _("The permit belongs to another enterprise.")
    if inspection.kind == InspectionKind.PERMIT_SPOT_CHECK and not inspection.permit_id:
        errors["permit"] = _("A permit spot check names the permit it checks.")
    if inspection.kind == InspectionKind.CAMPAIGN and not inspection.campaign_id:
        errors["campaign"] = _("A campaign inspection belongs to a campaign.")
    if inspection.follow_up_of_id:
        if inspection.follow_up_of.enterprise_id != inspection.enterprise_id:
            errors["follow_up_of"] = _("The inspection followed up is of another enterprise.")
        elif inspection.pk and inspection.follow_up_of_id == inspection.pk:
            errors["follow_up_of"] = _("An inspection cannot follow itself up.")
    if inspection.template_id and not inspection.pk and not inspection.template.is_current:
        errors["template"] = _("Choose the current version of the checklist.")
    return errors


def rectify_days() -> int:
    return settings.ANJIAN_INSPECTION_RECTIFY_DAYS


def deadline_for(inspection) -> datetime.date:
    """The rectification deadline of a failed item: the inspection's own, else the default number
    of days after the inspection (``INSPECTION_RECTIFY_DAYS``)."""
    if inspection.rectify_by:
        return inspection.rectify_by
    day = inspection.inspected_on or timezone.localdate()
    return day + datetime.timedelta(days=rectify_days())


def is_overdue(inspection, today: datetime.date | None = None) -> bool:
    """A planned inspection whose day has passed."""
    from anjian.inspections.choices import InspectionStatus

    today = today or timezone.localdate()
    return inspection.status == InspectionStatus.PLANNED and inspection.planned_on < today


# Guards of the workflow -------------------------------------------------------------------------


def guard_start(inspection, actor, context):
    reasons = []
    if inspection.planned_on and inspection.planned_on > timezone.localdate() + datetime.timedelta(
        days=settings.ANJIAN_INSPECTION_START_DAYS_EARLY
    ):
        reasons.append(
            _("The inspection is planned for %(day)s; it cannot start this early.")
            % {"day": inspection.planned_on.isoformat()}
        )
    if not inspection.items.exists():
        reasons.append(_("The inspection has no checklist items."))
    return reasons or None


def completion_refusals(inspection) -> list[str]:
    """Every item answered; every failed item has its hazard; the day and the inspectors known."""
    reasons = []
    counts = dict.fromkeys(ItemResult.values, 0)
    unraised = 0
    for result, hazard_id in inspection.items.values_list("result", "hazard_id"):
        counts[result] += 1
        if result == ItemResult.NOT_OK and hazard_id is None:
            unraised += 1
    if counts[ItemResult.PENDING]:
        reasons.append(_("%(n)s item(s) are not checked yet.") % {"n": counts[ItemResult.PENDING]})
    if unraised:
        reasons.append(_("%(n)s failed item(s) have no hazard recorded yet.") % {"n": unraised})
    if not inspection.inspected_on:
        reasons.append(_("Give the day of the inspection."))
    elif inspection.inspected_on > timezone.localdate():
        reasons.append(_("The day of the inspection cannot be in the future."))
    if not (inspection.inspector_names or "").strip() and not inspection.inspectors.exists():
        reasons.append(_("Name the inspectors."))
    return reasons


def guard_complete(inspection, actor, context):
    return completion_refusals(inspection) or None


def guard_item_editable(inspection) -> str | None:
    from anjian.inspections.choices import InspectionStatus

    if inspection.status != InspectionStatus.IN_PROGRESS:
        return _g("Items are recorded while the inspection is in progress.")
    return None
