"""Rules about enterprises, parks, agreements and grades: validation, escalation, due dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypinyin import Style, lazy_pinyin
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc as stdnum_uscc

from anjian.accounts.choices import OrganizationKind
from anjian.enterprises.choices import (
    GRADE_ORDER,
    NOT_GRADED,
    EscalationCause,
    InspectionDue,
    RiskGrade,
)
from anjian.regions.choices import RegionLevel

# An enterprise counts as "due soon" this many days before its next routine inspection.
DUE_SOON_DAYS = 14


# --- identity -----------------------------------------------------------------------------------
def compact_uscc(value: str) -> str:
    return stdnum_uscc.compact(value or "")


def validate_uscc(value: str) -> None:
    """A USCC of 18 characters whose check digit (GB 32100) is right."""
    try:
        stdnum_uscc.validate(value)
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("The check digit of this unified social credit code is wrong."), code="checksum"
        ) from None
    except stdnum_errors.InvalidLength:
        raise ValidationError(
            _("A unified social credit code has 18 characters."), code="length"
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("This is not a valid unified social credit code."), code="format"
        ) from None


_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]")


def pinyin_of(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower case, letters and digits only."""
    full = "".join(lazy_pinyin(name or "", errors="default"))
    initials = "".join(lazy_pinyin(name or "", style=Style.FIRST_LETTER, errors="default"))
    return (
        _NOT_LETTER_OR_DIGIT.sub("", full.lower()),
        _NOT_LETTER_OR_DIGIT.sub("", initials.lower()),
    )


def search_key(text: str) -> str:
    return _NOT_LETTER_OR_DIGIT.sub("", (text or "").lower())


# --- placement ----------------------------------------------------------------------------------
def check_enterprise_placement(enterprise) -> None:
    errors = {}
    region = enterprise.region if enterprise.region_id else None
    if region is not None and region.level != RegionLevel.VILLAGE:
        errors["region"] = _("An enterprise lies in a village; choose a village.")
    grid = enterprise.grid if enterprise.grid_id else None
    if grid is not None:
        if grid.level != RegionLevel.GRID:
            errors["grid"] = _("Choose a grid.")
        elif region is not None and grid.parent_id != region.pk:
            errors["grid"] = _("The grid must lie in the enterprise's village.")
    landlord = enterprise.landlord if enterprise.landlord_id else None
    if landlord is not None and enterprise.pk and landlord.pk == enterprise.pk:
        errors["landlord"] = _("An enterprise cannot be its own landlord.")
    elif landlord is not None and enterprise.pk and landlord.landlord_id == enterprise.pk:
        errors["landlord"] = _("This enterprise is already the landlord of that one.")
    agency = enterprise.service_agency if enterprise.service_agency_id else None
    if agency is not None and agency.kind != OrganizationKind.SERVICE_AGENCY:
        errors["service_agency"] = _("Choose a service agency.")
    if errors:
        raise ValidationError(errors)


def check_park_operator(park) -> None:
    if park.operator_enterprise_id and park.operator_organization_id:
        raise ValidationError(
            {
                "operator_organization": _(
                    "A park is run by an enterprise or an organization, not both."
                )
            }
        )


def check_agreement(agreement) -> None:
    errors = {}
    if agreement.landlord_id and agreement.landlord_id == agreement.tenant_id:
        errors["tenant"] = _("The tenant must be another enterprise than the landlord.")
    if agreement.signed_on and agreement.expires_on and agreement.expires_on < agreement.signed_on:
        errors["expires_on"] = _("An agreement cannot expire before it is signed.")
    if errors:
        raise ValidationError(errors)


# --- grades -------------------------------------------------------------------------------------
def escalated_grade(current: str, cause: str) -> str:
    """The grade after an escalation (regulations.md, graded supervision).

    A responsible accident → A. A major hazard or an administrative penalty → up one grade
    (A stays A). An enterprise not yet graded counts as D, the lowest risk, so up one is C.
    """
    if cause == EscalationCause.ACCIDENT:
        return RiskGrade.A
    if cause not in (EscalationCause.MAJOR_HAZARD, EscalationCause.PENALTY):
        raise ValueError(f"unknown escalation cause {cause!r}")
    start = current if current != NOT_GRADED else RiskGrade.D
    index = GRADE_ORDER.index(start)
    return GRADE_ORDER[max(index - 1, 0)]


def next_inspection_due(grade: str, last_inspected_on: date | None, intervals: dict, today: date):
    """When the next routine inspection is due: last one + the grade's interval.

    Never inspected means due today. Not graded (or no interval configured) means no date.
    """
    interval = intervals.get(grade)
    if grade == NOT_GRADED or interval is None:
        return None
    if last_inspected_on is None:
        return today
    return last_inspected_on + timedelta(days=interval)


def inspection_due_status(due: date | None, today: date) -> str | None:
    if due is None:
        return None
    if due < today:
        return InspectionDue.OVERDUE
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return InspectionDue.DUE_SOON
    return InspectionDue.NOT_DUE
