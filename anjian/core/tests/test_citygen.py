"""The synthetic city at a tiny scale is consistent: every record lies inside its district, copied
regions agree with their sources, codes and ID numbers pass the models' own rules, and the same
seed builds the same city."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F

from anjian.core import citygen
from anjian.enterprises.models import Enterprise, EnterpriseMembership, SafetyAgreement
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region
from anjian.training.models import Certificate, Person, TrainingSession

SCALE = 0.004  # 1 district, 1 sub-district, 2 villages, 200 enterprises, 800 people


@pytest.fixture
def city(db):
    return citygen.generate(scale=SCALE, seed=3, out=None, batch_size=300)


def _city_regions():
    return Region.objects.filter(code__startswith=citygen.CITY_CODE)


def test_sizes_follow_the_scale(city):
    assert _city_regions().filter(level=RegionLevel.VILLAGE).count() == 2
    assert Enterprise.objects.count() == 200
    assert Person.objects.count() == 800
    assert Certificate.objects.count() == 1200
    assert TrainingSession.objects.count() == 20
    assert SafetyAgreement.objects.exists()


def test_region_tree_paths_are_those_save_would_write(city):
    for region in _city_regions().select_related("parent"):
        assert region.path == region.compute_path()
        assert region.depth == region.path.count("/") - 2
        region.full_clean()  # placement rules: a village under a sub-district, …


def test_every_record_lies_inside_its_district(city):
    district = _city_regions().get(level=RegionLevel.DISTRICT)
    for enterprise in Enterprise.objects.select_related("region"):
        assert enterprise.region.level == RegionLevel.VILLAGE
        assert enterprise.region.path.startswith(district.path)
        assert enterprise.uscc[2:8] == district.code
    assert Person.objects.filter(employer__isnull=True).count() == 0
    assert not Person.objects.exclude(region=F("employer__region")).exists()
    assert not Certificate.objects.exclude(region=F("person__region")).exists()
    assert not TrainingSession.objects.exclude(region__path__startswith=district.path).exists()
    for session in TrainingSession.objects.select_related("organization", "enterprise"):
        assert session.region_id == session.organizer.region_id
    for agreement in SafetyAgreement.objects.select_related("landlord", "tenant"):
        assert agreement.landlord.region_id == agreement.tenant.region_id


def test_records_pass_the_models_own_rules(city):
    for model in (Enterprise, Person, Certificate, TrainingSession, SafetyAgreement):
        for obj in model.objects.order_by("pk")[:25]:
            obj.full_clean()
    assert Person.objects.filter(id_number__contains="0229").exists()  # born on 29 February


def test_bench_accounts_reach_their_scope(city):
    users = city.users
    village = users["city_village"]
    assert Enterprise.objects.restrict(village).count() == 100  # one of the two villages
    assert Enterprise.objects.restrict(users["city_district"]).count() == 200
    manager = users["city_enterprise"]
    membership = EnterpriseMembership.objects.get(user=manager)
    assert list(Enterprise.objects.restrict(manager)) == [membership.enterprise]


@pytest.mark.django_db
def test_same_seed_same_city_and_no_second_city():
    def snapshot(seed):
        with transaction.atomic():
            citygen.generate(scale=SCALE, seed=seed, out=None)
            names = list(Enterprise.objects.order_by("uscc").values_list("name", "uscc"))
            people = list(Person.objects.order_by("id_number").values_list("name", "id_number"))
            transaction.set_rollback(True)
        return names, people

    assert snapshot(5) == snapshot(5)
    assert snapshot(5) != snapshot(6)
    call_command("generate_city", scale=SCALE, stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("generate_city", scale=SCALE, stdout=io.StringIO())
