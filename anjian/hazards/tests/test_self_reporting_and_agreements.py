"""Self-reporting per enterprise and quarter, the focused-inspection list, and the management
hazard of a landlord whose tenant holds no valid safety agreement (idempotent)."""

import datetime

import pytest
from django.urls import reverse

from anjian.enterprises.models import Enterprise
from anjian.enterprises.testing import EnterpriseFactory, SafetyAgreementFactory
from anjian.hazards import rules, services
from anjian.hazards.models import Hazard

pytestmark = pytest.mark.django_db


def test_quarters():
    assert rules.quarter_bounds(datetime.date(2024, 2, 29)) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 3, 31),
    )
    assert rules.quarter_bounds(datetime.date(2026, 12, 31)) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )


def test_only_the_enterprises_own_self_checks_count(world):
    inside = world.enterprises["inside"]
    manager = world.users["enterprise_manager"]
    grid = world.users["grid_worker"]
    own = services.report_hazard(
        inside, actor=manager, description="自查：盖板破损", source="self_check"
    )
    by_grid = services.report_hazard(
        inside, actor=grid, description="巡查发现", source="self_check"
    )
    assert own.self_reported and not by_grid.self_reported
    counts = dict(
        services.self_report_counts(Enterprise.objects.all()).values_list("name", "self_reports")
    )
    assert counts[inside.name] == 1 and counts[world.enterprises["outside"].name] == 0
    # last quarter's report does not count this quarter
    start, _ = rules.quarter_bounds()
    Hazard.objects.filter(pk=own.pk).update(found_on=start - datetime.timedelta(days=1))
    assert (
        services.self_report_counts(Enterprise.objects.filter(pk=inside.pk)).get().self_reports == 0
    )


def test_the_focused_inspection_list(world, login, settings):
    inside = world.enterprises["inside"]
    services.report_hazard(
        inside, actor=world.users["enterprise_manager"], description="自查一", source="self_check"
    )
    names = set(services.few_self_reports(Enterprise.objects.all()).values_list("name", flat=True))
    assert inside.name not in names and world.enterprises["outside"].name in names
    settings.ANJIAN_HAZARD_SELF_REPORT_MIN_PER_QUARTER = 2
    names = set(services.few_self_reports(Enterprise.objects.all()).values_list("name", flat=True))
    assert inside.name in names
    # the page lists the user's reach only
    client = login(world.users["subdistrict_officer"])
    text = client.get(reverse("hazards:self_reporting")).content.decode()
    assert inside.name in text and world.enterprises["outside"].name not in text
    assert (
        login(world.users["enterprise_manager"]).get(reverse("hazards:self_reporting")).status_code
        == 403
    )


def test_tenant_without_agreement_is_a_management_hazard_of_its_landlord(world):
    landlord = world.enterprises["inside"]
    tenant = EnterpriseFactory(
        name="厂中厂测试五金", region=world.regions["village"], landlord=landlord
    )
    covered = EnterpriseFactory(
        name="有协议的租户", region=world.regions["village"], landlord=landlord
    )
    SafetyAgreementFactory(landlord=landlord, tenant=covered, kind="lease")
    actor = world.users["subdistrict_officer"]
    created = services.flag_missing_agreements(Enterprise.objects.all(), actor=actor)
    assert [(h.enterprise, h.agreement_tenant) for h in created] == [(landlord, tenant)]
    hazard = created[0]
    assert hazard.category == "management" and hazard.source == "agreement_check"
    assert tenant.name in hazard.description
    # idempotent
    assert services.flag_missing_agreements(Enterprise.objects.all(), actor=actor) == []
    assert Hazard.objects.filter(agreement_tenant=tenant).count() == 1
    # once closed, a still-missing agreement is flagged again
    Hazard.objects.filter(pk=hazard.pk).update(status="closed")
    again = services.flag_missing_agreements(Enterprise.objects.all(), actor=actor)
    assert len(again) == 1


def test_organisation_landlord_goes_on_the_tenant(world, login):
    committee = world.organizations["village_committee"]
    tenant = EnterpriseFactory(
        name="村委会租户", region=world.regions["village"], landlord_organization=committee
    )
    client = login(world.users["subdistrict_officer"])
    response = client.post(reverse("hazards:flag_missing_agreements"))
    assert response.status_code == 302
    hazard = Hazard.objects.get(agreement_tenant=tenant)
    assert hazard.enterprise == tenant and committee.name in hazard.description
    # the enterprise itself may not run the check
    assert (
        login(world.users["enterprise_manager"])
        .post(reverse("hazards:flag_missing_agreements"))
        .status_code
        == 403
    )


def test_the_command_is_idempotent_too(world):
    from io import StringIO

    from django.core.management import call_command

    EnterpriseFactory(
        name="命令测试租户", region=world.regions["village"], landlord=world.enterprises["inside"]
    )
    out = StringIO()
    call_command("flag_missing_agreements", user="subdistrict_officer", stdout=out)
    assert "1 new." in out.getvalue()
    call_command("flag_missing_agreements", user="subdistrict_officer", stdout=out)
    assert out.getvalue().rstrip().endswith("0 new.")
