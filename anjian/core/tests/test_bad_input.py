"""Bad input never answers 500 (issue 7, point 6): each case answers 400 / 404 / 409 with a
reason in the user's language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.core.api.routers import router
from anjian.core.models import check_dates, date_range
from anjian.enterprises.models import Enterprise, GradeFrequency
from anjian.training.testing import CertificateFactory, person_in, session_in


@pytest.mark.parametrize("bad", ["abc", "1.5", "-1", "１", "9" * 30])
def test_a_non_integer_id_on_any_api_detail_url_is_a_404(bad, world, login):
    import anjian.urls  # noqa: F401  (registers every app's viewsets on the router)
    from anjian.core.scoping import permission_name

    admin = world.users["admin"]
    client = login(admin)
    answers, wrong = {}, {}
    for prefix, viewset, _basename in router.registry:
        may_view = admin.has_perm(permission_name(viewset.model, "view"))
        for method in (client.get, client.delete):
            code = method(f"/api/{prefix}/{bad}/").status_code
            answers[(prefix, method.__name__)] = code
            # 404 (no such URL, no such record); 403 only for a model the admin may not use.
            if code != 404 and (code != 403 or (method is client.get and may_view)):
                wrong[(prefix, method.__name__)] = code
    assert len(answers) >= 2 * 16
    assert wrong == {}


@pytest.mark.parametrize("year", ["0", "1e9", "-2026", "99999999999999999999", "2026.5"])
def test_a_year_out_of_range_is_refused_not_a_crash(year, world, login):
    session_in(world, world.regions["village"])
    client = login(world.users["regulator"])
    page = client.get(reverse("training:trainingsession_list"), {"year": year})
    assert page.status_code == 200
    assert not page.context["table"].rows
    api = client.get("/api/training/sessions/", {"year": year})
    assert api.status_code == 400
    assert "year" in api.json()


def test_a_year_in_range_still_filters(world, login):
    session = session_in(world, world.regions["village"])
    client = login(world.users["regulator"])
    api = client.get("/api/training/sessions/", {"year": session.held_on.year})
    assert [row["id"] for row in api.json()["results"]] == [session.pk]


@pytest.mark.parametrize("per_page", ["-5", "0", "abc", "1e9", "99999999999999999999"])
def test_per_page_is_parsed_safely(per_page, world, login):
    person_in(world, world.regions["village"])
    client = login(world.users["regulator"])
    for name in ("training:person_list", "enterprises:enterprise_list"):
        assert client.get(reverse(name), {"per_page": per_page}).status_code == 200
    api = client.get("/api/training/people/", {"page_size": per_page})
    assert api.status_code == 200


def test_a_certificate_number_with_a_slash_prints_and_verifies(world, login, client):
    person = person_in(world, world.regions["village"])
    certificate = CertificateFactory(person=person, number="江海安培〔2026〕12/3")
    page = login(world.users["regulator"]).get(
        reverse("training:certificate_print", args=[certificate.pk])
    )
    assert page.status_code == 200
    client.logout()
    url = reverse("training:verify", args=[certificate.number])
    answer = client.get(url)
    assert answer.status_code == 200 and "12/3" in answer.content.decode()
    lookup = client.get(reverse("training:verify_lookup"), {"number": certificate.number})
    assert lookup.status_code == 302 and client.get(lookup["Location"]).status_code == 200
    assert client.get(reverse("training:verify", args=["无此证书/1"])).status_code == 404


def test_last_inspected_on_is_set_by_inspections_only_and_a_bad_stored_date_still_opens(
    world, login
):
    """Issue 11: the last inspection date follows completed inspections; nobody types it, in the
    API either. A far-future date already stored (an old import) still lets the file open."""
    enterprise = world.enterprises["inside"]
    client = login(world.users["admin"])
    url = f"/api/enterprises/{enterprise.pk}/"
    before = enterprise.last_inspected_on
    answer = client.patch(url, {"last_inspected_on": "2024-02-29"}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    enterprise.refresh_from_db()
    assert enterprise.last_inspected_on == before
    type(enterprise).objects.filter(pk=enterprise.pk).update(
        last_inspected_on=datetime.date(9999, 12, 31)
    )
    assert (
        client.get(reverse("enterprises:enterprise_detail", args=[enterprise.pk])).status_code
        == 200
    )
    assert client.get(url).status_code == 200


def test_every_date_lies_within_the_configured_bounds(world, settings):
    settings.ANJIAN_DATE_EARLIEST_YEAR = 1900
    settings.ANJIAN_DATE_YEARS_AHEAD = 30
    person = person_in(world, world.regions["village"])
    certificate = CertificateFactory(person=person)
    today = timezone.localdate()
    earliest, latest = date_range(type(certificate), "expires_on")
    assert earliest == datetime.date(1900, 1, 1)
    assert latest.year == today.year + 30
    for bad in (datetime.date(1899, 12, 31), datetime.date(9999, 12, 31)):
        certificate.expires_on = bad
        with pytest.raises(Exception) as caught:
            certificate.full_clean()
        assert "expires_on" in caught.value.message_dict
    certificate.expires_on = datetime.date(1900, 1, 1)
    check_dates(certificate, ["expires_on"])
    enterprise = Enterprise(last_inspected_on=today)
    check_dates(enterprise, ["last_inspected_on"])


def test_bounds_from_29_february(settings, monkeypatch):
    from anjian.core import models as core_models

    settings.ANJIAN_DATE_YEARS_AHEAD = 1
    monkeypatch.setattr(core_models.timezone, "localdate", lambda: datetime.date(2028, 2, 29))
    assert date_range(Enterprise, "founded_on")[1] == datetime.date(2029, 2, 28)


def test_the_enterprise_form_refuses_a_future_last_inspection(world, login):
    enterprise = world.enterprises["inside"]
    enterprise.last_inspected_on = datetime.date(9999, 12, 31)
    with pytest.raises(Exception) as caught:
        enterprise.full_clean()
    assert "last_inspected_on" in caught.value.message_dict


def test_api_delete_of_a_protected_row_is_a_409_naming_what_refers_to_it(world, login):
    enterprise = world.enterprises["inside"]
    person = person_in(world, world.regions["village"], name="梁永强")
    client = login(world.users["admin"])
    answer = client.delete(f"/api/enterprises/{enterprise.pk}/")
    assert answer.status_code == 409
    body = answer.json()
    assert body["detail"] and any(person.name in reason for reason in body["reasons"])
    assert Enterprise.objects.filter(pk=enterprise.pk).exists()


def test_page_delete_of_a_protected_row_is_a_409_naming_what_refers_to_it(world, login):
    enterprise = world.enterprises["inside"]
    person = person_in(world, world.regions["village"], name="梁永强")
    client = login(world.users["admin"])
    answer = client.post(reverse("enterprises:enterprise_delete", args=[enterprise.pk]))
    assert answer.status_code == 409
    text = answer.content.decode()
    assert person.name in text and "不能删除" in text
    assert Enterprise.objects.filter(pk=enterprise.pk).exists()


def test_a_zero_inspection_interval_is_a_400(world, login):
    frequency = GradeFrequency.objects.first() or GradeFrequency.objects.create(
        grade="A", interval_months=12
    )
    client = login(world.users["admin"])
    field = "interval_months" if hasattr(frequency, "interval_months") else "interval_days"
    answer = client.patch(
        f"/api/grade-frequencies/{frequency.pk}/", {field: 0}, content_type="application/json"
    )
    assert answer.status_code == 400, answer.content
    frequency.refresh_from_db()
    assert getattr(frequency, field) != 0


def test_a_number_filter_past_any_database_integer_is_refused_not_a_server_error(world, login):
    """Found by the API fuzz run: ?hazard=-1e270 overflowed SQLite's integer (500)."""
    client = login(world.users["admin"])
    for value in ("-1.0087240031757373e+270", "9223372036854775808"):
        answer = client.get("/api/hazards/verifications/", {"hazard": value})
        assert answer.status_code == 400, (value, answer.status_code)
    assert client.get("/api/hazards/verifications/", {"hazard": "5"}).status_code == 200
