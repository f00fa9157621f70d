"""Gas readings against the threshold table: the seeded defaults, the boundaries, ppm ↔ mg/m³
at 20 °C, % vol, and a whole test recorded in one call."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from anjian.permits import rules, services
from anjian.permits.choices import PermitDuty, PermitStatus
from anjian.permits.models import GasReading, GasThreshold, Permit
from anjian.permits.testing import detector_for, passing_readings, ready_permit

pytestmark = pytest.mark.django_db


def _judge(code, value, unit):
    reading = GasReading(gas=GasThreshold.objects.get(code=code), value=Decimal(value), unit=unit)
    rules.judge_reading(reading)
    return reading


def test_the_defaults_of_regulations_md_are_seeded():
    rows = {t.code: t for t in GasThreshold.objects.all()}
    assert list(rows) == ["O2", "LEL", "H2S", "CO", "CO2", "NH3"]  # the test order
    assert (rows["O2"].minimum, rows["O2"].maximum, rows["O2"].warn) == (
        Decimal("19.5"),
        Decimal("23.5"),
        Decimal("21"),
    )
    assert rows["LEL"].maximum == 10 and not rows["LEL"].maximum_inclusive
    assert rows["H2S"].maximum == 10 and rows["H2S"].unit == "mg_m3"
    assert rows["CO2"].maximum == 9000


@pytest.mark.parametrize(
    ("code", "value", "unit", "passed"),
    [
        ("H2S", "10", "mg_m3", True),
        ("H2S", "10.01", "mg_m3", False),
        ("O2", "19.5", "pct_vol", True),
        ("O2", "19.4", "pct_vol", False),
        ("O2", "23.5", "pct_vol", True),
        ("O2", "23.6", "pct_vol", False),
        ("LEL", "9.99", "pct_lel", True),
        ("LEL", "10", "pct_lel", False),
        ("CO", "20", "mg_m3", True),
        ("CO", "20.01", "mg_m3", False),
        ("NH3", "20", "mg_m3", True),
        ("NH3", "21", "mg_m3", False),
        ("CO2", "9000", "mg_m3", True),
        ("CO2", "9000.5", "mg_m3", False),
    ],
)
def test_boundaries(code, value, unit, passed):
    assert _judge(code, value, unit).passed is passed


def test_oxygen_above_21_passes_with_a_warning():
    reading = _judge("O2", "22", "pct_vol")
    assert reading.passed and reading.warning
    assert not _judge("O2", "20.9", "pct_vol").warning


def test_ppm_is_converted_to_mg_at_20_degrees_and_the_conversion_stated():
    # 7 ppm H2S × 34.08 / 24.04 = 9.9235 mg/m³ (≈ the MAC of 10 mg/m³)
    reading = _judge("H2S", "7", "ppm")
    assert reading.converted_value == Decimal("9.9235")
    assert reading.passed
    assert reading.conversion == "7 ppm × 34.08 ÷ 24.04 = 9.9235 mg/m³"
    # 7.06 ppm = 10.0086 mg/m³: over
    assert _judge("H2S", "7.06", "ppm").passed is False
    # the boundary in ppm: 7.0540 ppm → 10.0000 mg/m³ (to 4 places) passes, 7.0545 → 10.0007 fails
    assert _judge("H2S", "7.0540", "ppm").passed is True
    assert _judge("H2S", "7.0545", "ppm").passed is False


def test_carbon_monoxide_17_ppm_is_about_20_mg():
    reading = _judge("CO", "17", "ppm")
    assert reading.converted_value == Decimal("19.8074")
    assert reading.passed


def test_percent_by_volume_converts_through_ppm():
    # CO2 0.5 % vol = 5000 ppm = 5000 × 44.01 / 24.04 = 9153.4942 mg/m³: over 9000
    reading = _judge("CO2", "0.5", "pct_vol")
    assert reading.converted_value == Decimal("9153.4942")
    assert not reading.passed
    assert "10000" in reading.conversion
    assert _judge("CO2", "0.49", "pct_vol").passed


def test_mg_to_a_ppm_limit_and_back():
    h2s = GasThreshold.objects.get(code="H2S")
    h2s.unit = "ppm"
    h2s.maximum = Decimal("7")
    value, text = rules.convert(Decimal("10"), "mg_m3", h2s)
    assert value == Decimal("7.0540")
    assert "24.04" in text


def test_lel_cannot_be_converted(english):
    with pytest.raises(rules.ConversionError):
        _judge("LEL", "1", "ppm")
    reading = GasReading(gas=GasThreshold.objects.get(code="LEL"), value=Decimal("1"), unit="ppm")
    with pytest.raises(ValidationError):
        reading.clean()


def test_a_threshold_is_editable_and_the_judgement_follows():
    GasThreshold.objects.filter(code="H2S").update(maximum=Decimal("5"))
    assert _judge("H2S", "6", "mg_m3").passed is False


def _approved(world):
    return ready_permit(world.enterprises["inside"])


def test_a_test_without_every_gas_is_refused(world, english):
    permit = _approved(world)
    with pytest.raises(ValidationError) as error:
        services.record_gas_test(
            permit,
            actor=world.users["enterprise_manager"],
            tested_at=timezone.now(),
            tester=permit.people.get(duty=PermitDuty.LEADER).person,
            detector=detector_for(permit.enterprise),
            readings=passing_readings()[:2],
        )
    assert "H2S" in str(error.value)


def test_an_out_of_date_detector_fails_the_test(world):
    permit = _approved(world)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    detector = detector_for(permit.enterprise, valid_until=yesterday)
    test = services.record_gas_test(
        permit,
        actor=world.users["enterprise_manager"],
        tested_at=timezone.now(),
        tester=permit.people.get(duty=PermitDuty.LEADER).person,
        detector=detector,
        readings=passing_readings(),
    )
    assert not test.detector_in_date and not test.passed
    assert all(r.passed for r in test.readings.all())


def test_three_depths_each_judged(world):
    permit = _approved(world)
    readings = [r for r in passing_readings() if r["gas"] != "H2S"] + [
        {"gas": "H2S", "depth": "top", "value": "1", "unit": "ppm"},
        {"gas": "H2S", "depth": "middle", "value": "3", "unit": "ppm"},
        {"gas": "H2S", "depth": "bottom", "value": "15", "unit": "mg_m3"},
    ]
    test = services.record_gas_test(
        permit,
        actor=world.users["enterprise_manager"],
        tested_at=timezone.now(),
        tester=permit.people.get(duty=PermitDuty.LEADER).person,
        detector=detector_for(permit.enterprise),
        readings=readings,
    )
    assert not test.passed
    failing = [(r.gas.code, r.depth) for r in test.readings.all() if not r.passed]
    assert failing == [("H2S", "bottom")]
    # Before work, a failing test suspends nothing (there is no work to stop).
    assert Permit.objects.get(pk=permit.pk).status == PermitStatus.APPROVED


def test_a_reading_twice_at_the_same_depth_is_refused(world):
    permit = _approved(world)
    with pytest.raises(ValidationError):
        services.record_gas_test(
            permit,
            actor=world.users["enterprise_manager"],
            tested_at=timezone.now(),
            tester=permit.people.get(duty=PermitDuty.LEADER).person,
            detector=detector_for(permit.enterprise),
            readings=[*passing_readings(), passing_readings()[0]],
        )
