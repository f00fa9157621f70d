"""The rules of the confined-space ledger, its risk assessment and the equipment register.

Each rule lives here once; the models, the pages, the API and the Excel import call it.

**Risk assessment (双重预防).** Two documented methods give the same four colours:

* LEC (作业条件危险性评价法, Graham–Kinney): D = L × E × C with the standard factor values
  L (likelihood) ∈ {10, 6, 3, 1, 0.5, 0.2, 0.1}, E (exposure) ∈ {10, 6, 3, 2, 1, 0.5},
  C (consequence) ∈ {100, 40, 15, 7, 3, 1}. D ≥ 320 red (重大风险), 160 ≤ D < 320 orange (较大),
  70 ≤ D < 160 yellow (一般), D < 70 blue (低风险).
* Risk matrix (风险矩阵法): R = L × S, likelihood and severity each 1–5. R ≥ 20 red, 15 ≤ R < 20
  orange, 9 ≤ R < 15 yellow, R < 9 blue.

The lower limit of each band is a setting (``SPACES_LEC_RED`` … ``SPACES_LS_YELLOW``, README); a
score equal to a limit belongs to the more serious band.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anjian.spaces.choices import DateState, EquipmentKind, RiskLevel, RiskMethod, ToxicGas

LEC_LIKELIHOOD = (Decimal("10"), Decimal("6"), Decimal("3"), Decimal("1"), Decimal("0.5"),
                  Decimal("0.2"), Decimal("0.1"))  # fmt: skip
LEC_EXPOSURE = (Decimal("10"), Decimal("6"), Decimal("3"), Decimal("2"), Decimal("1"),
                Decimal("0.5"))  # fmt: skip
LEC_CONSEQUENCE = (Decimal("100"), Decimal("40"), Decimal("15"), Decimal("7"), Decimal("3"),
                   Decimal("1"))  # fmt: skip
LS_SCALE = tuple(Decimal(n) for n in range(1, 6))

# Kinds of equipment that are useless without a current calibration or inspection date.
NEEDS_VALIDITY = {EquipmentKind.GAS_DETECTOR}

TOKEN_BYTES = 24


def new_label_token() -> str:
    """A random, unguessable token for a space's public QR page (no enumeration)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def validate_toxic_gases(value) -> None:
    known = set(ToxicGas.values)
    if not isinstance(value, list):
        raise ValidationError(_("Enter a list of gases."), code="invalid")
    unknown = [g for g in value if g not in known]
    if unknown:
        raise ValidationError(
            _("Unknown gases: %(gases)s.") % {"gases": "、".join(map(str, unknown))},
            code="invalid",
        )


def gas_labels(gases) -> str:
    labels = dict(ToxicGas.choices)
    return "、".join(str(labels.get(g, g)) for g in gases or [])


def _limits(method: str) -> tuple[Decimal, Decimal, Decimal]:
    if method == RiskMethod.LS:
        names = ("ANJIAN_SPACES_LS_RED", "ANJIAN_SPACES_LS_ORANGE", "ANJIAN_SPACES_LS_YELLOW")
    else:
        names = ("ANJIAN_SPACES_LEC_RED", "ANJIAN_SPACES_LEC_ORANGE", "ANJIAN_SPACES_LEC_YELLOW")
    return tuple(Decimal(str(getattr(settings, name))) for name in names)


def risk_score(method: str, likelihood, exposure, consequence) -> Decimal:
    """D = L × E × C (LEC) or R = L × S (matrix; ``consequence`` is the severity)."""
    likelihood = Decimal(str(likelihood))
    consequence = Decimal(str(consequence))
    if method == RiskMethod.LS:
        return likelihood * consequence
    return likelihood * Decimal(str(exposure)) * consequence


def risk_level(method: str, score) -> str:
    """The colour of a score: at or above a band's lower limit belongs to that band."""
    red, orange, yellow = _limits(method)
    score = Decimal(str(score))
    if score >= red:
        return RiskLevel.RED
    if score >= orange:
        return RiskLevel.ORANGE
    if score >= yellow:
        return RiskLevel.YELLOW
    return RiskLevel.BLUE


def assess(method: str, likelihood, exposure, consequence) -> tuple[Decimal, str]:
    """The one rule function: (score, level) of an assessment's factors."""
    score = risk_score(method, likelihood, exposure, consequence)
    return score, risk_level(method, score)


