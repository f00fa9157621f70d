"""Equipment of a permit (a many-to-many the model's own check cannot see) follows one rule,
``rules.check_permit_equipment``, on the page form and in the API: after filing it no longer
changes, and it comes from the register of the enterprise (or its contractor)."""

import pytest
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from anjian.permits import rules
from anjian.permits.choices import PermitStatus
from anjian.permits.forms import PermitForm
from anjian.permits.models import Permit
from anjian.permits.testing import _with_status, ready_permit
from anjian.spaces.testing import SafetyEquipmentFactory

pytestmark = pytest.mark.django_db


def _page_data(permit, user, **changes):
    """What the edit page posts back when nothing but ``changes`` is touched."""
    form = PermitForm(instance=permit, user=user)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or isinstance(value, FieldFile):
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    data.update(changes)
    return data


def _edit(client, user, permit, **changes):
    client.force_login(user)
    url = reverse("permits:permit_edit", args=[permit.pk])
    return client.post(url, _page_data(permit, user, **changes))


def _harnesses(permit):
    return sorted(permit.protective_equipment.values_list("pk", flat=True))


def test_page_refuses_an_equipment_change_after_filing(world, client, english, monkeypatch):
    user = world.users["enterprise_manager"]
    permit = _with_status(ready_permit(world.enterprises["inside"]), PermitStatus.FILED)
    before = _harnesses(permit)
    spare = SafetyEquipmentFactory(enterprise=permit.enterprise, kind="harness", name="备用安全带")
    calls = []
    real = rules.check_permit_equipment
    monkeypatch.setattr(
        rules, "check_permit_equipment", lambda *a, **k: calls.append(a) or real(*a, **k)
    )
    response = _edit(client, user, permit, protective_equipment=[*before, spare.pk])
    assert response.status_code in (200, 400)
    errors = response.context["form"].errors
    assert "cannot be changed" in " ".join(errors["protective_equipment"])
    assert calls, "the page must call the rule the API calls"
    assert _harnesses(Permit.objects.get(pk=permit.pk)) == before


def test_page_lets_a_draft_change_its_equipment_from_the_register(world, client):
    user = world.users["enterprise_manager"]
    permit = _with_status(ready_permit(world.enterprises["inside"]), PermitStatus.DRAFT)
    spare = SafetyEquipmentFactory(enterprise=permit.enterprise, kind="harness", name="备用安全带")
    response = _edit(client, user, permit, protective_equipment=[spare.pk])
    assert response.status_code == 302, response.context["form"].errors
    assert _harnesses(Permit.objects.get(pk=permit.pk)) == [spare.pk]


def test_page_unchanged_equipment_of_a_filed_permit_is_no_change(world, client):
    """The page posts the equipment back every time: unchanged, it is not refused."""
    user = world.users["enterprise_manager"]
    permit = _with_status(ready_permit(world.enterprises["inside"]), PermitStatus.FILED)
    form = PermitForm(_page_data(permit, user), instance=permit, user=user)
    form.is_valid()
    assert "protective_equipment" not in form.errors
    assert "rescue_equipment" not in form.errors


def test_api_refuses_an_equipment_change_after_filing(world, api_client, english):
    permit = _with_status(ready_permit(world.enterprises["inside"]), PermitStatus.FILED)
    before = _harnesses(permit)
    spare = SafetyEquipmentFactory(enterprise=permit.enterprise, kind="harness", name="备用安全带")
    api_client.force_authenticate(world.users["admin"])
    response = api_client.patch(
        reverse("permit-detail", args=[permit.pk]),
        {"protective_equipment": [spare.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert "cannot be changed" in " ".join(response.json()["protective_equipment"])
    assert _harnesses(Permit.objects.get(pk=permit.pk)) == before
