"""Assessment issues certificates; expiry from the validity table; the start-gate question
``valid_certificate``; the public verification page and the printable certificate."""

import datetime
import re

import pytest
from django.urls import reverse

from anjian.core.models import AuditEvent
from anjian.training import services
from anjian.training.choices import Duty, TrainingKind
from anjian.training.models import Certificate, TrainingValidity
from anjian.training.rules import valid_certificate
from anjian.training.testing import (
    AttendanceFactory,
    CertificateFactory,
    person_in,
    session_in,
)

D = datetime.date


@pytest.fixture
def attendance(world):
    village = world.regions["village"]
    session = session_in(world, village, held_on=D(2024, 3, 1), provider="江海区安全生产协会")
    return AttendanceFactory(session=session, person=person_in(world, village))


def test_a_pass_issues_one_certificate_valid_for_a_year(attendance, world):
    officer = world.users["subdistrict_officer"]
    certificate = services.record_assessment(attendance, score=92, passed=True, actor=officer)
    assert certificate.person == attendance.person and certificate.attendance == attendance
    assert certificate.issued_on == D(2024, 3, 1)
    assert certificate.expires_on == D(2025, 3, 1)  # a calendar year
    assert certificate.issuer == "江海区安全生产协会"
    assert certificate.duties == attendance.person.duties
    assert certificate.number.startswith("PX2024-") and len(certificate.number) == 15
    attendance.refresh_from_db()
    assert attendance.passed is True and attendance.score == 92
    event = AuditEvent.objects.get(action="training.attendance.assessed")
    assert event.detail["certificate"] == certificate.number


def test_a_fail_issues_none(attendance, world):
    result = services.record_assessment(
        attendance, score=40, passed=False, actor=world.users["admin"]
    )
    assert result is None and not Certificate.objects.exists()
    attendance.refresh_from_db()
    assert attendance.passed is False


def test_an_assessment_is_recorded_once_and_absentees_cannot_pass(attendance, world):
    admin = world.users["admin"]
    services.record_assessment(attendance, score=80, passed=True, actor=admin)
    with pytest.raises(services.AssessmentRefused):
        services.record_assessment(attendance, score=10, passed=False, actor=admin)
    absent = AttendanceFactory(
        session=attendance.session,
        person=person_in(world, world.regions["village"]),
        attended=False,
    )
    with pytest.raises(services.AssessmentRefused):
        services.record_assessment(absent, score=90, passed=True, actor=admin)
    assert Certificate.objects.count() == 1


def test_validity_per_kind_comes_from_the_table(attendance, world):
    TrainingValidity.objects.filter(kind=TrainingKind.CONFINED_SPACE).update(validity_months=24)
    certificate = services.record_assessment(
        attendance, score=90, passed=True, actor=world.users["admin"]
    )
    assert certificate.expires_on == D(2026, 3, 1)


def test_certificate_numbers_are_unique(world):
    person = person_in(world, world.regions["village"])
    numbers = {CertificateFactory(person=person).number for _ in range(30)}
    assert len(numbers) == 30


