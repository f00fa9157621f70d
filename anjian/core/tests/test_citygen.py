"""The synthetic city at a tiny scale is consistent: every record lies inside its district, copied
regions agree with their sources, codes and ID numbers pass the models' own rules, and the same
seed builds the same city."""

import datetime
import decimal
import hashlib
import io
import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy

from anjian.accounts.choices import OrganizationKind
from anjian.accounts.models import Organization
from anjian.core import citygen
from anjian.enterprises.citygen import name_pinyin
from anjian.enterprises.models import Enterprise, EnterpriseMembership, SafetyAgreement
from anjian.enterprises.rules import pinyin_of
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region
from anjian.training.choices import TrainingKind
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


def _digest() -> str:
    """Every generated column of the city, foreign keys by their natural keys (the primary keys
    themselves depend on the database's sequences)."""
    tables = [
        Region.objects.filter(code__startswith=citygen.CITY_CODE)
        .order_by("code")
        .values_list("code", "name", "level", "path", "depth", "parent__code"),
        Enterprise.objects.order_by("uscc").values_list(
            *[f.attname for f in Enterprise._meta.concrete_fields if f.attname not in SKIP],
            "region__code",
            "park__name",
            "service_agency__name",
            "industry__code",
        ),
        Person.objects.order_by("id_number").values_list(
            "name", "id_number", "phone", "duties", "notes", "employer__uscc", "region__code"
        ),
        Certificate.objects.order_by("number").values_list(
            "number",
            "kind",
            "duties",
            "issued_on",
            "expires_on",
            "issuer",
            "issuer_kind",
            "void_reason",
            "voided_on",
            "person__id_number",
            "region__code",
        ),
        TrainingSession.objects.order_by("topic").values_list(
            "kind",
            "topic",
            "held_on",
            "hours",
            "trainer",
            "enterprise__uscc",
            "organization__name",
            "region__code",
        ),
        SafetyAgreement.objects.order_by("tenant__uscc").values_list(
            "landlord__uscc", "tenant__uscc", "park__name", "signed_on", "expires_on", "kind"
        ),
    ]
    text = repr([list(rows) for rows in tables])
    return hashlib.sha256(text.encode()).hexdigest()


# Primary and foreign keys (compared through natural keys instead) and the insert time.
SKIP = {
    "id",
    "created_at",
    "updated_at",
    "region_id",
    "park_id",
    "service_agency_id",
    "industry_id",
}


