"""Public reports: without signing in, from the form, an enterprise's code or a space's QR;
throttled per address, honeypot, CSRF kept, photo limits; the tracking page shows only the
status; the report reaches the village and above only; a village worker verifies or dismisses."""

import pytest
from django.test import Client
from django.urls import reverse

from anjian.core.models import AuditEvent
from anjian.hazards.models import Hazard, PublicReport
from anjian.hazards.testing import PNG, png_file
from anjian.spaces.testing import space_in

pytestmark = pytest.mark.django_db


def _send(client, url, **data):
    body = {"description": "晚上有人下污水池，没有人看护", **data}
    return client.post(url, body, REMOTE_ADDR=data.pop("ip", "203.0.113.7"))


def test_report_from_a_space_qr_goes_to_the_village_and_only_the_code_comes_back(world, client):
    space = space_in(world, world.regions["village"])
    url = reverse("hazards_public:report_space", args=[space.label_token])
    page = client.get(url)
    assert page.status_code == 200 and space.name in page.content.decode()
    response = client.post(url, {"description": "有人未经审批进入", "photos": [png_file()]})
    assert response.status_code == 200
    report = PublicReport.objects.get()
    assert response.context["code"] == report.tracking_code
    assert report.region == world.regions["village"]
    assert report.enterprise == space.enterprise and report.space == space
    assert report.photos.count() == 1
    assert report.client_key and "203.0.113" not in report.client_key
    # the tracking page: the status, nothing else
    track = client.get(reverse("hazards_public:track", args=[report.tracking_code.lower()]))
    text = track.content.decode()
    assert track.status_code == 200 and 'id="report-status"' in text
    assert space.enterprise.name not in text and "未经审批" not in text and space.name not in text
    assert client.get(reverse("hazards_public:track", args=["ZZZZZZZZZZ"])).status_code == 404


def test_report_from_an_enterprise_code_and_the_public_form(world, client):
    enterprise = world.enterprises["outside"]
    response = client.post(
        reverse("hazards_public:report_enterprise", args=[enterprise.uscc.lower()]),
        {"description": "仓库门口堆放油桶"},
    )
    assert response.status_code == 200
    assert PublicReport.objects.get().region == world.regions["other_village"]
    assert client.get("/report/e/NOTACODE/").status_code == 404
    assert client.get("/report/s/unknown-token/").status_code == 404
    # the public form: the area is required
    response = client.post(reverse("hazards_public:report"), {"description": "x"})
    assert response.status_code == 200 and PublicReport.objects.count() == 1
    response = client.post(
        reverse("hazards_public:report"),
        {"description": "路边小作坊动火", "region": world.regions["grid"].code}
        if False
        else {"description": "路边小作坊动火", "region": world.regions["village"].code},
    )
    assert PublicReport.objects.filter(region=world.regions["village"]).count() == 1


def test_honeypot_keeps_nothing(world, client):
    response = client.post(
        reverse("hazards_public:report"),
        {"description": "spam", "region": world.regions["village"].code, "website": "http://x"},
    )
    assert response.status_code == 200 and response.context["code"] is None
    assert PublicReport.objects.count() == 0


def test_throttled_per_address(world, client, settings):
    settings.ANJIAN_PUBLIC_REPORTS_PER_HOUR = 2
    url = reverse("hazards_public:report")
    data = {"description": "有人抽烟", "region": world.regions["village"].code}
    for _ in range(2):
        assert client.post(url, data, REMOTE_ADDR="198.51.100.1").status_code == 200
    refused = client.post(url, data, REMOTE_ADDR="198.51.100.1")
    assert refused.status_code == 429
    assert PublicReport.objects.count() == 2
    assert AuditEvent.objects.filter(action="hazards.publicreport.throttled").exists()
    # another address is not affected
    assert client.post(url, data, REMOTE_ADDR="198.51.100.2").status_code == 200


def test_photo_limits(world, client, settings):
    settings.ANJIAN_PUBLIC_REPORT_MAX_PHOTO_BYTES = len(PNG) - 1
    url = reverse("hazards_public:report")
    data = {"description": "有人抽烟", "region": world.regions["village"].code}
    response = client.post(url, {**data, "photos": [png_file()]})
    assert response.status_code == 200 and PublicReport.objects.count() == 0
    assert "photos" in response.context["form"].errors
    settings.ANJIAN_PUBLIC_REPORT_MAX_PHOTO_BYTES = 10_000
    settings.ANJIAN_PUBLIC_REPORT_MAX_PHOTOS = 1
    response = client.post(url, {**data, "photos": [png_file("a.png"), png_file("b.png")]})
    assert PublicReport.objects.count() == 0
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = SimpleUploadedFile("x.png", b"<html>" + PNG, content_type="image/png")
    response = client.post(url, {**data, "photos": [html]})
    assert PublicReport.objects.count() == 0


def test_csrf_is_kept(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("hazards_public:report"),
        {"description": "x", "region": world.regions["village"].code},
    )
    assert response.status_code == 403 and PublicReport.objects.count() == 0


def test_scoped_to_the_village_and_above(world, login):
    village_report = PublicReport.objects.create(
        region=world.regions["village"], description="东南村的举报"
    )
    users = world.users
    for persona, sees in [
        ("grid_worker", True),
        ("subdistrict_officer", True),
        ("regulator", True),
        ("enterprise_manager", False),
        ("service_inspector", False),
    ]:
        rows = PublicReport.objects.restrict(users[persona], "view")
        assert (village_report in rows) == sees, persona
    # a sub-district elsewhere sees nothing of it, on the page neither
    from anjian.accounts import roles
    from anjian.accounts.testing import UserFactory

    elsewhere = UserFactory(
        username="jn_officer",
        jurisdiction=world.regions["other_subdistrict"],
        roles=[roles.SUBDISTRICT_OFFICER],
    )
    assert village_report not in PublicReport.objects.restrict(elsewhere, "view")
    client = login(elsewhere)
    assert (
        client.get(reverse("hazards:publicreport_detail", args=[village_report.pk])).status_code
        == 404
    )
    assert "东南村的举报" not in client.get(reverse("hazards:publicreport_list")).content.decode()


def test_village_worker_verifies_into_a_hazard_or_dismisses(world, login, english):
    enterprise = world.enterprises["inside"]
    report = PublicReport.objects.create(
        region=world.regions["village"], enterprise=enterprise, description="污水池无人监护"
    )
    client = login(world.users["grid_worker"])
    response = client.post(
        reverse("hazards:publicreport_accept", args=[report.pk]),
        {"enterprise": enterprise.pk, "description": "核实：污水池作业无人监护"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    hazard = Hazard.objects.get()
    assert report.status == "accepted" and report.hazard == hazard
    assert hazard.source == "public_report" and hazard.enterprise == enterprise
    assert hazard.found_by_name.endswith(report.tracking_code)
    other = PublicReport.objects.create(region=world.regions["village"], description="重复举报")
    url = reverse("hazards:publicreport_transition", args=[other.pk, "dismiss"])
    assert client.post(url, {"reason": ""}).status_code == 409
    assert client.post(url, {"reason": "与已核实举报重复"}).status_code == 302
    other.refresh_from_db()
    assert other.status == "dismissed"
    # the enterprise never handles public reports
    manager = login(world.users["enterprise_manager"])
    assert manager.post(url, {"reason": "x"}).status_code == 403


def test_the_space_public_page_links_to_the_report_form(world, client):
    space = space_in(world, world.regions["village"])
    page = client.get(f"/s/{space.label_token}/").content.decode()
    assert f'href="/report/s/{space.label_token}/"' in page
