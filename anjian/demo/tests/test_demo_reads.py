"""What the demo world holds, read from one load per module (``shared_demo``): the region tree,
the organisations, a user for every role, the password and the jurisdictions. Loading itself
(twice, after a flush, a weak password, the command) is tested in ``test_load_demo``."""

import pytest

from anjian.accounts import roles
from anjian.accounts.models import Organization, User
from anjian.demo import world as demo
from anjian.demo.tests.test_load_demo import _sign_in
from anjian.regions.models import Region

pytestmark = pytest.mark.django_db


def test_region_tree(shared_demo):
    district = Region.objects.get(code=demo.DISTRICT)
    waihai = Region.objects.get(name="外海街道")
    dongnan = Region.objects.get(name="东南村")
    assert dongnan.parent == waihai and waihai.parent == district
    assert dongnan.path.startswith(waihai.path) and waihai.path.startswith(district.path)
    city = Region.objects.get(code=demo.CITY)  # 江门市 above 江海区
    assert (city.name, city.level, district.parent) == ("江门市", "city", city)
    assert dongnan.path == f"/{city.code}/{district.code}/{waihai.code}/{dongnan.code}/"
    assert dongnan.code.startswith(waihai.code) and len(dongnan.code) == len(waihai.code) + 3
    assert list(dongnan.ancestors()) == [city, district, waihai]
    assert dongnan.city() == city
    assert set(Organization.objects.filter(region=city).values_list("short_name", flat=True)) == {
        "市应急管理局",
        "市安委办",
    }
    grids = dongnan.children.all()
    assert grids.count() >= 2
    assert all(g.level == "grid" for g in grids)
    assert Region.objects.filter(level="grid").exclude(parent=dongnan).exists()
    for name in ["外海街道", "江南街道", "礼乐街道"]:
        assert Region.objects.get(name=name).children.count() >= 3


def test_organizations_sit_in_their_regions(shared_demo):
    office = Organization.objects.get(name="外海街道应急管理办公室")
    assert office.parent.name == "外海街道办事处"
    assert office.region.name == "外海街道"
    assert Organization.objects.get(short_name="区安委办").kind == "committee"
    assert Organization.objects.get(short_name="东南村委会").region.name == "东南村"
    assert Organization.objects.get(kind="service_agency").region.code == demo.DISTRICT


def test_every_role_has_a_user(shared_demo):
    # The enterprise manager belongs to an enterprise; the enterprises app's loader adds it.
    expected = set(roles.ROLES) - {roles.ENTERPRISE_MANAGER}
    for code in expected:
        assert User.objects.filter(groups__name=code, is_active=True).exists(), code
    for user in User.objects.prefetch_related("groups"):
        assert len(user.role_codes) == 1


def test_the_demo_password_authenticates(shared_demo):
    for username in ["admin", "wh_huang", "dn_liang"]:
        user = _sign_in(username=username, password=demo.DEFAULT_PASSWORD)
        assert user is not None and user.username == username
    assert _sign_in(username="admin", password="wrong-password") is None


def test_jurisdictions_differ(shared_demo):
    dongnan = Region.objects.get(name="东南村")
    waihai_officer = User.objects.get(username="wh_huang")
    jiangnan_officer = User.objects.get(username="jn_zhou")
    admin = User.objects.get(username="admin")
    assert Region.objects.restrict(waihai_officer).filter(pk=dongnan.pk).exists()
    assert not Region.objects.restrict(jiangnan_officer).filter(pk=dongnan.pk).exists()
    assert Region.objects.restrict(admin).count() == Region.objects.count()
