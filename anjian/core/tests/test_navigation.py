"""The home counters and the menu's badges count alike: one helper (``count_visible``) counts the
rows a user may view, matching the lookups, up to the cap — and shows "N+" when it stopped."""

import pytest

from anjian.core import navigation

pytestmark = pytest.mark.django_db


def test_a_count_is_of_the_rows_in_the_users_scope(world):
    from anjian.regions.models import Region

    officer = world.users["subdistrict_officer"]
    visible = Region.objects.restrict(officer, "view")
    assert navigation.count_visible(officer, Region) == visible.count() < Region.objects.count()
    village = visible.exclude(pk=officer.jurisdiction_id).first()
    assert navigation.count_visible(officer, Region, pk=village.pk) == 1


def test_the_home_counter_counts_as_the_helper_does(world):
    from anjian.regions.models import Region

    officer = world.users["subdistrict_officer"]
    counts = {c.model: n for c, n, _url in navigation.counters_for(officer) if not c.lookups}
    assert counts[Region] == navigation.count_visible(officer, Region)


def test_a_count_stops_at_the_cap_and_says_so(world, settings):
    from anjian.regions.models import Region

    regulator = world.users["regulator"]
    settings.ANJIAN_COUNT_CAP = 2
    count = navigation.count_visible(regulator, Region)
    assert (int(count), count.capped, count.text) == (2, True, "2+")
    settings.ANJIAN_COUNT_CAP = 10_000
    count = navigation.count_visible(regulator, Region)
    visible = Region.objects.restrict(regulator, "view").count()
    assert not count.capped and count.text == str(visible)
