"""People: ID numbers validated (GB 11643) and masked; every reveal is an audit event."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from anjian.core.models import AuditEvent
from anjian.training import rules
from anjian.training.models import Person
from anjian.training.testing import make_id_number, person_in


def test_id_number_check_digit_length_and_birth_date_are_verified():
    good = make_id_number(7)
    rules.validate_id_number(good)
    wrong_digit = good[:-1] + ("0" if good[-1] != "0" else "1")
    for bad, code in [
        (wrong_digit, "checksum"),
        (good[:-1], "length"),
        ("440704199513401234", "birth_date"),
    ]:
        with pytest.raises(ValidationError) as caught:
            rules.validate_id_number(bad)
        assert caught.value.code in {code, "checksum"}


def test_masking_shows_place_and_last_four_only():
    assert rules.mask_id_number("440704199503071238") == "4407**********1238"
    assert rules.mask_name("陈庆芳") == "陈*芳"
    assert rules.mask_name("李") == "李*"


def test_form_refuses_a_bad_id_number_and_a_duplicate(world, login):
    client = login(world.users["admin"])
    employer = world.enterprises["inside"]
    data = {"name": "王五", "id_number": "440704199503071230", "employer": employer.pk}
    response = client.post(reverse("training:person_add"), data)
    assert response.status_code == 200 and "id_number" in response.context["form"].errors
    existing = person_in(world, world.regions["village"])
    data["id_number"] = existing.id_number
    response = client.post(reverse("training:person_add"), data)
    assert response.status_code == 200 and "id_number" in response.context["form"].errors
    assert Person.objects.count() == 1


def test_region_is_copied_from_the_employer(world):
    person = person_in(world, world.regions["village"])
    assert person.region == world.enterprises["inside"].region


@pytest.mark.parametrize("persona", ["subdistrict_officer", "grid_worker", "enterprise_manager"])
def test_pages_and_api_show_the_number_masked(persona, world, login):
    person = person_in(world, world.regions["village"])
    client = login(world.users[persona])
    list_page = client.get(reverse("training:person_list")).content.decode()
    detail = client.get(reverse("training:person_detail", args=[person.pk])).content.decode()
    api = client.get(f"/api/training/people/{person.pk}/").json()
    for text in (list_page, detail, str(api)):
        assert person.id_number not in text
        assert person.masked_id_number in text


def test_reveal_shows_the_number_and_is_audited(world, login):
    person = person_in(world, world.regions["village"])
    client = login(world.users["subdistrict_officer"])
    response = client.post(reverse("training:person_reveal", args=[person.pk]))
    assert response.status_code == 200 and person.id_number in response.content.decode()
    event = AuditEvent.objects.get(action="training.person.id_number_revealed")
    assert event.actor == world.users["subdistrict_officer"] and event.object_id == str(person.pk)
    assert event.region_path == person.region.path

    api = client.post(f"/api/training/people/{person.pk}/reveal/")
    assert api.status_code == 200 and api.json()["id_number"] == person.id_number
    assert AuditEvent.objects.filter(action="training.person.id_number_revealed").count() == 2


def test_reveal_refused_without_the_permission_and_outside_the_jurisdiction(world, login):
    person = person_in(world, world.regions["village"])
    client = login(world.users["grid_worker"])  # may see, may not reveal
    assert client.post(reverse("training:person_reveal", args=[person.pk])).status_code == 403
    assert client.post(f"/api/training/people/{person.pk}/reveal/").status_code == 403
    outsider = person_in(world, world.regions["other_subdistrict"])
    client = login(world.users["subdistrict_officer"])
    assert client.post(reverse("training:person_reveal", args=[outsider.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="training.person.id_number_revealed").exists()


def test_a_contractor_without_employer_needs_a_region(world, login):
    client = login(world.users["subdistrict_officer"])
    data = {"name": "外包工", "id_number": make_id_number(950), "contractor_unit": "某清淤公司"}
    response = client.post(reverse("training:person_add"), data)
    assert response.status_code == 200 and "region" in response.context["form"].errors
    data["region"] = world.regions["village"].pk
    assert client.post(reverse("training:person_add"), data).status_code == 302
    assert Person.objects.get(name="外包工").employer is None


def test_records_follow_a_person_to_a_new_employer(world):
    from anjian.training.testing import CertificateFactory

    person = person_in(world, world.regions["village"])
    certificate = CertificateFactory(person=person)
    person.employer = world.enterprises["outside"]
    person.save()
    certificate.refresh_from_db()
    assert person.region == certificate.region == world.enterprises["outside"].region
