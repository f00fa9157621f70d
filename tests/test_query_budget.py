"""Every list page and API list runs the same small number of queries with 1 row and with 50."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anjian.accounts.testing import OrganizationFactory, UserFactory, child_region
from anjian.enterprises.models import EnterpriseMembership, Industry
from anjian.enterprises.testing import (
    EnterpriseFactory,
    IndustryFactory,
    ParkFactory,
    SafetyAgreementFactory,
)
from anjian.training.testing import (
    ActivityFactory,
    DrillFactory,
    PersonFactory,
    SpecialCertificateFactory,
    attendance_in,
    certificate_in,
    person_in,
    session_in,
)

BUDGET = 6

# (page URL name, API URL, make(world) adding one row in the admin's reach)
LISTS = [
    ("regions:region_list", "/api/regions/", lambda w: child_region(w.regions["village"])),
    (
        "accounts:organization_list",
        "/api/organizations/",
        lambda w: OrganizationFactory(region=w.regions["village"]),
    ),
    (
        "accounts:user_list",
        "/api/users/",
        lambda w: UserFactory(jurisdiction=w.regions["village"], roles=["grid_worker"]),
    ),
    ("core:auditevent_list", None, None),
    (
        "enterprises:enterprise_list",
        "/api/enterprises/",
        lambda w: EnterpriseFactory(region=w.regions["village"]),
    ),
    ("enterprises:park_list", "/api/parks/", lambda w: ParkFactory(region=w.regions["village"])),
    (
        "enterprises:safetyagreement_list",
        "/api/agreements/",
        lambda w: SafetyAgreementFactory(
            tenant=w.enterprises["inside"], landlord=EnterpriseFactory(region=w.regions["village"])
        ),
    ),
    (
        "enterprises:industry_list",
        "/api/industries/",
        lambda w: IndustryFactory(code=f"Q{Industry.objects.count()}"),
    ),
    (
        "enterprises:enterprisemembership_list",
        "/api/enterprise-accounts/",
        lambda w: EnterpriseMembership.objects.create(
            user=UserFactory(), enterprise=w.enterprises["inside"]
        ),
    ),
    ("training:person_list", "/api/training/people/", lambda w: person_in(w, w.regions["village"])),
    (
        "training:trainingsession_list",
        "/api/training/sessions/",
        lambda w: session_in(w, w.regions["village"]),
    ),
    (
        "training:attendance_list",
        "/api/training/attendances/",
        lambda w: attendance_in(w, w.regions["village"]),
    ),
    (
        "training:certificate_list",
        "/api/training/certificates/",
        lambda w: certificate_in(w, w.regions["village"]),
    ),
    (
        "training:specialcertificate_list",
        "/api/training/special-certificates/",
        lambda w: SpecialCertificateFactory(person=person_in(w, w.regions["village"])),
    ),
    (
        "training:drill_list",
        "/api/training/drills/",
        lambda w: DrillFactory(enterprise=w.enterprises["inside"]),
    ),
    (
        "training:activity_list",
        "/api/training/activities/",
        lambda w: ActivityFactory(enterprise=w.enterprises["inside"]),
    ),
    # The confined-space ledger, risk assessments and safety equipment.
    (
        "spaces:confinedspace_list",
        "/api/spaces/spaces/",
        lambda w: _spaces().space_in(w, w.regions["village"]),
    ),
    (
        "spaces:spaceriskassessment_list",
        "/api/spaces/assessments/",
        lambda w: _spaces().assessment_in(w, w.regions["village"]),
    ),
    (
        "spaces:safetyequipment_list",
        "/api/spaces/equipment/",
        lambda w: _spaces().equipment_in(w, w.regions["village"]),
    ),
    # Confined-space work (the permits pages and API).
    (
        "permits:permit_list",
        "/api/permits/permits/",
        lambda w: _permits().busy_permit_in(w, w.regions["village"]),
    ),
    (
        "permits:permit_inbox",
        None,
        lambda w: _permits()._with_status(
            _permits().permit_in(w, w.regions["village"]), "filed", filed_late=True
        ),
    ),
    (
        "permits:delegation_list",
        "/api/permits/delegations/",
        lambda w: _delegation(w.enterprises["inside"]),
    ),
    ("permits:gasthreshold_list", "/api/permits/gas-thresholds/", None),
    ("permits:attachmentkind_list", "/api/permits/attachment-kinds/", None),
    # Hazards (one with a photo and a sign-off, so the nested rows are read too).
    ("hazards:hazard_list", "/api/hazards/hazards/", lambda w: _hazards().busy_hazard_in(w)),
    (
        "hazards:publicreport_list",
        "/api/hazards/public-reports/",
        lambda w: _hazards().public_report_in(w, w.regions["village"]),
    ),
    ("hazards:self_reporting", None, lambda w: EnterpriseFactory(region=w.regions["village"])),
    ("hazards:majorhazardcriterion_list", "/api/hazards/criteria/", None),
    ("hazards:verificationtier_list", "/api/hazards/tiers/", None),
    (None, "/api/hazards/photos/", lambda w: _hazards().busy_hazard_in(w)),
    (None, "/api/hazards/verifications/", lambda w: _hazards().busy_hazard_in(w)),
    # Inspections (one with a campaign, inspectors and a failed item's hazard).
    (
        "inspections:inspection_list",
        "/api/inspections/inspections/",
        lambda w: _inspections().busy_inspection_in(w),
    ),
    (
        "inspections:campaign_list",
        "/api/inspections/campaigns/",
        lambda w: _inspections().campaign_in(w, w.regions["district"]),
    ),
    ("inspections:checklisttemplate_list", "/api/inspections/checklists/", None),
    ("inspections:legalbasis_list", "/api/inspections/legal-bases/", None),
    (None, "/api/inspections/items/", lambda w: _inspections().busy_inspection_in(w)),
    # Rows kept on a permit's page: API lists only.
    (None, "/api/permits/people/", lambda w: _permits().busy_permit_in(w, w.regions["village"])),
    (None, "/api/permits/briefings/", lambda w: _permits().busy_permit_in(w, w.regions["village"])),
    (None, "/api/permits/gas-tests/", lambda w: _permits().busy_permit_in(w, w.regions["village"])),
    (
        None,
        "/api/permits/gas-readings/",
        lambda w: _permits().busy_permit_in(w, w.regions["village"]),
    ),
    (None, "/api/permits/entry-log/", lambda w: _permits().busy_permit_in(w, w.regions["village"])),
    (
        None,
        "/api/permits/attachments/",
        lambda w: _permits().busy_permit_in(w, w.regions["village"]),
    ),
    (
        "enforcement:enforcementcase_list",
        "/api/enforcement/cases/",
        lambda w: _enforcement().case_in(w, w.regions["village"]),
    ),
    (
        "enforcement:casepenalty_list",
        "/api/enforcement/penalties/",
        lambda w: _enforcement().penalty_in(w, w.regions["village"]),
    ),
    (
        "enforcement:calendarday_list",
        "/api/enforcement/calendar/",
        lambda w: _enforcement().calendar_day(),
    ),
    # Accidents (the accident's record carries its items and recommendations; lists stay flat).
    (
        "accidents:accident_list",
        "/api/accidents/accidents/",
        lambda w: _accidents().busy_accident_in(w),
    ),
    (
        "accidents:investigation_list",
        "/api/accidents/investigations/",
        lambda w: _accidents().busy_accident_in(w),
    ),
    (
        "accidents:accountabilityitem_list",
        "/api/accidents/items/",
        lambda w: _accidents().busy_accident_in(w),
    ),
    (
        "accidents:criminalstep_list",
        "/api/accidents/criminal-steps/",
        lambda w: _accidents().busy_accident_in(w),
    ),
    (
        "accidents:recommendation_list",
        "/api/accidents/recommendations/",
        lambda w: _accidents().busy_accident_in(w),
    ),
    (
        "accidents:recommendationassignment_list",
        "/api/accidents/assignments/",
        lambda w: _accidents().busy_accident_in(w),
    ),
    (
        "accidents:implementationprogress_list",
        "/api/accidents/progress/",
        lambda w: _accidents().busy_accident_in(w),
    ),
    ("accidents:accidentlevelthreshold_list", "/api/accidents/level-thresholds/", None),
    # Evaluations (the detail carries the nested verdicts and findings; lists stay flat).
    (
        "evaluations:evaluation_list",
        "/api/evaluations/evaluations/",
        lambda w: _evaluations().busy_evaluation_in(w),
    ),
    (
        "evaluations:finding_list",
        "/api/evaluations/findings/",
        lambda w: _evaluations().busy_evaluation_in(w),
    ),
    (None, "/api/evaluations/item-verdicts/", lambda w: _evaluations().busy_evaluation_in(w)),
    (
        None,
        "/api/evaluations/recommendation-verdicts/",
        lambda w: _evaluations().busy_evaluation_in(w),
    ),
    (None, "/api/evaluations/spot-checks/", lambda w: _evaluations().busy_evaluation_in(w)),
    ("evaluations:disclosurepolicy_list", "/api/evaluations/disclosure/", None),
]


def _spaces():
    from anjian.spaces import testing

    return testing


def _permits():
    from anjian.permits import testing

    return testing


def _enforcement():
    from anjian.enforcement import testing

    return testing


def _accidents():
    from anjian.accidents import testing

    return testing


def _inspections():
    from anjian.inspections import testing

    return testing


def _evaluations():
    from anjian.evaluations import testing

    return testing


def _hazards():
    from anjian.hazards import testing

    return testing


def _delegation(enterprise):
    if enterprise.principal_person_id is None:
        enterprise.principal_person = PersonFactory(employer=enterprise)
        enterprise.save()
    return _permits().delegation_for(
        enterprise,
        PersonFactory(employer=enterprise),
        valid_from=datetime.date(2026, 2, 28),
        valid_until=datetime.date(2028, 2, 29),
    )


def count_queries(client, url):
    from anjian.accounts import backends

    # Counted with the roles read from the database (the first request of a worker), not from
    # the per-process permission cache a previous request filled: the same count every time.
    backends._ROLES_AND_PERMISSIONS.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("page", "api", "make"), LISTS)
def test_list_query_count_does_not_grow(page, api, make, world, client):
    from anjian.core import audit

    admin = world.users["admin"]
    client.force_login(admin)
    add = make or (lambda w: audit.record("test.event", actor=admin))
    add(world)
    small_page = count_queries(client, reverse(page)) if page else 0
    small_api = count_queries(client, api) if api else 0
    for _ in range(49):
        add(world)
    if page:
        assert count_queries(client, reverse(page)) == small_page <= BUDGET
    if api:
        assert count_queries(client, api) == small_api <= BUDGET
