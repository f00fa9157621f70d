"""Search (Chinese, pinyin, initials, USCC), autocomplete, and who sees which enterprise."""

from datetime import date

import pytest
from django.urls import reverse

from anjian.enterprises.models import Enterprise, SafetyAgreement
from anjian.enterprises.testing import EnterpriseFactory, ParkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(world):
    village = world.regions["village"]
    EnterpriseFactory(name="一诠科技（中国）有限公司", region=village)
    EnterpriseFactory(name="江门市华锐电子有限公司", region=village)
    return world


def _names(client, query):
    response = client.get(reverse("enterprises:enterprise_list"), {"q": query})
    assert response.status_code == 200
    return {row.name for row in response.context["table"].data}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("恒亦达", {"江门市恒亦达电子有限公司"}),
        ("hyd", {"江门市恒亦达电子有限公司"}),
        ("HYD", {"江门市恒亦达电子有限公司"}),
        ("hengyida", {"江门市恒亦达电子有限公司"}),
        ("heng yi da", {"江门市恒亦达电子有限公司"}),
        ("yqkj", {"一诠科技（中国）有限公司"}),
        ("电子", {"江门市恒亦达电子有限公司", "江门市华锐电子有限公司"}),
    ],
)
def test_search_by_chinese_pinyin_and_initials(named, client, query, expected):
    client.force_login(named.users["subdistrict_officer"])
    assert _names(client, query) == expected


def test_search_by_uscc(named, client):
    client.force_login(named.users["subdistrict_officer"])
    uscc = named.enterprises["inside"].uscc
    assert _names(client, uscc) == {"江门市恒亦达电子有限公司"}
    assert "江门市恒亦达电子有限公司" in _names(client, uscc[:12])


def test_search_never_reaches_outside(named, client):
    client.force_login(named.users["subdistrict_officer"])
    assert _names(client, "jiangnan") == set()


def test_autocomplete_is_scoped(world, client):
    url = reverse("core:autocomplete", args=["enterprises.enterprise"])
    client.force_login(world.users["subdistrict_officer"])
    texts = [r["text"] for r in client.get(url, {"q": "有限公司"}).json()["results"]]
    assert texts == ["江门市恒亦达电子有限公司"]
    client.force_login(world.users["enterprise_manager"])
    texts = [r["text"] for r in client.get(url, {"q": ""}).json()["results"]]
    assert texts == ["江门市恒亦达电子有限公司"]
    client.force_login(world.users["expert"])
    assert client.get(url, {"q": "hyd"}).status_code == 403


def test_forms_pick_enterprises_through_autocomplete(world, client):
    client.force_login(world.users["subdistrict_officer"])
    html = client.get(reverse("enterprises:safetyagreement_add")).content.decode()
    assert 'data-autocomplete-url="/autocomplete/enterprises.enterprise/"' in html
    assert "js-tom" in html
    # Only the chosen option is rendered, never the whole list.
    assert "江门市恒亦达电子有限公司" not in html


def test_enterprise_user_sees_only_its_own_enterprise(world, client, api_client):
    manager = world.users["enterprise_manager"]
    own, other = world.enterprises["inside"], world.enterprises["outside"]
    neighbour = EnterpriseFactory(region=own.region, name="同村另一家企业")
    client.force_login(manager)
    assert client.get(reverse("enterprises:enterprise_detail", args=[own.pk])).status_code == 200
    for e in (other, neighbour):
        url = reverse("enterprises:enterprise_detail", args=[e.pk])
        assert client.get(url).status_code == 404
    assert {
        r.pk for r in client.get(reverse("enterprises:enterprise_list")).context["table"].data
    } == {own.pk}
    api_client.force_authenticate(manager)
    assert [r["id"] for r in api_client.get("/api/enterprises/").data["results"]] == [own.pk]
    assert api_client.get(f"/api/enterprises/{neighbour.pk}/").status_code == 404


def test_enterprise_user_keeps_its_contacts_but_not_its_place(world, client, api_client):
    manager = world.users["enterprise_manager"]
    own = world.enterprises["inside"]
    client.force_login(manager)
    url = reverse("enterprises:enterprise_edit", args=[own.pk])
    html = client.get(url).content.decode()
    assert 'name="region"' not in html and 'name="uscc"' not in html
    api_client.force_authenticate(manager)
    api_client.patch(
        f"/api/enterprises/{own.pk}/",
        {"name": "改名", "safety_officer_phone": "13900000000"},
        format="json",
    )
    own.refresh_from_db()
    assert own.name == "江门市恒亦达电子有限公司"
    assert own.safety_officer_phone == "13900000000"


