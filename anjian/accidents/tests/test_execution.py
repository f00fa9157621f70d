"""The executing organisation of an accountability item: a department reads the items its
organisation executes (and their accident, steps and evidence), reports the outcome on the page
and through the API, and is refused — with the reason — a change to who is accountable, the track
or the recommended action; the bureau keeps full edit. Taking the organisation off the item takes
the item, and the accident when nothing else gives it to the department, out of reach. The report
prints the executing body's text when given, else the organisation's name."""

import datetime

import pytest

from anjian.accidents import rules
from anjian.accidents.models import (
    Accident,
    AccountabilityEvidence,
    AccountabilityItem,
    CriminalStep,
    Recommendation,
    RecommendationAssignment,
)
from anjian.accidents.testing import PDF, make_accident

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(world):
    accident = make_accident(world.enterprises["inside"], name="工会执行的事故")
    mine = AccountabilityItem.objects.create(
        accident=accident,
        person_name="周某甲",
        track="criminal",
        recommended_action="建议公安机关侦查处理",
        executing_organization=world.organizations["union"],
    )
    other = AccountabilityItem.objects.create(
        accident=accident,
        person_name="吴某乙",
        track="party_discipline",
        executing_organization=world.organizations["bureau"],
    )
    court = AccountabilityItem.objects.create(
        accident=accident, person_name="郑某丙", track="criminal", executing_body="江海区人民法院"
    )
    return {"accident": accident, "mine": mine, "other": other, "court": court}


# --- reach ----------------------------------------------------------------------------------------
def test_department_reads_only_the_items_its_organisation_executes(world, items):
    user = world.users["department"]
    assert list(AccountabilityItem.objects.restrict(user)) == [items["mine"]]
    assert list(AccountabilityItem.objects.restrict(user, "change")) == [items["mine"]]
    assert not AccountabilityItem.objects.restrict(user, "delete").exists()
    assert not AccountabilityItem.objects.restrict(user, "add").exists()
    assert list(Accident.objects.restrict(user)) == [items["accident"]]
    # The bureau and the readers keep the whole district's, as before.
    for persona in ("regulator", "committee", "leader", "auditor"):
        reached = set(AccountabilityItem.objects.restrict(world.users[persona]))
        assert set(items.values()) - {items["accident"]} <= reached, persona


def test_steps_and_evidence_follow_the_item(world, items):
    from django.core.files.base import ContentFile

    user = world.users["department"]
    steps = {
        key: CriminalStep.objects.create(
            item=items[key], step="case_filed", on=datetime.date(2024, 3, 8)
        )
        for key in ("mine", "court")
    }
    evidence = AccountabilityEvidence(item=items["other"], caption="决定书")
    evidence.file.save("evidence.pdf", ContentFile(PDF), save=False)
    evidence.save()
    assert list(CriminalStep.objects.restrict(user)) == [steps["mine"]]
    assert not AccountabilityEvidence.objects.restrict(user).exists()


def test_taking_the_organisation_off_takes_the_item_and_accident_out_of_reach(world, items, client):
    user = world.users["department"]
    client.force_login(user)
    mine, accident = items["mine"], items["accident"]
    assert client.get(f"/accidents/items/{mine.pk}/").status_code == 200
    assert client.get(f"/accidents/{accident.pk}/").status_code == 200

    mine.executing_organization = None
    mine.save()
    assert not AccountabilityItem.objects.restrict(user).exists()
    assert not Accident.objects.restrict(user).exists()
    assert client.get(f"/accidents/items/{mine.pk}/").status_code == 404
    assert client.get(f"/accidents/{accident.pk}/").status_code == 404

    # A recommendation assigned to the department still gives it the accident, not the item.
    recommendation = Recommendation.objects.create(accident=accident, number=1, text="工会的建议")
    RecommendationAssignment.objects.create(
        recommendation=recommendation, organization=world.organizations["union"]
    )
    assert list(Accident.objects.restrict(user)) == [accident]
    assert not AccountabilityItem.objects.restrict(user).exists()


# --- the rule -------------------------------------------------------------------------------------
def test_who_may_write_which_fields(world, items):
    assert rules.item_fields_open_to(world.users["regulator"], items["mine"]) is None
    assert rules.item_fields_open_to(world.users["committee"], items["mine"]) is None
    assert rules.item_fields_open_to(world.users["admin"], items["mine"]) is None
    assert rules.item_fields_open_to(world.users["department"], items["mine"]) == (
        rules.PROGRESS_FIELDS
    )
    assert rules.item_fields_open_to(None) == rules.PROGRESS_FIELDS
    refusals = rules.item_refusals(
        world.users["department"], items["mine"], ["outcome", "track", "person_name"]
    )
    assert set(refusals) == {"track", "person_name"}
    assert rules.item_refusals(world.users["regulator"], items["mine"], ["track"]) == {}


