"""The QR label's public page: no sign-in, the space's name and code, its enterprise, the warning
and whether approved work is in progress now (permit number, until when, attendant) — nothing
else; an unknown token is a 404. The printable label is for signed-in users with scope only."""

import datetime
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from anjian.spaces.testing import ConfinedSpaceFactory
from anjian.training.testing import PersonFactory

PERMITS = apps.is_installed("anjian.permits")


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def secret_space(world):
    enterprise = world.enterprises["inside"]
    enterprise.address = "秘密地址99号"
    enterprise.save()
    keeper = PersonFactory(employer=enterprise, name="管理人甲", phone="13911112222")
    return ConfinedSpaceFactory(
        enterprise=enterprise,
        code="HYD-YX-01",
        name="好氧池",
        location="污水站东侧秘密位置",
        size="8米乘6米秘密尺寸",
        hazard_factors="污泥发酵",
        usual_work="秘密清淤作业",
        work_frequency="每季度秘密一次",
        notes="内部备注不得公开",
        toxic_gases=["H2S"],
        responsible_person=keeper,
    )


def _assert_leaks_nothing(text, space, *people):
    for secret in (
        space.location,
        space.size,
        space.usual_work,
        space.work_frequency,
        space.notes,
        space.enterprise.uscc,
        space.enterprise.address,
        space.responsible_person.name,
        space.responsible_person.phone,
        space.responsible_person.id_number,
        str(space.pk) + "/",
    ):
        assert secret not in text, secret
    for person in people:
        assert person.phone not in text and person.id_number not in text


def test_anyone_sees_the_warning_and_no_entry_without_signing_in(client, secret_space):
    response = client.get(reverse("spaces_public:space", args=[secret_space.label_token]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    text = _text(response)
    for shown in ("好氧池", "HYD-YX-01", "江门市恒亦达电子有限公司", "危险！有限空间", "禁止进入"):
        assert shown in text, shown
    assert "硫化氢" in text  # the hazards, in words
    _assert_leaks_nothing(text, secret_space)
    assert "public-full-record" not in text


@pytest.mark.parametrize("token", ["nope", "x" * 43, "a" * 80])
def test_an_unknown_token_is_a_404(client, world, token):
    ConfinedSpaceFactory(enterprise=world.enterprises["inside"])
    assert client.get(f"/s/{token}/").status_code == 404


def test_a_removed_space_is_a_404_and_tokens_are_not_ids(client, secret_space):
    assert client.get(f"/s/{secret_space.pk}/").status_code == 404
    secret_space.status = "removed"
    secret_space.save()
    assert client.get(f"/s/{secret_space.label_token}/").status_code == 404


def test_a_signed_in_user_with_scope_is_offered_the_full_record(client, world, secret_space):
    url = reverse("spaces_public:space", args=[secret_space.label_token])
    detail = reverse("spaces:confinedspace_detail", args=[secret_space.pk])
    client.force_login(world.users["grid_worker"])  # the village of the space
    assert detail in _text(client.get(url))
    client.force_login(world.users["expert"])  # no permission on spaces
    assert detail not in _text(client.get(url))
    outsider = ConfinedSpaceFactory(enterprise=world.enterprises["outside"])
    client.force_login(world.users["enterprise_manager"])  # another enterprise's space
    response = client.get(reverse("spaces_public:space", args=[outsider.label_token]))
    assert response.status_code == 200  # the public page stays public
    assert reverse("spaces:confinedspace_detail", args=[outsider.pk]) not in _text(response)


def test_the_label_is_scoped_and_its_qr_opens_the_public_page(client, world, secret_space):
    url = reverse("spaces:confinedspace_label", args=[secret_space.pk])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(world.users["enterprise_manager"])
    response = client.get(url)
    assert response.status_code == 200
    text = _text(response)
    assert secret_space.label_token in text and "data:image/svg+xml" in text
    outsider = ConfinedSpaceFactory(enterprise=world.enterprises["outside"])
    assert client.get(reverse("spaces:confinedspace_label", args=[outsider.pk])).status_code == 404


@pytest.mark.skipif(not PERMITS, reason="the permits app is not installed")
def test_work_in_progress_shows_the_permit_until_when_and_its_attendant(client, secret_space):
    from anjian.permits import testing as permits

    enterprise = secret_space.enterprise
    now = timezone.now()
    permit = permits.PermitFactory(
        enterprise=enterprise,
        space=secret_space,
        planned_start=now - datetime.timedelta(hours=1),
        planned_end=now + datetime.timedelta(hours=3),
    )
    attendant = PersonFactory(employer=enterprise, name="监护人乙", phone="13733334444")
    entrant = PersonFactory(employer=enterprise, name="进入者丙", phone="13655556666")
    permits.add_person(permit, "attendant", attendant)
    permits.add_person(permit, "entrant", entrant)
    url = reverse("spaces_public:space", args=[secret_space.label_token])
    # Approved but not started: still no entry.
    permits._with_status(permit, "approved")
    assert "禁止进入" in _text(client.get(url))
    permits._with_status(permit, "in_progress")
    text = _text(client.get(url))
    assert "禁止进入" not in text
    assert permit.number and permit.number in text
    assert "监护人乙" in text
    until = timezone.localtime(permit.planned_end).strftime("%Y-%m-%d %H:%M")
    assert until in text
    assert "进入者丙" not in text
    _assert_leaks_nothing(text, secret_space, attendant, entrant)
    # Suspended: nobody may be inside.
    permits._with_status(permit, "suspended")
    assert "禁止进入" in _text(client.get(url))


def test_without_the_permits_app_the_page_says_no_entry(client, secret_space, monkeypatch):
    from anjian.spaces import services

    monkeypatch.setattr(services, "PERMITS_APP", "anjian.not_installed")
    assert services.work_in_progress(secret_space) == []
    assert "禁止进入" in _text(
        client.get(reverse("spaces_public:space", args=[secret_space.label_token]))
    )
