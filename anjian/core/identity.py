"""Resident identity numbers (GB 11643) as they are found in the real world.

The first six digits are the county where the number was **issued**, not where the person was
born; county codes are created, retired and renamed over time (江海区 440704 exists from 1994, yet
people born in the 1960s hold numbers starting with it). So a number is refused only for what
makes it impossible: not 18 characters, a wrong MOD 11-2 check digit, a birth date that does not
exist, lies in the future or is absurdly old, or a province-level code that does not exist. An
unknown county code is a *warning* (``id_number_warnings``) a form may show without refusing.

Residence permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证) use the same layout
with the codes 810000, 820000 and 830000; they are accepted.

Used by training (people) and by any other app that records a person.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# The province-level codes of GB/T 2260 (the first two digits), as data. 71 is Taiwan (its
# residents' ID cards are not issued on the mainland, but the code is a province-level code);
# 81/82/83 are the residence-permit prefixes of Hong Kong, Macao and Taiwan residents.
# 91 ("国外") is in GB/T 2260 but never starts an identity number: not valid here.
PROVINCE_CODES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
    "83": "台湾地区",
}

# Residence permits of Hong Kong, Macao and Taiwan residents: the whole first six digits.
RESIDENCE_PERMIT_PLACES = {"810000", "820000", "830000"}

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")
_SEPARATORS = re.compile(r"[\s\-]+")


def compact_id_number(value: str) -> str:
    """Spaces and dashes removed, upper case (a lower-case ``x`` check digit is common)."""
    return _SEPARATORS.sub("", str(value or "")).upper()


def id_check_digit(first17: str) -> str:
    """The MOD 11-2 check digit (ISO 7064) of the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def birth_date_of(value: str) -> datetime.date | None:
    value = compact_id_number(value)
    try:
        return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def validate_id_number(value: str, *, today: datetime.date | None = None) -> None:
    """Refuse what cannot be an identity number; accept any issuing county (see the module)."""
    value = compact_id_number(value)
    if len(value) != 18:
        raise ValidationError(_("A resident ID number has 18 characters."), code="length")
    if not _SHAPE.match(value):
        raise ValidationError(
            _("A resident ID number has 17 digits and a check digit (a digit or X)."),
            code="format",
        )
    if value[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The ID number starts with %(code)s, which is no province-level code.")
            % {"code": value[:2]},
            code="province",
        )
    if value[:2] in {"81", "82", "83"} and value[:6] not in RESIDENCE_PERMIT_PLACES:
        raise ValidationError(
            _(
                "A residence permit number of Hong Kong, Macao or Taiwan starts with 810000, 820000 or 830000."
            ),
            code="permit",
        )
    born = birth_date_of(value)
    if born is None:
        raise ValidationError(
            _("The birth date in this ID number does not exist."), code="birth_date"
        )
    today = today or timezone.localdate()
    if born > today:
        raise ValidationError(
            _("The birth date in this ID number is in the future."), code="future"
        )
    oldest = settings.ANJIAN_ID_NUMBER_MAX_AGE_YEARS
    if today.year - born.year > oldest:
        raise ValidationError(
            _("The birth date in this ID number is more than %(years)s years ago.")
            % {"years": oldest},
            code="too_old",
        )
    if id_check_digit(value[:17]) != value[17]:
        raise ValidationError(_("The check digit of this ID number is wrong."), code="checksum")


def county_is_known(code: str) -> bool:
    """Whether the six-digit code is (or ever was) a county-level code of GB/T 2260."""
    if code in RESIDENCE_PERMIT_PLACES:
        return True
    from stdnum import numdb

    info = {k: v for _part, props in numdb.get("cn/loc").info(code) for k, v in props.items()}
    return "county" in info


def id_number_warnings(value: str) -> list[str]:
    """What a form may point out about a valid number without refusing it."""
    value = compact_id_number(value)
    if len(value) != 18 or not value[:6].isdigit():
        return []
    if not county_is_known(value[:6]):
        return [
            _(
                "The place code %(code)s of this ID number is not a known county code; "
                "please check the number against the card."
            )
            % {"code": value[:6]}
        ]
    return []


def is_valid_id_number(value: str) -> bool:
    try:
        validate_id_number(value)
    except ValidationError:
        return False
    return True


def make_id_number(place: str, born: datetime.date | str, serial: int) -> str:
    """A valid number for tests and the demo: place, birth date, a 3-digit serial, check digit."""
    if isinstance(born, datetime.date):
        born = born.strftime("%Y%m%d")
    body = f"{place}{born}{serial % 1000:03d}"
    return body + id_check_digit(body)
