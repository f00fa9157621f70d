"""Landlords that are organizations, agreement kinds, grade effective dates, the supervised sector,
agreement documents (type by content, size, scoped download) and service inspectors' agreements."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from anjian.accounts import roles
from anjian.accounts.testing import UserFactory
from anjian.core.models import AuditEvent
from anjian.core.workflow import TransitionRefused
from anjian.enterprises import services
from anjian.enterprises.models import Enterprise, GradeChange, Park, SafetyAgreement
from anjian.enterprises.testing import EnterpriseFactory, SafetyAgreementFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _gaps(queryset=None, today=None):
    queryset = queryset if queryset is not None else Enterprise.objects.all()
    return set(
        services.tenants_without_valid_agreement(queryset, today=today).values_list(
            "name", flat=True
        )
    )


# --- 9. a landlord may be an organization ---------------------------------------------------
def test_a_village_committee_is_a_landlord_and_its_tenant_needs_an_agreement(world):
    committee = world.organizations["village_committee"]  # 东南村委会
    tenant = world.enterprises["inside"]  # 恒亦达
    tenant.landlord_organization = committee
    tenant.full_clean()
    tenant.save()
    assert tenant.premises_landlord == committee
    assert tenant.name in _gaps()
    # An agreement with another landlord does not count; an expired one neither.
    SafetyAgreementFactory(
        tenant=tenant,
        landlord=EnterpriseFactory(region=tenant.region),
        signed_on=date(2025, 1, 1),
    )
    SafetyAgreementFactory(
        tenant=tenant,
        landlord_organization=committee,
        signed_on=date(2021, 3, 1),
        expires_on=date(2024, 2, 29),
    )
    assert tenant.name in _gaps(today=date(2026, 12, 1))
    # A valid contracting (承包) agreement with the committee closes the gap.
    SafetyAgreementFactory(
        tenant=tenant,
        landlord_organization=committee,
        kind="contracting",
        signed_on=date(2024, 3, 1),
        expires_on=date(2027, 2, 28),
    )
    assert tenant.name not in _gaps(today=date(2026, 12, 1))


def test_a_park_run_by_an_organization_covers_its_tenants(world):
    committee = world.organizations["village_committee"]
    park = Park.objects.create(
        name="东南村集体工业区", region=world.regions["village"], operator_organization=committee
    )
    tenant = EnterpriseFactory(region=world.regions["village"], park=park)
    assert tenant.name in _gaps()
    SafetyAgreementFactory(tenant=tenant, landlord_organization=committee, park=park)
    assert tenant.name not in _gaps()


def test_an_enterprise_landlord_still_counts(world):
    """The old rule (厂中厂 with an enterprise landlord) is kept, and no own-landlord row is lost."""
    host = world.enterprises["inside"]
    workshop = EnterpriseFactory(region=host.region, landlord=host)
    lone = EnterpriseFactory(region=host.region)  # no landlord at all
    assert workshop.name in _gaps() and lone.name not in _gaps()
    SafetyAgreementFactory(tenant=workshop, landlord=host)
    assert workshop.name not in _gaps()


def test_the_tenant_list_page_shows_a_tenant_of_an_organization(world, client):
    tenant = world.enterprises["inside"]
    Enterprise.objects.filter(pk=tenant.pk).update(
        landlord_organization=world.organizations["village_committee"]
    )
    client.force_login(world.users["subdistrict_officer"])
    page = client.get(reverse("enterprises:tenant_gap_list"))
    assert page.status_code == 200 and tenant.name in page.content.decode()


def test_one_landlord_only(world, english):
    tenant = world.enterprises["inside"]
    tenant.landlord = EnterpriseFactory(region=tenant.region)
    tenant.landlord_organization = world.organizations["village_committee"]
    with pytest.raises(ValidationError) as error:
        tenant.full_clean()
    assert "landlord_organization" in error.value.message_dict
    agreement = SafetyAgreement(tenant=tenant, signed_on=date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "landlord" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        SafetyAgreement.objects.create(tenant=tenant, signed_on=date(2025, 1, 1))


def test_the_api_records_an_organization_landlord(world, api_client):
    api_client.force_authenticate(world.users["subdistrict_officer"])
    tenant = world.enterprises["inside"]
    answer = api_client.post(
        "/api/agreements/",
        {
            "kind": "lease",
            "landlord_organization": world.organizations["village_committee"].pk,
            "tenant": tenant.pk,
            "signed_on": "2024-07-10",
        },
        format="multipart",
    )
    assert answer.status_code == 201, answer.content
    agreement = SafetyAgreement.objects.get(pk=answer.data["id"])
    assert agreement.party == world.organizations["village_committee"]
    # A landlord organization out of the officer's reach is refused (江南街道办事处).
    refused = api_client.post(
        "/api/agreements/",
        {
            "landlord_organization": world.organizations["other_subdistrict_office"].pk,
            "tenant": tenant.pk,
            "signed_on": "2024-07-10",
        },
        format="multipart",
    )
    assert refused.status_code == 400 and "landlord_organization" in refused.data


# --- 10. grades have an effective date --------------------------------------------------------
def test_the_timeline_follows_the_effective_dates_not_the_writing_order(world, client):
    enterprise = world.enterprises["inside"]
    officer = world.users["subdistrict_officer"]
    # Written today in this order, but the yearly grading (C) took effect before the escalation.
    services.change_grade(
        enterprise, grade="A", reason="事故提级", actor=officer, effective_on=date(2023, 4, 6)
    )
    enterprise.refresh_from_db()
    services.change_grade(
        enterprise, grade="C", reason="年度评定补录", actor=officer, effective_on=date(2024, 1, 15)
    )
    enterprise.refresh_from_db()
    history = services.grade_history(enterprise).order_by("effective_on", "id")
    assert [(r.to_state, r.effective_on) for r in history] == [
        ("A", date(2023, 4, 6)),
        ("C", date(2024, 1, 15)),
    ]
    assert enterprise.grade_effective_on == date(2024, 1, 15)
    client.force_login(officer)
    text = client.get(enterprise.get_absolute_url()).content.decode()
    assert text.index("2024-01-15") < text.index("2023-04-06")  # latest first


def test_the_grade_page_asks_for_the_effective_date(world, client):
    enterprise = world.enterprises["inside"]
    client.force_login(world.users["subdistrict_officer"])
    url = reverse("enterprises:enterprise_transition", args=[enterprise.pk, "grade_b"])
    assert 'name="effective_on"' in client.get(url).content.decode()
    tomorrow = timezone.localdate() + timedelta(days=1)
    refused = client.post(url, {"reason": "评定", "effective_on": tomorrow.isoformat()})
    assert refused.status_code == 409
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == ""
    done = client.post(url, {"reason": "2026年度评定", "effective_on": "2026-02-28"})
    assert done.status_code == 302
    enterprise.refresh_from_db()
    assert (enterprise.risk_grade, enterprise.grade_effective_on) == ("B", date(2026, 2, 28))
    assert GradeChange.objects.get(enterprise=enterprise).effective_on == date(2026, 2, 28)


def test_the_effective_date_defaults_to_today_and_never_lies_ahead(world, api_client):
    enterprise = world.enterprises["inside"]
    api_client.force_authenticate(world.users["regulator"])
    url = f"/api/enterprises/{enterprise.pk}/transition/"
    ahead = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused = api_client.post(
        url, {"transition": "grade_d", "reason": "评定", "effective_on": ahead}, format="json"
    )
    assert refused.status_code == 409 and refused.data["reasons"]
    done = api_client.post(url, {"transition": "grade_d", "reason": "评定"}, format="json")
    assert done.status_code == 200, done.content
    assert done.data["grade_effective_on"] == timezone.localdate().isoformat()
    grades = api_client.get(f"/api/enterprises/{enterprise.pk}/grades/").data
    assert grades[-1]["effective_on"] == timezone.localdate().isoformat()
    with pytest.raises(TransitionRefused):
        services.change_grade(
            enterprise,
            grade="A",
            reason="x",
            actor=world.users["regulator"],
            effective_on=date(2099, 1, 1),
        )


def test_the_sector_and_its_department_are_fields_of_the_enterprise(world, api_client):
    enterprise = world.enterprises["inside"]
    assert enterprise.sector == "industry_trade"  # the default
    api_client.force_authenticate(world.users["regulator"])
    answer = api_client.patch(
        f"/api/enterprises/{enterprise.pk}/",
        {
            "sector": "hazardous_chemicals",
            "supervising_department": world.organizations["bureau"].pk,
        },
        format="json",
    )
    assert answer.status_code == 200, answer.content
    enterprise.refresh_from_db()
    assert enterprise.sector == "hazardous_chemicals"
    assert enterprise.supervising_department == world.organizations["bureau"]
    assert enterprise.get_sector_display()


# --- 7.8 agreement documents ------------------------------------------------------------------
def _agreement(world):
    tenant = world.enterprises["inside"]
    return SafetyAgreementFactory(tenant=tenant, landlord=EnterpriseFactory(region=tenant.region))


def _upload(client, agreement, name, content):
    url = reverse("enterprises:safetyagreement_edit", args=[agreement.pk])
    return client.post(
        url,
        {
            "kind": "lease",
            "landlord": agreement.landlord_id,
            "tenant": agreement.tenant_id,
            "signed_on": agreement.signed_on.isoformat(),
            "document": SimpleUploadedFile(name, content),
        },
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.mark.parametrize(
    "name, content",
    [
        ("协议.html", b"<html><script>alert(1)</script></html>" * 10),  # not a document
        ("协议.pdf", b"<html><body>renamed</body></html>"),  # named .pdf, HTML inside
        ("协议.pdf", PNG),  # a PNG named .pdf
        ("协议.exe", b"MZ\x90\x00" + b"\x00" * 60),
    ],
)
def test_a_document_of_the_wrong_kind_is_refused(world, client, media, name, content):
    agreement = _agreement(world)
    client.force_login(world.users["subdistrict_officer"])
    answer = _upload(client, agreement, name, content)
    assert answer.status_code == 200  # the form again, with the error
    agreement.refresh_from_db()
    assert not agreement.document


def test_a_document_over_the_size_limit_is_refused(world, client, media, settings):
    settings.ANJIAN_MAX_UPLOAD_BYTES = 1024
    agreement = _agreement(world)
    client.force_login(world.users["subdistrict_officer"])
    answer = _upload(client, agreement, "协议.pdf", PDF + b"0" * 2048)
    assert answer.status_code == 200
    agreement.refresh_from_db()
    assert not agreement.document


def test_a_document_is_served_only_in_scope_and_audited(world, client, media):
    agreement = _agreement(world)
    client.force_login(world.users["subdistrict_officer"])
    assert _upload(client, agreement, "协议.pdf", PDF).status_code == 302
    agreement.refresh_from_db()
    assert agreement.document
    url = reverse("enterprises:safetyagreement_document", args=[agreement.pk])
    answer = client.get(url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PDF
    assert answer["Cache-Control"] == "no-store"
    assert answer["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(
        action="enterprises.safetyagreement.file_downloaded", object_id=str(agreement.pk)
    ).exists()
    # The detail page links the scoped view, never the media path.
    detail = client.get(reverse("enterprises:safetyagreement_detail", args=[agreement.pk]))
    assert url in detail.content.decode() and "/media/" not in detail.content.decode()
    # Another sub-district's officer: 404, and the refusal is audited.
    stranger = UserFactory(
        jurisdiction=world.regions["other_subdistrict"], roles=[roles.SUBDISTRICT_OFFICER]
    )
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(
        action="security.access_refused", actor=stranger, object_id=str(agreement.pk)
    ).exists()


def test_the_api_hands_out_the_scoped_url_not_the_media_path(world, api_client, media):
    agreement = _agreement(world)
    agreement.document.save("协议.pdf", io.BytesIO(PDF))
    api_client.force_authenticate(world.users["regulator"])
    data = api_client.get(f"/api/agreements/{agreement.pk}/").data
    assert "document" not in data
    assert data["document_url"].endswith(
        reverse("enterprises:safetyagreement_document", args=[agreement.pk])
    )
    bad = api_client.patch(
        f"/api/agreements/{agreement.pk}/",
        {"document": SimpleUploadedFile("x.pdf", b"<html></html>")},
        format="multipart",
    )
    assert bad.status_code == 400 and "document" in bad.data


# --- 7.9 service inspectors ---------------------------------------------------------------------
def test_a_service_inspector_sees_only_agreements_of_its_assigned_enterprises(world, client):
    inspector = world.users["service_inspector"]
    assigned = world.enterprises["inside"]  # served by the inspector's agency
    other = world.enterprises["outside"]
    theirs = SafetyAgreementFactory(
        tenant=assigned, landlord=EnterpriseFactory(region=assigned.region)
    )
    as_landlord = SafetyAgreementFactory(tenant=other, landlord=assigned)
    foreign = SafetyAgreementFactory(tenant=other, landlord=EnterpriseFactory(region=other.region))
    foreign_org = SafetyAgreementFactory(
        tenant=EnterpriseFactory(region=assigned.region),
        landlord_organization=world.organizations["village_committee"],
    )
    seen = set(SafetyAgreement.objects.restrict(inspector, "view"))
    assert seen == {theirs, as_landlord}
    client.force_login(inspector)
    assert (
        client.get(reverse("enterprises:safetyagreement_detail", args=[foreign.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("enterprises:safetyagreement_detail", args=[foreign_org.pk])).status_code
        == 404
    )


# --- 11. the principal is a person ----------------------------------------------------------
def test_the_principal_is_a_person_of_the_enterprise(world, client):
    from anjian.training.testing import PersonFactory

    enterprise = world.enterprises["inside"]
    principal = PersonFactory(name="陈庆芳", phone="13809601001", employer=enterprise)
    stranger = PersonFactory(name="外单位人员", employer=world.enterprises["outside"])
    client.force_login(world.users["subdistrict_officer"])
    url = reverse("enterprises:enterprise_edit", args=[enterprise.pk])
    data = {
        "name": enterprise.name,
        "uscc": enterprise.uscc,
        "region": enterprise.region_id,
        "industry": enterprise.industry_id,
        "status": enterprise.status,
        "principal_name": "",
        "principal_person": principal.pk,
    }
    assert client.post(url, data).status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.principal_person == principal and enterprise.is_principal(principal)
    assert (enterprise.principal_name, enterprise.principal_phone) == ("陈庆芳", "13809601001")
    assert not enterprise.is_principal(stranger)
    # Someone of another enterprise (out of this officer's reach, too) is refused.
    refused = client.post(url, {**data, "principal_person": stranger.pk})
    assert refused.status_code == 200
    enterprise.refresh_from_db()
    assert enterprise.principal_person == principal
    # The file shows the principal; the API carries the link.
    assert "陈庆芳" in client.get(enterprise.get_absolute_url()).content.decode()


def test_a_principal_of_another_enterprise_is_refused_by_the_rule(world, english):
    from anjian.training.testing import PersonFactory

    enterprise = world.enterprises["inside"]
    enterprise.principal_person = PersonFactory(employer=world.enterprises["outside"])
    with pytest.raises(ValidationError) as error:
        enterprise.full_clean()
    assert "principal_person" in error.value.message_dict
