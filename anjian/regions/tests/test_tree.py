import pytest
from django.core.exceptions import ValidationError

from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region


def test_path_and_subtree_move(world):
    village = world.regions["village"]
    grid = world.regions["grid"]
    assert village.path == "/440704/440704003/440704003001/"
    assert set(world.regions["subdistrict"].descendants()) == {village, grid}
    village.parent = world.regions["other_subdistrict"]
    village.save()
    grid.refresh_from_db()
    assert grid.path == "/440704/440704001/440704003001/440704003001-01/"
    assert list(grid.ancestors().values_list("name", flat=True)) == ["江海区", "江南街道", "东南村"]


def test_level_must_follow_parent(world):
    region = Region(
        code="X1", name="错", level=RegionLevel.SUBDISTRICT, parent=world.regions["subdistrict"]
    )
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "level" in error.value.message_dict


def test_region_cannot_sit_under_itself(world):
    sub = world.regions["subdistrict"]
    sub.parent = world.regions["village"]
    with pytest.raises(ValidationError):
        sub.clean()


def test_api_applies_the_same_rule(world, api_client):
    api_client.force_authenticate(world.users["admin"])
    response = api_client.post(
        "/api/regions/",
        {"code": "X2", "name": "错层", "level": "grid", "parent": world.regions["subdistrict"].pk},
        format="json",
    )
    assert response.status_code == 400 and "level" in response.data
