"""USCC, placement and agreement rules, on the page form and the model."""

import pytest
from django.core.exceptions import ValidationError

from anjian.enterprises.forms import EnterpriseForm
from anjian.enterprises.models import Enterprise
from anjian.enterprises.testing import EnterpriseFactory, IndustryFactory, make_uscc

pytestmark = pytest.mark.django_db

HENGYIDA_LIKE = (
    "91440704MA4000012"  # 17 characters (organisation code check right); the 18th is computed
)


def _data(world, **overrides):
    return {
        "name": "江门市测试电子有限公司",
        "uscc": make_uscc(),
        "region": world.regions["village"].pk,
        "industry": IndustryFactory().pk,
        "status": "operating",
        **overrides,
    }


def test_a_valid_uscc_is_accepted_and_stored_compact(world):
    from anjian.enterprises.rules import uscc_check

    code = HENGYIDA_LIKE + uscc_check(HENGYIDA_LIKE)
    form = EnterpriseForm(data=_data(world, uscc=f" {code.lower()} "), user=world.users["admin"])
    assert form.is_valid(), form.errors
    assert form.save().uscc == code


def test_a_wrong_check_digit_is_refused(world, english):
    code = make_uscc()
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    form = EnterpriseForm(data=_data(world, uscc=wrong), user=world.users["admin"])
    assert not form.is_valid()
    assert "check digit" in str(form.errors["uscc"])


@pytest.mark.parametrize("value", ["9144070412345", "91440704MA4000001I", "ABCDEFGH123456789X"])
def test_a_malformed_uscc_is_refused(world, value):
    form = EnterpriseForm(data=_data(world, uscc=value), user=world.users["admin"])
    assert not form.is_valid()
    assert "uscc" in form.errors


def test_a_duplicate_uscc_is_refused(world):
    existing = world.enterprises["inside"]
    form = EnterpriseForm(data=_data(world, uscc=existing.uscc), user=world.users["admin"])
    assert not form.is_valid()
    assert "uscc" in form.errors


def test_an_enterprise_lies_in_a_village(world):
    form = EnterpriseForm(
        data=_data(world, region=world.regions["subdistrict"].pk), user=world.users["admin"]
    )
    assert not form.is_valid()
    assert "region" in form.errors


def test_the_grid_lies_in_the_enterprise_village(world):
    enterprise = EnterpriseFactory(region=world.regions["other_village"])
    enterprise.grid = world.regions["grid"]
    with pytest.raises(ValidationError) as info:
        enterprise.full_clean()
    assert "grid" in info.value.message_dict


def test_an_enterprise_is_not_its_own_landlord(world):
    enterprise = world.enterprises["inside"]
    enterprise.landlord = enterprise
    with pytest.raises(ValidationError) as info:
        enterprise.full_clean()
    assert "landlord" in info.value.message_dict


def test_pinyin_is_stored_on_save(world):
    enterprise = Enterprise.objects.get(pk=world.enterprises["inside"].pk)
    assert enterprise.name_pinyin == "jiangmenshihengyidadianziyouxiangongsi"
    assert enterprise.name_initials == "jmshyddzyxgs"
    enterprise.name = "一诠科技（中国）有限公司"
    enterprise.save(update_fields=["name"])
    enterprise.refresh_from_db()
    assert enterprise.name_initials == "yqkjzgyxgs"


def test_an_agreement_needs_two_parties_and_a_sensible_term(world):
    from datetime import date

    from anjian.enterprises.models import SafetyAgreement

    tenant = world.enterprises["inside"]
    agreement = SafetyAgreement(
        landlord=tenant, tenant=tenant, signed_on=date(2025, 3, 1), expires_on=date(2024, 1, 1)
    )
    with pytest.raises(ValidationError) as info:
        agreement.full_clean()
    assert {"tenant", "expires_on"} <= set(info.value.message_dict)
