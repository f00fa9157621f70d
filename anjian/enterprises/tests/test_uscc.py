"""USCC (GB 32100): both check digits, the registration authority and type codes, upper case
before the uniqueness check on the page, in the API and in the model."""

import pytest
from django.core.exceptions import ValidationError

from anjian.enterprises.models import Enterprise
from anjian.enterprises.rules import make_uscc, organisation_code_check, validate_uscc
from anjian.enterprises.testing import EnterpriseFactory, IndustryFactory

# Published codes of real companies (华为技术有限公司, 深圳市腾讯计算机系统有限公司).
REAL = ["914403001922038216", "9144030071526726XG"]


@pytest.mark.parametrize("code", REAL)
def test_real_codes_pass_both_checks(code):
    validate_uscc(code)
    validate_uscc(code.lower())  # compared upper case


def test_the_organisation_code_check_digit_is_checked(english):
    # Right GB 32100 check digit (18th), wrong GB 11714 check (17th): the old demo codes.
    body = "91440704MA4000001"
    assert organisation_code_check(body[8:16]) != body[16]
    from stdnum.cn import uscc

    code = body + uscc.calc_check_digit(body)
    assert uscc.is_valid(code)  # what was checked before
    with pytest.raises(ValidationError) as refused:
        validate_uscc(code)
    assert refused.value.code == "organisation_checksum"


def test_the_18th_check_digit_is_checked():
    code = REAL[0]
    with pytest.raises(ValidationError) as refused:
        validate_uscc(code[:-1] + ("7" if code[-1] != "7" else "8"))
    assert refused.value.code == "checksum"


@pytest.mark.parametrize(
    "authority_type",
    [
        "11",
        "12",
        "13",
        "19",
        "51",
        "52",
        "53",
        "59",
        "91",
        "92",
        "93",
        "N1",
        "N2",
        "N3",
        "N9",
        "Y1",
    ],
)
def test_registration_authorities_and_types_of_gb_32100_are_accepted(authority_type):
    # N2: a village collective economic organisation, often the lessor of a 厂中厂 site.
    validate_uscc(make_uscc(authority_type, "440704", "MA5A7B3C"))


@pytest.mark.parametrize("authority_type", ["94", "99", "B1", "N5", "0A", "Y2"])
def test_unknown_authorities_and_types_are_refused(authority_type):
    with pytest.raises(ValidationError) as refused:
        validate_uscc(make_uscc(authority_type, "440704", "MA5A7B3C"))
    assert refused.value.code == "authority"


def test_letters_outside_the_alphabet_are_refused():
    with pytest.raises(ValidationError) as refused:
        validate_uscc("91440704MA4OOOO1X2")
    assert refused.value.code == "format"


def test_the_model_stores_upper_case_whatever_path_saved_it(world):
    code = make_uscc("N2", "440704", "MA5K8D2E")
    enterprise = EnterpriseFactory(region=world.regions["village"], uscc=code.lower())
    enterprise.refresh_from_db()
    assert enterprise.uscc == code


@pytest.mark.django_db
def test_a_lower_case_uscc_through_the_api_is_the_same_enterprise(world, api_client):
    code = make_uscc("91", "440704", "MA5K8D2E")
    EnterpriseFactory(region=world.regions["village"], uscc=code)
    api_client.force_authenticate(world.users["admin"])
    payload = {
        "name": "江门市重复登记有限公司",
        "uscc": code.lower(),
        "region": world.regions["village"].pk,
        "industry": IndustryFactory().pk,
        "status": "operating",
    }
    response = api_client.post("/api/enterprises/", payload, format="json")
    assert response.status_code == 400, response.data
    assert "uscc" in response.data
    assert Enterprise.objects.filter(uscc__iexact=code).count() == 1
    # a new lower-case code is stored upper case
    other = make_uscc("N2", "440704", "MA5K8D3E")
    created = api_client.post(
        "/api/enterprises/", {**payload, "uscc": other.lower()}, format="json"
    )
    assert created.status_code == 201, created.data
    assert created.data["uscc"] == other
