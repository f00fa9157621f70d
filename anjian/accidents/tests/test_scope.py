"""A department user sees and edits only the recommendations, assignments and progress of its
own organisation; the bureau sees its district's; an enterprise sees what is assigned to it."""

import datetime

import pytest

from anjian.accidents.models import (
    ImplementationProgress,
    Recommendation,
    RecommendationAssignment,
)
from anjian.accidents.testing import make_accident

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(world):
    from anjian.accounts.models import Organization

    accident = make_accident(world.enterprises["inside"])
    mine = Recommendation.objects.create(accident=accident, number=1, text="工会的建议")
    other = Recommendation.objects.create(accident=accident, number=2, text="企业的建议")
    union = RecommendationAssignment.objects.create(
        recommendation=mine, organization=world.organizations["union"]
    )
    bureau = RecommendationAssignment.objects.create(
        recommendation=other, organization=Organization.objects.get(name="区应急管理局")
    )
    company = RecommendationAssignment.objects.create(
        recommendation=other, enterprise=world.enterprises["inside"]
    )
    for assignment in (union, bureau, company):
        ImplementationProgress.objects.create(
            assignment=assignment, text="进展", reported_on=datetime.date(2024, 5, 1)
        )
    return {"mine": mine, "other": other, "union": union, "bureau": bureau, "company": company}


def test_department_sees_only_its_assignments(world, assigned):
    user = world.users["department"]
    assert list(Recommendation.objects.restrict(user)) == [assigned["mine"]]
    assert list(RecommendationAssignment.objects.restrict(user)) == [assigned["union"]]
    assert list(RecommendationAssignment.objects.restrict(user, "change")) == []
    progress = ImplementationProgress.objects.restrict(user, "change")
    assert [p.assignment for p in progress] == [assigned["union"]]


def test_department_pages_refuse_other_assignments(world, assigned, client):
    client.force_login(world.users["department"])
    assert client.get(f"/accidents/recommendations/{assigned['mine'].pk}/").status_code == 200
    assert client.get(f"/accidents/recommendations/{assigned['other'].pk}/").status_code == 404
    response = client.post(
        "/accidents/progress/add/",
        {"assignment": assigned["bureau"].pk, "text": "越权", "reported_on": "2024-05-02"},
    )
    assert not ImplementationProgress.objects.filter(text="越权").exists()
    assert response.status_code == 200
    response = client.post(
        "/accidents/progress/add/",
        {"assignment": assigned["union"].pk, "text": "工会已开展培训", "reported_on": "2024-05-02"},
    )
    assert response.status_code == 302
    created = ImplementationProgress.objects.get(text="工会已开展培训")
    assert created.reported_by == world.users["department"]


def test_bureau_and_enterprise(world, assigned):
    regulator = world.users["regulator"]
    assert Recommendation.objects.restrict(regulator).count() == 2
    assert RecommendationAssignment.objects.restrict(regulator).count() == 3
    manager = world.users["enterprise_manager"]
    assert list(Recommendation.objects.restrict(manager)) == [assigned["other"]]
    assert list(RecommendationAssignment.objects.restrict(manager)) == [assigned["company"]]


def test_department_reaches_only_the_accidents_of_its_assignments(world, client):
    """A department reads the accident of its assignment (or of the investigation it sits on),
    not another accident of the same district; without the assignment it loses it."""
    from anjian.accidents.models import Accident

    union = world.organizations["union"]
    user = world.users["department"]
    mine = make_accident(world.enterprises["inside"], name="工会的事故")
    other = make_accident(world.enterprises["inside"], name="同区另一事故")
    teamed = make_accident(world.enterprises["inside"], name="工会参加调查的事故")
    teamed.investigation.team.add(union)
    recommendation = Recommendation.objects.create(accident=mine, number=1, text="工会的建议")
    assignment = RecommendationAssignment.objects.create(
        recommendation=recommendation, organization=union
    )
    assert other.region == mine.region
    assert set(Accident.objects.restrict(user)) == {mine, teamed}
    client.force_login(user)
    assert client.get(f"/accidents/{mine.pk}/").status_code == 200
    assert client.get(f"/accidents/recommendations/{recommendation.pk}/").status_code == 200
    assert client.get(f"/accidents/{other.pk}/").status_code == 404
    listing = client.get("/accidents/").content.decode()
    assert "工会的事故" in listing and "同区另一事故" not in listing
    assert client.get("/").status_code == 200

    assignment.delete()
    assert set(Accident.objects.restrict(user)) == {teamed}
    assert client.get(f"/accidents/{mine.pk}/").status_code == 404

    # The roles that see the whole region keep it; the enterprise keeps its own accidents.
    for role in ("regulator", "leader", "auditor", "enterprise_manager"):
        assert {mine, other, teamed} <= set(Accident.objects.restrict(world.users[role]))


def test_accident_audit_events_keep_their_region(world):
    """Reached through the scope's ``extra``, an accident still files its audit events under its
    region, so the district's auditors read them."""
    from anjian.core import audit
    from anjian.core.models import AuditEvent

    accident = make_accident(world.enterprises["inside"])
    event = audit.record("accidents.accident.exported", obj=accident)
    assert event.region_path == accident.region.path
    assert AuditEvent.objects.restrict(world.users["auditor"]).filter(pk=event.pk).exists()