@pytest.mark.django_db
def test_same_seed_same_city_and_no_second_city():
    def snapshot(seed):
        with transaction.atomic():
            citygen.generate(scale=SCALE, seed=seed, out=None)
            digest = _digest()
            transaction.set_rollback(True)
        return digest

    assert snapshot(5) == snapshot(5)
    assert snapshot(5) != snapshot(6)
    call_command("generate_city", scale=SCALE, stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("generate_city", scale=SCALE, stdout=io.StringIO())


def test_enterprise_pinyin_is_what_save_writes(city):
    """The generator computes pinyin per character; it must equal ``Enterprise.save``'s."""
    rows = Enterprise.objects.values_list("name", "name_pinyin", "name_initials")
    assert [(p, i) for _n, p, i in rows] == [pinyin_of(n) for n, _p, _i in rows]
    # A phrase pypinyin reads otherwise than its characters (盛 sheng, 盛器 chengqi) is honoured.
    assert (
        name_pinyin("恒盛器有限公司")
        == pinyin_of("恒盛器有限公司")
        == (
            "hengchengqiyouxiangongsi",
            "hcqyxgs",
        )
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_bulk_assigns_keys_fills_defaults_and_leaves_the_sequence_past_them(monkeypatch):
    """``city.bulk`` (COPY on PostgreSQL, one prepared INSERT on SQLite): tuples and instances get
    consecutive primary keys, omitted fields their defaults, and a later ordinary insert a fresh
    key."""
    before = Region.objects.create(code="449998", name="前", level=RegionLevel.DISTRICT)
    city = citygen.City(scale=SCALE, out=None, batch_size=2)
    rows = [(f"44999{i}", f"区{i}", RegionLevel.DISTRICT, f"/44999{i}/", 0) for i in range(3)]
    ids = city.bulk(Region, rows, fields=("code", "name", "level", "path", "depth"))
    assert ids == [before.pk + 1, before.pk + 2, before.pk + 3]
    made = Region.objects.get(pk=ids[1])
    assert (made.code, made.path, made.parent_id) == ("449991", "/449991/", None)
    assert made.created_at is not None and made.updated_at is not None
    (org,) = city.bulk(
        Organization, [Organization(name="局", kind=OrganizationKind.BUREAU, region=made)]
    )
    assert Organization.objects.get(pk=org.pk).region_id == made.pk
    assert org._state.adding is False
    person_ids = city.bulk(
        Person,
        [("张三", "11010519491231002X", ids[0], ["attendant", "approver"])],
        fields=("name", "id_number", "region", "duties"),
    )
    person = Person.objects.get(pk=person_ids[0])
    assert person.duties == ["attendant", "approver"] and person.notes == "" and person.phone == ""
    # A callable default that may differ per row (a token, a UUID) is called per row.
    counter = itertools.count(1)
    notes_field = Person._meta.get_field("notes")
    numbered = lambda: f"#{next(counter)}"  # noqa: E731
    monkeypatch.setattr(notes_field, "default", numbered)
    monkeypatch.setattr(notes_field, "_get_default", numbered)  # Field caches its default getter
    more = city.bulk(
        Person,
        [("李四", "110105196002290013", ids[0]), ("王五", "110105196002290021", ids[0])],
        fields=("name", "id_number", "region_id"),
    )
    notes = list(Person.objects.filter(pk__in=more).order_by("pk").values_list("notes", flat=True))
    assert notes == ["#1", "#2"]
    after = Region.objects.create(code="449997", name="后", level=RegionLevel.DISTRICT)
    assert after.pk == ids[-1] + 1
    assert city.created == {
        str(Region._meta.verbose_name_plural): 3,
        str(Organization._meta.verbose_name_plural): 1,
        str(Person._meta.verbose_name_plural): 3,
    }


@pytest.mark.postgres
@pytest.mark.django_db
def test_bulk_instances_store_what_bulk_create_stores():
    """Model instances through ``city.bulk`` (plain values handed to COPY as they are, the rest
    through each field's preparation) end up as Django's own ``bulk_create`` stores them."""
    region = Region.objects.create(code="449996", name="比区", level=RegionLevel.DISTRICT)
    org = Organization.objects.create(name="局", kind=OrganizationKind.BUREAU, region=region)

    def rows(tag):
        sessions = [
            TrainingSession(
                kind=TrainingKind.CONFINED_SPACE,
                topic=gettext_lazy("Training"),  # a lazy string: prepared, not passed as is
                held_on=datetime.date(2024, 2, 29),
                hours=decimal.Decimal("2.5"),
                trainer=f"{tag}老师",
                organization=org,
                region=region,
            )
        ]
        people = [
            Person(
                name="张三",
                id_number="11010519491231002X" if tag == "a" else "110105196002290013",
                region=region,
                duties=["attendant"],
                phone=13800000000,  # an int in a CharField: prepared to "13800000000"
            )
        ]
        return sessions, people

    sessions, people = rows("a")
    TrainingSession._base_manager.bulk_create(sessions)
    Person._base_manager.bulk_create(people)
    city = citygen.City(scale=SCALE, out=None)
    sessions, people = rows("b")
    city.bulk(TrainingSession, sessions)
    city.bulk(Person, people)

    def stored(model, skip):
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in {"id", "created_at", "updated_at", *skip}
        ]
        return list(model._base_manager.order_by("pk").values(*fields))

    by_django, by_city = stored(TrainingSession, {"trainer"})
    assert by_django == by_city
    assert by_city["hours"] == decimal.Decimal("2.5") and by_city["topic"] == str(
        gettext_lazy("Training")
    )
    by_django, by_city = stored(Person, {"id_number"})
    assert by_django == by_city and by_city["phone"] == "13800000000"
