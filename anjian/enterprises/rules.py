"""Rules about enterprises, parks, agreements and grades: validation, escalation, due dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypinyin import Style, lazy_pinyin

from anjian.accounts.choices import OrganizationKind
from anjian.core.periods import add_months
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
# GB 32100-2015 Appendix A: the registration authority (1st character) and the kinds of
# organisation it registers (2nd character). Data, not logic: a new code is one line here.
USCC_AUTHORITY_TYPES: dict[str, set[str]] = {
    "1": {"1", "2", "3", "9"},  # 机构编制: 机关, 事业单位, 编办直管群众团体, 其他
    "2": {"1", "9"},  # 外交: 外国常驻新闻机构, 其他
    "3": {"1", "2", "3", "4", "5", "9"},  # 司法行政: 律所, 公证处, 基层法律服务所, 司法鉴定, 仲裁委
    "4": {"1", "9"},  # 文化: 外国在华文化中心, 其他
    "5": {"1", "2", "3", "9"},  # 民政: 社会团体, 民办非企业单位, 基金会, 其他
    "6": {"1", "2", "9"},  # 旅游: 外国/港澳台旅游部门常驻代表机构, 其他
    "7": {"1", "2", "3", "9"},  # 宗教: 宗教活动场所, 宗教院校, 宗教团体, 其他
    "8": {"1", "9"},  # 工会: 基层工会, 其他
    "9": {"1", "2", "3"},  # 市场监管(工商): 企业, 个体工商户, 农民专业合作社
    "A": {"1", "9"},  # 中央军委改革和编制办公室: 军队事业单位, 其他
    "N": {"1", "2", "3", "9"},  # 农业农村: 组级, 村级, 乡镇级集体经济组织, 其他
    "Y": {"1"},  # 其他登记管理部门
}

# GB 32100 character set: digits and upper-case letters without I, O, S, V, Z.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714 organisation code: 8 characters (digits, upper-case letters) and a check character.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
_USCC_SEPARATORS = re.compile(r"[\s\-]+")


def compact_uscc(value: str) -> str:
    """The one normalisation of a USCC: separators removed, upper case (stored like this, so the
    uniqueness check compares like with like whether the code came by page, API or Excel)."""
    return _USCC_SEPARATORS.sub("", str(value or "")).upper()


def organisation_code_check(first8: str) -> str:
    """The GB 11714 check character of an organisation code's first 8 characters."""
    total = sum(_ORG_VALUES[c] * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_check(first17: str) -> str:
    """The GB 32100 check character of a USCC's first 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def make_uscc(authority_type: str, region: str, organisation8: str) -> str:
    """A valid USCC from its parts (both check characters computed): for tests and the demo."""
    organisation = organisation8 + organisation_code_check(organisation8)
    body = f"{authority_type}{region}{organisation}"
    return body + uscc_check(body)


def validate_uscc(value: str) -> None:
    """A USCC (GB 32100): 18 characters of its alphabet, a known registration authority and type,
    a six-digit region, the organisation code's own check (GB 11714, 17th character over the 9th
    to 16th) and the code's check (18th)."""
    value = compact_uscc(value)
    if len(value) != 18:
        raise ValidationError(_("A unified social credit code has 18 characters."), code="length")
    if any(c not in USCC_ALPHABET for c in value):
        raise ValidationError(
            _("A unified social credit code uses digits and capital letters except I, O, S, V, Z."),
            code="format",
        )
    types = USCC_AUTHORITY_TYPES.get(value[0])
    if types is None or value[1] not in types:
        raise ValidationError(
            _("%(code)s is no registration authority and organisation type of GB 32100.")
            % {"code": value[:2]},
            code="authority",
        )
    if not value[2:8].isdigit():
        raise ValidationError(
            _("Characters 3 to 8 of a unified social credit code are the region code (digits)."),
            code="region",
        )
    if organisation_code_check(value[8:16]) != value[16]:
        raise ValidationError(
            _("The organisation code check digit (17th character) of this code is wrong."),
            code="organisation_checksum",
        )
    if uscc_check(value[:17]) != value[17]:
        raise ValidationError(
            _("The check digit of this unified social credit code is wrong."), code="checksum"
        )


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
    person = enterprise.principal_person if enterprise.principal_person_id else None
    if person is not None and enterprise.pk and person.employer_id != enterprise.pk:
        errors["principal_person"] = _("The principal must be one of the enterprise's people.")
    elif person is not None:
        # The person on file gives the contact its name (and phone, when none is written).
        enterprise.principal_name = person.name
        enterprise.principal_phone = enterprise.principal_phone or person.phone
    if enterprise.landlord_id and enterprise.landlord_organization_id:
        errors["landlord_organization"] = _(
            "A landlord is an enterprise or an organization, not both."
        )
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
    if agreement.landlord_id and agreement.landlord_organization_id:
        errors["landlord_organization"] = _(
            "A landlord is an enterprise or an organization, not both."
        )
    elif not agreement.landlord_id and not agreement.landlord_organization_id:
        errors["landlord"] = _("Name the landlord: an enterprise or an organization.")
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
    """When the next routine inspection is due: last one + the grade's interval in calendar months.

    Never inspected means due today. Not graded (or no interval configured) means no date.
    """
    interval = intervals.get(grade)
    if grade == NOT_GRADED or interval is None:
        return None
    if last_inspected_on is None:
        return today
    return add_months(last_inspected_on, interval)


def inspection_due_status(due: date | None, today: date) -> str | None:
    if due is None:
        return None
    if due < today:
        return InspectionDue.OVERDUE
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return InspectionDue.DUE_SOON
    return InspectionDue.NOT_DUE


def check_grade_effective_on(effective_on: date | None, today: date) -> list[str]:
    """A grade takes effect today or on a past day, never in the future."""
    if effective_on is not None and effective_on > today:
        return [_("A grade cannot take effect in the future.")]
    return []