def test_a_recorder_of_another_district_reports_only(world, items):
    """An item of another district executed by the district bureau: the bureau reaches it through
    execution, not its region, and so writes the outcome only."""
    from anjian.accidents.testing import accident_in

    elsewhere = AccountabilityItem.objects.create(
        accident=accident_in(world, world.regions["other_district"]),
        person_name="冯某丁",
        track="party_discipline",
        executing_organization=world.organizations["bureau"],
    )
    regulator = world.users["regulator"]
    assert AccountabilityItem.objects.restrict(regulator, "change").filter(pk=elsewhere.pk).exists()
    assert rules.item_fields_open_to(regulator, elsewhere) == rules.PROGRESS_FIELDS


def test_report_text_of_the_executing_body(world, items):
    union = world.organizations["union"]
    assert items["mine"].executor_name == union.name
    assert items["court"].executor_name == "江海区人民法院"
    items["mine"].executing_body = "区总工会劳动保护部"
    assert items["mine"].executor_name == "区总工会劳动保护部"
    assert AccountabilityItem(person_name="无").executor_name == ""


def test_the_report_prints_the_executing_organisation(world, items):
    from anjian.evaluations.report.gather import gather
    from anjian.evaluations.testing import committee_office, make_evaluation

    accident = items["accident"]
    investigation = accident.investigation
    investigation.approved_on = datetime.date(2024, 4, 30)
    investigation.save()
    facts = gather(make_evaluation(accident, committee_office(accident)))
    bodies = {item.subject: item.executing_body for item in facts.items}
    assert bodies["周某甲"] == world.organizations["union"].name
    assert bodies["郑某丙"] == "江海区人民法院"


# --- page ----------------------------------------------------------------------------------------
def _page_data(item, **changes):
    data = {
        "accident": item.accident_id,
        "order": item.order,
        "subject_kind": item.subject_kind,
        "person_name": item.person_name,
        "track": item.track,
        "recommended_action": item.recommended_action,
        "status": item.status,
    }
    return {**data, **changes}


