"""The hazard pages: report with an evidence photo (the service decides found-by and
self-reporting), the permit's proposal of 13-2 on the form, the record page's actions per person,
photos served only through the scoped view, the API's moves and photo upload."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.hazards import services
from anjian.hazards.models import Hazard, HazardPhoto
from anjian.hazards.testing import make_hazard, png_file

pytestmark = pytest.mark.django_db


def test_enterprise_reports_a_self_check_with_a_photo(world, login):
    client = login(world.users["enterprise_manager"])
    inside = world.enterprises["inside"]
    page = client.get(reverse("hazards:hazard_add"))
    assert page.status_code == 200
    # an enterprise's own user may only record a self-check
    sources = [value for value, _ in page.context["form"].fields["source"].choices]
    assert sources == ["self_check"]
    response = client.post(
        reverse("hazards:hazard_add"),
        {
            "enterprise": inside.pk,
            "description": "集水井盖板破损",
            "category": "confined_space",
            "source": "self_check",
            "found_on": timezone.localdate().isoformat(),
            "evidence_photo": png_file(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    hazard = Hazard.objects.get()
    assert hazard.self_reported and hazard.found_by == world.users["enterprise_manager"]
    assert hazard.photos.get().stage == "evidence"
    refused = client.post(
        reverse("hazards:hazard_add"),
        {
            "enterprise": inside.pk,
            "description": "冒充检查",
            "category": "other",
            "source": "inspection",
            "found_on": timezone.localdate().isoformat(),
        },
    )
    assert refused.status_code == 200 and Hazard.objects.count() == 1


def test_permit_proposal_shows_on_the_form(world, login):
    from anjian.permits.models import Permit
    from anjian.permits.testing import PermitFactory

    permit = PermitFactory(enterprise=world.enterprises["inside"])
    Permit._base_manager.filter(pk=permit.pk).update(
        status="in_progress", started_at=timezone.now() - datetime.timedelta(hours=2)
    )
    client = login(world.users["subdistrict_officer"])
    page = client.get(reverse("hazards:hazard_add") + f"?permit={permit.pk}")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="proposed-criteria"' in text and "13-2" in text


def test_record_page_actions_and_photo_scope(world, login):
    hazard = make_hazard(
        world.enterprises["inside"],
        status="submitted",
        verification_round=1,
        measures="m",
        responsible_name="r",
        deadline=timezone.localdate(),
    )
    photo = HazardPhoto.objects.create(hazard=hazard, file=png_file(), stage="rectification")
    detail = reverse("hazards:hazard_detail", args=[hazard.pk])
    village = login(world.users["grid_worker"]).get(detail).content.decode()
    assert "/transition/verify/" in village and "/transition/close/" not in village
    sub = login(world.users["subdistrict_officer"]).get(detail).content.decode()
    assert "/transition/verify/" not in sub and "/transition/close/" not in sub
    assert "/transition/send_back/" in sub
    file_url = reverse("hazards:hazardphoto_file", args=[photo.pk])
    assert login(world.users["enterprise_manager"]).get(file_url).status_code == 200
    from anjian.accounts import roles
    from anjian.accounts.testing import UserFactory

    elsewhere = UserFactory(
        username="elsewhere",
        jurisdiction=world.regions["other_subdistrict"],
        roles=[roles.SUBDISTRICT_OFFICER],
    )
    assert login(elsewhere).get(file_url).status_code == 404
    assert login(elsewhere).get(detail).status_code == 404


def test_api_moves_and_photo_upload(world, api_client):
    hazard = services.report_hazard(
        world.enterprises["inside"],
        actor=world.users["grid_worker"],
        description="API 隐患",
        source="inspection",
        measures="m",
        responsible_name="r",
        deadline=timezone.localdate(),
    )
    api_client.force_authenticate(world.users["enterprise_manager"])
    base = f"/api/hazards/hazards/{hazard.pk}/"
    assert (
        api_client.post(base + "transition/", {"transition": "start"}, format="json").status_code
        == 200
    )
    refused = api_client.post(base + "transition/", {"transition": "submit"}, format="json")
    assert refused.status_code == 409 and refused.data["reasons"]
    upload = api_client.post(
        base + "photos/", {"file": png_file(), "stage": "rectification"}, format="multipart"
    )
    assert upload.status_code == 201 and "document_url" in upload.data
    api_client.patch(base, {"rectification_note": "已整改"}, format="json")
    assert (
        api_client.post(base + "transition/", {"transition": "submit"}, format="json").status_code
        == 200
    )
    assert (
        api_client.post(base + "transition/", {"transition": "verify"}, format="json").status_code
        == 403
    )
    api_client.force_authenticate(world.users["grid_worker"])
    signed = api_client.post(
        base + "transition/", {"transition": "verify", "reason": "属实"}, format="json"
    )
    assert signed.status_code == 200 and len(signed.data["verifications"]) == 1


def test_enterprise_file_panel_lists_open_hazards_first(world, login):
    inside = world.enterprises["inside"]
    closed = make_hazard(inside, description="已销号的隐患", status="closed")
    open_ = make_hazard(inside, description="未销号的隐患", status="rectifying")
    text = (
        login(world.users["grid_worker"])
        .get(reverse("enterprises:enterprise_detail", args=[inside.pk]))
        .content.decode()
    )
    assert 'id="panel-hazards"' in text
    assert text.index(open_.number) < text.index(closed.number)


def test_closed_hazard_page_refuses_a_photo_with_the_service_reason(world, login, english):
    from django.contrib.messages import get_messages

    hazard = make_hazard(world.enterprises["inside"], status="closed")
    client = login(world.users["grid_worker"])
    response = client.post(
        reverse("hazards:hazard_photo_add", args=[hazard.pk]),
        {"stage": "evidence", "file": png_file(), "caption": "补拍"},
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "A closed hazard takes no more photos."
    ]
    assert not hazard.photos.exists()