@pytest.mark.parametrize(
    ("case", "duty", "on", "ok", "words"),
    [
        ("none", Duty.ENTRANT, D(2024, 6, 1), False, "no training certificate"),
        ("valid", Duty.ENTRANT, D(2024, 6, 1), True, "valid until 2025-03-01"),
        ("valid", Duty.APPROVER, D(2024, 6, 1), False, "covers the duty"),
        ("valid", Duty.ENTRANT, D(2025, 3, 2), False, "expired on 2025-03-01"),
        ("valid", Duty.ENTRANT, D(2024, 2, 1), False, "valid only from"),
    ],
)
def test_valid_certificate(case, duty, on, ok, words, world, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    person = person_in(world, world.regions["village"], name="陈工")
    if case == "valid":
        CertificateFactory(
            person=person, duties=[Duty.ENTRANT, Duty.ATTENDANT], issued_on=D(2024, 3, 1)
        )
    with translation.override("en"):
        answer, reason = valid_certificate(person, duty, on=on)
    assert answer is ok
    assert words in reason


def test_a_renewed_certificate_makes_the_person_valid_again(world):
    person = person_in(world, world.regions["village"])
    CertificateFactory(person=person, issued_on=D(2022, 1, 1))
    assert valid_certificate(person, Duty.ENTRANT, on=D(2024, 1, 1))[0] is False
    CertificateFactory(person=person, issued_on=D(2023, 12, 1))
    assert valid_certificate(person, Duty.ENTRANT, on=D(2024, 1, 1))[0] is True


def test_public_verification_shows_only_masked_name_kind_and_validity(attendance, world, client):
    certificate = services.record_assessment(
        attendance, score=90, passed=True, actor=world.users["admin"]
    )
    response = client.get(reverse("training:verify", args=[certificate.number]))
    assert response.status_code == 200
    text = response.content.decode()
    person = certificate.person
    assert certificate.number in text and person.name[0] + "*" in text
    assert person.name not in text
    for secret in (person.id_number, person.masked_id_number, person.employer.name):
        assert secret not in text


def test_an_unknown_number_answers_404_and_says_nothing(db, client):
    # The verify page with 未找到 (404), the same for any unknown number (it echoes only the
    # number typed).
    pages = []
    for number in ("PX2024-NOPE0000", "PX2024-ZZZZ9999"):
        response = client.get(reverse("training:verify", args=[number]))
        assert response.status_code == 404
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
        pages.append(text.replace(number, ""))
    assert pages[0] == pages[1]
    lookup = client.get(reverse("training:verify_lookup"), {"number": "PX2024-ABC"})
    assert lookup.status_code == 302


def test_printable_certificate_has_a_qr_code_to_the_verification_page(attendance, world, login):
    certificate = services.record_assessment(
        attendance, score=90, passed=True, actor=world.users["admin"]
    )
    client = login(world.users["subdistrict_officer"])
    response = client.get(reverse("training:certificate_print", args=[certificate.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    verify = reverse("training:verify", args=[certificate.number])
    assert f"http://testserver{verify}" in text
    assert 'src="data:image/svg+xml' in text
    outsider = login(world.users["enterprise_manager"])
    other = CertificateFactory(person=person_in(world, world.regions["other_subdistrict"]))
    assert outsider.get(reverse("training:certificate_print", args=[other.pk])).status_code == 404


def test_assessment_page_and_api(world, login, api_client):
    village = world.regions["village"]
    session = session_in(world, village)
    passing = AttendanceFactory(session=session, person=person_in(world, village))
    failing = AttendanceFactory(session=session, person=person_in(world, village))
    client = login(world.users["enterprise_manager"])
    response = client.post(
        reverse("training:attendance_assess", args=[passing.pk]), {"score": "88"}
    )
    assert response.status_code == 302
    assert Certificate.objects.filter(attendance=passing).exists()
    again = client.post(reverse("training:attendance_assess", args=[passing.pk]), {"score": "40"})
    assert again.status_code == 409
    api_client.force_authenticate(world.users["enterprise_manager"])
    response = api_client.post(
        f"/api/training/attendances/{failing.pk}/assess/",
        {"score": "30", "passed": False},
        format="json",
    )
    assert response.status_code == 204
    assert not Certificate.objects.filter(attendance=failing).exists()
    reader = login(world.users["grid_worker"])
    third = AttendanceFactory(session=session, person=person_in(world, village))
    assert (
        reader.post(
            reverse("training:attendance_assess", args=[third.pk]), {"score": "90"}
        ).status_code
        == 403
    )


def test_an_assessed_attendance_keeps_its_person(attendance, world, login):
    services.record_assessment(attendance, score=90, passed=True, actor=world.users["admin"])
    other = person_in(world, world.regions["village"])
    client = login(world.users["subdistrict_officer"])
    response = client.post(
        reverse("training:attendance_edit", args=[attendance.pk]),
        {"session": attendance.session_id, "person": other.pk, "attended": "on"},
    )
    assert response.status_code == 200
    attendance.refresh_from_db()
    assert attendance.person != other