def test_department_reports_the_outcome_on_the_page(world, items, client):
    client.force_login(world.users["department"])
    mine = items["mine"]
    page = client.get(f"/accidents/items/{mine.pk}/").content.decode()
    assert 'id="report-outcome"' in page and "区总工会" in page
    form = client.get(f"/accidents/items/{mine.pk}/edit/").context["form"]
    assert form.fields["track"].disabled and form.fields["person_name"].disabled
    assert not form.fields["outcome"].disabled and not form.fields["status"].disabled
    # The browser sends no disabled field: only what the department may write.
    response = client.post(
        f"/accidents/items/{mine.pk}/edit/",
        {
            "outcome": "已移送检察机关审查起诉",
            "outcome_on": "2024-06-01",
            "document_number": "江公刑诉字〔2024〕12号",
            "status": "done",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    mine.refresh_from_db()
    assert (mine.outcome, mine.status, str(mine.outcome_on)) == (
        "已移送检察机关审查起诉",
        "done",
        "2024-06-01",
    )
    assert mine.document_number == "江公刑诉字〔2024〕12号"
    assert mine.track == "criminal" and mine.person_name == "周某甲"
    assert mine.executing_organization == world.organizations["union"]


def test_department_is_refused_a_kept_field_on_the_page_with_the_reason(world, items, client):
    client.force_login(world.users["department"])
    mine = items["mine"]
    response = client.post(
        f"/accidents/items/{mine.pk}/edit/",
        _page_data(mine, track="party_discipline", outcome="改了追责方式"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "track" in errors and str(rules.KEPT_BY_RECORDER) in errors["track"]
    mine.refresh_from_db()
    assert mine.track == "criminal" and mine.outcome == ""
    # Sent back unchanged, the kept fields are no reason to refuse.
    response = client.post(f"/accidents/items/{mine.pk}/edit/", _page_data(mine, outcome="进展"))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.outcome == "进展"


def test_bureau_edits_the_whole_item_and_picks_the_executing_organisation(world, items, client):
    client.force_login(world.users["regulator"])
    court = items["court"]
    form = client.get(f"/accidents/items/{court.pk}/edit/").context["form"]
    assert not any(field.disabled for field in form.fields.values())
    response = client.post(
        f"/accidents/items/{court.pk}/edit/",
        _page_data(
            court,
            track="party_discipline",
            executing_organization=world.organizations["union"].pk,
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    court.refresh_from_db()
    assert court.track == "party_discipline"
    assert court.executing_organization == world.organizations["union"]
    # Out of the bureau's view, an organisation is not one of the choices.
    from anjian.accounts.models import Organization

    far = Organization.objects.create(name="蓬江区总工会", region=world.regions["other_district"])
    response = client.post(
        f"/accidents/items/{court.pk}/edit/",
        _page_data(court, executing_organization=far.pk),
    )
    assert response.status_code == 200
    assert "executing_organization" in response.context["form"].errors


def test_department_list_and_accident_page(world, items, client):
    client.force_login(world.users["department"])
    listing = client.get("/accidents/items/").content.decode()
    assert "周某甲" in listing and "吴某乙" not in listing and "郑某丙" not in listing
    page = client.get(f"/accidents/{items['accident'].pk}/").content.decode()
    assert "周某甲" in page and "吴某乙" not in page
    home = client.get("/").content.decode()
    assert "/accidents/items/" in home
    client.force_login(world.users["regulator"])
    union = world.organizations["union"]
    filtered = client.get(f"/accidents/items/?executing_organization={union.pk}").content.decode()
    assert "周某甲" in filtered and "吴某乙" not in filtered
    page = client.get(f"/accidents/{items['accident'].pk}/").content.decode()
    assert "江海区人民法院" in page and union.name in page


def test_department_adds_a_criminal_step_and_evidence_to_its_item(world, items, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.users["department"])
    mine, other = items["mine"], items["other"]
    response = client.post(
        "/accidents/criminal-steps/add/",
        {"item": mine.pk, "step": "transferred", "on": "2024-06-01", "document_number": "移字1号"},
    )
    assert response.status_code == 302
    assert CriminalStep.objects.filter(item=mine, step="transferred").exists()
    response = client.post(
        "/accidents/evidence/add/",
        {
            "item": mine.pk,
            "caption": "起诉意见书",
            "file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    added = AccountabilityEvidence.objects.get(caption="起诉意见书")
    assert added.uploaded_by == world.users["department"]
    assert client.get(f"/accidents/evidence/{added.pk}/file/").status_code == 200
    response = client.post(
        "/accidents/evidence/add/",
        {
            "item": other.pk,
            "caption": "越权",
            "file": SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    assert not AccountabilityEvidence.objects.filter(caption="越权").exists()


# --- API -----------------------------------------------------------------------------------------
def test_department_reports_through_the_api_and_is_refused_a_kept_field(world, items, api_client):
    api_client.force_authenticate(world.users["department"])
    mine = items["mine"]
    url = f"/api/accidents/items/{mine.pk}/"
    response = api_client.get(url)
    assert response.status_code == 200
    assert response.data["executing_organization"] == world.organizations["union"].pk
    assert response.data["executor_name"] == world.organizations["union"].name

    response = api_client.patch(
        url, {"outcome": "已判决", "outcome_on": "2024-07-01", "status": "done"}, format="json"
    )
    assert response.status_code == 200, response.data
    mine.refresh_from_db()
    assert (mine.outcome, mine.status) == ("已判决", "done")

    for field, value in (
        ("track", "party_discipline"),
        ("recommended_action", "改"),
        ("person_name", "别人"),
        ("executing_organization", world.organizations["bureau"].pk),
    ):
        response = api_client.patch(url, {field: value, "notes": "同时改"}, format="json")
        assert response.status_code == 400, (field, response.data)
        assert str(rules.KEPT_BY_RECORDER) in [str(e) for e in response.data[field]]
    mine.refresh_from_db()
    assert mine.track == "criminal" and mine.notes == ""
    # The item sent back whole, unchanged but for the outcome, is accepted.
    whole = {k: v for k, v in api_client.get(url).data.items() if k != "criminal_steps"}
    whole["outcome"] = "已判决，已执行"
    response = api_client.put(url, whole, format="json")
    assert response.status_code == 200, response.data
    assert api_client.get(f"/api/accidents/items/{items['other'].pk}/").status_code == 404


def test_bureau_sets_the_executing_organisation_through_the_api(world, items, api_client):
    api_client.force_authenticate(world.users["regulator"])
    court = items["court"]
    union = world.organizations["union"]
    response = api_client.patch(
        f"/api/accidents/items/{court.pk}/",
        {"executing_organization": union.pk, "track": "party_discipline"},
        format="json",
    )
    assert response.status_code == 200, response.data
    court.refresh_from_db()
    assert court.executing_organization == union and court.track == "party_discipline"


def test_the_related_field_column_covers_the_executing_organisation():
    from anjian.accounts.testing import personas
    from anjian.core.testing import relscope
    from tests.test_access_matrix import _discover

    _discover()
    ids = {
        f"{surface.model._meta.label_lower}.{name}-{persona}"
        for surface, name, persona in relscope.related_params(personas())
    }
    assert "accidents.accountabilityitem.executing_organization-regulator" in ids
    assert "accidents.accountabilityitem.executing_organization-department" in ids
