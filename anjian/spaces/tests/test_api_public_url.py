"""The space API hands out the public page of the QR label (``public_url``, read only) to those
who may view the space; the token itself is never a field, and cannot be written."""

import pytest

from anjian.spaces.models import ConfinedSpace
from anjian.spaces.testing import ConfinedSpaceFactory, space_in

pytestmark = pytest.mark.django_db


def test_api_space_gives_its_public_url_read_only(world, api_client):
    space = space_in(world, world.regions["village"])
    token = space.label_token
    api_client.force_authenticate(world.users["enterprise_manager"])
    url = f"/api/spaces/spaces/{space.pk}/"
    data = api_client.get(url).json()
    assert data["public_url"] == f"http://testserver/s/{token}/"
    assert "label_token" not in data
    # the public page it names opens without sign-in and shows this space
    anonymous = api_client.__class__()
    assert anonymous.get(f"/s/{token}/").status_code == 200
    # writing either is ignored: the token stays the one on the printed label
    api_client.patch(
        url, {"public_url": "http://evil/s/x/", "label_token": "x" * 20}, format="json"
    )
    assert ConfinedSpace.objects.get(pk=space.pk).label_token == token
    listing = api_client.get("/api/spaces/spaces/").json()
    rows = listing["results"] if isinstance(listing, dict) else listing
    assert any(row["public_url"].endswith(f"/s/{token}/") for row in rows)


def test_api_space_out_of_scope_gives_no_public_url(world, api_client):
    space = ConfinedSpaceFactory(enterprise=world.enterprises["outside"])
    api_client.force_authenticate(world.users["enterprise_manager"])
    response = api_client.get(f"/api/spaces/spaces/{space.pk}/")
    assert response.status_code == 404
    assert space.label_token not in response.content.decode()