def check_factors(method, likelihood, exposure, consequence) -> dict:
    """Errors by field for factors outside the method's scale (every one at once)."""
    errors = {}

    def allowed(value, scale):
        try:
            return Decimal(str(value)) in scale
        except Exception:
            return False

    def values(scale):
        return "、".join(f"{v.normalize():f}" for v in scale)

    if method == RiskMethod.LS:
        if not allowed(likelihood, LS_SCALE):
            errors["likelihood"] = _("Likelihood must be 1 to 5.")
        if not allowed(consequence, LS_SCALE):
            errors["consequence"] = _("Severity must be 1 to 5.")
        if exposure not in (None, ""):
            errors["exposure"] = _("The risk matrix has no exposure factor; leave it empty.")
    else:
        if not allowed(likelihood, LEC_LIKELIHOOD):
            errors["likelihood"] = _("L must be one of %(values)s.") % {
                "values": values(LEC_LIKELIHOOD)
            }
        if exposure in (None, "") or not allowed(exposure, LEC_EXPOSURE):
            errors["exposure"] = _("E must be one of %(values)s.") % {
                "values": values(LEC_EXPOSURE)
            }
        if not allowed(consequence, LEC_CONSEQUENCE):
            errors["consequence"] = _("C must be one of %(values)s.") % {
                "values": values(LEC_CONSEQUENCE)
            }
    return errors


def default_notice_board_text(space, assessment=None) -> str:
    """The text of the risk notice board (风险告知牌) from the ledger row and the assessment."""
    lines = [
        str(_("DANGER! Confined space. No entry without a permit.")),
        str(_("Space: %(code)s %(name)s") % {"code": space.code, "name": space.name}),
    ]
    if assessment is not None and assessment.level:
        lines.append(str(_("Risk level: %(level)s") % {"level": assessment.get_level_display()}))
    hazards = hazard_summary(space)
    if hazards:
        lines.append(str(_("Hazards: %(hazards)s") % {"hazards": hazards}))
    if space.accident_types:
        lines.append(str(_("Possible accidents: %(types)s") % {"types": space.accident_types}))
    if assessment is not None and assessment.controls:
        lines.append(str(_("Controls: %(controls)s") % {"controls": assessment.controls}))
    lines.append(
        str(_("Ventilate, test, then enter; an attendant outside at all times; no blind rescue."))
    )
    return "\n".join(lines)


def hazard_summary(space) -> str:
    """The space's hazards in a line: toxic gases, oxygen deficiency, explosion, others."""
    parts = []
    if space.toxic_gases:
        parts.append(str(_("poisoning by %(gases)s") % {"gases": gas_labels(space.toxic_gases)}))
    if space.oxygen_deficiency_risk:
        parts.append(str(_("oxygen deficiency (asphyxiation)")))
    if space.explosion_risk:
        parts.append(str(_("fire and explosion")))
    if space.hazard_factors:
        parts.append(space.hazard_factors)
    return "；".join(parts)


def date_state(equipment, on: datetime.date) -> str:
    """In date, due within ``SPACES_EQUIPMENT_DUE_DAYS``, out of date, or no validity recorded."""
    if not equipment.in_date(on):
        return DateState.OUT_OF_DATE
    if equipment.valid_until is None:
        return DateState.NO_DATE
    if equipment.valid_until <= on + datetime.timedelta(
        days=settings.ANJIAN_SPACES_EQUIPMENT_DUE_DAYS
    ):
        return DateState.DUE_SOON
    return DateState.IN_DATE


def equipment_in_date(equipment, on: datetime.date) -> bool:
    """Usable on ``on``: in service, not calibrated after that day, and within its validity;
    a gas detector without a validity date is never in date."""
    from anjian.spaces.choices import EquipmentStatus

    if equipment.status != EquipmentStatus.IN_SERVICE:
        return False
    if equipment.calibrated_on is not None and equipment.calibrated_on > on:
        return False
    if equipment.valid_until is None:
        return equipment.kind not in NEEDS_VALIDITY
    return on <= equipment.valid_until


def check_equipment_dates(equipment) -> dict:
    errors = {}
    if (
        equipment.calibrated_on
        and equipment.valid_until
        and equipment.valid_until < equipment.calibrated_on
    ):
        errors["valid_until"] = _("The validity cannot end before the calibration date.")
    return errors


def check_space(space) -> dict:
    """Errors by field for a ledger row (every one at once)."""
    errors = {}
    person = space.responsible_person if space.responsible_person_id else None
    if person is not None and space.enterprise_id and person.employer_id != space.enterprise_id:
        errors["responsible_person"] = _(
            "The responsible person must be employed by the space's enterprise."
        )
    if space.isolation == "none" and space.isolation_effective:
        errors["isolation_effective"] = _("Without any isolation nothing stops entry.")
    if space.identified_on and space.reviewed_on and space.reviewed_on < space.identified_on:
        errors["reviewed_on"] = _("The review cannot be before the identification.")
    return errors
