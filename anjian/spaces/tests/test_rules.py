"""The risk grading (LEC and the risk matrix) at its band limits, the equipment's validity (29
February, the due-soon window) and the ledger row's own rules."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from anjian.spaces import rules
from anjian.spaces.choices import DateState, EquipmentKind, EquipmentStatus, RiskLevel
from anjian.spaces.models import SafetyEquipment
from anjian.spaces.testing import (
    ConfinedSpaceFactory,
    SafetyEquipmentFactory,
    SpaceRiskAssessmentFactory,
    space_in,
)
from anjian.training.testing import PersonFactory


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (Decimal("540"), RiskLevel.RED),
        (Decimal("320"), RiskLevel.RED),  # at the limit: the more serious band
        (Decimal("319.99"), RiskLevel.ORANGE),
        (Decimal("160"), RiskLevel.ORANGE),
        (Decimal("159.99"), RiskLevel.YELLOW),
        (Decimal("70"), RiskLevel.YELLOW),
        (Decimal("69.99"), RiskLevel.BLUE),
        (Decimal("0.1"), RiskLevel.BLUE),
    ],
)
def test_lec_bands_at_their_limits(score, level):
    assert rules.risk_level("lec", score) == level


@pytest.mark.parametrize(
    ("factors", "score", "level"),
    [
        ((10, 6, 40), Decimal("2400"), RiskLevel.RED),
        ((6, 6, 15), Decimal("540"), RiskLevel.RED),
        ((3, 6, 15), Decimal("270"), RiskLevel.ORANGE),
        ((1, 10, 7), Decimal("70"), RiskLevel.YELLOW),  # exactly the yellow limit
        ((Decimal("0.5"), 10, 7), Decimal("35"), RiskLevel.BLUE),
        ((3, 3, 15), Decimal("135"), RiskLevel.YELLOW),
    ],
)
def test_lec_score_is_the_product_of_the_three_factors(factors, score, level):
    assert rules.assess("lec", *factors) == (score, level)


@pytest.mark.parametrize(
    ("likelihood", "severity", "level"),
    [(5, 5, "red"), (4, 5, "red"), (3, 5, "orange"), (4, 4, "orange"), (3, 3, "yellow"),
     (2, 4, "blue"), (1, 1, "blue")],
)  # fmt: skip
def test_risk_matrix_bands(likelihood, severity, level):
    score, found = rules.assess("ls", likelihood, None, severity)
    assert score == likelihood * severity and found == level


def test_band_limits_are_settings(settings):
    assert rules.assess("lec", 3, 6, 15)[1] == RiskLevel.ORANGE
    settings.ANJIAN_SPACES_LEC_RED = 250
    assert rules.assess("lec", 3, 6, 15)[1] == RiskLevel.RED
    settings.ANJIAN_SPACES_LS_YELLOW = 8
    assert rules.assess("ls", 2, None, 4)[1] == RiskLevel.YELLOW


def test_factors_outside_the_scale_are_refused_all_at_once():
    errors = rules.check_factors("lec", 4, None, 50)
    assert set(errors) == {"likelihood", "exposure", "consequence"}
    assert "10" in str(errors["likelihood"]) and "0.1" in str(errors["likelihood"])
    assert rules.check_factors("lec", "abc", 6, 15).keys() == {"likelihood"}
    assert rules.check_factors("ls", 3, None, 5) == {}
    assert set(rules.check_factors("ls", 6, 3, 0)) == {"likelihood", "consequence", "exposure"}


@pytest.mark.django_db
def test_an_assessment_grades_its_space_and_the_latest_one_counts(world):
    space = space_in(world, world.regions["village"])
    assert space.risk_level == ""
    older = SpaceRiskAssessmentFactory(
        space=space, likelihood=6, exposure=6, consequence=15, assessed_on=datetime.date(2025, 1, 1)
    )
    space.refresh_from_db()
    assert (older.score, older.level, space.risk_level) == (Decimal("540"), "red", "red")
    assert "硫化氢" in older.notice_board_text or "H2S" in older.notice_board_text
    newer = SpaceRiskAssessmentFactory(
        space=space, likelihood=1, exposure=3, consequence=7, assessed_on=datetime.date(2026, 1, 5)
    )
    space.refresh_from_db()
    assert (newer.level, space.risk_level) == ("blue", "blue")
    newer.delete()
    space.refresh_from_db()
    assert space.risk_level == "red"
    older.delete()
    space.refresh_from_db()
    assert space.risk_level == ""


@pytest.mark.django_db
def test_an_assessment_with_a_factor_off_the_scale_is_refused(world):
    assessment = SpaceRiskAssessmentFactory.build(
        space=space_in(world, world.regions["village"]), likelihood=4, exposure=6, consequence=15
    )
    with pytest.raises(ValidationError) as refused:
        assessment.full_clean()
    assert "likelihood" in refused.value.message_dict


def _detector(**kwargs):
    return SafetyEquipment(kind=EquipmentKind.GAS_DETECTOR, name="检测仪", **kwargs)


def test_equipment_is_in_date_through_the_last_day_of_its_validity():
    # Calibrated on 29 February 2024, valid for a year: through 28 February 2025.
    detector = _detector(
        calibrated_on=datetime.date(2024, 2, 29), valid_until=datetime.date(2025, 2, 28)
    )
    assert detector.in_date(datetime.date(2025, 2, 28))
    assert not detector.in_date(datetime.date(2025, 3, 1))
    assert not detector.in_date(datetime.date(2024, 2, 28))  # not calibrated yet on that day
    assert detector.in_date(datetime.date(2024, 2, 29))


def test_a_detector_without_a_validity_date_is_never_in_date_but_a_harness_is():
    assert not _detector().in_date(datetime.date(2026, 5, 1))
    harness = SafetyEquipment(kind=EquipmentKind.HARNESS, name="安全带")
    assert harness.in_date(datetime.date(2026, 5, 1))
    assert harness.date_state(datetime.date(2026, 5, 1)) == DateState.NO_DATE
    harness.status = EquipmentStatus.UNDER_REPAIR
    assert not harness.in_date(datetime.date(2026, 5, 1))


def test_due_soon_within_the_configured_days(settings):
    settings.ANJIAN_SPACES_EQUIPMENT_DUE_DAYS = 30
    on = datetime.date(2026, 9, 28)  # the National Day week follows
    detector = _detector(valid_until=datetime.date(2026, 10, 28))
    assert detector.date_state(on) == DateState.DUE_SOON
    detector.valid_until = datetime.date(2026, 10, 29)
    assert detector.date_state(on) == DateState.IN_DATE
    detector.valid_until = datetime.date(2026, 9, 27)
    assert detector.date_state(on) == DateState.OUT_OF_DATE


@pytest.mark.django_db
def test_validity_cannot_end_before_the_calibration(world):
    item = SafetyEquipmentFactory.build(
        enterprise=world.enterprises["inside"],
        calibrated_on=datetime.date(2026, 3, 1),
        valid_until=datetime.date(2026, 2, 1),
    )
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "valid_until" in refused.value.message_dict


@pytest.mark.django_db
def test_toxic_risk_follows_the_gases_and_the_row_rules_hold(world):
    inside, outside = world.enterprises["inside"], world.enterprises["outside"]
    space = ConfinedSpaceFactory.build(enterprise=inside, toxic_gases=[])
    assert not space.has_toxic_risk
    space.toxic_gases = ["CO"]
    assert space.has_toxic_risk
    space.responsible_person = PersonFactory(employer=outside)
    space.isolation = "none"
    space.isolation_effective = True
    space.toxic_gases = ["H2S", "XYZ"]
    with pytest.raises(ValidationError) as refused:
        space.full_clean()
    assert {"responsible_person", "isolation_effective", "toxic_gases"} <= set(
        refused.value.message_dict
    )


@pytest.mark.django_db
def test_the_region_is_the_enterprise_s_and_codes_are_unique_per_enterprise(world):
    inside, outside = world.enterprises["inside"], world.enterprises["outside"]
    first = ConfinedSpaceFactory(enterprise=inside, code="YX-01")
    assert first.region == inside.region
    ConfinedSpaceFactory(enterprise=outside, code="YX-01")  # another enterprise: allowed
    duplicate = ConfinedSpaceFactory.build(enterprise=inside, code="YX-01")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    assert first.label_token and len(first.label_token) >= 32
    assert ConfinedSpaceFactory(enterprise=inside).label_token != first.label_token