def test_an_enterprise_user_without_membership_sees_nothing(world, client):
    from anjian.accounts.testing import UserFactory

    orphan = UserFactory(jurisdiction=world.regions["village"], roles=["enterprise_manager"])
    assert not Enterprise.objects.restrict(orphan, "view").exists()


def test_subdistrict_officer_never_reaches_another_subdistrict(world, client, api_client):
    officer = world.users["subdistrict_officer"]
    other = world.enterprises["outside"]
    client.force_login(officer)
    for name in ("detail", "edit"):
        url = reverse(f"enterprises:enterprise_{name}", args=[other.pk])
        assert client.get(url).status_code == 404
    url = reverse("enterprises:enterprise_transition", args=[other.pk, "grade_a"])
    assert client.post(url, {"reason": "越权"}).status_code == 404
    api_client.force_authenticate(officer)
    response = api_client.post(
        f"/api/enterprises/{other.pk}/transition/",
        {"transition": "grade_a", "reason": "越权"},
        format="json",
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.risk_grade == ""


def test_tenants_without_a_valid_agreement(world, client):
    village = world.regions["village"]
    landlord = EnterpriseFactory(region=village, name="房东实业有限公司")
    park = ParkFactory(region=village, operator_enterprise=landlord)
    covered = EnterpriseFactory(region=village, park=park, name="有协议租户")
    expired = EnterpriseFactory(region=village, park=park, name="协议过期租户")
    missing = EnterpriseFactory(region=village, landlord=landlord, name="无协议厂中厂")
    landlord.park = park
    landlord.save()
    SafetyAgreement.objects.create(landlord=landlord, tenant=covered, signed_on=date(2025, 1, 1))
    SafetyAgreement.objects.create(
        landlord=landlord, tenant=expired, signed_on=date(2020, 1, 1), expires_on=date(2021, 1, 1)
    )
    client.force_login(world.users["subdistrict_officer"])
    response = client.get(reverse("enterprises:tenant_gap_list"))
    assert {r.name for r in response.context["table"].data} == {expired.name, missing.name}
    page = client.get(reverse("enterprises:enterprise_detail", args=[landlord.pk]))
    html = page.content.decode()
    for tenant in (covered, expired, missing):
        assert tenant.name in html


def test_the_enterprise_file_renders_registered_panels(world, client):
    from anjian.enterprises import panels

    def extra(enterprise, request):
        return {"rows": [("额外面板", enterprise.uscc)]}

    panels.register(
        "Later app",
        "enterprises/panels/basic.html",
        extra,
        order=500,
        permission="enterprises.view_enterprise",
        key="test-extra",
    )
    try:
        client.force_login(world.users["grid_worker"])
        page = client.get(
            reverse("enterprises:enterprise_detail", args=[world.enterprises["inside"].pk])
        )
        html = page.content.decode()
        assert "Later app" in html and "额外面板" in html
        titles = [str(p.title) for p, _html in page.context["panels"]]
        assert titles[-1] == "Later app" and len(titles) >= 3
    finally:
        panels._panels[:] = [p for p in panels._panels if p.key != "test-extra"]


def test_service_inspector_reaches_only_the_enterprises_assigned_to_its_agency(
    world, client, api_client
):
    """属地管理+专业服务: the agency inspects what it is assigned; places of its area stay visible."""
    inspector = world.users["service_inspector"]
    assigned = world.enterprises["inside"]  # served by the inspector's agency (testing.py)
    unassigned = EnterpriseFactory(name="未委托企业有限公司", region=world.regions["village"])
    client.force_login(inspector)
    detail = "enterprises:enterprise_detail"
    assert client.get(reverse(detail, args=[assigned.pk])).status_code == 200
    assert client.get(reverse(detail, args=[unassigned.pk])).status_code == 404
    region = world.regions["other_village"]
    assert client.get(reverse("regions:region_detail", args=[region.pk])).status_code == 200
    api_client.force_authenticate(inspector)
    ids = {row["id"] for row in api_client.get("/api/enterprises/").data["results"]}
    assert ids == {assigned.pk}
    assigned.service_agency = None
    assigned.save()
    fresh = type(inspector).objects.get(pk=inspector.pk)
    assert not Enterprise.objects.restrict(fresh, "view").exists()
