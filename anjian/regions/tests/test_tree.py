import pytest
from django.core.exceptions import ValidationError

from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region


def test_path_and_subtree_move(world):
    village = world.regions["village"]
    grid = world.regions["grid"]
    assert village.path == "/440700/440704/440704003/440704003001/"
    assert set(world.regions["subdistrict"].descendants()) == {village, grid}
    village.parent = world.regions["other_subdistrict"]
    village.save()
    grid.refresh_from_db()
    assert grid.path == "/440700/440704/440704001/440704003001/440704003001-01/"
    assert list(grid.ancestors().values_list("name", flat=True)) == [
        "江门市",
        "江海区",
        "江南街道",
        "东南村",
    ]


def test_the_city_stands_above_the_districts(world):
    """江门市 above 江海区 and 蓬江区; every region below finds it (a 较大 accident goes there)."""
    city = world.regions["city"]
    assert city.level == RegionLevel.CITY and city.parent is None
    assert world.regions["district"].path == "/440700/440704/"
    for key in ("city", "district", "village", "grid", "other_district_subdistrict"):
        assert world.regions[key].city() == city
    assert {o.name for o in world.organizations.values() if o.region_id == city.pk} == {
        "市应急管理局",
        "市安委办",
    }
    # A district regulator's subtree is still one prefix: its district, not the city nor 蓬江区.
    inside = Region.objects.filter(path__startswith=world.regions["district"].path)
    assert city not in inside and world.regions["other_district"] not in inside


def test_a_region_without_city_has_none(world):
    alone = Region.objects.create(code="449999", name="独立区", level=RegionLevel.DISTRICT)
    assert alone.path == "/449999/" and alone.city() is None


def test_city_level_placement(world):
    # A district goes under a city; a city stands at the top; a sub-district never under a city.
    Region(
        code="440705", name="新会区", level=RegionLevel.DISTRICT, parent=world.regions["city"]
    ).full_clean()
    Region(code="440600", name="佛山市", level=RegionLevel.CITY).full_clean()
    wrong = Region(
        code="X3", name="错", level=RegionLevel.SUBDISTRICT, parent=world.regions["city"]
    )
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "level" in error.value.message_dict
    under = Region(code="X4", name="错", level=RegionLevel.CITY, parent=world.regions["district"])
    with pytest.raises(ValidationError):
        under.full_clean()


def test_moving_the_city_code_rewrites_every_path_below(world):
    city = world.regions["city"]
    city.code = "440799"
    city.save()
    grid = Region.objects.get(pk=world.regions["grid"].pk)
    assert grid.path == "/440799/440704/440704003/440704003001/440704003001-01/"
    assert not Region.objects.filter(path__startswith="/440700/").exists()


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
