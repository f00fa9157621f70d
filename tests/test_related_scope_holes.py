"""The related-field holes of issue 7 (point 1), each seen on main before the fix.

A related field of an API serializer or a page form accepts only targets the user may view, whatever
DRF or Django handed the field as its queryset (a Manager, a QuerySet, with or without
``limit_choices_to``); nothing is written when a target is refused.
"""

import pytest
from django.urls import reverse

from anjian.accounts.models import Organization
from anjian.core.api.serializers import ScopedModelSerializer
from anjian.enterprises.models import Enterprise
from anjian.training.models import Attendance, Certificate
from anjian.training.testing import PersonFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def test_enterprise_manager_cannot_attend_a_district_session(world, api_client):
    """A district session the manager cannot open, with its own employee: refused on the session
    (before the fix: 201, then ``…/assess/`` issued a certificate from that session)."""
    own = world.enterprises["inside"]
    session = TrainingSessionFactory(organization=world.organizations["bureau"])
    employee = PersonFactory(name="罗志强", id_number="44070019680229001X", employer=own)
    api_client.force_authenticate(world.users["enterprise_manager"])

    response = api_client.post(
        reverse("attendance-list"),
        {"session": session.pk, "person": employee.pk, "attended": True},
        format="json",
    )

    assert response.status_code == 400, response.data
    assert "session" in response.data
    assert not Attendance.objects.filter(session=session).exists()
    assert not Certificate.objects.filter(person=employee).exists()


def test_enterprise_manager_cannot_enrol_a_person_of_another_subdistrict(world, api_client):
    """Its own session with a person employed in another sub-district: refused on the person."""
    session = TrainingSessionFactory(enterprise=world.enterprises["inside"])
    stranger = PersonFactory(
        name="陈建华", id_number="440700196512310027", employer=world.enterprises["outside"]
    )
    api_client.force_authenticate(world.users["enterprise_manager"])

    response = api_client.post(
        reverse("attendance-list"),
        {"session": session.pk, "person": stranger.pk, "attended": True},
        format="json",
    )

    assert response.status_code == 400, response.data
    assert "person" in response.data
    assert not Attendance.objects.filter(person=stranger).exists()


def test_enterprise_manager_attends_own_session_with_own_people(world, api_client):
    """The same request with its own session and its own employee still works."""
    own = world.enterprises["inside"]
    session = TrainingSessionFactory(enterprise=own)
    employee = PersonFactory(name="罗志强", id_number="440700196001010030", employer=own)
    api_client.force_authenticate(world.users["enterprise_manager"])

    response = api_client.post(
        reverse("attendance-list"),
        {"session": session.pk, "person": employee.pk, "attended": True},
        format="json",
    )

    assert response.status_code == 201, response.data


def test_subdistrict_officer_cannot_give_an_enterprise_an_outside_landlord(world, api_client):
    officer = world.users["subdistrict_officer"]
    enterprise = world.enterprises["inside"]
    outside = world.enterprises["outside"]
    api_client.force_authenticate(officer)

    response = api_client.patch(
        reverse("enterprise-detail", args=[enterprise.pk]), {"landlord": outside.pk}, format="json"
    )

    assert response.status_code == 400, response.data
    assert "landlord" in response.data
    assert Enterprise.objects.get(pk=enterprise.pk).landlord_id is None


def test_subdistrict_officer_cannot_hang_an_organization_under_an_outside_one(world, api_client):
    officer = world.users["subdistrict_officer"]
    office = world.organizations["subdistrict_office"]
    # The district bureau: a parent the rules allow (its region holds the sub-district), but
    # outside the officer's view.
    bureau = world.organizations["bureau"]
    api_client.force_authenticate(officer)

    response = api_client.patch(
        reverse("organization-detail", args=[office.pk]), {"parent": bureau.pk}, format="json"
    )

    assert response.status_code == 400, response.data
    assert "parent" in response.data
    assert Organization.objects.get(pk=office.pk).parent_id is None


def test_a_saved_out_of_view_choice_is_kept_by_the_api(world, api_client):
    """Like the page form: a record keeps its current target even when the user cannot see it."""
    office = world.organizations["subdistrict_office"]
    bureau = world.organizations["bureau"]  # in the district, outside the officer's view
    Organization.objects.filter(pk=office.pk).update(parent=bureau)
    api_client.force_authenticate(world.users["subdistrict_officer"])

    response = api_client.patch(
        reverse("organization-detail", args=[office.pk]),
        {"parent": bureau.pk, "short_name": "外海办"},
        format="json",
    )

    assert response.status_code == 200, response.data
    assert Organization.objects.get(pk=office.pk).short_name == "外海办"


def test_browsable_api_lists_no_out_of_scope_choices(world, client):
    """The browsable API's HTML form offers no person or enterprise outside the user's view."""
    outside = world.enterprises["outside"]
    other_district = world.enterprises["other_district"]
    client.force_login(world.users["subdistrict_officer"])

    response = client.get(reverse("enterprise-list"), HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    page = response.content.decode()
    assert outside.name not in page
    assert other_district.name not in page


def test_a_serializer_without_a_user_offers_no_choices(world):
    """No request, no user: the related fields fail closed."""
    from anjian.accounts.api.serializers import OrganizationSerializer

    serializer = OrganizationSerializer(
        data={"name": "无主单位", "kind": "department", "region": world.regions["district"].pk}
    )

    assert not serializer.is_valid()
    assert "region" in serializer.errors
    assert issubclass(OrganizationSerializer, ScopedModelSerializer)


def test_api_docs_and_schema_still_work(world, client):
    client.force_login(world.users["regulator"])

    assert client.get(reverse("api-docs")).status_code == 200
    schema = client.get(reverse("api-schema"), {"format": "json"})
    assert schema.status_code == 200
    assert "/api/enterprises/" in schema.json()["paths"]


def test_browsable_api_detail_offers_the_raw_json_form_only(world, client):
    """The edit form of one record: raw JSON, no <select> of related rows."""
    client.force_login(world.users["subdistrict_officer"])
    enterprise = world.enterprises["inside"]

    response = client.get(
        reverse("enterprise-detail", args=[enterprise.pk]), HTTP_ACCEPT="text/html"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id__content"' in page  # the raw data form
    assert 'name="landlord"' not in page
    assert world.enterprises["outside"].name not in page


def test_enterprise_manager_cannot_assess_an_attendance_of_a_session_it_cannot_open(
    world, api_client
):
    """The district's session, attended by the manager's own employee (recorded by the district):
    the manager sees the attendance through its employee but may not assess it — no certificate
    from a session it cannot open."""
    from anjian.training.testing import AttendanceFactory

    session = TrainingSessionFactory(organization=world.organizations["bureau"])
    employee = PersonFactory(
        name="罗志强", id_number="440700196001010030", employer=world.enterprises["inside"]
    )
    attendance = AttendanceFactory(session=session, person=employee)
    api_client.force_authenticate(world.users["enterprise_manager"])

    response = api_client.post(
        reverse("attendance-assess", args=[attendance.pk]), {"score": 88}, format="json"
    )

    assert response.status_code in (404, 409), response.data
    attendance.refresh_from_db()
    assert attendance.passed is None
    assert not Certificate.objects.filter(person=employee).exists()
