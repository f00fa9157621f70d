"""Photos through ``/api/hazards/photos/`` go through ``services.add_photo`` like the per-hazard
upload: the uploader is recorded, and a closed hazard refuses with its reason (nothing written)."""

import pytest

from anjian.hazards.models import HazardPhoto
from anjian.hazards.testing import make_hazard, png_file

pytestmark = pytest.mark.django_db


def test_photo_api_records_the_uploader(world, api_client):
    hazard = make_hazard(world.enterprises["inside"], status="rectifying")
    user = world.users["enterprise_manager"]
    api_client.force_authenticate(user)
    response = api_client.post(
        "/api/hazards/photos/",
        {"hazard": hazard.pk, "file": png_file(), "stage": "rectification", "caption": "整改后"},
        format="multipart",
    )
    assert response.status_code == 201, response.data
    photo = HazardPhoto.objects.get(pk=response.data["id"])
    assert photo.uploaded_by == user
    assert (photo.hazard, photo.stage, photo.caption) == (hazard, "rectification", "整改后")
    assert "document_url" in response.data and "file" not in response.data


@pytest.mark.parametrize(
    "path", ["/api/hazards/photos/", "/api/hazards/hazards/{pk}/photos/"], ids=["list", "action"]
)
def test_closed_hazard_refuses_a_photo_on_both_endpoints(world, api_client, english, path):
    hazard = make_hazard(world.enterprises["inside"], status="closed")
    api_client.force_authenticate(world.users["grid_worker"])
    response = api_client.post(
        path.format(pk=hazard.pk),
        {"hazard": hazard.pk, "file": png_file(), "stage": "evidence"},
        format="multipart",
    )
    assert response.status_code == 409, response.data
    assert "A closed hazard takes no more photos." in response.data["reasons"]
    assert not HazardPhoto.objects.filter(hazard=hazard).exists()
