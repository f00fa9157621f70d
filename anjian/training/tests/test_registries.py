"""Issue 8: identity numbers of real workers, certificates that mean what they say (kind, issuer,
calendar validity), special operation certificates, assessment 0–100 with correction, bulk
attendance and the session assessment page, public verification."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from anjian.core import identity
from anjian.core.models import AuditEvent, TransitionLog
from anjian.training import rules, services
from anjian.training.choices import Duty, IssuerKind, TrainingKind
from anjian.training.models import Attendance, Certificate, Person
from anjian.training.testing import (
    AttendanceFactory,
    CertificateFactory,
    SpecialCertificateFactory,
    person_in,
    session_in,
)

D = datetime.date
TODAY = D(2026, 12, 1)


# --- 1. identity numbers --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("place", "born"),
    [
        ("440704", "19630518"),  # 江海区, created 1994: stdnum refused it ("地址码不存在")
        ("440704", "19691231"),
        ("440703", "19740829"),  # 蓬江区
        ("440705", "19800229"),  # 新会区, born on 29 February
        ("440781", "19871015"),  # 台山市
        ("450921", "19951120"),  # 容县 (广西)
        ("430524", "20040101"),  # 隆回县 (湖南)
        ("810000", "19780506"),  # Hong Kong residents' residence permit
        ("820000", "19850312"),  # Macao
        ("830000", "19900707"),  # Taiwan
    ],
)
def test_real_numbers_of_the_1960s_to_2000s_are_accepted(place, born):
    number = identity.make_id_number(place, born, 123)
    identity.validate_id_number(number, today=TODAY)
    assert identity.id_number_warnings(number) == []


def test_an_old_jianghai_number_passes_where_stdnum_refused():
    from stdnum.cn import ric

    number = identity.make_id_number("440704", "19650301", 31)
    assert not ric.is_valid(number)  # what was checked before
    rules.validate_id_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (identity.make_id_number("440704", "19650301", 31)[:-1] + "0", "checksum"),
        ("44070419650301031", "length"),
        ("44070419650230031X", "birth_date"),  # 30 February
        (identity.make_id_number("440704", "20270101", 1), "future"),
        (identity.make_id_number("440704", "18990101", 1), "too_old"),
        (identity.make_id_number("910000", "19800101", 1), "province"),  # 91: 国外, not valid
        (identity.make_id_number("990101", "19800101", 1), "province"),
        (identity.make_id_number("810101", "19800101", 1), "permit"),
        ("4407041965030103AX", "format"),
    ],
)
def test_impossible_numbers_are_refused(number, code):
    with pytest.raises(ValidationError) as refused:
        identity.validate_id_number(number, today=TODAY)
    assert refused.value.code == code


def test_an_unknown_county_code_is_only_a_warning():
    number = identity.make_id_number("449999", "19700101", 5)
    identity.validate_id_number(number, today=TODAY)  # a known province: accepted
    [warning] = identity.id_number_warnings(number)
    assert "449999" in warning


def test_the_person_form_saves_an_unknown_county_code_with_a_warning(world, login):
    number = identity.make_id_number("449999", "19660412", 7)
    client = login(world.users["subdistrict_officer"])
    response = client.post(
        reverse("training:person_add"),
        {
            "name": "黄伟文",
            "id_number": number,
            "employer": world.enterprise_for(world.regions["village"]).pk,
            "duties": ["entrant"],
        },
        follow=True,
    )
    assert Person.objects.filter(id_number=number).exists()
    assert "449999" in response.content.decode()


def test_the_api_saves_an_unknown_county_code_with_a_warning(world, api_client):
    number = identity.make_id_number("449999", "19660412", 8)
    api_client.force_authenticate(world.users["subdistrict_officer"])
    response = api_client.post(
        "/api/training/people/",
        {
            "name": "黄伟明",
            "id_number": number,
            "employer": world.enterprise_for(world.regions["village"]).pk,
            "duties": ["entrant"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Person.objects.filter(id_number=number).exists()
    [warning] = response.json()["id_number_warnings"]
    assert "449999" in warning and number not in warning


def test_a_lower_case_x_is_stored_upper_case(world):
    body = "44070419681203009"
    number = body + identity.id_check_digit(body)
    assert number.endswith("X")
    person = Person(name="陈志强", id_number=number.lower(), region=world.regions["village"])
    person.full_clean()
    assert person.id_number == number


def test_demo_numbers_pass_the_full_check():
    from anjian.training.demo import PEOPLE, demo_id_number

    years = set()
    for i in range(len(PEOPLE)):
        number = demo_id_number(i)
        identity.validate_id_number(number)
        years.add(number[6:9])
    assert {"196", "197", "198", "199", "200"} <= years


# --- 3. certificates mean what their kind qualifies for ----------------------------------------
def test_a_warning_education_pass_qualifies_for_nothing(world, client):
    village = world.regions["village"]
    person = person_in(world, village, name="张三明", duties=[Duty.ENTRANT])
    session = session_in(world, village, kind=TrainingKind.WARNING_EDUCATION, hours=3)
    attendance = AttendanceFactory(session=session, person=person)
    certificate = services.record_assessment(attendance, score=95, actor=world.users["admin"])
    assert certificate.duties == []
    ok, _ = rules.valid_certificate(person, Duty.ENTRANT)
    assert ok is False
    # a certificate imported with duties its kind does not qualify for is refused
    wrong = Certificate(
        person=person,
        kind=TrainingKind.WARNING_EDUCATION,
        duties=[Duty.ENTRANT],
        issued_on=TODAY,
        issuer="警示教育基地",
    )
    with pytest.raises(ValidationError):
        wrong.full_clean()
    # and the printout does not call it a confined-space certificate
    page = client.get(reverse("training:verify", args=[certificate.number])).content.decode()
    assert "有限空间作业培训合格证明" not in page and "警示教育" in page


def test_the_table_decides_which_kind_qualifies(world):
    from anjian.training.models import TrainingValidity

    person = person_in(world, world.regions["village"])
    CertificateFactory(person=person, duties=[Duty.ENTRANT], issued_on=TODAY)
    assert rules.valid_certificate(person, Duty.ENTRANT, on=TODAY)[0] is True
    TrainingValidity.objects.filter(kind=TrainingKind.CONFINED_SPACE).update(
        qualifies_for=[Duty.ATTENDANT]
    )
    assert rules.valid_certificate(person, Duty.ENTRANT, on=TODAY)[0] is False


def test_the_issuers_the_gate_accepts_are_a_setting(world, settings):
    village = world.regions["village"]
    person = person_in(world, village)
    session = session_in(world, village)  # organized by the enterprise: its own training
    attendance = AttendanceFactory(session=session, person=person)
    certificate = services.record_assessment(attendance, score=80, actor=world.users["admin"])
    assert certificate.issuer_kind == IssuerKind.ENTERPRISE
    assert rules.valid_certificate(person, Duty.ENTRANT, on=session.held_on)[0] is True
    settings.ANJIAN_TRAINING_ACCEPTED_ISSUERS = [IssuerKind.PROVIDER]
    assert rules.valid_certificate(person, Duty.ENTRANT, on=session.held_on)[0] is False


# --- 5. calendar periods --------------------------------------------------------------------------
def test_one_year_from_29_february_ends_on_28_february(world):
    person = person_in(world, world.regions["village"])
    certificate = CertificateFactory(person=person, issued_on=D(2024, 2, 29), expires_on=None)
    assert certificate.expires_on == D(2025, 2, 28)


# --- 4. special operation certificates ------------------------------------------------------------
def _special(world, **kwargs):
    person = person_in(world, world.regions["village"], name="李电工")
    return SpecialCertificateFactory(person=person, **kwargs)


def test_special_certificate_valid_six_years_with_reviews_every_three(world):
    cert = _special(world, issued_on=D(2020, 2, 29))
    assert cert.expires_on == D(2026, 2, 28)
    assert rules.special_certificate_state(cert, D(2022, 6, 1)) == "valid"
    # the review due on 2023-02-28 was missed
    assert rules.special_certificate_state(cert, D(2023, 3, 1)) == "void"
    ok, why = rules.valid_special_certificate(cert.person, "electrician", on=D(2023, 3, 1))
    assert ok is False and "2023-02-28" in why
    cert.last_reviewed_on = D(2023, 1, 10)
    cert.save()
    assert rules.valid_special_certificate(cert.person, "electrician", on=D(2025, 6, 1))[0]
    assert rules.valid_special_certificate(cert.person, "welding", on=D(2025, 6, 1))[0] is False
    assert rules.special_certificate_state(cert, D(2026, 3, 1)) == "expired"


def test_special_certificates_page_api_and_panel(world, login, api_client):
    cert = _special(world, issued_on=D(2025, 5, 1))
    client = login(world.users["subdistrict_officer"])
    page = client.get(reverse("training:specialcertificate_list"))
    assert page.status_code == 200 and cert.number in page.content.decode()
    api_client.force_authenticate(world.users["enterprise_manager"])
    rows = api_client.get("/api/training/special-certificates/").json()
    results = rows["results"] if isinstance(rows, dict) else rows
    assert [r["number"] for r in results] == [cert.number]
    file_page = client.get(
        reverse("enterprises:enterprise_detail", args=[cert.person.employer_id])
    ).content.decode()
    assert cert.number in file_page


# --- 6. assessment ---------------------------------------------------------------------------------
def test_scores_run_0_to_100_and_the_pass_mark_is_a_setting(world, settings):
    village = world.regions["village"]
    session = session_in(world, village)
    admin = world.users["admin"]
    over = AttendanceFactory(session=session, person=person_in(world, village))
    with pytest.raises(services.AssessmentRefused):
        services.record_assessment(over, score=101, actor=admin)
    settings.ANJIAN_TRAINING_PASS_MARK = 80
    assert services.record_assessment(over, score=79, actor=admin) is None
    other = AttendanceFactory(session=session, person=person_in(world, village))
    assert services.record_assessment(other, score=80, actor=admin) is not None


def test_a_wrong_assessment_is_corrected_by_a_transition_that_voids_the_certificate(
    world, login, api_client
):
    village = world.regions["village"]
    attendance = AttendanceFactory(
        session=session_in(world, village), person=person_in(world, village)
    )
    certificate = services.record_assessment(attendance, score=90, actor=world.users["admin"])
    client = login(world.users["subdistrict_officer"])
    # the form is gone once assessed
    assess = reverse("training:attendance_assess", args=[attendance.pk])
    assert client.get(assess).status_code == 302
    url = reverse("training:attendance_transition", args=[attendance.pk, "correct_assessment"])
    assert client.post(url, {"reason": ""}).status_code == 409
    assert client.post(url, {"reason": "成绩录错：实际为 45 分"}).status_code == 302
    certificate.refresh_from_db()
    attendance.refresh_from_db()
    assert certificate.voided_on is not None and "45" in certificate.void_reason
    assert certificate.state() == "void"
    assert attendance.passed is None and attendance.status == "registered"
    assert rules.valid_certificate(attendance.person, Duty.ENTRANT)[0] is False
    assert TransitionLog.objects.filter(reason__contains="45").exists()
    assert AuditEvent.objects.filter(action="training.certificate.voided").exists()
    # assessed again, correctly
    assert services.record_assessment(attendance, score=45, actor=world.users["admin"]) is None
    # through the API too
    second = AttendanceFactory(session=attendance.session, person=person_in(world, village))
    issued = services.record_assessment(second, score=70, actor=world.users["admin"])
    api_client.force_authenticate(world.users["subdistrict_officer"])
    response = api_client.post(
        f"/api/training/attendances/{second.pk}/transition/",
        {"transition": "correct_assessment", "reason": "代考"},
        format="json",
    )
    assert response.status_code == 200, response.content
    issued.refresh_from_db()
    assert issued.voided_on is not None


def test_bulk_attendance_by_pasted_numbers_is_all_or_nothing(world, login):
    village = world.regions["village"]
    session = session_in(world, village)
    people = [person_in(world, village) for _ in range(3)]
    outsider = person_in(world, world.regions["other_subdistrict"])
    client = login(world.users["subdistrict_officer"])
    url = reverse("training:session_bulk_attendance", args=[session.pk])
    unknown = identity.make_id_number("440704", "19720304", 999)
    pasted = "\n".join([p.id_number for p in people] + [outsider.id_number, unknown])
    response = client.post(url, {"id_numbers": pasted})
    assert response.status_code == 400
    text = response.content.decode()
    assert outsider.id_number in text and unknown in text
    assert not Attendance.objects.filter(session=session).exists()
    pasted = ", ".join(p.id_number.lower() for p in people)
    assert client.post(url, {"id_numbers": pasted}).status_code == 302
    assert Attendance.objects.filter(session=session).count() == 3


def test_a_whole_session_is_assessed_on_one_page(world, login):
    village = world.regions["village"]
    session = session_in(world, village)
    rows = [AttendanceFactory(session=session, person=person_in(world, village)) for _ in range(3)]
    client = login(world.users["subdistrict_officer"])
    url = reverse("training:session_assess", args=[session.pk])
    assert client.get(url).status_code == 200
    data = {
        "assess-TOTAL_FORMS": "3",
        "assess-INITIAL_FORMS": "3",
        "attendance": [str(a.pk) for a in sorted(rows, key=lambda a: (a.person.name, a.pk))],
        "assess-0-score": "88",
        "assess-1-score": "150",
        "assess-2-score": "30",
    }
    assert client.post(url, data).status_code == 400  # 150 is refused; nothing saved
    assert not Certificate.objects.exists()
    data["assess-1-score"] = "60"
    assert client.post(url, data).status_code == 302
    assert Certificate.objects.count() == 2
    assert not Attendance.objects.filter(session=session, passed__isnull=True).exists()


# --- 7. public verification -----------------------------------------------------------------------
def test_verification_is_case_insensitive_and_shows_duties_and_masked_name(world, client):
    person = person_in(world, world.regions["village"], name="张三明")
    certificate = CertificateFactory(person=person, duties=[Duty.ENTRANT, Duty.ATTENDANT])
    response = client.get(reverse("training:verify", args=[certificate.number.lower()]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "张*明" in text and "张三明" not in text
    assert "作业人员" in text  # the duties it qualifies for (Entrant)
    assert certificate.expires_on.isoformat() in text
    missing = client.get(reverse("training:verify", args=["PX2026-NOTHERE2"]))
    assert missing.status_code == 404
    assert "未找到" in missing.content.decode() or "Not found" in missing.content.decode()
    assert 'name="number"' in missing.content.decode()


def test_special_certificates_are_imported_from_excel(world, login):
    from django.utils import translation

    from anjian.training.choices import SpecialCategory
    from anjian.training.ledger import SpecialCertificateLedger
    from anjian.training.models import SpecialCertificate
    from anjian.training.tests.test_ledger import xlsx

    person = person_in(world, world.regions["village"], name="王焊工")
    with translation.override("zh-hans"):
        welding = str(SpecialCategory.WELDING.label)
    rows = [
        [
            person.id_number,
            f"T{person.id_number}",
            welding,
            "熔化焊接与热切割作业",
            "江门市应急管理局",
            "2021-07-15",
            "",
            3,
            "2024-06-20",
        ],
    ]
    client = login(world.users["subdistrict_officer"])
    response = client.post(
        reverse("training:specialcertificate_import"),
        {"file": xlsx(SpecialCertificateLedger, rows), "confirm": "1"},
    )
    assert response.status_code in (200, 302), getattr(response, "context", None)
    cert = SpecialCertificate.objects.get(person=person)
    assert cert.category == SpecialCategory.WELDING
    assert cert.expires_on == D(2027, 7, 15)
    ok, _ = rules.valid_special_certificate(person, "welding", on=D(2026, 12, 1))
    assert ok is True


def test_bulk_attendance_through_the_api_is_all_or_nothing(world, api_client):
    village = world.regions["village"]
    session = session_in(world, village)
    people = [person_in(world, village) for _ in range(3)]
    outsider = person_in(world, world.regions["other_subdistrict"])
    url = f"/api/training/sessions/{session.pk}/attendees/"
    api_client.force_authenticate(world.users["subdistrict_officer"])
    response = api_client.post(
        url,
        {"people": [people[0].pk], "id_numbers": f"{people[1].id_number}\n{outsider.id_number}"},
        format="json",
    )
    assert response.status_code == 400
    assert outsider.id_number not in response.content.decode()  # masked like every API error
    assert not Attendance.objects.filter(session=session).exists()
    response = api_client.post(url, {"people": [outsider.pk]}, format="json")
    assert response.status_code == 400 and "people" in response.json()
    assert not Attendance.objects.filter(session=session).exists()
    response = api_client.post(
        url,
        {"people": [people[0].pk], "id_numbers": f"{people[1].id_number}, {people[2].id_number}"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert len(response.json()) == 3
    assert Attendance.objects.filter(session=session).count() == 3


def test_bulk_attendance_through_the_api_needs_permission_and_a_visible_session(world, api_client):
    inside = session_in(world, world.regions["village"])
    outside = session_in(world, world.regions["other_subdistrict"])
    person = person_in(world, world.regions["village"])
    api_client.force_authenticate(world.users["subdistrict_officer"])
    response = api_client.post(
        f"/api/training/sessions/{outside.pk}/attendees/", {"people": [person.pk]}, format="json"
    )
    assert response.status_code == 404
    api_client.force_authenticate(world.users["leader"])
    response = api_client.post(
        f"/api/training/sessions/{inside.pk}/attendees/", {"people": [person.pk]}, format="json"
    )
    assert response.status_code == 403
    assert not Attendance.objects.exists()
