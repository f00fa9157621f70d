"""Photos through ``/api/hazards/photos/`` go through the services (``add_photo``,
``change_photo``, ``remove_photo``) like the per-hazard upload: the uploader is recorded, and a
closed hazard's photos are final — none added, changed, moved or deleted; the refusal gives its
reason and nothing is written."""

import pytest

from anjian.hazards.models import HazardPhoto
from anjian.hazards.testing import make_hazard, photo_in, png_file

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


def test_photo_of_an_open_hazard_changes_through_the_api(world, api_client):
    hazard = make_hazard(world.enterprises["inside"], status="rectifying")
    photo = photo_in(hazard, caption="旧说明")
    api_client.force_authenticate(world.users["grid_worker"])
    response = api_client.patch(
        f"/api/hazards/photos/{photo.pk}/", {"caption": "整改后", "stage": "rectification"}
    )
    assert response.status_code == 200, response.data
    photo.refresh_from_db()
    assert (photo.caption, photo.stage) == ("整改后", "rectification")
    assert photo.history.latest().history_user == world.users["grid_worker"]


@pytest.mark.parametrize("method", ["patch", "put"])
def test_photo_of_a_closed_hazard_does_not_change_through_the_api(
    world, api_client, english, method
):
    hazard = make_hazard(world.enterprises["inside"], status="closed")
    photo = photo_in(hazard, stage="rectification", caption="整改后")
    api_client.force_authenticate(world.users["grid_worker"])
    response = getattr(api_client, method)(
        f"/api/hazards/photos/{photo.pk}/",
        {"hazard": hazard.pk, "file": png_file(), "stage": "evidence", "caption": "改过"},
        format="multipart",
    )
    assert response.status_code == 409, response.data
    assert "The photos of a closed hazard no longer change." in response.data["reasons"]
    photo.refresh_from_db()
    assert (photo.caption, photo.stage) == ("整改后", "rectification")


def test_no_photo_moves_onto_or_off_a_closed_hazard(world, api_client, english):
    inside = world.enterprises["inside"]
    open_, closed = make_hazard(inside, status="rectifying"), make_hazard(inside, status="closed")
    onto, off = photo_in(open_), photo_in(closed)
    api_client.force_authenticate(world.users["grid_worker"])
    for photo, target in ((onto, closed), (off, open_)):
        response = api_client.patch(f"/api/hazards/photos/{photo.pk}/", {"hazard": target.pk})
        assert response.status_code == 409, response.data
    assert list(closed.photos.all()) == [off] and list(open_.photos.all()) == [onto]


def test_photo_of_a_closed_hazard_is_not_deleted_through_the_api(world, api_client, english):
    inside = world.enterprises["inside"]
    closed_photo = photo_in(make_hazard(inside, status="closed"))
    open_photo = photo_in(make_hazard(inside, status="rectifying"))
    api_client.force_authenticate(world.users["admin"])  # the role that may delete photos
    refused = api_client.delete(f"/api/hazards/photos/{closed_photo.pk}/")
    assert refused.status_code == 409, refused.data
    assert "The photos of a closed hazard no longer change." in refused.data["reasons"]
    assert HazardPhoto.objects.filter(pk=closed_photo.pk).exists()
    assert api_client.delete(f"/api/hazards/photos/{open_photo.pk}/").status_code == 204
    assert not HazardPhoto.objects.filter(pk=open_photo.pk).exists()
