import datetime

from anjian.hazards import services
from anjian.hazards.choices import HazardLevel, HazardSource, HazardStatus


def test_report_major_escalates_once(world):
    enterprise = world.enterprises["inside"]
    before = enterprise.risk_grade
    hazard = services.report_hazard(
        enterprise,
        actor=world.users["grid_worker"],
        description="隔离门过低",
        source=HazardSource.INSPECTION,
        criteria=["13-1"],
        found_on=datetime.date(2024, 2, 29),
    )
    assert hazard.number == "YH-2024-00001"
    assert hazard.level == HazardLevel.MAJOR
    assert hazard.status == HazardStatus.REPORTED
    enterprise.refresh_from_db()
    assert enterprise.risk_grade != before
    grade = enterprise.risk_grade
    services.set_criteria(hazard, ["13-1", "13-2"], actor=world.users["grid_worker"])
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == grade
